// The Vote and Withdraw my vote buttons post here (from /ideas and an idea's
// page), then go back to the page they came from. A visitor is sent to sign
// in and comes back to that page. POST only.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser, safeRedirect } from "~/auth/current-user.server";
import { ideaVoteSchema } from "~/forms/ideas.server";
import { postOnly, refusedWith } from "~/i18n/message";
import { voteForIdea, withdrawIdeaVote } from "~/models/ideas/ideas.server";
import { idParam, readForm } from "~/utils/form.server";
import { threadPath } from "~/utils/paths";

export async function loader() {
  throw postOnly("ideas.server.voteFromPage");
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const threadId = idParam(params.id, "ideas.server.notFound");
  const form = await readForm(request);
  const parsed = ideaVoteSchema.safeParse({ intent: form.get("intent") ?? undefined, redirectTo: form.get("redirectTo") ?? undefined });
  // The schema's messages are catalogue keys: the error page puts them into the reader's words.
  if (!parsed.success) throw refusedWith(400, parsed.error.issues[0]?.message ?? "ideas.server.voteIntent");
  const { intent, redirectTo } = parsed.data;
  if (!context.user) return redirect(`/login?redirectTo=${encodeURIComponent(redirectTo ?? "/ideas")}`);
  const user = requireUser(request, context);
  const result = intent === "vote-for-idea" ? voteForIdea(context.db, user, { threadId }) : withdrawIdeaVote(context.db, user, { threadId });
  return redirect(safeRedirect(redirectTo, `${threadPath({ id: result.threadId, slug: result.slug })}#idea`));
}
