import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ThreadListSection } from "~/components/thread-list";
import { WatchButton } from "~/components/watch-button";
import { listQuerySchema } from "~/forms/thread";
import { metaT, useT } from "~/i18n/i18n";
import { tagPageFor } from "~/models/forum/tag-page.server";
import { refusedWith } from "~/i18n/message";
import { feedAlternates, feedPaths } from "~/utils/feed-paths";
import { unlessDefault, withPageMeta } from "~/utils/page-meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? withPageMeta(
        matches,
        [
          { title: metaT(matches)("tagPage.title", { tag: data.tag }) },
          { name: "description", content: metaT(matches)("pageMeta.tagDescription", { tag: data.tag }) },
          ...feedAlternates((format) => feedPaths.tag(data.tag, format)),
        ],
        `/tags/${encodeURIComponent(data.tag)}`,
        { sort: unlessDefault(data.sort, "active"), page: unlessDefault(data.list.page, 1) },
      )
    : [{ title: metaT(matches)("tagPage.notFound") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { sort, page } = listQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const data = tagPageFor(context.db, context.user, (params.tag ?? "").toLowerCase(), sort, page);
  if (!data) throw refusedWith(404, "contentServer.lists.noTag");
  return json(data);
}

export default function TagPage() {
  const { tag, tagId, list, sort, signedIn, watchLevel } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="stack-lg">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to="/">{t("pages.community")}</Link> › {t("tagPage.tags")}
        </p>
        <h1>
          {t("tagPage.heading")} <span className="tag tag-large">{tag}</span>
        </h1>
        <WatchButton targetType="tag" targetId={tagId} level={watchLevel} signedIn={signedIn} what={t("tagPage.watchWhat", { tag })} />
      </header>
      <ThreadListSection label={t("tagPage.listLabel", { tag })} list={list} sort={sort} empty={t("tagPage.empty")} />
    </div>
  );
}
