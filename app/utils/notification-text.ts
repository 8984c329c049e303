// What a notification says and where it leads, composed when it is read (on
// /notifications and in emails) from what it refers to. Pure: no database.
import { BADGES, isBadgeKey } from "./badges";
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

/** The sentence and the link of a notification; `brandName` names the brand in thanks and announcements. */
export function describeNotification(view: NotificationView, brandName: string): NotificationText {
  const who = view.actorName ?? "Someone";
  const title = view.thread ? `“${view.thread.title}”` : "a thread";
  switch (view.kind) {
    case "answer":
      return { text: `${who} answered ${title}`, path: postPath(view) };
    case "comment":
      return { text: `${who} commented on your post in ${title}`, path: postPath(view) };
    case "accepted":
      return { text: `${who} accepted your answer to ${title}`, path: postPath(view) };
    case "mention":
      return { text: `${who} mentioned you in ${title}`, path: postPath(view) };
    case "new_thread":
      return { text: `${who} asked ${title}`, path: postPath(view) };
    case "thanked":
      return { text: `${brandName} thanked you for your answer to ${title}`, path: postPath(view) };
    case "badge": {
      const key = String(view.data.badge ?? "");
      const name = isBadgeKey(key) ? BADGES[key].name : key;
      return { text: `You earned the “${name}” badge`, path: `/badges#badge-${key}` };
    }
    case "rank_up":
      return { text: `You reached the rank of ${view.data.rank}`, path: `/u/${view.username}?tab=reputation` };
    case "early_access":
      return { text: `There is a new early-access announcement for you`, path: `/early-access/${view.announcementId}` };
    case "status_opened":
      return { text: `${brandName} reports a problem: ${view.statusTitle ?? "a service status update"}`, path: `/status/${view.announcementId}` };
    case "status_resolved":
      return { text: `Resolved: ${view.statusTitle ?? "a service problem"}`, path: `/status/${view.announcementId}` };
    case "follow_up":
      // Always the thread's own address: the prompt sits at #follow-up, never on one answer.
      return { text: `Did the answers to ${title} solve your problem?`, path: view.thread ? `${threadPath(view.thread)}#follow-up` : "/" };
  }
}
