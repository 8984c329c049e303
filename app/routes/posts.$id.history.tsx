import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RelativeTime } from "~/components/relative-time";
import { getPostHistory } from "~/models/forum/post.server";
import { threadPath } from "~/utils/paths";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `History · ${data.thread.title}` : "History" }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response("No such post.", { status: 404 });
  const { post, thread, versions } = getPostHistory(context.db, context.user, id);
  return json({
    post: { id: post.id, kind: post.kind },
    thread: { id: thread.id, slug: thread.slug, title: thread.title },
    versions,
  });
}

export default function PostHistory() {
  const { post, thread, versions } = useLoaderData<typeof loader>();
  return (
    <div className="page-medium">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to={`${threadPath(thread)}#post-${post.id}`}>{thread.title}</Link> › History
        </p>
        <h1>History of this {post.kind}</h1>
        <p className="lede">
          {versions.length} {versions.length === 1 ? "version" : "versions"}, newest first. Earlier texts are shown as they were written.
        </p>
      </header>
      <ol className="revision-list">
        {versions.map((version, index) => (
          <li key={version.id} className="card revision">
            <header className="revision-meta">
              <strong>{index === versions.length - 1 ? "Original" : `Edit ${versions.length - 1 - index}`}</strong>
              {index === 0 ? <span className="badge">Current</span> : null} by{" "}
              <Link to={`/u/${version.editorUsername}`}>{version.editorDisplayName}</Link>, <RelativeTime date={version.createdAt} />
              {version.reason ? <span className="revision-reason"> — “{version.reason}”</span> : null}
            </header>
            {version.title ? <h2 className="revision-title">{version.title}</h2> : null}
            <pre className="revision-body">{version.body}</pre>
          </li>
        ))}
      </ol>
    </div>
  );
}
