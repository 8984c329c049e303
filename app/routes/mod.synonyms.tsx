import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/current-user.server";
import { Field, FormAlert, FormSuccess } from "~/components/field";
import { metaT, useT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { synonymSchema } from "~/forms/search";
import { addSynonyms, listSynonyms, removeSynonym } from "~/models/search/synonym.server";
import { assertCan } from "~/policy.server";
import { parseForm, readForm, readIntent, type FormReply } from "~/utils/form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("mod.synonyms.title") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return json({ groups: listSynonyms(context.db, user) });
}

const removeSchema = z.object({ id: z.coerce.number().int().positive() });

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  // Refuse members before reading their form, so a forged post learns nothing.
  assertCan(user, "search.synonyms");
  const form = await readForm(request);
  if (readIntent(form, ["add", "remove"], "add") === "remove") {
    const parsed = removeSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw new Response(serverT(context.language)("mod.synonyms.whichSynonym"), { status: 400 });
    removeSynonym(context.db, user, parsed.data.id);
    return redirect("/mod/synonyms");
  }
  const parsed = parseForm(synonymSchema, form, context.language);
  if (!parsed.ok) return json<FormReply>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = addSynonyms(context.db, user, parsed.data);
  if (!result.ok) return json<FormReply>({ errors: result.errors, values: parsed.data }, { status: 400 });
  return json<FormReply>({ message: serverT(context.language)("mod.synonyms.added", { term: result.term, words: result.added.join(", ") }) });
}

export default function Synonyms() {
  const { groups } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors = reply?.errors ?? {};
  const values = reply?.values ?? { term: params.get("term") ?? "" };
  const t = useT();
  return (
    <div className="stack-lg">
      <p className="lede">{t("mod.synonyms.lede")}</p>
      <section className="card stack" aria-labelledby="add-title">
        <h2 id="add-title">{t("mod.synonyms.addTitle")}</h2>
        <FormSuccess message={reply?.message} />
        <FormAlert message={errors.form} />
        {/* A new key after each success empties the form for the next one. */}
        <Form method="post" noValidate className="stack" key={reply?.message ?? "form"}>
          <div className="filter-bar">
            <Field
              label={t("mod.synonyms.term")}
              name="term"
              defaultValue={values.term}
              error={errors.term}
              hint={t("mod.synonyms.termHint")}
              maxLength={60}
            />
            <Field
              label={t("mod.synonyms.synonyms")}
              name="synonyms"
              defaultValue={values.synonyms}
              error={errors.synonyms}
              hint={t("mod.synonyms.synonymsHint")}
              maxLength={300}
            />
          </div>
          <div className="form-actions">
            <button type="submit" name="intent" value="add" className="button button-primary" disabled={busy}>
              {t("mod.synonyms.add")}
            </button>
          </div>
        </Form>
      </section>
      <section className="card stack" aria-labelledby="list-title">
        <h2 id="list-title">{t("mod.synonyms.listTitle")}</h2>
        {groups.length ? (
          <div className="table-wrap">
          <table className="table table-cards synonyms-table">
            <thead>
              <tr>
                <th scope="col">{t("mod.synonyms.customersSay")}</th>
                <th scope="col">{t("mod.synonyms.alsoFinds")}</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((group) => (
                <tr key={group.term}>
                  <th scope="row">{group.term}</th>
                  <td data-label={t("mod.synonyms.alsoFinds")}>
                    <ul className="synonym-list">
                      {group.synonyms.map((s) => (
                        <li key={s.id}>
                          <span className="tag">{s.synonym}</span>
                          <Form method="post" className="inline-form">
                            <input type="hidden" name="id" value={s.id} />
                            <button type="submit" name="intent" value="remove" className="link-button">
                              {t("mod.synonyms.remove")}
                              <span className="visually-hidden"> {t("mod.synonyms.removeWhat", { synonym: s.synonym, term: group.term })}</span>
                            </button>
                          </Form>
                          {s.createdBy ? <span className="muted"> {t("mod.synonyms.addedBy", { username: s.createdBy })}</span> : null}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        ) : (
          <p className="empty">{t("mod.synonyms.empty")}</p>
        )}
      </section>
    </div>
  );
}
