// Addresses of the forum's pages, shared by the server and the browser bundle
// (so they must not live in a .server module).

export function threadPath(thread: { id: number; slug: string }) {
  return `/t/${thread.id}/${thread.slug}`;
}

export function articlePath(article: { slug: string }) {
  return `/kb/${article.slug}`;
}

/**
 * The thread a moderator pasted: "12", "#12", "/t/12/slug" or a whole address
 * of this forum → 12; null when it names none.
 */
export function threadIdFromReference(reference: string): number | null {
  const value = reference.trim();
  let digits: string | undefined = /^#?(\d{1,12})$/.exec(value)?.[1];
  if (!digits) {
    let path: string;
    try {
      path = new URL(value, "http://localhost").pathname;
    } catch {
      return null;
    }
    digits = /^\/t\/(\d{1,12})(?:\/|$)/.exec(path)?.[1];
  }
  const id = Number(digits);
  return digits && Number.isSafeInteger(id) && id > 0 ? id : null;
}
