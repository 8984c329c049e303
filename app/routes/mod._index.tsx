import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { ThreadList } from "~/components/thread-list";
import { countOpenFlags } from "~/models/flag.server";
import { countOpenReviews } from "~/models/kb-review.server";
import { listThreads } from "~/models/thread.server";
import { assertCan } from "~/policy.server";

export const meta: MetaFunction = () => [{ title: "Moderation" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  assertCan(user, "mod.access");
  const unanswered = listThreads(context.db, {}, "unanswered", 1, 10);
  return json({ openFlags: countOpenFlags(context.db), openReviews: countOpenReviews(context.db), unanswered });
}

export default function ModOverview() {
  const { openFlags, openReviews, unanswered } = useLoaderData<typeof loader>();
  return (
    <div className="stack-lg">
      <section className="queue-cards" aria-label="Queues">
        <Link to="/mod/flags" className="card queue-card">
          <strong className="queue-count">{openFlags}</strong> open {openFlags === 1 ? "flag" : "flags"}
        </Link>
        <Link to="/mod/kb" className="card queue-card">
          <strong className="queue-count">{openReviews}</strong> {openReviews === 1 ? "article" : "articles"} to review
        </Link>
        <Link to="/?sort=unanswered" className="card queue-card">
          <strong className="queue-count">{unanswered.total}</strong> unanswered {unanswered.total === 1 ? "question" : "questions"}
        </Link>
      </section>
      <section aria-labelledby="unanswered-title">
        <h2 id="unanswered-title">Newest unanswered questions</h2>
        <ThreadList threads={unanswered.threads} empty="Every question has an answer." />
      </section>
    </div>
  );
}
