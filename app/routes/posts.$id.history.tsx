import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RelativeTime } from "~/components/relative-time";
import { metaT, useT } from "~/i18n/i18n";
import { refusedWith } from "~/i18n/message";
import { getPostHistory } from "~/models/forum/post.server";
import { threadPath } from "~/utils/paths";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? metaT(matches)("postHistory.titleOf", { title: data.thread.title }) : metaT(matches)("postHistory.title") },
];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw refusedWith(404, "forumServer.notFound.post");
  const { post, thread, versions } = getPostHistory(context.db, context.user, id);
  return json({
    post: { id: post.id, kind: post.kind },
    thread: { id: thread.id, slug: thread.slug, title: thread.title },
    versions,
  });
}

export default function PostHistory() {
  const t = useT();
  const { post, thread, versions } = useLoaderData<typeof loader>();
  const heading = { question: t("postHistory.ofQuestion"), answer: t("postHistory.ofAnswer"), comment: t("postHistory.ofComment") };
  return (
    <div className="page-medium">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to={`${threadPath(thread)}#post-${post.id}`}>{thread.title}</Link> › {t("postHistory.breadcrumb")}
        </p>
        <h1>{heading[post.kind]}</h1>
        <p className="lede">{t("postHistory.versions", { count: versions.length })}</p>
      </header>
      <ol className="revision-list">
        {versions.map((version, index) => (
          <li key={version.id} className="card revision">
            <header className="revision-meta">
              <strong>{index === versions.length - 1 ? t("postHistory.original") : t("postHistory.edit", { number: versions.length - 1 - index })}</strong>
              {index === 0 ? <span className="badge">{t("postHistory.current")}</span> : null} {t("postHistory.by")}{" "}
              <Link to={`/u/${version.editorUsername}`}>{version.editorDisplayName}</Link>, <RelativeTime date={version.createdAt} />
              {version.reason ? <span className="revision-reason"> — {t("postHistory.reason", { reason: version.reason })}</span> : null}
            </header>
            {version.title ? <h2 className="revision-title">{version.title}</h2> : null}
            <pre className="revision-body">{version.body}</pre>
          </li>
        ))}
      </ol>
    </div>
  );
}
