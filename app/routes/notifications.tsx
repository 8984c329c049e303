import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { z } from "zod";
import { requireUser } from "~/auth/current-user.server";
import { RelativeTime } from "~/components/relative-time";
import { markAllRead } from "~/models/notify/notification.server";
import { notificationsPageFor } from "~/models/notify/notifications-page.server";
import { WATCHES_LISTED } from "~/forms/watch";
import { metaT, useT } from "~/i18n/i18n";
import { useRanks, useSite } from "~/root";
import { readForm, readIntent } from "~/utils/form.server";
import { describeNotification, type NotificationKind } from "~/utils/notification-text";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("notificationsPage.title") }];

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
function kindLabel(t: TFunction, kind: NotificationKind) {
  switch (kind) {
    case "answer":
      return t("notificationsPage.kindAnswer");
    case "comment":
      return t("notificationsPage.kindComment");
    case "accepted":
      return t("notificationsPage.kindAccepted");
    case "mention":
      return t("notificationsPage.kindMention");
    case "new_thread":
      return t("notificationsPage.kindNewThread");
    case "badge":
      return t("notificationsPage.kindBadge");
    case "rank_up":
      return t("notificationsPage.kindRank");
    case "thanked":
      return t("notificationsPage.kindThanks");
    case "early_access":
      return t("notificationsPage.kindEarlyAccess");
    case "status_opened":
    case "status_resolved":
      return t("notificationsPage.kindStatus");
    case "follow_up":
      return t("notificationsPage.kindFollowUp");
  }
}

export default function Notifications() {
  const { notifications, page, hasMore, watches, watchingOpen } = useLoaderData<typeof loader>();
  const site = useSite();
  const ranks = useRanks() as { key?: string; name: string }[];
  const t = useT();
  const unread = notifications.some((n) => !n.read);
  return (
    <div className="page-medium stack-lg">
      <header className="page-header page-header-row">
        <div>
          <h1>{t("notificationsPage.title")}</h1>
          <p className="lede">{t("notificationsPage.lede", { brand: site.brandName })}</p>
        </div>
        {unread ? (
          <Form method="post">
            <button type="submit" name="intent" value="read-all" className="button">
              {t("notificationsPage.markAllRead")}
            </button>
          </Form>
        ) : null}
      </header>

      {notifications.length ? (
        <ol className="notification-list">
          {notifications.map((n) => {
            const { text } = describeNotification(n, site.brandName, t, (name) => ranks.find((rank) => rank.key === name)?.name ?? name);
            return (
              <li key={n.id} className={n.read ? "notification" : "notification notification-unread"}>
                <span className={`notification-kind notification-kind-${n.kind}`}>{kindLabel(t, n.kind)}</span>
                <Link to={`/notifications/${n.id}`} className="notification-text">
                  {text}
                  {n.read ? null : <span className="visually-hidden"> {t("notificationsPage.unread")}</span>}
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
          {page > 1 ? t("notificationsPage.noOlder") : t("notificationsPage.empty")}
        </p>
      )}

      {page > 1 || hasMore ? (
        <nav className="pagination" aria-label={t("notificationsPage.more")}>
          {page > 1 ? (
            <Link to={page === 2 ? "/notifications" : `/notifications?page=${page - 1}`} rel="prev" className="button button-small">
              {t("notificationsPage.newer")}
            </Link>
          ) : null}
          {hasMore ? (
            <Link to={`/notifications?page=${page + 1}`} rel="next" className="button button-small">
              {t("notificationsPage.older")}
            </Link>
          ) : null}
        </nav>
      ) : null}

      <WatchedList watches={watches} open={watchingOpen} />
    </div>
  );
}

/** What the user watches or muted, each with the button that undoes it. */
function WatchedList({ watches, open }: { open: boolean; watches: { targetType: "thread" | "category" | "tag"; targetId: number; level: "watching" | "muted"; label: string; path: string }[] }) {
  const t = useT();
  const watchKind = { thread: t("notificationsPage.watchQuestion"), category: t("notificationsPage.watchCategory"), tag: t("notificationsPage.watchTag") };
  return (
    <details className="watched card" id="watched" open={open}>
      <summary>
        <h2 id="watched-title">{t("notificationsPage.watching")}</h2>
        <span className="muted">
          {t("notificationsPage.items", { count: watches.length, n: watches.length >= WATCHES_LISTED ? `${WATCHES_LISTED}+` : watches.length })}
        </span>
        <span className="watched-toggle watched-show">{t("notificationsPage.show")}</span>
        <span className="watched-toggle watched-hide">{t("notificationsPage.hide")}</span>
      </summary>
      {watches.length ? (
        <ul className="watched-list">
          {watches.map((w) => (
            <li key={`${w.targetType}-${w.targetId}`} className="watched-item">
              <span className="notification-kind">{watchKind[w.targetType]}</span>
              <Link to={w.path} className="watched-label">
                {w.label}
              </Link>
              {w.level === "muted" ? <span className="muted">{t("notificationsPage.muted")}</span> : null}
              <Form method="post" action="/watch" className="inline-form">
                <input type="hidden" name="targetType" value={w.targetType} />
                <input type="hidden" name="targetId" value={w.targetId} />
                <input type="hidden" name="level" value="none" />
                <input type="hidden" name="redirectTo" value="/notifications?watching=1#watched" />
                <button type="submit" className="button button-small">
                  {w.level === "muted" ? t("notificationsPage.unmute") : t("notificationsPage.stopWatching")}
                  <span className="visually-hidden"> {w.label}</span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{t("notificationsPage.watchingNothing", { watch: t("watchButton.watch") })}</p>
      )}
    </details>
  );
}
