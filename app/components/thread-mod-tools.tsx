import { Form, Link } from "@remix-run/react";
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
};

/** The moderators' toolbar on a thread page: lock at once, the rest on the thread's tools page. */
export function ThreadModTools({ thread }: { thread: ThreadModState }) {
  const tools = `/mod/threads/${thread.id}`;
  return (
    <aside className="mod-toolbar card" aria-label="Moderator tools">
      <strong>Moderator tools</strong>
      {thread.pinnedIn ? <span className="badge badge-pinned">Pinned on {thread.pinnedIn === "home" ? "the home page" : "its category"}</span> : null}
      <Form method="post" action={tools} className="inline-form">
        <input type="hidden" name="intent" value={thread.locked ? "unlock" : "lock"} />
        <input type="hidden" name="redirectTo" value={threadPath(thread)} />
        <button type="submit" className="button button-small">
          {thread.locked ? "Unlock" : "Lock"}
        </button>
      </Form>
      <Link to={tools}>Pin, move or close as a duplicate</Link>
      <Link to={`/mod/posts/${thread.questionId}`}>{thread.questionHidden ? "Unhide the question" : "Hide the question"}</Link>
      {thread.askerIsMember ? <Link to={`/mod/users/${thread.askerUsername}`}>Suspend the asker</Link> : null}
    </aside>
  );
}
