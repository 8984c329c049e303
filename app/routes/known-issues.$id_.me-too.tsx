// "Me too" on a known issue (POST only): from its page or from the banner on
// a linked thread, then back where it was said (a path on this site only).
// Saying it twice counts once.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "~/auth/current-user.server";
import { meTooSchema, returnPath } from "~/forms/known-issues.server";
import { postOnly, refusedWith } from "~/i18n/message";
import { sayMeToo } from "~/models/known-issues/known-issues.server";
import { idParam, readForm } from "~/utils/form.server";

export async function loader() {
  throw postOnly("knownIssues.errors.postOnly");
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const issueId = idParam(params.id, "knownIssues.errors.notFound");
  const form = await readForm(request);
  const parsed = meTooSchema.safeParse({ intent: form.get("intent") ?? undefined, threadId: form.get("threadId") ?? undefined });
  if (!parsed.success) throw refusedWith(400, "knownIssues.form.threadUnknown");
  const result = sayMeToo(context.db, user, { issueId, threadId: parsed.data.threadId ?? null });
  // Said on a merged issue, it counted on the one it became: its page is where to go back to.
  const fallback = result.issueId === issueId ? returnPath(form.get("redirectTo"), issueId) : `/known-issues/${result.issueId}#me-too`;
  return redirect(fallback);
}
