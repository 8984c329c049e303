import { Link, useLocation } from "@remix-run/react";
import type { ThreadSort } from "~/forms/thread";
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

export function ThreadList({ threads, empty, showCategory = true }: { threads: ThreadRow[]; empty: string; showCategory?: boolean }) {
  if (!threads.length) return <p className="empty">{empty}</p>;
  return (
    <ul className="thread-list">
      {threads.map((t) => (
        <li key={t.id} className={`thread-row${t.pinned ? " is-pinned" : ""}`}>
          <div className="thread-stats" aria-hidden="false">
            <span className="stat">
              <strong>{t.score}</strong> {Math.abs(t.score) === 1 ? "vote" : "votes"}
            </span>
            <span className={`stat${t.solved ? " stat-solved" : ""}`}>
              <strong>{t.answerCount}</strong> {t.answerCount === 1 ? "answer" : "answers"}
            </span>
          </div>
          <div className="thread-main">
            <h3 className="thread-title">
              {t.pinned ? <span className="badge badge-pinned">Pinned</span> : null}
              <Link to={`/t/${t.id}/${t.slug}`}>{t.title}</Link>
              {t.solved ? <span className="solved-mark">Solved</span> : null}
            </h3>
            <p className="thread-meta">
              {showCategory ? (
                <>
                  <Link to={`/c/${t.categorySlug}`} className="category-link">
                    {t.categoryName}
                  </Link>
                  {" · "}
                </>
              ) : null}
              asked by <UserLink username={t.authorUsername} displayName={t.authorDisplayName} role={t.authorRole} reputation={t.authorReputation} /> · active{" "}
              <RelativeTime date={t.lastActivityAt} />
            </p>
            <TagList tags={t.tags} />
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
  return (
    <section aria-label={label}>
      <header className="section-header">
        <p className="muted">
          {list.total} {list.total === 1 ? "question" : "questions"}
        </p>
        <SortTabs current={sort} />
      </header>
      <ThreadList threads={list.threads} showCategory={showCategory} empty={empty} />
      <Pagination page={list.page} pageCount={list.pageCount} />
    </section>
  );
}

const SORT_LABELS: Record<ThreadSort, string> = {
  active: "Active",
  newest: "Newest",
  top: "Top",
  unanswered: "Unanswered",
  unsolved: "Unsolved",
};

/** Links to the same list in another order; the page number starts again at 1. */
export function SortTabs({ current }: { current: ThreadSort }) {
  const { pathname } = useLocation();
  return (
    <nav className="sort-tabs" aria-label="Sort questions">
      {(Object.keys(SORT_LABELS) as ThreadSort[]).map((sort) => (
        <Link key={sort} to={`${pathname}?sort=${sort}`} aria-current={sort === current ? "page" : undefined} preventScrollReset>
          {SORT_LABELS[sort]}
        </Link>
      ))}
    </nav>
  );
}
