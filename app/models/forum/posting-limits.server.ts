import { and, eq, max, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { preparedQuery } from "../../../db/prepared";
import { posts } from "../../../db/schema";
import type { TFunction } from "i18next";
import type { Actor } from "../../policy";
import { actorT } from "../../i18n/messages.server";

const DAY_MS = 24 * 60 * 60 * 1000;

// Seconds between two posts of a kind: new accounts (under a day old) wait
// longer, which slows spam without bothering regulars.
export const POSTING_INTERVALS = {
  newAccount: { question: 120, answer: 30 },
  established: { question: 15, answer: 5 },
} as const;

/** "1 minute 30 seconds", in the reader's words. */
function duration(t: TFunction, seconds: number) {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const minutesText = t("forumServer.duration.minutes", { count: minutes });
  const secondsText = t("forumServer.duration.seconds", { count: rest });
  if (!minutes) return secondsText;
  return rest ? t("forumServer.duration.minutesAndSeconds", { minutes: minutesText, seconds: secondsText }) : minutesText;
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

/**
 * A message saying how long to wait before posting again (in the actor's
 * language), or null when the actor may post now.
 */
export function postingWait(db: Db, actor: NonNullable<Actor>, kind: "question" | "answer", now = new Date()): string | null {
  const isNew = isNewAccount(actor, now);
  const interval = (isNew ? POSTING_INTERVALS.newAccount : POSTING_INTERVALS.established)[kind];
  const last = lastPostAt(db).get({ authorId: actor.id, kind })?.at;
  if (!last) return null;
  const remaining = Math.ceil((new Date(last).getTime() + interval * 1000 - now.getTime()) / 1000);
  if (remaining <= 0) return null;
  const t = actorT(actor);
  const sentences = [
    t(kind === "question" ? "forumServer.wait.question" : "forumServer.wait.answer", { duration: duration(t, remaining) }),
    isNew ? t("forumServer.wait.newAccount") : null,
    t("forumServer.wait.kept"),
  ];
  return sentences.filter(Boolean).join(" ");
}
