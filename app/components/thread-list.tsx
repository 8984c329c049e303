import { Link, useLocation } from "@remix-run/react";
import type { ThreadSort } from "~/forms/thread";
import { useT } from "~/i18n/i18n";
import { Pagination } from "./pagination";
import { RelativeTime } from "./relative-time";
import { TagList } from "./tag-list";
import { UserLink } from "./user-link";

export type ThreadRow = {
  id: number;
  title: string;
  slug: string;
  score: number;
  answerCount: number;
  viewCount: number;
  solved: boolean;
  createdAt: string;
  lastActivityAt: string;
  categorySlug: string;
  categoryName: string;
  authorUsername: string;
  authorDisplayName: string;
  authorReputation: number;
  authorRole: "member" | "moderator" | "admin";
  tags: string[];
  /** Pinned by a moderator on top of this list. */
  pinned?: boolean;
};

/**
 * `headingLevel`: the rows' titles are headings one level below the list's
 * own heading (h3 under a section's h2; h2 straight under the page's h1).
 */
export function ThreadList({
  threads,
  empty,
  showCategory = true,
  headingLevel = 3,
}: {
  threads: ThreadRow[];
  empty: string;
  showCategory?: boolean;
  headingLevel?: 2 | 3;
}) {
  const t = useT();
  const Title = headingLevel === 2 ? "h2" : "h3";
  if (!threads.length) return <p className="empty">{empty}</p>;
  return (
    <ul className="thread-list">
      {threads.map((thread) => (
        <li key={thread.id} className={`thread-row${thread.pinned ? " is-pinned" : ""}`}>
          <div className="thread-stats" aria-hidden="false">
            <span className="stat">
              <strong>{thread.score}</strong> {t("threadList.votes", { count: thread.score })}
            </span>
            <span className={`stat${thread.solved ? " stat-solved" : ""}`}>
              <strong>{thread.answerCount}</strong> {t("threadList.answers", { count: thread.answerCount })}
            </span>
          </div>
          <div className="thread-main">
            <Title className="thread-title">
              {thread.pinned ? <span className="badge badge-pinned">{t("threadList.pinned")}</span> : null}
              <Link to={`/t/${thread.id}/${thread.slug}`}>{thread.title}</Link>
              {thread.solved ? <span className="solved-mark">{t("threadList.solved")}</span> : null}
            </Title>
            <p className="thread-meta">
              {showCategory ? (
                <>
                  <Link to={`/c/${thread.categorySlug}`} className="category-link">
                    {thread.categoryName}
                  </Link>
                  {" · "}
                </>
              ) : null}
              {t("threadList.askedBy")}{" "}
              <UserLink username={thread.authorUsername} displayName={thread.authorDisplayName} role={thread.authorRole} reputation={thread.authorReputation} /> ·{" "}
              {t("threadList.active")} <RelativeTime date={thread.lastActivityAt} />
            </p>
            <TagList tags={thread.tags} />
          </div>
        </li>
      ))}
    </ul>
  );
}

/** A list page's body: the count, the sort tabs, the threads and the pages. */
export function ThreadListSection({
  label,
  list,
  sort,
  empty,
  showCategory,
}: {
  label: string;
  list: { threads: ThreadRow[]; total: number; page: number; pageCount: number };
  sort: ThreadSort;
  empty: string;
  showCategory?: boolean;
}) {
  const t = useT();
  return (
    <section aria-label={label}>
      <header className="section-header">
        <p className="muted">{t("threadList.questionCount", { count: list.total })}</p>
        <SortTabs current={sort} />
      </header>
      {/* The section has no heading of its own: its rows come straight under the page's h1. */}
      <ThreadList threads={list.threads} showCategory={showCategory} empty={empty} headingLevel={2} />
      <Pagination page={list.page} pageCount={list.pageCount} />
    </section>
  );
}

/** Links to the same list in another order; the page number starts again at 1. */
export function SortTabs({ current }: { current: ThreadSort }) {
  const { pathname } = useLocation();
  const t = useT();
  const labels: Record<ThreadSort, string> = {
    active: t("threadList.sortActive"),
    newest: t("threadList.sortNewest"),
    top: t("threadList.sortTop"),
    unanswered: t("threadList.sortUnanswered"),
    unsolved: t("threadList.sortUnsolved"),
  };
  return (
    <nav className="sort-tabs" aria-label={t("threadList.sortLabel")}>
      {(Object.keys(labels) as ThreadSort[]).map((sort) => (
        <Link key={sort} to={`${pathname}?sort=${sort}`} aria-current={sort === current ? "page" : undefined} preventScrollReset>
          {labels[sort]}
        </Link>
      ))}
    </nav>
  );
}
