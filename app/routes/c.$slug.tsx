import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ThreadListSection } from "~/components/thread-list";
import { WatchButton } from "~/components/watch-button";
import { listQuerySchema } from "~/forms/thread";
import { metaT, useT } from "~/i18n/i18n";
import { categoryPageFor } from "~/models/forum/category-page.server";
import { refusedWith } from "~/i18n/message";
import { useCategoryDescription, useCategoryName } from "~/components/brand-words";
import { metaCategoryName } from "~/utils/meta-brand-words";
import { feedAlternates, feedPaths } from "~/utils/feed-paths";
import { unlessDefault, withPageMeta } from "~/utils/page-meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const own = [
    { title: data ? metaT(matches)("categoryPage.title", { name: metaCategoryName(matches, data.category.slug, data.category.name) }) : metaT(matches)("categoryPage.notFound") },
    { name: "description", content: data?.category.description ?? "" },
    ...(data ? feedAlternates((format) => feedPaths.category(data.category.slug, format)) : []),
  ];
  return data
    ? withPageMeta(matches, own, `/c/${encodeURIComponent(data.category.slug)}`, { sort: unlessDefault(data.sort, "active"), page: unlessDefault(data.list.page, 1) })
    : own;
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { sort, page } = listQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const data = categoryPageFor(context.db, context.user, params.slug ?? "", sort, page);
  if (!data) throw refusedWith(404, "contentServer.lists.noCategory");
  return json(data);
}

export default function CategoryPage() {
  const data = useLoaderData<typeof loader>();
  const { list, sort, signedIn, watchLevel } = data;
  const t = useT();
  // The category in the reader's language, when the admins gave it words in it.
  const category = { ...data.category, name: useCategoryName()(data.category.slug, data.category.name), description: useCategoryDescription()(data.category.slug, data.category.description) };
  return (
    <div className="stack-lg">
      <header className="page-header page-header-row">
        <div>
          <p className="breadcrumbs">
            <Link to="/">{t("pages.community")}</Link> › {category.name}
          </p>
          <h1>{category.name}</h1>
          <p className="lede">{category.description}</p>
          <WatchButton targetType="category" targetId={category.id} level={watchLevel} signedIn={signedIn} what={category.name} />
        </div>
        <Link to={`/ask?category=${category.slug}`} className="button button-primary">
          {t("categoryPage.askIn", { name: category.name })}
        </Link>
      </header>
      <ThreadListSection
        label={t("categoryPage.listLabel", { name: category.name })}
        list={list}
        sort={sort}
        showCategory={false}
        empty={t("categoryPage.empty", { name: category.name })}
      />
    </div>
  );
}
