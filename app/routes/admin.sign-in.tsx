// Admins' single sign-on page: the OpenID Connect providers (added, edited,
// turned on or off, removed; each save reads the provider's discovery
// document first), the ones set in the environment (read-only), and the two
// sign-in rules. Every change is audit-logged by the model.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { Field, FieldError, FieldHint, FormAlert, FormSuccess, describedBy } from "~/components/field";
import { callbackUrl, PROVIDER_LABEL_MAX, providerAddSchema, providerEditSchema, providerIdSchema, signInRulesSchema } from "~/forms/sso";
import {
  addProvider,
  editProvider,
  removeProvider,
  saveSignInRules,
  setProviderEnabled,
  signInAdminPage,
  siteOrigin,
} from "~/models/accounts/sso.server";
import { assertCan } from "~/policy.server";
import { parseForm, readForm, readIntent, type FormReply } from "~/utils/form.server";

export const meta: MetaFunction = () => [{ title: "Sign-in · Administration" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  assertCan(user, "admin.settings");
  return json({ ...signInAdminPage(context.db, user), origin: siteOrigin(request) });
}

const INTENTS = ["add", "edit", "enable", "disable", "remove", "rules"] as const;
type Reply = FormReply & { form: (typeof INTENTS)[number]; id?: number };

/** What is sent back to be shown again: never a secret. */
function withoutSecret(values: Record<string, unknown>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) if (key !== "clientSecret" && typeof value === "string") kept[key] = value;
  return kept;
}

function reply(body: Reply, status = 200) {
  return json<Reply>(body, { status });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  // Refuse non-admins before reading their form, so a forged post learns nothing.
  assertCan(user, "admin.settings");
  const form = await readForm(request);
  const intent = readIntent(form, INTENTS);
  switch (intent) {
    case "add": {
      const parsed = parseForm(providerAddSchema, form);
      if (!parsed.ok) return reply({ form: intent, errors: parsed.errors, values: withoutSecret(parsed.values) }, 400);
      const result = await addProvider(context.db, user, parsed.data);
      if (!result.ok) return reply({ form: intent, errors: result.errors, values: withoutSecret(parsed.data) }, 400);
      return reply({ form: intent, message: `${parsed.data.label} was added: its button now shows on the sign-in page.` });
    }
    case "edit": {
      const parsed = parseForm(providerEditSchema, form);
      const id = Number(form.get("id")) || undefined;
      if (!parsed.ok) return reply({ form: intent, id, errors: parsed.errors, values: withoutSecret(parsed.values) }, 400);
      const result = await editProvider(context.db, user, parsed.data);
      if (!result.ok) return reply({ form: intent, id, errors: result.errors, values: withoutSecret(parsed.data) }, 400);
      return reply({ form: intent, message: `${parsed.data.label} was saved.` });
    }
    case "enable":
    case "disable":
    case "remove": {
      const parsed = parseForm(providerIdSchema, form);
      if (!parsed.ok) return reply({ form: intent, errors: { form: "Which provider? The form did not say." } }, 400);
      const result =
        intent === "remove"
          ? removeProvider(context.db, user, parsed.data)
          : setProviderEnabled(context.db, user, { id: parsed.data.id, enabled: intent === "enable" });
      if (!result.ok) return reply({ form: intent, errors: result.errors }, 400);
      const done = intent === "remove" ? "was removed" : intent === "enable" ? "is on" : "is off";
      return reply({ form: intent, message: `${result.label} ${done}.` });
    }
    case "rules": {
      const typed = { memberPasswords: form.get("memberPasswords") === "on" ? "on" : "", requireStaffTwoFactor: form.get("requireStaffTwoFactor") === "on" ? "on" : "" };
      const parsed = parseForm(signInRulesSchema, form);
      if (!parsed.ok) return reply({ form: intent, errors: parsed.errors, values: typed }, 400);
      const result = saveSignInRules(context.db, user, parsed.data);
      if (!result.ok) return reply({ form: intent, errors: result.errors, values: typed }, 400);
      return reply({ form: intent, message: "The sign-in rules were saved." });
    }
  }
}

