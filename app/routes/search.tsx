import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { isbot } from "isbot";
import { Pagination } from "~/components/pagination";
import { RelativeTime } from "~/components/relative-time";
import { MarkedText } from "~/components/marked-text";
import { TagList } from "~/components/tag-list";
import { searchParamsSchema } from "~/forms/search";
import { searchPageFor } from "~/models/search/search-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.q ? `“${data.q}” · Search` : "Search" },
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

export default function Search() {
  const { q, filters, categories, results, logId } = useLoaderData<typeof loader>();
  const searching = useNavigation().state === "loading";
  return (
    <div className="stack-lg">
      <header className="page-header">
        <h1>Search</h1>
        <p className="lede">Questions, answers and articles from the whole community.</p>
      </header>
      <Form method="get" className="card search-form" role="search" aria-label="Search the community">
        <div className="search-form-main">
          <label htmlFor="search-q" className="visually-hidden">
            Search for
          </label>
          <input id="search-q" type="search" name="q" defaultValue={q} placeholder="Describe your problem in a few words" maxLength={200} />
          <button type="submit" className="button button-primary">
            Search
          </button>
        </div>
        <fieldset className="search-filters">
          <legend className="visually-hidden">Filters</legend>
          <label>
            Category
            <select name="category" defaultValue={filters.category}>
              <option value="">All categories</option>
              {categories.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Tag
            <input type="text" name="tag" defaultValue={filters.tag} placeholder="any" maxLength={40} />
          </label>
          <label>
            Status
            <select name="status" defaultValue={filters.status}>
              <option value="">Solved or not</option>
              <option value="solved">Solved</option>
              <option value="unsolved">Not solved yet</option>
            </select>
          </label>
          <label>
            Type
            <select name="type" defaultValue={filters.type}>
              <option value="">Everything</option>
              <option value="thread">Questions</option>
              <option value="article">Knowledge base articles</option>
            </select>
          </label>
          <label>
            Order
            <select name="sort" defaultValue={filters.sort}>
              <option value="relevance">Most relevant</option>
              <option value="newest">Newest</option>
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
  return (
    <section className="card stack">
      <h2>{q ? "Try some words" : "What are you looking for?"}</h2>
      <p>
        {q
          ? `“${q}” has no words to search for. Type what your problem is about, for example “router lights” or “bill higher”.`
          : "Type a few words about your problem, like “router lights” or “bill higher”. Unfinished words are completed for you."}
      </p>
      <p>
        Or <Link to="/">browse the topics</Link>.
      </p>
    </section>
  );
}

function Results({ q, results, logId }: { q: string; results: NonNullable<LoaderData["results"]>; logId: number | null }) {
  if (!results.total) {
    return (
      <section className="card stack" aria-labelledby="no-results">
        <h2 id="no-results">No results for “{q}”</h2>
        {results.expanded.length ? <p className="muted">Also looked for: {results.expanded.join(", ")}.</p> : null}
        <ul className="tips-list">
          <li>Check the spelling, or use fewer or more general words.</li>
          <li>Remove a filter.</li>
          <li>Still stuck? The community is here to help.</li>
        </ul>
        <p>
          <Link to={`/ask?title=${encodeURIComponent(q)}`} className="button button-primary">
            Ask the community
          </Link>
        </p>
      </section>
    );
  }
  return (
    <section className="stack" aria-labelledby="results-title">
      <div className="section-header">
        <h2 id="results-title">
          {results.total.toLocaleString("en")} {results.total === 1 ? "result" : "results"} for “{q}”
        </h2>
      </div>
      {results.matched === "any" ? <p className="notice">No result contains every word; these contain some of them.</p> : null}
      {results.expanded.length ? <p className="muted">Also looked for: {results.expanded.join(", ")}.</p> : null}
      <ol className="search-results">
        {results.hits.map((hit) => (
          <li key={`${hit.kind}:${hit.id}`} className="card search-result">
            <p className="search-result-kind">{hit.kind === "thread" ? "Question" : "Article"}</p>
            <h3 className="search-result-title">
              <Link to={resultHref(hit, logId)}>
                <MarkedText parts={hit.title} />
              </Link>
              {hit.solved ? <span className="solved-mark">Solved</span> : null}
            </h3>
            <p className="search-snippet">
              <MarkedText parts={hit.snippet} />
            </p>
            <p className="thread-meta">
              <Link to={`/c/${hit.categorySlug}`} className="category-link">
                {hit.categoryName}
              </Link>
              {" · "}
              {hit.answerCount} {hit.answerCount === 1 ? "answer" : "answers"} · {hit.score} {Math.abs(hit.score) === 1 ? "vote" : "votes"} · asked{" "}
              <RelativeTime date={hit.createdAt} />
            </p>
            <TagList tags={hit.tags} />
          </li>
        ))}
      </ol>
      <Pagination page={results.page} pageCount={results.pageCount} extra={logId ? { log: String(logId) } : undefined} />
    </section>
  );
}
