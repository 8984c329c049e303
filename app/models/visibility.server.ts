// What a viewer may see, as SQL: the one place that writes the conditions on
// deleted and hidden threads and posts. Every read of threads and posts
// builds its WHERE from here; the pure answers for one object are
// canSeeThread and canSeePost in policy.ts, and tests/visibility.test.ts
// checks that the two agree.
//
// The rules: deleted threads and posts are for staff; a thread whose question
// a moderator hid (threads.hidden_at mirrors it) and a hidden post are for
// staff and their author; a comment goes with the post it is under.
import { and, eq, gt, gte, inArray, is, isNotNull, isNull, notInArray, or, SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { alias, SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import type { Placeholder } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { accessGrants, announcementComments, announcements, articles, posts, threads, users } from "../../db/schema";
import { isStaff, type Actor } from "../policy";

/**
 * Who is looking, as the conditions need it. A viewer's own values give the
 * plainest SQL (and let SQLite use the partial indexes on live rows); a
 * prepared query takes placeholders instead (see `PREPARED_SIGHT`), so one
 * statement serves every viewer; a query over many people's rows (their
 * notifications) takes each row's person, as a column and a condition.
 */
export type Sight = { staff: boolean | Placeholder | SQL; viewerId: number | Placeholder | SQLiteColumn };

export function sightOf(viewer: Actor): Sight {
  return { staff: isStaff(viewer), viewerId: viewer?.id ?? 0 };
}

/** What everyone sees: a visitor's sight (public pages, profiles, counts, feeds). */
export const PUBLIC_SIGHT: Sight = { staff: false, viewerId: 0 };

/** The sight of a prepared query: pass `sightValues(viewer)` with its other values. */
export const PREPARED_SIGHT: Sight = { staff: sql.placeholder("sightStaff"), viewerId: sql.placeholder("sightViewerId") };

/** The values of PREPARED_SIGHT's placeholders for a viewer. */
export function sightValues(viewer: Actor) {
  return { sightStaff: isStaff(viewer) ? 1 : 0, sightViewerId: viewer?.id ?? 0 };
}

/** A thread's or post's row as the policy's canSeeThread and canSeePost take it. */
export function seenOf(row: { authorId: number; deletedAt: Date | null; hiddenAt: Date | null }) {
  return { authorId: row.authorId, deleted: !!row.deletedAt, hidden: !!row.hiddenAt };
}

/** The condition, except for staff (no condition at all when the sight says staff). */
function unlessStaff(sight: Sight, condition: SQL): SQL | undefined {
  if (sight.staff === true) return undefined;
  if (sight.staff === false) return condition;
  if (is(sight.staff, SQL)) return sql`(${sight.staff} or ${condition})`;
  return sql`(${sight.staff} = 1 or ${condition})`;
}

type ThreadColumns = { deletedAt: SQLiteColumn; hiddenAt: SQLiteColumn; authorId: SQLiteColumn };
type PostColumns = { deletedAt: SQLiteColumn; hiddenAt: SQLiteColumn; authorId: SQLiteColumn };

/** Not deleted, and not hidden unless one's own. */
function liveOrOwn(sight: Sight, row: ThreadColumns | PostColumns): SQL | undefined {
  const own = typeof sight.viewerId === "number" && sight.viewerId === 0 ? undefined : eq(row.authorId, sight.viewerId);
  return unlessStaff(sight, and(isNull(row.deletedAt), own ? or(isNull(row.hiddenAt), own) : isNull(row.hiddenAt))!);
}

/** The threads the viewer may open (on `threads`, or an alias of it). */
export function visibleThreads(sight: Sight, thread: ThreadColumns = threads): SQL | undefined {
  return liveOrOwn(sight, thread);
}

const PARENT = "parent_post";
const parents = alias(posts, PARENT);

/**
 * The posts the viewer may read, on `posts` (or an alias of it) joined with
 * their thread: the thread visible, the post itself, and for a comment the
 * post it is under.
 */
export function visiblePosts(
  sight: Sight,
  post: PostColumns & { parentId: SQLiteColumn } = posts,
  thread: ThreadColumns = threads,
): SQL | undefined {
  const parentSeen = liveOrOwn(sight, parents);
  return and(
    visibleThreads(sight, thread),
    liveOrOwn(sight, post),
    parentSeen ? sql`(${post.parentId} is null or exists (select 1 from ${posts} ${sql.identifier(PARENT)} where ${parents.id} = ${post.parentId} and ${parentSeen}))` : undefined,
  );
}

/** A post as this viewer may read it, judged on the post alone (its thread and parent are the caller's to know). */
export function postSeenBy(sight: Sight, post: PostColumns = posts): SQL | undefined {
  return liveOrOwn(sight, post);
}

/** Not deleted: what a link or a notice pointing at a post needs, whoever reads it. */
export function livePosts(post: PostColumns = posts): SQL {
  return isNull(post.deletedAt);
}

/**
 * Readers' comments under an early-access announcement still shown (not
 * deleted; they are never hidden). Who reads the announcement, and so its
 * comments, is readsEarlyAccess's to say.
 */
export function liveAnnouncementComments(comment: { deletedAt: SQLiteColumn } = announcementComments): SQL {
  return isNull(comment.deletedAt);
}

/**
 * The knowledge-base articles the viewer may read: published ones, and for
 * staff (who manage the knowledge base) drafts and archived ones too. With
 * PUBLIC_SIGHT: what the lists, the index and visitors get.
 */
export function visibleArticles(sight: Sight, article: { status: SQLiteColumn } = articles): SQL | undefined {
  return unlessStaff(sight, eq(article.status, "published"));
}

/**
 * The members who may read early-access announcements, on `users`: those at
 * or above the early-access rank's threshold, those a moderator granted it
 * (a grant in force), and staff. The policy's "earlyAccess.read" answers the
 * same for one reader.
 */
export function readsEarlyAccess(threshold: number): SQL {
  const granted = sql`(select ${accessGrants.userId} from ${accessGrants} where ${accessGrants.revokedAt} is null)`;
  return or(gte(users.reputation, threshold), inArray(users.role, ["moderator", "admin"]), sql`${users.id} in ${granted}`)!;
}

/**
 * The early-access announcements a reader of early access sees at `now`:
 * those not expired, and for staff the expired ones too (marked). Who reads
 * early access at all is the policy's "earlyAccess.read" (readsEarlyAccess
 * above for a whole list of members).
 */
export function visibleEarlyAccess(sight: Sight, now: Date): SQL | undefined {
  return unlessStaff(sight, or(isNull(announcements.expiresAt), gt(announcements.expiresAt, now))!);
}

const dialect = new SQLiteSyncDialect();

/**
 * A condition of the scope as SQL text, for the few statements written in
 * plain SQL for speed (the search index's bulk rebuild): only conditions
 * without values (the public's), so nothing needs binding.
 */
export function conditionText(condition: SQL): string {
  const { sql: text, params } = dialect.sqlToQuery(condition);
  if (params.length) throw new Error("conditionText takes conditions without values (the public's sight).");
  return text;
}

/**
 * A post everyone may read, judged on the post alone (its thread and parent
 * are the caller's to know): neither deleted nor hidden. For rules that
 * count what the public sees, such as the first answer or a thread's answers.
 */
export function postSeenByAll(post: PostColumns = posts): SQL {
  return liveOrOwn(PUBLIC_SIGHT, post)!;
}

// ---------------------------------------------------------------------------
// Lists over many threads (home, categories, tags, counts, the index) use the
// public's sight in a form that keeps their index-only scans: not deleted
// (threads' indexes lead with deleted_at), and not one of the hidden threads,
// left out by id.

/** Not deleted: the first half of a public list's condition. */
export function liveThreads(): SQL {
  return isNull(threads.deletedAt);
}

/**
 * The threads whose question a moderator hid: out of every list and of the
 * index. They are few (a partial index holds just them), so lists leave them
 * out by id rather than probing the question of every thread they count.
 */
export function hiddenQuestionThreadIds(db: DbOrTx): number[] {
  return db
    .select({ id: threads.id })
    .from(threads)
    .where(isNotNull(threads.hiddenAt))
    .all()
    .map((row) => row.id);
}

/** The condition that leaves those threads out; none when there are none. */
export function threadNotHidden(hiddenIds: number[]) {
  return hiddenIds.length ? notInArray(threads.id, hiddenIds) : undefined;
}


/**
 * Accounts that were not deleted: who may sign in, get mail, and stand on a
 * leaderboard. A deleted account's row stays (anonymised) under its posts.
 */
export function liveAccounts(user: { deletedAt: SQLiteColumn } = users): SQL {
  return isNull(user.deletedAt);
}
