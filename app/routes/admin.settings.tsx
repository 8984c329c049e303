import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { Field, FormSuccess } from "~/components/field";
import { siteSettingsSchema } from "~/forms/admin";
import { getSiteSettings, updateSiteSettings } from "~/models/settings.server";
import { assertCan } from "~/policy.server";
import { parseForm, readForm, type FormReply } from "~/utils/form.server";

export const meta: MetaFunction = () => [{ title: "Site settings · Administration" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  assertCan(requireUser(request, context), "admin.settings");
  return json({ settings: getSiteSettings(context.db) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const parsed = parseForm(siteSettingsSchema, await readForm(request));
  if (!parsed.ok) return json<FormReply>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  updateSiteSettings(context.db, user, parsed.data);
  return json<FormReply>({ message: "The site settings were saved." });
}

export default function AdminSettings() {
  const { settings } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors: Record<string, string> = data?.errors ?? {};
  const values: Record<string, string> = data?.values ?? {};
  return (
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
  );
}
