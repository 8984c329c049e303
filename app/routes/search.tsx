import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { isbot } from "isbot";
import { Pagination } from "~/components/pagination";
import { RelativeTime } from "~/components/relative-time";
import { MarkedText } from "~/components/marked-text";
import { TagList } from "~/components/tag-list";
import { searchParamsSchema } from "~/forms/search";
import { metaT, useLanguage, useT } from "~/i18n/i18n";
import { searchPageFor } from "~/models/search/search-page.server";
import { useCategoryName } from "~/components/brand-words";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data?.q ? metaT(matches)("searchPage.queryTitle", { q: data.q }) : metaT(matches)("searchPage.title") },
  { name: "robots", content: "noindex" },
];

// Every first page of a search is logged, and its links carry the log's id:
// never one visitor's page served to another from a cache.
const NOT_STORED = { "Cache-Control": "no-store" };
export const headers: HeadersFunction = () => NOT_STORED;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = searchParamsSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  // Crawlers are not customers: their searches are not logged.
  const person = !isbot(request.headers.get("user-agent") ?? "");
  return json(searchPageFor(context.db, params, { signedIn: !!context.user, person }), { headers: NOT_STORED });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function resultHref(hit: { kind: string; id: number; path: string }, logId: number | null) {
  return logId ? `/search/go?log=${logId}&type=${hit.kind}&id=${hit.id}` : hit.path;
}

/**
 * With JavaScript, a filter applies as soon as it is changed (a select at
 * once, the tag when it is left or Enter is pressed); without, the Search
 * button applies them. The same words with other filters keep the search's
 * log entry: it is one search, refined.
 */
function useFiltersApplyOnChange(q: string, logId: number | null) {
  const form = useRef<HTMLFormElement>(null);
  const submit = useSubmit();
  useEffect(() => {
    const element = form.current;
    if (!element) return;
    // The native change event: a select's choice, or a text field once left (React's onChange fires on every key).
    const onChange = (event: Event) => {
      const target = event.target as HTMLInputElement | HTMLSelectElement;
      if (!(target instanceof HTMLSelectElement) && target.name !== "tag") return;
      const data = new FormData(element);
      if (logId && String(data.get("q") ?? "").trim() === q) data.set("log", String(logId));
      submit(data, { method: "get", action: "/search", preventScrollReset: true });
    };
    element.addEventListener("change", onChange);
    // Says the filters now apply by themselves (the browser tests wait for it).
    element.dataset.appliesOnChange = "";
    return () => {
      element.removeEventListener("change", onChange);
      delete element.dataset.appliesOnChange;
    };
  }, [q, logId, submit]);
  return form;
}

