// A member's public profile in one verb: who they are, their questions, their
// answers, their reputation's history and their badges, each list as everyone
// sees it (the visibility scope's public sight), one page of the tab asked for;
// and a suspension in force (its reason for staff only).
import type { Db } from "../../../db/client";
import { isStaff, suspendedUntil, type Actor } from "../../policy";
import { listUserAnswers } from "../forum/post.server";
import { listThreads } from "../forum/thread.server";
import { listUserBadges } from "../reputation/badge.server";
import { listReputationHistory } from "../reputation/reputation.server";
import { findUserByUsername } from "./user.server";

export type ProfileTab = "questions" | "answers" | "reputation";

/** A suspension as a profile shows it: until when to everyone, why to staff only. */
export type ProfileSuspension = { until: Date; reason: string | null };

/**
 * The profile page's data, or null when there is no such member. A deleted
 * account has no profile (a 404): its posts stay, under "a former member",
 * and link to no profile.
 */
export function profilePageFor(db: Db, username: string, tab: ProfileTab, page: number, viewer: Actor = null, now = new Date()) {
  const user = findUserByUsername(db, username);
  if (!user || user.deletedAt) return null;
  const until = suspendedUntil(user, now.getTime());
  const suspension: ProfileSuspension | null = until ? { until, reason: isStaff(viewer) ? user.suspendReason : null } : null;
  return {
    profile: {
      username: user.username,
      displayName: user.displayName,
      bio: user.bio,
      role: user.role,
      reputation: user.reputation,
      createdAt: user.createdAt,
      suspension,
    },
    tab,
    questions: listThreads(db, { authorId: user.id }, "newest", tab === "questions" ? page : 1, 20),
    answers: listUserAnswers(db, user.id, tab === "answers" ? page : 1),
    history: listReputationHistory(db, user.id, tab === "reputation" ? page : 1),
    badges: listUserBadges(db, user.id),
  };
}
