import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/current-user.server";
import { RelativeTime } from "~/components/relative-time";
import { decideFlag, listOpenFlags } from "~/models/flag.server";
import { readForm } from "~/utils/form.server";

export const meta: MetaFunction = () => [{ title: "Flagged posts · Moderation" }];

const REASON_LABEL = { spam: "Spam", offensive: "Rude or offensive", "off-topic": "Off-topic", other: "Something else" } as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return json({ flags: listOpenFlags(context.db, user) });
}

const decisionSchema = z.object({ flagId: z.coerce.number().int().positive(), decision: z.enum(["dismiss", "delete"]) });

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const parsed = decisionSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) throw new Response("The decision was incomplete.", { status: 400 });
  decideFlag(context.db, user, parsed.data.flagId, parsed.data.decision);
  return redirect("/mod/flags");
}

export default function FlagQueue() {
  const { flags } = useLoaderData<typeof loader>();
  if (!flags.length) return <p className="empty">No open flags. The community is behaving.</p>;
  return (
    <ul className="flag-queue stack">
      {flags.map((flag) => (
        <li key={flag.id} className="card flag-item">
          <p>
            <span className="badge">{REASON_LABEL[flag.reason]}</span> on a {flag.postKind} in{" "}
            <Link to={`/t/${flag.threadId}/${flag.threadSlug}#post-${flag.postId}`}>{flag.threadTitle}</Link>
          </p>
          <blockquote className="flag-excerpt">{flag.postBody.length > 300 ? `${flag.postBody.slice(0, 300)}…` : flag.postBody}</blockquote>
          {flag.note ? <p>Note: “{flag.note}”</p> : null}
          <p className="muted">
            Flagged by @{flag.reporterUsername} <RelativeTime date={flag.createdAt} />
          </p>
          <div className="form-actions">
            <Form method="post">
              <input type="hidden" name="flagId" value={flag.id} />
              <button type="submit" name="decision" value="dismiss" className="button button-small">
                Dismiss flag
              </button>
            </Form>
            <Form method="post">
              <input type="hidden" name="flagId" value={flag.id} />
              <button type="submit" name="decision" value="delete" className="button button-small button-danger">
                Delete the post
              </button>
            </Form>
          </div>
        </li>
      ))}
    </ul>
  );
}