export default function Search() {
  const { q, filters, categories, results, logId } = useLoaderData<typeof loader>();
  const searching = useNavigation().state === "loading";
  const t = useT();
  const form = useFiltersApplyOnChange(q, logId);
  const categoryName = useCategoryName();
  return (
    <div className="stack-lg">
      <header className="page-header">
        <h1>{t("searchPage.title")}</h1>
        <p className="lede">{t("searchPage.lede")}</p>
      </header>
      {/* Its own name: the header's search is another landmark. */}
      <Form method="get" className="card search-form" role="search" aria-label={t("searchPage.formLabel")} ref={form}>
        <div className="search-form-main">
          <label htmlFor="search-q" className="visually-hidden">
            {t("searchPage.searchFor")}
          </label>
          <input id="search-q" type="search" name="q" defaultValue={q} placeholder={t("searchPage.placeholder")} maxLength={200} />
          <button type="submit" className="button button-primary">
            {t("frame.search")}
          </button>
        </div>
        <fieldset className="search-filters">
          <legend className="visually-hidden">{t("searchPage.filters")}</legend>
          <label>
            {t("searchPage.category")}
            <select name="category" defaultValue={filters.category}>
              <option value="">{t("searchPage.allCategories")}</option>
              {categories.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {categoryName(c.slug, c.name)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("searchPage.tag")}
            <input type="text" name="tag" defaultValue={filters.tag} placeholder={t("searchPage.anyTag")} maxLength={40} />
          </label>
          <label>
            {t("searchPage.status")}
            <select name="status" defaultValue={filters.status}>
              <option value="">{t("searchPage.solvedOrNot")}</option>
              <option value="solved">{t("searchPage.solved")}</option>
              <option value="unsolved">{t("searchPage.notSolved")}</option>
            </select>
          </label>
          <label>
            {t("searchPage.type")}
            <select name="type" defaultValue={filters.type}>
              <option value="">{t("searchPage.everything")}</option>
              <option value="thread">{t("searchPage.questions")}</option>
              <option value="article">{t("searchPage.articles")}</option>
            </select>
          </label>
          <label>
            {t("searchPage.order")}
            <select name="sort" defaultValue={filters.sort}>
              <option value="relevance">{t("searchPage.relevance")}</option>
              <option value="newest">{t("searchPage.newest")}</option>
            </select>
          </label>
        </fieldset>
      </Form>
      <div aria-live="polite" aria-busy={searching}>
        {results ? <Results q={q} results={results} logId={logId} /> : <SearchTips q={q} />}
      </div>
    </div>
  );
}

function SearchTips({ q }: { q: string }) {
  const t = useT();
  return (
    <section className="card stack">
      <h2>{q ? t("searchPage.tryWords") : t("searchPage.whatLookingFor")}</h2>
      <p>{q ? t("searchPage.noWords", { q }) : t("searchPage.typeWords")}</p>
      <p>
        {t("searchPage.or")} <Link to="/">{t("searchPage.browseTopics")}</Link>
        {t("searchPage.browseTopicsAfter")}
      </p>
    </section>
  );
}

/** "Did you mean …?": a query spelt with the community's own words that finds something. */
function DidYouMean({ suggestion }: { suggestion: string | null }) {
  const t = useT();
  if (!suggestion) return null;
  return (
    <p className="notice">
      {t("searchPage.didYouMean")} <Link to={`/search?q=${encodeURIComponent(suggestion)}`}>{suggestion}</Link>
      {t("searchPage.didYouMeanAfter")}
    </p>
  );
}

function Results({ q, results, logId }: { q: string; results: NonNullable<LoaderData["results"]>; logId: number | null }) {
  const t = useT();
  const categoryName = useCategoryName();
  const language = useLanguage();
  if (!results.total) {
    return (
      <section className="card stack" aria-labelledby="no-results">
        <h2 id="no-results">{t("searchPage.noResults", { q })}</h2>
        <DidYouMean suggestion={results.suggestion} />
        {results.expanded.length ? <p className="muted">{t("searchPage.alsoLookedFor", { words: results.expanded.join(", ") })}</p> : null}
        <ul className="tips-list">
          <li>{t("searchPage.tipSpelling")}</li>
          <li>{t("searchPage.tipFilter")}</li>
          <li>{t("searchPage.tipStuck")}</li>
        </ul>
        <p>
          <Link to={`/ask?title=${encodeURIComponent(q)}`} className="button button-primary">
            {t("searchPage.askCommunity")}
          </Link>
        </p>
      </section>
    );
  }
  return (
    <section className="stack" aria-labelledby="results-title">
      <div className="section-header">
        <h2 id="results-title">
          {t("searchPage.resultsFor", { count: results.total, n: results.total.toLocaleString(language), q: results.corrected ?? q })}
        </h2>
      </div>
      {results.corrected ? (
        <p className="notice">
          {t("searchPage.showingFor")} <strong>{results.corrected}</strong>
          {t("searchPage.showingForAfter", { q })}
        </p>
      ) : null}
      <DidYouMean suggestion={results.suggestion} />
      {results.matched === "any" ? <p className="notice">{t("searchPage.someWords")}</p> : null}
      {results.expanded.length ? <p className="muted">{t("searchPage.alsoLookedFor", { words: results.expanded.join(", ") })}</p> : null}
      <ol className="search-results">
        {results.hits.map((hit) => (
          <li key={`${hit.kind}:${hit.id}`} className="card search-result">
            <p className="search-result-kind">{hit.kind === "thread" ? t("searchPage.question") : t("searchPage.article")}</p>
            <h3 className="search-result-title">
              <Link to={resultHref(hit, logId)}>
                <MarkedText parts={hit.title} />
              </Link>
              {hit.solved ? <span className="solved-mark">{t("threadList.solved")}</span> : null}
            </h3>
            <p className="search-snippet">
              <MarkedText parts={hit.snippet} />
            </p>
            <p className="thread-meta">
              <Link to={`/c/${hit.categorySlug}`} className="category-link">
                {categoryName(hit.categorySlug, hit.categoryName)}
              </Link>
              {" · "}
              {hit.kind === "article" ? (
                // An article has no answers or votes: how many found it helpful, and when it was last updated.
                <>
                  {t("searchPage.foundHelpful", { count: hit.helpful, n: hit.helpful.toLocaleString(language) })} · {t("searchPage.updated")}{" "}
                  <RelativeTime date={hit.createdAt} />
                </>
              ) : (
                <>
                  {hit.answerCount} {t("threadList.answers", { count: hit.answerCount })} · {hit.score} {t("threadList.votes", { count: hit.score })} ·{" "}
                  {t("searchPage.asked")} <RelativeTime date={hit.createdAt} />
                </>
              )}
            </p>
            <TagList tags={hit.tags} />
          </li>
        ))}
      </ol>
      <Pagination page={results.page} pageCount={results.pageCount} extra={logId ? { log: String(logId) } : undefined} />
    </section>
  );
}
