// The asker's answer to "Did the fix solve your problem?" (POST only), from
// the banner on their thread (#fix-check), then back to it. Only the thread's
// asker may answer; they may change their mind.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "~/auth/current-user.server";
import { fixCheckSchema, returnPath } from "~/forms/known-issues.server";
import { postOnly, refusedWith } from "~/i18n/message";
import { answerFixCheck } from "~/models/known-issues/known-issues.server";
import { idParam, readForm } from "~/utils/form.server";
import { threadPath } from "~/utils/paths";

export async function loader() {
  throw postOnly("knownIssues.errors.postOnly");
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const issueId = idParam(params.id, "knownIssues.errors.notFound");
  const form = await readForm(request);
  const parsed = fixCheckSchema.safeParse({ threadId: form.get("threadId"), answer: form.get("answer") });
  if (!parsed.success) throw refusedWith(400, "knownIssues.form.answerChoose");
  const { thread } = answerFixCheck(context.db, user, { issueId, threadId: parsed.data.threadId, answer: parsed.data.answer });
  return redirect(returnPath(form.get("redirectTo") ?? `${threadPath(thread)}#fix-check`, issueId));
}
