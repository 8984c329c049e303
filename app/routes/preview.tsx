import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { requireUser } from "~/auth/current-user.server";
import { ARTICLE_BODY_MAX } from "~/forms/kb";
import { knownUsersIn } from "~/models/forum/mention.server";
import { renderInlineMarkdown, renderMarkdown } from "~/utils/markdown.server";
import { readForm } from "~/utils/form.server";
import { refusedWith } from "~/i18n/message";

const previewSchema = z.object({
  // The longest text any editor takes (a knowledge-base article).
  body: z.string().max(ARTICLE_BODY_MAX),
  inline: z.enum(["0", "1"]).default("0"),
});

// The live preview under every markdown editor: the same renderer and
// sanitizer as a saved post, so what you see is what will be stored.
export async function action({ request, context }: ActionFunctionArgs) {
  requireUser(request, context);
  const parsed = previewSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return json({ html: "" }, { status: 400 });
  const options = { knownUsers: knownUsersIn(context.db, parsed.data.body) };
  const html = parsed.data.inline === "1" ? renderInlineMarkdown(parsed.data.body, options) : renderMarkdown(parsed.data.body, options);
  return json({ html });
}

export async function loader() {
  throw refusedWith(404, "forumServer.notFound.page");
}
