import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Pagination } from "~/components/pagination";
import { RelativeTime } from "~/components/relative-time";
import { KB_SORTS, type KbSort } from "~/forms/kb";
import { metaT, useT } from "~/i18n/i18n";
import { knowledgeBasePageFor } from "~/models/kb/knowledge-base-page.server";
import { can } from "~/policy";
import { useOptionalUser, useSite } from "~/root";
import { useCategoryName } from "~/components/brand-words";
import { metaCategoryName } from "~/utils/meta-brand-words";
import { feedAlternates, feedPaths } from "~/utils/feed-paths";
import { unlessDefault, withPageMeta } from "~/utils/page-meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const own = [
    { title: data?.category ? metaT(matches)("kbList.categoryTitle", { name: metaCategoryName(matches, data.category.slug, data.category.name) }) : metaT(matches)("kbList.title") },
    { name: "description", content: metaT(matches)("kbList.description") },
    ...feedAlternates(feedPaths.kb),
  ];
  return data
    ? withPageMeta(matches, own, "/kb", { category: data.category?.slug, sort: unlessDefault(data.sort, "helpful"), page: unlessDefault(data.list.page, 1) })
    : own;
};

// Anything odd in the address falls back to the plain list, never an error.
const kbQuerySchema = z.object({
  sort: z.enum(KB_SORTS).catch("helpful"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  category: z.string().trim().max(100).catch(""),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = kbQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return json(knowledgeBasePageFor(context.db, query));
}

/** The list's address with a category and an order; the page starts again at 1. */
function listHref(category: string | null, sort: KbSort) {
  const params = new URLSearchParams();
  if (category) params.set("category", category);
  if (sort !== "helpful") params.set("sort", sort);
  const query = params.toString();
  return query ? `/kb?${query}` : "/kb";
}

export default function KnowledgeBase() {
  const data = useLoaderData<typeof loader>();
  const { list, sort } = data;
  const site = useSite();
  const t = useT();
  // The categories in the reader's language, when the admins gave them words in it.
  const categoryName = useCategoryName();
  const categories = data.categories.map((c) => ({ ...c, name: categoryName(c.slug, c.name) }));
  const category = data.category ? { ...data.category, name: categoryName(data.category.slug, data.category.name) } : null;
  const sortLabels: Record<KbSort, string> = { helpful: t("kbList.sortHelpful"), newest: t("kbList.sortNewest") };
  const manage = can(useOptionalUser(), "kb.manage");
  const published = categories.reduce((sum, c) => sum + c.articles, 0);
  // Categories with nothing to read are left out, unless one is the current filter.
  const browsable = categories.filter((c) => c.articles > 0 || c.slug === category?.slug);

  return (
    <div className="stack-lg">
      <header className="page-header page-header-row">
        <div>
          <p className="breadcrumbs">
            <Link to="/">{t("pages.community")}</Link> ›{" "}
            {category ? (
              <>
                <Link to={listHref(null, sort)}>{t("kbList.title")}</Link> › {category.name}
              </>
            ) : (
              t("kbList.title")
            )}
          </p>
          <h1>{category ? t("kbList.categoryHeading", { name: category.name }) : t("kbList.title")}</h1>
          <p className="lede">{t("kbList.lede", { brand: site.brandName })}</p>
        </div>
        {manage ? (
          <div className="kb-manage">
            <Link to="/kb/new" className="button button-primary">
              {t("kbList.write")}
            </Link>
            <Link to="/mod/kb">{t("kbList.drafts")}</Link>
          </div>
        ) : null}
      </header>

      {browsable.length ? (
        <nav className="tabs kb-categories" aria-label={t("kbList.browseByCategory")}>
          <Link to={listHref(null, sort)} aria-current={category ? undefined : "page"}>
            {t("kbList.all")} <span className="kb-count">{published}</span>
          </Link>
          {browsable.map((c) => (
            <Link key={c.slug} to={listHref(c.slug, sort)} aria-current={c.slug === category?.slug ? "page" : undefined}>
              {c.name} <span className="kb-count">{c.articles}</span>
            </Link>
          ))}
        </nav>
      ) : null}

      <section aria-label={category ? t("kbList.articlesAbout", { name: category.name }) : t("kbList.articles")}>
        <header className="section-header">
          <p className="muted">{t("kbList.articleCount", { count: list.total })}</p>
          <nav className="sort-tabs" aria-label={t("kbList.sortLabel")}>
            {KB_SORTS.map((s) => (
              <Link key={s} to={listHref(category?.slug ?? null, s)} aria-current={s === sort ? "page" : undefined} preventScrollReset>
                {sortLabels[s]}
              </Link>
            ))}
          </nav>
        </header>
        {list.articles.length ? (
          <ul className="thread-list">
            {list.articles.map((a) => (
              <li key={a.id} className="thread-row">
                <div className="thread-stats">
                  <span className="stat">
                    <strong>{a.helpfulYes}</strong> {t("kbList.helpful", { count: a.helpfulYes })}
                  </span>
                </div>
                <div className="thread-main">
                  <h2 className="thread-title">
                    <Link to={`/kb/${a.slug}`}>{a.title}</Link>
                  </h2>
                  <p className="thread-meta">
                    <Link to={listHref(a.categorySlug, sort)} className="category-link">
                      {categoryName(a.categorySlug, a.categoryName)}
                    </Link>
                    {" · "}
                    <span className={a.official ? "badge badge-official" : "badge"}>{a.official ? t("kbList.official") : t("kbList.fromCommunity")}</span>
                    {" · "}
                    {t("kbList.updated")} <RelativeTime date={a.updatedAt} />
                  </p>
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <EmptyList page={list.page} category={category} published={published} manage={manage} brandName={site.brandName} />
        )}
        <Pagination page={list.page} pageCount={list.pageCount} />
      </section>
    </div>
  );
}

function EmptyList({
  page,
  category,
  published,
  manage,
  brandName,
}: {
  page: number;
  category: { slug: string; name: string } | null;
  published: number;
  manage: boolean;
  brandName: string;
}) {
  const t = useT();
  if (page > 1) {
    return (
      <p className="empty">
        {t("kbList.nothingOnPage", { page })} <Link to={listHref(category?.slug ?? null, "helpful")}>{t("kbList.firstPage")}</Link>
        {t("kbList.firstPageAfter")}
      </p>
    );
  }
  if (category && published > 0) {
    return (
      <p className="empty">
        {t("kbList.noneAbout", { name: category.name })} <Link to={`/c/${category.slug}`}>{t("kbList.questionsAbout", { name: category.name })}</Link>
        {t("kbList.orSee")} <Link to="/kb">{t("kbList.everyArticle")}</Link>
        {t("kbList.everyArticleAfter")}
      </p>
    );
  }
  return (
    <p className="empty">
      {manage ? t("kbList.noneManage") : t("kbList.none", { brand: brandName })}
      {manage ? null : (
        <>
          {" "}
          {t("kbList.meanwhile")} <Link to="/search">{t("kbList.searchLink")}</Link> {t("kbList.or")} <Link to="/ask">{t("kbList.askLink")}</Link>
          {t("kbList.meanwhileAfter")}
        </>
      )}
    </p>
  );
}
