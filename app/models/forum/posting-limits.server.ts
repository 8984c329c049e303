import { and, eq, max, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { preparedQuery } from "../../../db/prepared";
import { posts } from "../../../db/schema";
import type { Actor } from "../../policy";

const DAY_MS = 24 * 60 * 60 * 1000;

// Seconds between two posts of a kind: new accounts (under a day old) wait
// longer, which slows spam without bothering regulars.
export const POSTING_INTERVALS = {
  newAccount: { question: 120, answer: 30 },
  established: { question: 15, answer: 5 },
} as const;

function duration(seconds: number) {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const parts = [];
  if (minutes) parts.push(`${minutes} minute${minutes === 1 ? "" : "s"}`);
  if (rest || !minutes) parts.push(`${rest} second${rest === 1 ? "" : "s"}`);
  return parts.join(" ");
}

// Asked before every question and answer.
const lastPostAt = preparedQuery((db) =>
  db
    .select({ at: max(posts.createdAt) })
    .from(posts)
    .where(and(eq(posts.authorId, sql.placeholder("authorId")), eq(posts.kind, sql.placeholder("kind"))))
    .prepare(),
);

/** An account in its first day: slower posting, fewer links, maybe held for review. */
export function isNewAccount(actor: NonNullable<Actor>, now = new Date()): boolean {
  return now.getTime() - new Date(actor.createdAt).getTime() < DAY_MS;
}

/** A message saying how long to wait before posting again, or null when the actor may post now. */
export function postingWait(db: Db, actor: NonNullable<Actor>, kind: "question" | "answer", now = new Date()): string | null {
  const isNew = isNewAccount(actor, now);
  const interval = (isNew ? POSTING_INTERVALS.newAccount : POSTING_INTERVALS.established)[kind];
  const last = lastPostAt(db).get({ authorId: actor.id, kind })?.at;
  if (!last) return null;
  const remaining = Math.ceil((new Date(last).getTime() + interval * 1000 - now.getTime()) / 1000);
  if (remaining <= 0) return null;
  const what = kind === "question" ? "another question" : "another answer";
  const why = isNew ? " New accounts wait a little between posts; this limit eases after your first day." : "";
  return `You can post ${what} in ${duration(remaining)}.${why} Your text is kept below.`;
}
