// Addresses of the forum's pages, shared by the server and the browser bundle
// (so they must not live in a .server module).

export function threadPath(thread: { id: number; slug: string }) {
  return `/t/${thread.id}/${thread.slug}`;
}

export function articlePath(article: { slug: string }) {
  return `/kb/${article.slug}`;
}
