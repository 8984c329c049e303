// The long-text editors (articles, announcements, incidents) post one form
// for two things: "Preview" renders the text as it will be stored and sends
// the form back, anything else saves. Read here once for all of them.
import { json } from "@remix-run/node";
import type { Db } from "../../db/client";
import { renderPreview } from "../models/forum/mention.server";
import { formValues, readForm, type FieldErrors } from "./form.server";

/** What an editor's action sends back: field errors, the typed values, the preview. */
export type EditorReply = { errors?: FieldErrors; values: Record<string, string>; previewHtml?: string };

/** The editor's form and typed values; `preview` is the reply to send at once when "Preview" was pressed. */
export async function readEditorForm(request: Request, db: Db, bodyMaxLength: number) {
  const form = await readForm(request);
  const values = formValues(form);
  const preview =
    form.get("intent") === "preview" ? json<EditorReply>({ values, previewHtml: renderPreview(db, values.body ?? "", bodyMaxLength) }) : null;
  return { form, values, preview };
}
