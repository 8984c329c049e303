// What the thread page shows of an idea (its panel): the status as this
// viewer may read it, the reason given with it, the votes, whether the viewer
// voted and may vote, and for staff the status controls. Also the staff page
// of /ideas/:id/status, where the status form comes back with its errors.
import { and, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import type { IdeaStatus } from "../../../db/enums";
import { ideaVotes } from "../../../db/schema";
import { refusedWith } from "../../i18n/message";
import { can, refusal, type Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { findIdea, ideaResource, ideaStatusFor, readsEarlyIdeaStatus } from "./ideas.server";

export type IdeaPanelData = {
  /** The status this viewer may read. */
  status: IdeaStatus;
  /** The moderator's reason, when it goes with the status this viewer reads ("" otherwise). */
  reason: string;
  /** True only for those who read a status told to early access first (early-access readers and staff). */
  earlyAccess: boolean;
  votes: number;
  voted: boolean;
  canVote: boolean;
  /** Why the viewer may not vote, in their words (visitors: to sign in). */
  refusal?: string;
  signedIn: boolean;
  canSetStatus: boolean;
  /** For staff: the status everyone else reads (differs from `status` while an early status is pending). */
  publicStatus?: IdeaStatus;
};

/** The panel's data, or null when the thread is not an idea (or not one the viewer may see). */
export function ideaPanelFor(db: Db, viewer: Actor, threadId: number): IdeaPanelData | null {
  const idea = findIdea(db, viewer, threadId);
  if (!idea) return null;
  const early = readsEarlyIdeaStatus(db, viewer);
  const pending = !!idea.ideaEarlyAccessAt;
  const seesEarly = pending && early;
  const resource = ideaResource(idea, early);
  const canVote = can(viewer, "idea.vote", resource);
  const voted =
    !!viewer &&
    !!db
      .select({ threadId: ideaVotes.threadId })
      .from(ideaVotes)
      .where(and(eq(ideaVotes.threadId, idea.id), eq(ideaVotes.userId, viewer.id)))
      .get();
  const canSetStatus = can(viewer, "idea.setStatus");
  return {
    status: ideaStatusFor(idea, early),
    // The reason was written with the early status: the others read theirs without it until it is told to all.
    reason: !pending || seesEarly ? idea.ideaStatusReason : "",
    earlyAccess: seesEarly,
    votes: idea.ideaVoteCount,
    voted,
    canVote,
    ...(canVote ? {} : { refusal: refusal(viewer, "idea.vote", resource) ?? undefined }),
    signedIn: !!viewer,
    canSetStatus,
    ...(canSetStatus ? { publicStatus: idea.ideaPublicStatus } : {}),
  };
}

/** /ideas/:id/status (staff): the idea's title and panel, for the status form shown on its own. */
export function ideaStatusPageFor(db: Db, viewer: Actor, threadId: number) {
  assertCan(viewer, "idea.setStatus");
  const idea = findIdea(db, viewer, threadId);
  const panel = idea && ideaPanelFor(db, viewer, threadId);
  if (!idea || !panel) throw refusedWith(404, "ideas.server.notFound");
  return { idea: { id: idea.id, title: idea.title, slug: idea.slug }, panel, reason: idea.ideaStatusReason };
}
