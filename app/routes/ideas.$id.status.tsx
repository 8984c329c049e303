// Staff set an idea's status here (the form on its page posts to it), or
// tell everyone a status early-access readers read first. On success, back
// to the idea; when the form is refused (declining needs a reason), this page
// shows it again with the message beside its field and the text kept, which
// is also what GET shows staff. Everyone else is refused.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { IdeaStatusForm } from "~/components/idea-panel";
import { ideaStatusSchema } from "~/forms/ideas.server";
import { metaT, useT } from "~/i18n/i18n";
import { ideaStatusPageFor } from "~/models/ideas/idea-panel.server";
import { publishIdeaStatus, setIdeaStatus } from "~/models/ideas/ideas.server";
import { formValues, idParam, parseForm, readForm, readIntent, type FieldErrors } from "~/utils/form.server";
import { threadPath } from "~/utils/paths";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("ideas.statusForm.pageTitle") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const threadId = idParam(params.id, "ideas.server.notFound");
  return json(ideaStatusPageFor(context.db, user, threadId), { headers: { "Cache-Control": "private, no-store" } });
}

type StatusReply = { errors: FieldErrors; values: Record<string, string> };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const threadId = idParam(params.id, "ideas.server.notFound");
  const form = await readForm(request);
  const values = formValues(form);
  const intent = readIntent(form, ["set", "publish"], "set");
  if (intent === "publish") {
    const result = publishIdeaStatus(context.db, user, { threadId });
    if (!result.ok) return json<StatusReply>({ errors: result.errors, values }, { status: 400 });
    return redirect(`${threadPath({ id: result.threadId, slug: result.slug })}#idea`);
  }
  const parsed = parseForm(ideaStatusSchema, form, context.language);
  if (!parsed.ok) return json<StatusReply>({ errors: parsed.errors, values }, { status: 400 });
  const result = setIdeaStatus(context.db, user, { threadId, ...parsed.data });
  if (!result.ok) return json<StatusReply>({ errors: result.errors, values }, { status: 400 });
  return redirect(`${threadPath({ id: result.threadId, slug: result.slug })}#idea`);
}

export default function IdeaStatusPage() {
  const t = useT();
  const { idea, panel, reason } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="page-medium stack-lg">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to="/ideas">{t("ideas.page.title")}</Link> › <Link to={threadPath(idea)}>{idea.title}</Link>
        </p>
        <h1>{t("ideas.statusForm.pageTitle")}</h1>
      </header>
      <div className="card">
        <IdeaStatusForm data={panel} threadId={idea.id} reason={reason} errors={reply?.errors} values={reply?.values} headingLevel={2} />
      </div>
    </div>
  );
}
