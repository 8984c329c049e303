import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/pagination";
import { SortTabs, ThreadList } from "~/components/thread-list";
import { listQuerySchema } from "~/forms/thread";
import { homePageFor } from "~/models/site/home-page.server";
import { useSite } from "~/root";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { sort, page } = listQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return json(homePageFor(context.db, sort, page));
}

export default function Home() {
  const { categories, list, unanswered, articles, sort } = useLoaderData<typeof loader>();
  const site = useSite();
  return (
    <div className="stack-lg">
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">{site.brandName} Community</h1>
        <p className="lede">{site.tagline}</p>
        <form action="/search" method="get" className="hero-search" role="search">
          <label htmlFor="hero-q" className="visually-hidden">
            Search for an answer
          </label>
          <input id="hero-q" type="search" name="q" placeholder="Describe your problem, e.g. “my bill is wrong”" />
          <button type="submit" className="button button-primary">
            Find answers
          </button>
        </form>
      </section>

      <section aria-labelledby="categories-title">
        <h2 id="categories-title">Browse by topic</h2>
        {categories.length === 0 ? (
          <p className="empty">No categories yet.</p>
        ) : (
          <ul className="category-grid">
            {categories.map((category) => (
              <li key={category.id} className="category-card">
                <h3>
                  <Link to={`/c/${category.slug}`}>{category.name}</Link>
                </h3>
                <p>{category.description}</p>
                <p className="muted">
                  {category.threadCount} {category.threadCount === 1 ? "question" : "questions"}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <div className="home-columns">
        <section aria-labelledby="latest-title" className="home-main">
          <header className="section-header">
            <h2 id="latest-title">Questions</h2>
            <SortTabs current={sort} />
          </header>
          <ThreadList threads={list.threads} empty="No questions here yet. Ask the first one!" />
          <Pagination page={list.page} pageCount={list.pageCount} />
        </section>
        {unanswered.length || articles.length ? (
          <div className="home-aside stack">
            {articles.length ? (
              <aside aria-labelledby="kb-title" className="card">
                <h2 id="kb-title">From the knowledge base</h2>
                <ul className="compact-list">
                  {articles.map((a) => (
                    <li key={a.id}>
                      <Link to={`/kb/${a.slug}`}>{a.title}</Link>
                    </li>
                  ))}
                </ul>
                <Link to="/kb">All articles →</Link>
              </aside>
            ) : null}
            {unanswered.length ? (
              <aside aria-labelledby="unanswered-title" className="card">
                <h2 id="unanswered-title">Waiting for an answer</h2>
                <ul className="compact-list">
                  {unanswered.map((t) => (
                    <li key={t.id}>
                      <Link to={`/t/${t.id}/${t.slug}`}>{t.title}</Link>
                    </li>
                  ))}
                </ul>
                <Link to="/?sort=unanswered">All unanswered questions →</Link>
              </aside>
            ) : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}
