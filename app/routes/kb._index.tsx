import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Pagination } from "~/components/pagination";
import { RelativeTime } from "~/components/relative-time";
import { KB_SORTS, type KbSort } from "~/forms/kb";
import { knowledgeBasePageFor } from "~/models/kb/knowledge-base-page.server";
import { can } from "~/policy";
import { useOptionalUser, useSite } from "~/root";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.category ? `${data.category.name} · Knowledge base` : "Knowledge base" },
  { name: "description", content: "Answers to common questions: official articles and the community's best answers." },
];

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

const SORT_LABELS: Record<KbSort, string> = { helpful: "Most helpful", newest: "Newest" };

/** The list's address with a category and an order; the page starts again at 1. */
function listHref(category: string | null, sort: KbSort) {
  const params = new URLSearchParams();
  if (category) params.set("category", category);
  if (sort !== "helpful") params.set("sort", sort);
  const query = params.toString();
  return query ? `/kb?${query}` : "/kb";
}

export default function KnowledgeBase() {
  const { categories, category, list, sort } = useLoaderData<typeof loader>();
  const site = useSite();
  const manage = can(useOptionalUser(), "kb.manage");
  const published = categories.reduce((sum, c) => sum + c.articles, 0);
  // Categories with nothing to read are left out, unless one is the current filter.
  const browsable = categories.filter((c) => c.articles > 0 || c.slug === category?.slug);

  return (
    <div className="stack-lg">
      <header className="page-header page-header-row">
        <div>
          <p className="breadcrumbs">
            <Link to="/">Community</Link> ›{" "}
            {category ? (
              <>
                <Link to={listHref(null, sort)}>Knowledge base</Link> › {category.name}
              </>
            ) : (
              "Knowledge base"
            )}
          </p>
          <h1>{category ? `${category.name} articles` : "Knowledge base"}</h1>
          <p className="lede">
            Answers to common questions, checked by the {site.brandName} team: official articles and the community's best answers.
          </p>
        </div>
        {manage ? (
          <div className="kb-manage">
            <Link to="/kb/new" className="button button-primary">
              Write an article
            </Link>
            <Link to="/mod/kb">Drafts and review queue</Link>
          </div>
        ) : null}
      </header>

      {browsable.length ? (
        <nav className="tabs kb-categories" aria-label="Browse by category">
          <Link to={listHref(null, sort)} aria-current={category ? undefined : "page"}>
            All <span className="kb-count">{published}</span>
          </Link>
          {browsable.map((c) => (
            <Link key={c.slug} to={listHref(c.slug, sort)} aria-current={c.slug === category?.slug ? "page" : undefined}>
              {c.name} <span className="kb-count">{c.articles}</span>
            </Link>
          ))}
        </nav>
      ) : null}

      <section aria-label={category ? `Articles about ${category.name}` : "Articles"}>
        <header className="section-header">
          <p className="muted">
            {list.total} {list.total === 1 ? "article" : "articles"}
          </p>
          <nav className="sort-tabs" aria-label="Sort articles">
            {KB_SORTS.map((s) => (
              <Link key={s} to={listHref(category?.slug ?? null, s)} aria-current={s === sort ? "page" : undefined} preventScrollReset>
                {SORT_LABELS[s]}
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
                    <strong>{a.helpfulYes}</strong> helpful
                  </span>
                </div>
                <div className="thread-main">
                  <h3 className="thread-title">
                    <Link to={`/kb/${a.slug}`}>{a.title}</Link>
                  </h3>
                  <p className="thread-meta">
                    <Link to={listHref(a.categorySlug, sort)} className="category-link">
                      {a.categoryName}
                    </Link>
                    {" · "}
                    <span className={a.official ? "badge badge-official" : "badge"}>{a.official ? "Official" : "From the community"}</span>
                    {" · "}updated <RelativeTime date={a.updatedAt} />
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
  if (page > 1) {
    return (
      <p className="empty">
        There is nothing on page {page}. <Link to={listHref(category?.slug ?? null, "helpful")}>Go back to the first page</Link>.
      </p>
    );
  }
  if (category && published > 0) {
    return (
      <p className="empty">
        No articles about {category.name} yet. Browse <Link to={`/c/${category.slug}`}>the community's questions about {category.name}</Link>, or{" "}
        <Link to="/kb">see every article</Link>.
      </p>
    );
  }
  return (
    <p className="empty">
      {manage
        ? "No published articles yet. Write one, or promote a good answer from a thread: readers will find it here and in search."
        : `No articles yet: the ${brandName} team turns the community's best answers into articles here. `}
      {manage ? null : (
        <>
          Meanwhile, <Link to="/search">search the community</Link> or <Link to="/ask">ask a question</Link>.
        </>
      )}
    </p>
  );
}
