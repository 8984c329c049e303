import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/pagination";
import { SortTabs, ThreadList } from "~/components/thread-list";
import { listQuerySchema } from "~/forms/thread";
import { useT } from "~/i18n/i18n";
import { homePageFor } from "~/models/site/home-page.server";
import { useSite } from "~/root";
import { useCategoryDescription, useCategoryName } from "~/components/brand-words";
import { feedLinks, feedPaths } from "~/utils/feed-paths";
import { rootMeta, unlessDefault, withPageMeta } from "~/utils/page-meta";

// The home page keeps root's title and description (its feed is a link) and adds its canonical address and previews' tags.
export const links: LinksFunction = () => feedLinks(feedPaths.questions);

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? withPageMeta(matches, rootMeta(matches), "/", { sort: unlessDefault(data.sort, "active"), page: unlessDefault(data.list.page, 1) })
    : rootMeta(matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { sort, page } = listQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return json(homePageFor(context.db, sort, page));
}

export default function Home() {
  const { categories, list, unanswered, articles, sort } = useLoaderData<typeof loader>();
  const site = useSite();
  const t = useT();
  const categoryName = useCategoryName();
  const categoryDescription = useCategoryDescription();
  return (
    <div className="stack-lg">
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">{t("home.heading", { brand: site.brandName })}</h1>
        <p className="lede">{site.tagline}</p>
        <form action="/search" method="get" className="hero-search" role="search" aria-label={t("home.searchLabel")}>
          <label htmlFor="hero-q" className="visually-hidden">
            {t("home.searchLabel")}
          </label>
          <input id="hero-q" type="search" name="q" placeholder={t("home.searchPlaceholder")} />
          <button type="submit" className="button button-primary">
            {t("home.findAnswers")}
          </button>
        </form>
      </section>

      <section aria-labelledby="categories-title">
        <h2 id="categories-title">{t("home.browseByTopic")}</h2>
        {categories.length === 0 ? (
          <p className="empty">{t("home.noCategories")}</p>
        ) : (
          <ul className="category-grid">
            {categories.map((category) => (
              <li key={category.id} className="category-card">
                <h3>
                  <Link to={`/c/${category.slug}`}>{categoryName(category.slug, category.name)}</Link>
                </h3>
                <p>{categoryDescription(category.slug, category.description)}</p>
                <p className="muted">{t("threadList.questionCount", { count: category.threadCount })}</p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <div className="home-columns">
        <section aria-labelledby="latest-title" className="home-main">
          <header className="section-header">
            <h2 id="latest-title">{t("home.questions")}</h2>
            <SortTabs current={sort} />
          </header>
          <ThreadList threads={list.threads} empty={t("home.noQuestions")} />
          <Pagination page={list.page} pageCount={list.pageCount} />
        </section>
        {unanswered.length || articles.length ? (
          <div className="home-aside stack">
            {articles.length ? (
              <aside aria-labelledby="kb-title" className="card">
                <h2 id="kb-title">{t("home.fromKnowledgeBase")}</h2>
                <ul className="compact-list">
                  {articles.map((a) => (
                    <li key={a.id}>
                      <Link to={`/kb/${a.slug}`}>{a.title}</Link>
                    </li>
                  ))}
                </ul>
                <Link to="/kb">{t("home.allArticles")}</Link>
              </aside>
            ) : null}
            {unanswered.length ? (
              <aside aria-labelledby="unanswered-title" className="card">
                <h2 id="unanswered-title">{t("home.waitingForAnswer")}</h2>
                <ul className="compact-list">
                  {unanswered.map((thread) => (
                    <li key={thread.id}>
                      <Link to={`/t/${thread.id}/${thread.slug}`}>{thread.title}</Link>
                    </li>
                  ))}
                </ul>
                <Link to="/?sort=unanswered">{t("home.allUnanswered")}</Link>
              </aside>
            ) : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}
