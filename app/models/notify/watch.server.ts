// Watching: a user watches a thread, a category or a tag, or mutes a thread.
// Askers and answerers watch their threads automatically. The fan-out helpers
// below compute who hears of a new question, answer or comment in a couple of
// queries, and notify them inside the transaction of the post that caused it:
// each person once per post (a mention before a comment before "watching"),
// and nobody who muted the thread.
import { and, asc, desc, eq, inArray, ne, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { WATCHES_LISTED } from "../../forms/watch";
import type { Db, DbOrTx } from "../../../db/client";
import { preparedQuery } from "../../../db/prepared";
import { categories, posts, tags, threads, users, watches, type WatchTarget } from "../../../db/schema";
import { seenOf } from "../visibility.server";
import { can, canSeeThread, type Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { refusedWith } from "../../i18n/message";
import { threadPath } from "../../utils/paths";
import type { NotificationKind } from "../../utils/notification-text";
import { notify } from "./notification.server";

export type WatchLevel = "watching" | "muted" | "none";
export type WatchChange = { targetType: WatchTarget; targetId: number; level: WatchLevel };

const MISSING: Record<WatchTarget, string> = {
  thread: "forumServer.watch.noThread",
  category: "forumServer.watch.noCategory",
  tag: "forumServer.watch.noTag",
};

/** What is watched, in words and as a link; a 404 for what the actor may not see. */
function findTarget(db: DbOrTx, viewer: Actor, targetType: WatchTarget, targetId: number): { label: string; path: string } {
  const missing = () => refusedWith(404, MISSING[targetType]);
  switch (targetType) {
    case "thread": {
      const thread = db.select().from(threads).where(eq(threads.id, targetId)).get();
      // A thread whose question a moderator hid is its asker's and staff's alone:
      // not even its address (which carries the title) goes to anyone else.
      if (!thread || !canSeeThread(viewer, seenOf(thread))) throw missing();
      return { label: thread.title, path: threadPath(thread) };
    }
    case "category": {
      const category = db.select().from(categories).where(eq(categories.id, targetId)).get();
      if (!category) throw missing();
      return { label: category.name, path: `/c/${category.slug}` };
    }
    case "tag": {
      const tag = db.select().from(tags).where(eq(tags.id, targetId)).get();
      if (!tag) throw missing();
      return { label: tag.name, path: `/tags/${encodeURIComponent(tag.name)}` };
    }
  }
}

/** Watch, mute (threads only) or forget a target, for the actor alone. Returns where the target lives. */
export function setWatch(db: Db, actor: Actor, change: WatchChange, now = new Date()) {
  assertCan(actor, "watch", { level: change.level });
  if (change.level === "muted" && change.targetType !== "thread") {
    throw refusedWith(400, "forumServer.watch.muteThreadOnlyStop");
  }
  const target = findTarget(db, actor, change.targetType, change.targetId);
  const key = and(eq(watches.userId, actor!.id), eq(watches.targetType, change.targetType), eq(watches.targetId, change.targetId));
  db.transaction((tx) => {
    if (change.level === "none") {
      tx.delete(watches).where(key).run();
      return;
    }
    tx.insert(watches)
      .values({ userId: actor!.id, targetType: change.targetType, targetId: change.targetId, level: change.level, createdAt: now })
      .onConflictDoUpdate({ target: [watches.userId, watches.targetType, watches.targetId], set: { level: change.level } })
      .run();
  });
  return target;
}

/** The viewer's level for one target ("none" for visitors). */
const selectWatchLevel = preparedQuery((db) =>
  db
    .select({ level: watches.level })
    .from(watches)
    .where(
      and(
        eq(watches.userId, sql.placeholder("userId")),
        eq(watches.targetType, sql.placeholder("targetType")),
        eq(watches.targetId, sql.placeholder("targetId")),
      ),
    )
    .prepare(),
);

export function watchLevel(db: DbOrTx, viewer: Actor, targetType: WatchTarget, targetId: number): WatchLevel {
  if (!viewer) return "none";
  const row = selectWatchLevel(db).get({ userId: viewer.id, targetType, targetId });
  return row?.level ?? "none";
}

/** Everything the user watches or muted, with names and links, in one query (threads they can no longer see left out). */
export function listWatches(db: Db, actor: NonNullable<Actor>) {
  const seesDeleted = can(actor, "post.viewDeleted");
  const rows = db
    .select({
      targetType: watches.targetType,
      targetId: watches.targetId,
      level: watches.level,
      threadTitle: threads.title,
      threadSlug: threads.slug,
      threadDeletedAt: threads.deletedAt,
      threadHiddenAt: threads.hiddenAt,
      categoryName: categories.name,
      categorySlug: categories.slug,
      tagName: tags.name,
    })
    .from(watches)
    .leftJoin(threads, and(eq(watches.targetType, "thread"), eq(threads.id, watches.targetId)))
    .leftJoin(categories, and(eq(watches.targetType, "category"), eq(categories.id, watches.targetId)))
    .leftJoin(tags, and(eq(watches.targetType, "tag"), eq(tags.id, watches.targetId)))
    .where(eq(watches.userId, actor.id))
    .orderBy(sql`case ${watches.targetType} when 'category' then 0 when 'tag' then 1 else 2 end`, asc(watches.level), desc(watches.createdAt))
    .limit(WATCHES_LISTED)
    .all();
  const list: { targetType: WatchTarget; targetId: number; level: "watching" | "muted"; label: string; path: string }[] = [];
  for (const row of rows) {
    const base = { targetType: row.targetType, targetId: row.targetId, level: row.level };
    if (row.targetType === "thread" && row.threadTitle !== null && ((!row.threadDeletedAt && !row.threadHiddenAt) || seesDeleted)) {
      list.push({ ...base, label: row.threadTitle, path: threadPath({ id: row.targetId, slug: row.threadSlug! }) });
    } else if (row.targetType === "category" && row.categoryName !== null) {
      list.push({ ...base, label: row.categoryName, path: `/c/${row.categorySlug}` });
    } else if (row.targetType === "tag" && row.tagName !== null) {
      list.push({ ...base, label: row.tagName, path: `/tags/${encodeURIComponent(row.tagName)}` });
    }
  }
  return list;
}

const insertThreadWatch = preparedQuery((db) =>
  db
    .insert(watches)
    .values({ userId: sql.placeholder("userId"), targetType: "thread", targetId: sql.placeholder("threadId"), level: "watching", createdAt: sql.placeholder("now") })
    .onConflictDoNothing()
    .prepare(),
);

/** The asker or an answerer starts watching the thread, unless they already watch or muted it. */
export function autoWatchThread(tx: DbOrTx, userId: number, threadId: number, now: Date) {
  insertThreadWatch(tx).run({ userId, threadId, now });
}

// ---------------------------------------------------------------------------
// Fan-out, inside the transaction of the post.

const selectThreadWatchers = preparedQuery((db) =>
  db
    .select({ userId: watches.userId, level: watches.level })
    .from(watches)
    .where(and(eq(watches.targetType, "thread"), eq(watches.targetId, sql.placeholder("threadId"))))
    .prepare(),
);

/** Who watches and who muted a thread, in one query. */
function threadWatchers(tx: DbOrTx, threadId: number) {
  const rows = selectThreadWatchers(tx).all({ threadId });
  return {
    watching: rows.filter((r) => r.level === "watching").map((r) => r.userId),
    muted: new Set(rows.filter((r) => r.level === "muted").map((r) => r.userId)),
  };
}

/** The ids of the users a post @mentions (knownUsersIn's lower-cased names), in one query. */
function mentionedUserIds(tx: DbOrTx, knownUsers: Map<string, string>): number[] {
  if (!knownUsers.size) return [];
  return tx
    .select({ id: users.id })
    .from(users)
    .where(inArray(sql`lower(${users.username})`, [...knownUsers.keys()]))
    .all()
    .map((r) => r.id);
}

/** The watchers of a category or any of the tags, in one query. */
function categoryAndTagWatchers(tx: DbOrTx, categoryId: number, tagIds: number[]): number[] {
  const targets = [and(eq(watches.targetType, "category"), eq(watches.targetId, categoryId))];
  if (tagIds.length) targets.push(and(eq(watches.targetType, "tag"), inArray(watches.targetId, tagIds)));
  return tx
    .selectDistinct({ userId: watches.userId })
    .from(watches)
    .where(and(eq(watches.level, "watching"), or(...targets)))
    .all()
    .map((r) => r.userId);
}

type PostEvent = { threadId: number; postId: number; actorId: number; now: Date };

/** Keeps, of some users, those who may read the new post; everyone, when nothing about it is hidden. */
type ReaderFilter = (ids: number[]) => number[];
const EVERYONE: ReaderFilter = (ids) => ids;

const parents = alias(posts, "parents");

/**
 * Who may read a new post, when not everyone may: in a thread whose question
 * a moderator hid, its asker; under a hidden post (a comment on it), that
 * post's author; staff always. Nobody else hears of it, so a notification or
 * an email never carries a hidden thread's title. Two queries at most.
 */
const selectThreadAsker = preparedQuery((db) =>
  db.select({ authorId: threads.authorId, hiddenAt: threads.hiddenAt }).from(threads).where(eq(threads.id, sql.placeholder("threadId"))).prepare(),
);

function readersOf(tx: DbOrTx, event: PostEvent, withParent: boolean): ReaderFilter {
  const thread = selectThreadAsker(tx).get({ threadId: event.threadId });
  const parent = withParent
    ? tx
        .select({ authorId: parents.authorId, hiddenAt: parents.hiddenAt })
        .from(posts)
        .innerJoin(parents, eq(parents.id, posts.parentId))
        .where(eq(posts.id, event.postId))
        .get()
    : undefined;
  // Each hidden thing narrows who may read, besides staff.
  const restrictions = [thread?.hiddenAt ? thread.authorId : null, parent?.hiddenAt ? parent.authorId : null].filter((id) => id !== null);
  if (!restrictions.length) return EVERYONE;
  return (ids) => {
    if (!ids.length) return ids;
    const staff = new Set(
      tx
        .select({ id: users.id })
        .from(users)
        .where(and(inArray(users.id, ids), ne(users.role, "member")))
        .all()
        .map((row) => row.id),
    );
    return ids.filter((id) => staff.has(id) || restrictions.every((allowed) => allowed === id));
  };
}

/**
 * Tells each recipient once, by the first reason that applies to them
 * (reasons in order of preference), leaving out the actor, whoever muted
 * the thread, and whoever may not read the post.
 */
function tellOnce(tx: DbOrTx, event: PostEvent, muted: Set<number>, reasons: [NotificationKind, Iterable<number>][], readers: ReaderFilter = EVERYONE) {
  const told = new Set<number>([event.actorId, ...muted]);
  for (const [kind, recipients] of reasons) {
    const ids = readers([...new Set(recipients)].filter((id) => !told.has(id)));
    for (const id of ids) told.add(id);
    notify(tx, ids, { kind, actorId: event.actorId, threadId: event.threadId, postId: event.postId, now: event.now });
  }
}

/** A new question: the asker watches it; the mentioned, then the category's and tags' watchers, are told. */
export function fanOutNewThread(
  tx: DbOrTx,
  event: PostEvent & { categoryId: number; tagIds: number[]; mentioned: Map<string, string> },
) {
  autoWatchThread(tx, event.actorId, event.threadId, event.now);
  const { muted } = threadWatchers(tx, event.threadId);
  tellOnce(tx, event, muted, [
    ["mention", mentionedUserIds(tx, event.mentioned)],
    ["new_thread", categoryAndTagWatchers(tx, event.categoryId, event.tagIds)],
  ]);
}

/** A new answer: the mentioned, then the thread's watchers, are told; the answerer watches the thread from now on. */
export function fanOutAnswer(tx: DbOrTx, event: PostEvent & { mentioned: Map<string, string> }) {
  const { watching, muted } = threadWatchers(tx, event.threadId);
  tellOnce(
    tx,
    event,
    muted,
    [
      ["mention", mentionedUserIds(tx, event.mentioned)],
      ["answer", watching],
    ],
    readersOf(tx, event, false),
  );
  autoWatchThread(tx, event.actorId, event.threadId, event.now);
}

/** A new comment: the mentioned, then the author of the post commented on, are told. */
export function fanOutComment(tx: DbOrTx, event: PostEvent & { parentAuthorId: number; mentioned: Map<string, string> }) {
  const { muted } = threadWatchers(tx, event.threadId);
  tellOnce(
    tx,
    event,
    muted,
    [
      ["mention", mentionedUserIds(tx, event.mentioned)],
      ["comment", [event.parentAuthorId]],
    ],
    readersOf(tx, event, true),
  );
}
