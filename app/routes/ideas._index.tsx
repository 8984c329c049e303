// /ideas: the product ideas, by votes, trending or newest, filtered by status,
// each with its Vote button (a plain form: works without JavaScript).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { IDEA_STATUSES, type IdeaStatus } from "../../db/enums";
import { FormAlert } from "~/components/field";
import { IdeaVoteForm } from "~/components/idea-panel";
import { IdeaStatusBadge } from "~/components/idea-status";
import { Pagination } from "~/components/pagination";
import { RelativeTime } from "~/components/relative-time";
import { useCategoryDescription, useCategoryName } from "~/components/brand-words";
import { parseIdeasQuery } from "~/forms/ideas.server";
import { metaT, useT } from "~/i18n/i18n";
import { translateMessage } from "~/i18n/messages.server";
import { ideasPageFor, IDEA_SORTS, type IdeaSort } from "~/models/ideas/ideas-page.server";

export const meta: MetaFunction<typeof loader> = ({ matches }) => [
  { title: metaT(matches)("ideas.page.title") },
  { name: "description", content: metaT(matches)("ideas.page.description") },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = parseIdeasQuery(new URL(request.url).searchParams);
  const page = ideasPageFor(context.db, context.user, query);
  return json({
    ...page,
    sorts: IDEA_SORTS,
    statusError: query.unknownStatus ? translateMessage(context.language, "ideas.server.unknownStatusFilter", { status: query.unknownStatus }) : null,
  });
}

/** The list's address with an order and a status; the page starts again at 1. */
function listHref(sort: IdeaSort, status: IdeaStatus | null) {
  const params = new URLSearchParams();
  if (sort !== "votes") params.set("sort", sort);
  if (status) params.set("status", status);
  const query = params.toString();
  return query ? `/ideas?${query}` : "/ideas";
}

export default function IdeasPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  const categoryName = useCategoryName();
  const categoryDescription = useCategoryDescription();

  if (!data.category) {
    return (
      <div className="page-medium stack-lg">
        <header className="page-header">
          <h1>{t("ideas.page.title")}</h1>
        </header>
        <div className="notice stack">
          <p>{t("ideas.page.noCategory")}</p>
          {data.staff ? <p>{t("ideas.page.noCategoryStaff")}</p> : null}
        </div>
      </div>
    );
  }

  const { sort, status, ideas } = data;
  const here = `${location.pathname}${location.search}`;
  const sortLabels: Record<IdeaSort, string> = { votes: t("ideas.page.sortVotes"), trending: t("ideas.page.sortTrending"), newest: t("ideas.page.sortNewest") };
  const name = categoryName(data.category.slug, data.category.name);
  return (
    <div className="stack-lg">
      <header className="page-header page-header-row">
        <div>
          <p className="breadcrumbs">
            <Link to="/">{t("pages.community")}</Link> › {t("ideas.page.title")}
          </p>
          <h1>{t("ideas.page.title")}</h1>
          <p className="lede">{categoryDescription(data.category.slug, data.category.description) || t("ideas.page.lede")}</p>
          <p>
            <Link to={`/c/${data.category.slug}`}>{t("ideas.page.inCategory", { name })}</Link>
          </p>
        </div>
        <Link to="/ideas/new" className="button button-primary">
          {t("ideas.page.propose")}
        </Link>
      </header>
      <FormAlert message={data.statusError ?? undefined} />
      <section aria-label={t("ideas.page.listLabel")}>
        <header className="section-header">
          <p className="muted">{t("ideas.page.count", { count: data.total })}</p>
          <nav className="sort-tabs" aria-label={t("ideas.page.sortLabel")}>
            {data.sorts.map((s) => (
              <Link key={s} to={listHref(s, status)} aria-current={s === sort ? "page" : undefined} preventScrollReset>
                {sortLabels[s]}
              </Link>
            ))}
          </nav>
        </header>
        <Form method="get" action="/ideas" className="filter-bar ideas-filter">
          {sort !== "votes" ? <input type="hidden" name="sort" value={sort} /> : null}
          <div className="field">
            <label htmlFor="ideas-status">{t("ideas.page.statusFilter")}</label>
            <select id="ideas-status" name="status" defaultValue={status ?? ""}>
              <option value="">{t("ideas.page.allStatuses")}</option>
              {IDEA_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`ideas.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            {t("ideas.page.filter")}
          </button>
        </Form>
        {ideas.length ? (
          <ul className="thread-list">
            {ideas.map((idea) => (
              <li key={idea.id} id={`idea-${idea.id}`} className="thread-row idea-row">
                <div className="thread-stats">
                  <span className="stat">
                    <strong>{idea.votes}</strong> {t("ideas.votes", { count: idea.votes })}
                  </span>
                  <span className="stat">
                    <strong>{idea.answerCount}</strong> {t("ideas.replies", { count: idea.answerCount })}
                  </span>
                </div>
                <div className="thread-main">
                  <h2 className="thread-title">
                    <Link to={`/t/${idea.id}/${idea.slug}`}>{idea.title}</Link>
                  </h2>
                  <p className="thread-meta">
                    <IdeaStatusBadge status={idea.status} /> · {t("ideas.page.proposed")} <RelativeTime date={idea.createdAt} />
                    {sort === "trending" ? <> · {t("ideas.page.recentVotes", { count: idea.recentVotes })}</> : null}
                  </p>
                </div>
                <div className="idea-row-vote">
                  {idea.status === "done" || idea.status === "declined" ? (
                    <p className="muted">{idea.voted ? t("ideas.page.votedClosed") : t("ideas.page.votingClosed")}</p>
                  ) : idea.canVote || !data.signedIn ? (
                    <IdeaVoteForm threadId={idea.id} voted={idea.voted} redirectTo={`${here}#idea-${idea.id}`} title={idea.title} />
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{status ? t("ideas.page.emptyStatus", { status: t(`ideas.status.${status}`) }) : t("ideas.page.empty")}</p>
        )}
        <Pagination page={data.page} pageCount={data.pageCount} />
      </section>
    </div>
  );
}