type ProviderRow = ReturnType<typeof useLoaderData<typeof loader>>["providers"][number];

export default function AdminSignIn() {
  const { providers, rules, origin } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const listReply = result && ["enable", "disable", "remove", "edit"].includes(result.form) ? result : undefined;
  const addReply = result?.form === "add" ? result : undefined;
  const rulesReply = result?.form === "rules" ? result : undefined;
  const editReply = result?.form === "edit" && result.errors ? result : undefined;
  const editing = result?.form === "edit" ? (editReply?.id ?? null) : Number(params.get("edit")) || null;
  const anyEnabled = providers.some((p) => p.enabled);
  return (
    <div className="stack-lg">
      <section className="card" aria-labelledby="providers-title">
        <h2 id="providers-title">Single sign-on providers</h2>
        <p className="muted">
          People can sign in with their account at an OpenID Connect provider (your company's identity service, for instance). The first sign-in
          creates their account here; an existing account is linked once its owner proves it is theirs.
        </p>
        <FormSuccess message={listReply?.message} />
        <FormAlert message={listReply?.errors?.form} />
        {providers.length ? (
          <ul className="sso-provider-list">
            {providers.map((provider) => (
              <li key={provider.slug} className="sso-provider">
                <h3>
                  {provider.label}{" "}
                  <span className="badge">{provider.fromEnvironment ? "From the environment" : provider.enabled ? "On" : "Off"}</span>
                </h3>
                <dl className="sso-provider-facts">
                  <dt>Issuer</dt>
                  <dd>{provider.issuer}</dd>
                  <dt>Client id</dt>
                  <dd>{provider.clientId}</dd>
                  <dt>Callback address</dt>
                  <dd>
                    <code>{callbackUrl(origin, provider.slug)}</code>
                  </dd>
                  <dt>Linked accounts</dt>
                  <dd>{provider.linkedAccounts}</dd>
                </dl>
                {provider.fromEnvironment ? (
                  <p className="muted">
                    Set with the <code>OIDC_{provider.slug.toUpperCase().replace(/-/g, "_")}_*</code> environment variables: change it there.
                  </p>
                ) : editing === provider.id ? (
                  <EditProvider provider={provider} reply={editReply} busy={busy} />
                ) : (
                  <div className="form-actions">
                    <Link className="button button-small" to={`?edit=${provider.id}`}>
                      Edit<span className="visually-hidden"> {provider.label}</span>
                    </Link>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value={provider.enabled ? "disable" : "enable"} />
                      <input type="hidden" name="id" value={provider.id ?? ""} />
                      <button type="submit" className="button button-small" disabled={busy}>
                        {provider.enabled ? "Turn off" : "Turn on"}
                        <span className="visually-hidden"> {provider.label}</span>
                      </button>
                    </Form>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="id" value={provider.id ?? ""} />
                      <button type="submit" className="button button-small button-danger" disabled={busy}>
                        Remove<span className="visually-hidden"> {provider.label}</span>
                      </button>
                    </Form>
                  </div>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">No provider yet: people sign in with a password.</p>
        )}
      </section>

      {editing ? null : (
        <section className="card" aria-labelledby="add-provider-title">
          <h2 id="add-provider-title">Add a provider</h2>
          <p className="muted">
            Register this site at the provider as a web application, with the callback address <code>{callbackUrl(origin, "short-name")}</code>{" "}
            (your short name in place of “short-name”), then copy its client id and secret here. We read the provider's{" "}
            <code>.well-known/openid-configuration</code> before saving.
          </p>
          <FormSuccess message={addReply?.message} />
          <FormAlert message={addReply?.errors?.form} />
          <Form method="post" noValidate className="stack" key={providers.length}>
            <input type="hidden" name="intent" value="add" />
            <Field
              label="Button label"
              name="label"
              required
              defaultValue={addReply?.values?.label}
              error={addReply?.errors?.label}
              hint={`Shown as “Sign in with …” (up to ${PROVIDER_LABEL_MAX} characters).`}
            />
            <Field
              label="Short name"
              name="slug"
              required
              defaultValue={addReply?.values?.slug}
              error={addReply?.errors?.slug}
              hint="Lowercase letters, digits and -, used in the addresses /auth/short-name and /auth/short-name/callback. It cannot be changed later."
            />
            <Field
              label="Issuer"
              name="issuer"
              type="url"
              required
              defaultValue={addReply?.values?.issuer}
              error={addReply?.errors?.issuer}
              hint="The provider's address, like https://login.example.com (https only)."
            />
            <Field label="Client id" name="clientId" required autoComplete="off" defaultValue={addReply?.values?.clientId} error={addReply?.errors?.clientId} />
            <Field label="Client secret" name="clientSecret" type="password" required autoComplete="off" error={addReply?.errors?.clientSecret} />
            <div>
              <button type="submit" className="button button-primary" disabled={busy}>
                Add the provider
              </button>
            </div>
          </Form>
        </section>
      )}

      <section className="card" aria-labelledby="sign-in-rules-title">
        <h2 id="sign-in-rules-title">Sign-in rules</h2>
        <FormSuccess message={rulesReply?.message} />
        <Form method="post" noValidate className="stack" key={JSON.stringify(rules)}>
          <input type="hidden" name="intent" value="rules" />
          <Checkbox
            name="memberPasswords"
            label="Members may sign in with a password"
            checked={rulesReply?.values ? rulesReply.values.memberPasswords === "on" : rules.memberPasswords}
            error={rulesReply?.errors?.memberPasswords}
            hint={
              anyEnabled
                ? "Turned off, members sign in only with the providers above (and new accounts come only from them); moderators and admins keep their passwords."
                : "It can be turned off once a provider is on."
            }
          />
          <Checkbox
            name="requireStaffTwoFactor"
            label="Moderators and admins must use two-factor"
            checked={rulesReply?.values ? rulesReply.values.requireStaffTwoFactor === "on" : rules.requireStaffTwoFactor}
            error={rulesReply?.errors?.requireStaffTwoFactor}
            hint="Their accounts must have two-factor sign-in turned on (Settings → Security)."
          />
          <div>
            <button type="submit" className="button button-primary" disabled={busy}>
              Save the sign-in rules
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}

function EditProvider({ provider, reply, busy }: { provider: ProviderRow; reply: FormReply | undefined; busy: boolean }) {
  const values = reply?.values ?? {};
  const errors = reply?.errors ?? {};
  return (
    <Form method="post" noValidate className="stack" aria-label={`Edit ${provider.label}`}>
      <input type="hidden" name="intent" value="edit" />
      <input type="hidden" name="id" value={provider.id ?? ""} />
      <FormAlert message={errors.form} />
      <Field label="Button label" name="label" required defaultValue={values.label ?? provider.label} error={errors.label} />
      <Field label="Issuer" name="issuer" type="url" required defaultValue={values.issuer ?? provider.issuer} error={errors.issuer} />
      <Field label="Client id" name="clientId" required autoComplete="off" defaultValue={values.clientId ?? provider.clientId} error={errors.clientId} />
      <Field label="Client secret" name="clientSecret" type="password" autoComplete="off" error={errors.clientSecret} hint="Leave it empty to keep the saved secret." />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          Save {provider.label}
        </button>
        <Link to="/admin/sign-in">Cancel</Link>
      </div>
    </Form>
  );
}

/** A checkbox with its hint and its error beside it. */
function Checkbox({ name, label, checked, hint, error }: { name: string; label: string; checked: boolean; hint: string; error?: string }) {
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label className="radio">
        <input type="checkbox" name={name} defaultChecked={checked} aria-invalid={error ? true : undefined} aria-describedby={describedBy(name, error, hint)} />
        {label}
      </label>
      <FieldHint name={name} hint={hint} />
      <FieldError name={name} error={error} />
    </div>
  );
}
