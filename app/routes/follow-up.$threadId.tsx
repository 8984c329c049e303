// The asker's Yes or No to "Did this solve your problem?" (the prompt on the
// thread page posts here), then back to the prompt, which shows what is next.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "~/auth/current-user.server";
import { followUpSchema } from "~/forms/follow-up";
import { answerFollowUp } from "~/models/notify/follow-up.server";
import { idParam, readForm } from "~/utils/form.server";
import { threadPath } from "~/utils/paths";
import { postOnly, refusedWith } from "~/i18n/message";

export async function loader() {
  throw postOnly("forumServer.followUp.answerFromPage");
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const threadId = idParam(params.threadId, "forumServer.notFound.question");
  const parsed = followUpSchema.safeParse({ answer: (await readForm(request)).get("answer") });
  if (!parsed.success) throw refusedWith(400, "forumServer.followUp.choose");
  const { thread } = answerFollowUp(context.db, user, threadId, parsed.data.answer);
  return redirect(`${threadPath(thread)}#follow-up`);
}
