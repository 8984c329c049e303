// What a notification says and where it leads, composed when it is read (on
// /notifications and in emails) from what it refers to. Pure: no database.
import type { TFunction } from "i18next";
import { translatorFor } from "../i18n/i18n";
import { DEFAULT_LANGUAGE } from "../i18n/languages";
import { isBadgeKey } from "./badges";
import { threadPath } from "./paths";

export const NOTIFICATION_KINDS = [
  "answer",
  "comment",
  "accepted",
  "mention",
  "new_thread",
  "badge",
  "rank_up",
  "thanked",
  "early_access",
  "status_opened",
  "status_resolved",
  "follow_up",
  "known_issue_status",
  "known_issue_check",
  "idea_status",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type NotificationView = {
  id: number;
  kind: NotificationKind;
  data: Record<string, string | number>;
  createdAt: string;
  read: boolean;
  /** The recipient's username. */
  username: string;
  actorName: string | null;
  thread: { id: number; title: string; slug: string } | null;
  postId: number | null;
  announcementId: number | null;
  /** Only ever set for status announcements: an early-access title is never part of a notification. */
  statusTitle: string | null;
};

export type NotificationText = { text: string; path: string };

function postPath(view: NotificationView) {
  if (!view.thread) return "/";
  const base = threadPath(view.thread);
  return view.postId ? `${base}#post-${view.postId}` : base;
}

/**
 * The sentence and the link of a notification, in the words of `t` (the
 * reader's language: the page's, or the recipient's for an email);
 * `brandName` names the brand in thanks and announcements. Titles and names
 * are kept as they were written.
 */
export function describeNotification(
  view: NotificationView,
  brandName: string,
  t: TFunction = translatorFor(DEFAULT_LANGUAGE),
  /** A rank's name for the reader, from its default name (the brand's words). */
  rankName: (name: string) => string = (name) => name,
): NotificationText {
  const who = view.actorName ?? t("forumServer.notification.someone");
  const title = view.thread ? t("forumServer.notification.quoted", { title: view.thread.title }) : t("forumServer.notification.aThread");
  const about = { who, title, brand: brandName };
  switch (view.kind) {
    case "answer":
      return { text: t("forumServer.notification.answer", about), path: postPath(view) };
    case "comment":
      return { text: t("forumServer.notification.comment", about), path: postPath(view) };
    case "accepted":
      return { text: t("forumServer.notification.accepted", about), path: postPath(view) };
    case "mention":
      return { text: t("forumServer.notification.mention", about), path: postPath(view) };
    case "new_thread":
      return { text: t("forumServer.notification.newThread", about), path: postPath(view) };
    case "thanked":
      return { text: t("forumServer.notification.thanked", about), path: postPath(view) };
    case "badge": {
      const key = String(view.data.badge ?? "");
      const name = isBadgeKey(key) ? t(`badgeWords.${key}.name`) : key;
      return { text: t("forumServer.notification.badge", { name }), path: `/badges#badge-${key}` };
    }
    case "rank_up":
      return { text: t("forumServer.notification.rankUp", { rank: rankName(String(view.data.rank ?? "")) }), path: `/u/${view.username}?tab=reputation` };
    case "early_access":
      return { text: t("forumServer.notification.earlyAccess"), path: `/early-access/${view.announcementId}` };
    case "status_opened":
      return {
        text: t("forumServer.notification.statusOpened", { brand: brandName, title: view.statusTitle ?? t("forumServer.notification.aStatusUpdate") }),
        path: `/status/${view.announcementId}`,
      };
    case "status_resolved":
      return {
        text: t("forumServer.notification.statusResolved", { title: view.statusTitle ?? t("forumServer.notification.aServiceProblem") }),
        path: `/status/${view.announcementId}`,
      };
    case "follow_up":
      // Always the thread's own address: the prompt sits at #follow-up, never on one answer.
      return { text: t("forumServer.notification.followUp", about), path: view.thread ? `${threadPath(view.thread)}#follow-up` : "/" };
    case "known_issue_status": {
      // data: the issue's id, its title and new status, the note that came with it (all public).
      const issue = { title: String(view.data.title ?? ""), status: t(`knownIssues.status.${String(view.data.status)}`), note: String(view.data.note ?? "") };
      return {
        text: issue.note ? t("forumServer.notification.knownIssueStatusNote", issue) : t("forumServer.notification.knownIssueStatus", issue),
        path: `/known-issues/${view.data.issue}`,
      };
    }
    case "known_issue_check":
      // The asker's own thread: "did the fix solve your problem?" waits at #fix-check.
      return {
        text: t("forumServer.notification.knownIssueCheck", { ...about, issue: String(view.data.title ?? "") }),
        path: view.thread ? `${threadPath(view.thread)}#fix-check` : "/",
      };
    case "idea_status":
      return { text: t("forumServer.notification.ideaStatus", { ...about, status: t(`ideas.status.${String(view.data.status)}`) }), path: postPath(view) };
  }
}
