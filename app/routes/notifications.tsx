import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/current-user.server";
import { RelativeTime } from "~/components/relative-time";
import { markAllRead } from "~/models/notify/notification.server";
import { notificationsPageFor } from "~/models/notify/notifications-page.server";
import { WATCHES_LISTED } from "~/forms/watch";
import { useSite } from "~/root";
import { readForm, readIntent } from "~/utils/form.server";
import { describeNotification, type NotificationKind } from "~/utils/notification-text";

export const meta: MetaFunction = () => [{ title: "Notifications" }];

const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1) });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const { page } = pageQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  // Open after "Stop watching", which comes back here, so the list stays in view.
  const watchingOpen = new URL(request.url).searchParams.get("watching") === "1";
  return json(notificationsPageFor(context.db, user, page, watchingOpen));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  readIntent(await readForm(request), ["read-all"]);
  markAllRead(context.db, user);
  return redirect("/notifications");
}

/** A small mark per kind, so a long list scans at a glance. */
const KIND_LABEL: Record<NotificationKind, string> = {
  answer: "Answer",
  comment: "Comment",
  accepted: "Accepted",
  mention: "Mention",
  new_thread: "New question",
  badge: "Badge",
  rank_up: "Rank",
  thanked: "Thanks",
  early_access: "Early access",
  status_opened: "Status",
  status_resolved: "Status",
  follow_up: "Follow-up",
};

export default function Notifications() {
  const { notifications, page, hasMore, watches, watchingOpen } = useLoaderData<typeof loader>();
  const site = useSite();
  const unread = notifications.some((n) => !n.read);
  return (
    <div className="page-medium stack-lg">
      <header className="page-header page-header-row">
        <div>
          <h1>Notifications</h1>
          <p className="lede">Answers and comments on what you follow, your badges and ranks, and news from {site.brandName}.</p>
        </div>
        {unread ? (
          <Form method="post">
            <button type="submit" name="intent" value="read-all" className="button">
              Mark all as read
            </button>
          </Form>
        ) : null}
      </header>

      {notifications.length ? (
        <ol className="notification-list">
          {notifications.map((n) => {
            const { text } = describeNotification(n, site.brandName);
            return (
              <li key={n.id} className={n.read ? "notification" : "notification notification-unread"}>
                <span className={`notification-kind notification-kind-${n.kind}`}>{KIND_LABEL[n.kind]}</span>
                <Link to={`/notifications/${n.id}`} className="notification-text">
                  {text}
                  {n.read ? null : <span className="visually-hidden"> (unread)</span>}
                </Link>
                <span className="notification-time">
                  <RelativeTime date={n.createdAt} />
                </span>
              </li>
            );
          })}
        </ol>
      ) : (
        <p className="empty">
          {page > 1 ? "There are no older notifications." : "Nothing yet. When someone answers a thread you follow, or you earn a badge, it shows up here."}
        </p>
      )}

      {page > 1 || hasMore ? (
        <nav className="pagination" aria-label="More notifications">
          {page > 1 ? (
            <Link to={page === 2 ? "/notifications" : `/notifications?page=${page - 1}`} rel="prev" className="button button-small">
              ← Newer
            </Link>
          ) : null}
          {hasMore ? (
            <Link to={`/notifications?page=${page + 1}`} rel="next" className="button button-small">
              Older →
            </Link>
          ) : null}
        </nav>
      ) : null}

      <WatchedList watches={watches} open={watchingOpen} />
    </div>
  );
}

const WATCH_KIND: Record<"thread" | "category" | "tag", string> = { thread: "Question", category: "Category", tag: "Tag" };

/** What the user watches or muted, each with the button that undoes it. */
function WatchedList({ watches, open }: { open: boolean; watches: { targetType: "thread" | "category" | "tag"; targetId: number; level: "watching" | "muted"; label: string; path: string }[] }) {
  return (
    <details className="watched card" id="watched" open={open}>
      <summary>
        <h2 id="watched-title">What you watch</h2>
        <span className="muted">
          {watches.length >= WATCHES_LISTED ? `${WATCHES_LISTED}+` : watches.length} {watches.length === 1 ? "item" : "items"}
        </span>
      </summary>
      {watches.length ? (
        <ul className="watched-list">
          {watches.map((w) => (
            <li key={`${w.targetType}-${w.targetId}`} className="watched-item">
              <span className="notification-kind">{WATCH_KIND[w.targetType]}</span>
              <Link to={w.path} className="watched-label">
                {w.label}
              </Link>
              {w.level === "muted" ? <span className="muted">Muted</span> : null}
              <Form method="post" action="/watch" className="inline-form">
                <input type="hidden" name="targetType" value={w.targetType} />
                <input type="hidden" name="targetId" value={w.targetId} />
                <input type="hidden" name="level" value="none" />
                <input type="hidden" name="redirectTo" value="/notifications?watching=1#watched" />
                <button type="submit" className="button button-small">
                  {w.level === "muted" ? "Unmute" : "Stop watching"}
                  <span className="visually-hidden"> {w.label}</span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">You don't watch anything yet. Use “Watch” on a question, a category or a tag to hear of what is new there.</p>
      )}
    </details>
  );
}
