// The asker's Yes or No to "Did this solve your problem?" (the prompt on the
// thread page posts here), then back to the prompt, which shows what is next.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "~/auth/current-user.server";
import { followUpSchema } from "~/forms/follow-up";
import { answerFollowUp } from "~/models/notify/follow-up.server";
import { idParam, readForm } from "~/utils/form.server";
import { threadPath } from "~/utils/paths";

export async function loader() {
  throw new Response("Answer from the question's page.", { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const threadId = idParam(params.threadId, "No such question.");
  const parsed = followUpSchema.safeParse({ answer: (await readForm(request)).get("answer") });
  if (!parsed.success) throw new Response("Choose Yes or No.", { status: 400 });
  const { thread } = answerFollowUp(context.db, user, threadId, parsed.data.answer);
  return redirect(`${threadPath(thread)}#follow-up`);
}
