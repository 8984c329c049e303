// The spam rules that apply when a member posts (the admins set them at
// /admin/settings): how many links a new account may post, and which posts
// wait for a moderator's review before anyone else sees them.
import { and, eq, gte, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { posts } from "../../../db/schema";
import { isStaff, type Actor } from "../../policy";
import { actorT } from "../../i18n/messages.server";
import { getAccountRules } from "../accounts/account-rules.server";
import { isNewAccount } from "./posting-limits.server";
import { livePosts } from "../visibility.server";

// Links to other sites in rendered HTML (a mention links within the forum).
const OUTSIDE_LINK = /<a\s[^>]*href="https?:/gi;

export function countOutsideLinks(html: string): number {
  return html.match(OUTSIDE_LINK)?.length ?? 0;
}

/**
 * Why this post has too many links for a new account (in the actor's
 * language), or null. The limit
 * counts the links of every post the account wrote in its first day,
 * `replacing` a post being edited.
 */
export function linkLimitError(db: DbOrTx, actor: NonNullable<Actor>, bodyHtml: string, now = new Date(), replacing?: number): string | null {
  if (isStaff(actor) || !isNewAccount(actor, now)) return null;
  const here = countOutsideLinks(bodyHtml);
  if (!here) return null;
  const limit = getAccountRules(db).newAccountLinkLimit;
  const earlier = db
    .select({ id: posts.id, bodyHtml: posts.bodyHtml })
    .from(posts)
    .where(and(eq(posts.authorId, actor.id), gte(posts.createdAt, new Date(actor.createdAt)), livePosts()))
    .all()
    .filter((post) => post.id !== replacing)
    .reduce((sum, post) => sum + countOutsideLinks(post.bodyHtml), 0);
  if (earlier + here <= limit) return null;
  const allowed = Math.max(0, limit - earlier);
  const t = actorT(actor);
  const links = t("forumServer.links.count", { count: limit });
  const why = allowed ? t("forumServer.links.some", { limit: links, here, allowed }) : t("forumServer.links.reached", { limit: links });
  return `${why} ${t("forumServer.wait.kept")}`;
}

export type HeldKind = "question" | "answer" | "comment";

/**
 * Whether this post waits for review: never staff's; with "first", a
 * member's first question or first answer (until one is approved, each new
 * one waits too); with "new", every post of an account in its first day.
 */
export function holdsForReview(db: DbOrTx, actor: NonNullable<Actor>, kind: HeldKind, now = new Date()): boolean {
  if (isStaff(actor)) return false;
  const mode = getAccountRules(db).holdForReview;
  if (mode === "new") return isNewAccount(actor, now);
  if (mode !== "first" || kind === "comment") return false;
  const published = db
    .select({ one: sql`1` })
    .from(posts)
    .where(and(eq(posts.authorId, actor.id), eq(posts.kind, kind), isNull(posts.heldAt), livePosts()))
    .limit(1)
    .get();
  return !published;
}
