import { Form, Link } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import { threadPath } from "~/utils/paths";

export type ThreadModState = {
  id: number;
  slug: string;
  locked: boolean;
  pinnedIn: "category" | "home" | null;
  duplicate: boolean;
  questionId: number;
  questionHidden: boolean;
  askerUsername: string;
  askerIsMember: boolean;
  /** The known issue the thread is linked to (its banner shows it), if any. */
  knownIssueId: number | null;
  /** A product idea: no known issue is opened from it. */
  idea: boolean;
};

/** The moderators' toolbar on a thread page: lock at once, the rest on the thread's tools page. */
export function ThreadModTools({ thread }: { thread: ThreadModState }) {
  const t = useT();
  const tools = `/mod/threads/${thread.id}`;
  return (
    <aside className="mod-toolbar card" aria-label={t("mod.toolbar.title")}>
      <strong>{t("mod.toolbar.title")}</strong>
      {thread.pinnedIn ? (
        <span className="badge badge-pinned">{thread.pinnedIn === "home" ? t("mod.toolbar.pinnedHome") : t("mod.toolbar.pinnedCategory")}</span>
      ) : null}
      <Form method="post" action={tools} className="inline-form">
        <input type="hidden" name="intent" value={thread.locked ? "unlock" : "lock"} />
        <input type="hidden" name="redirectTo" value={threadPath(thread)} />
        <button type="submit" className="button button-small">
          {thread.locked ? t("mod.toolbar.unlock") : t("mod.toolbar.lock")}
        </button>
      </Form>
      <Link to={tools}>{t("mod.toolbar.more")}</Link>
      <Link to={`/mod/posts/${thread.questionId}`}>{thread.questionHidden ? t("mod.toolbar.unhideQuestion") : t("mod.toolbar.hideQuestion")}</Link>
      {thread.askerIsMember ? <Link to={`/mod/users/${thread.askerUsername}`}>{t("mod.toolbar.suspendAsker")}</Link> : null}
      {thread.knownIssueId || thread.idea ? null : <Link to={`/mod/known-issues/new?thread=${thread.id}`}>{t("mod.toolbar.knownIssue")}</Link>}
    </aside>
  );
}
