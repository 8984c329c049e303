import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { Field, FormSuccess } from "~/components/field";
import { kbReviewRuleSchema, siteSettingsSchema } from "~/forms/admin";
import { getKbReviewRule, getSiteSettings, updateKbReviewRule, updateSiteSettings } from "~/models/settings.server";
import { assertCan } from "~/policy.server";
import { parseForm, readForm, type FormReply } from "~/utils/form.server";

export const meta: MetaFunction = () => [{ title: "Site settings · Administration" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  assertCan(requireUser(request, context), "admin.settings");
  return json({ settings: getSiteSettings(context.db), kbReview: getKbReviewRule(context.db) });
}

type SettingsReply = FormReply & { form: "site" | "kb" };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const form = await readForm(request);
  if (form.get("intent") === "kb") {
    const parsed = parseForm(kbReviewRuleSchema, form);
    if (!parsed.ok) return json<SettingsReply>({ form: "kb", errors: parsed.errors, values: parsed.values }, { status: 400 });
    updateKbReviewRule(context.db, user, parsed.data);
    return json<SettingsReply>({ form: "kb", message: "The review rule was saved." });
  }
  const parsed = parseForm(siteSettingsSchema, form);
  if (!parsed.ok) return json<SettingsReply>({ form: "site", errors: parsed.errors, values: parsed.values }, { status: 400 });
  updateSiteSettings(context.db, user, parsed.data);
  return json<SettingsReply>({ form: "site", message: "The site settings were saved." });
}

export default function AdminSettings() {
  const { settings, kbReview } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const data = reply?.form === "site" ? reply : undefined;
  const kb = reply?.form === "kb" ? reply : undefined;
  const errors: Record<string, string> = data?.errors ?? {};
  const values: Record<string, string> = data?.values ?? {};
  const kbErrors: Record<string, string> = kb?.errors ?? {};
  const kbValues: Record<string, string> = kb?.values ?? {};
  return (
    <div className="stack-lg">
      <section className="card" aria-labelledby="settings-title">
        <h2 id="settings-title">Site settings</h2>
        <FormSuccess message={data?.message} />
        <Form method="post" noValidate className="stack">
          <Field
            label="Brand name"
            name="brandName"
            required
            defaultValue={values.brandName ?? settings.brandName}
            error={errors.brandName}
            hint="Shown in the header, page titles and emails."
          />
          <Field
            label="Tagline"
            name="tagline"
            defaultValue={values.tagline ?? settings.tagline}
            error={errors.tagline}
            hint="One line under the brand on the home page."
          />
          <div>
            <button type="submit" className="button button-primary">
              Save settings
            </button>
          </div>
        </Form>
      </section>
      <section className="card" aria-labelledby="kb-rule-title">
        <h2 id="kb-rule-title">Knowledge-base reviews</h2>
        <p className="muted">An article goes to the moderators' review queue when enough readers answer “No” to “Was this helpful?”.</p>
        <FormSuccess message={kb?.message} />
        <Form method="post" noValidate className="stack">
          <input type="hidden" name="intent" value="kb" />
          <div className="filter-bar">
            <Field
              label="At least this many “No”"
              name="minNo"
              type="number"
              min={1}
              max={1000}
              required
              defaultValue={kbValues.minNo ?? String(kbReview.minNo)}
              error={kbErrors.minNo}
            />
            <Field
              label="And more than this share of answers (%)"
              name="noPercent"
              type="number"
              min={0}
              max={100}
              required
              defaultValue={kbValues.noPercent ?? String(kbReview.noPercent)}
              error={kbErrors.noPercent}
            />
          </div>
          <div>
            <button type="submit" className="button button-primary">
              Save the review rule
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}
