// Admins' single sign-on page: the OpenID Connect providers (added, edited,
// turned on or off, removed; each save reads the provider's discovery
// document first), the ones set in the environment (read-only), and the two
// sign-in rules. Every change is audit-logged by the model.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { Field, FieldError, FieldHint, FormAlert, FormSuccess, describedBy } from "~/components/field";
import { metaT, useT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
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

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("admin.signIn.title") }];

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
  const t = serverT(context.language);
  switch (intent) {
    case "add": {
      const parsed = parseForm(providerAddSchema, form, context.language);
      if (!parsed.ok) return reply({ form: intent, errors: parsed.errors, values: withoutSecret(parsed.values) }, 400);
      const result = await addProvider(context.db, user, parsed.data);
      if (!result.ok) return reply({ form: intent, errors: result.errors, values: withoutSecret(parsed.data) }, 400);
      return reply({ form: intent, message: t("admin.signIn.added", { label: parsed.data.label }) });
    }
    case "edit": {
      const parsed = parseForm(providerEditSchema, form, context.language);
      const id = Number(form.get("id")) || undefined;
      if (!parsed.ok) return reply({ form: intent, id, errors: parsed.errors, values: withoutSecret(parsed.values) }, 400);
      const result = await editProvider(context.db, user, parsed.data);
      if (!result.ok) return reply({ form: intent, id, errors: result.errors, values: withoutSecret(parsed.data) }, 400);
      return reply({ form: intent, message: t("admin.signIn.saved", { label: parsed.data.label }) });
    }
    case "enable":
    case "disable":
    case "remove": {
      const parsed = parseForm(providerIdSchema, form, context.language);
      if (!parsed.ok) return reply({ form: intent, errors: { form: t("admin.signIn.whichProvider") } }, 400);
      const result =
        intent === "remove"
          ? removeProvider(context.db, user, parsed.data)
          : setProviderEnabled(context.db, user, { id: parsed.data.id, enabled: intent === "enable" });
      if (!result.ok) return reply({ form: intent, errors: result.errors }, 400);
      const done = intent === "remove" ? t("admin.signIn.removed", { label: result.label }) : intent === "enable" ? t("admin.signIn.on", { label: result.label }) : t("admin.signIn.off", { label: result.label });
      return reply({ form: intent, message: done });
    }
    case "rules": {
      const typed = { memberPasswords: form.get("memberPasswords") === "on" ? "on" : "", requireStaffTwoFactor: form.get("requireStaffTwoFactor") === "on" ? "on" : "" };
      const parsed = parseForm(signInRulesSchema, form, context.language);
      if (!parsed.ok) return reply({ form: intent, errors: parsed.errors, values: typed }, 400);
      const result = saveSignInRules(context.db, user, parsed.data);
      if (!result.ok) return reply({ form: intent, errors: result.errors, values: typed }, 400);
      return reply({ form: intent, message: t("admin.signIn.rulesSaved") });
    }
  }
}

// Names in code, not words: the same in every language.
const DISCOVERY_PATH = ".well-known/openid-configuration";

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
  const t = useT();
  return (
    <div className="stack-lg">
      <section className="card" aria-labelledby="providers-title">
        <h2 id="providers-title">{t("admin.signIn.providersTitle")}</h2>
        <p className="muted">{t("admin.signIn.providersText")}</p>
        <FormSuccess message={listReply?.message} />
        <FormAlert message={listReply?.errors?.form} />
        {providers.length ? (
          <ul className="sso-provider-list">
            {providers.map((provider) => (
              <li key={provider.slug} className="sso-provider">
                <h3>
                  {provider.label}{" "}
                  <span className="badge">
                    {provider.fromEnvironment ? t("admin.signIn.fromEnvironment") : provider.enabled ? t("admin.signIn.badgeOn") : t("admin.signIn.badgeOff")}
                  </span>
                </h3>
                <dl className="sso-provider-facts">
                  <dt>{t("admin.signIn.issuer")}</dt>
                  <dd>{provider.issuer}</dd>
                  <dt>{t("admin.signIn.clientId")}</dt>
                  <dd>{provider.clientId}</dd>
                  <dt>{t("admin.signIn.callback")}</dt>
                  <dd>
                    <code>{callbackUrl(origin, provider.slug)}</code>
                  </dd>
                  <dt>{t("admin.signIn.linkedAccounts")}</dt>
                  <dd>{provider.linkedAccounts}</dd>
                </dl>
                {provider.fromEnvironment ? (
                  <p className="muted">
                    {t("admin.signIn.envBefore")} <code>{`OIDC_${provider.slug.toUpperCase().replace(/-/g, "_")}_*`}</code> {t("admin.signIn.envAfter")}
                  </p>
                ) : editing === provider.id ? (
                  <EditProvider provider={provider} reply={editReply} busy={busy} />
                ) : (
                  <div className="form-actions">
                    <Link className="button button-small" to={`?edit=${provider.id}`}>
                      {t("admin.signIn.edit")}
                      <span className="visually-hidden"> {provider.label}</span>
                    </Link>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value={provider.enabled ? "disable" : "enable"} />
                      <input type="hidden" name="id" value={provider.id ?? ""} />
                      <button type="submit" className="button button-small" disabled={busy}>
                        {provider.enabled ? t("admin.signIn.turnOff") : t("admin.signIn.turnOn")}
                        <span className="visually-hidden"> {provider.label}</span>
                      </button>
                    </Form>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="id" value={provider.id ?? ""} />
                      <button type="submit" className="button button-small button-danger" disabled={busy}>
                        {t("admin.signIn.remove")}
                        <span className="visually-hidden"> {provider.label}</span>
                      </button>
                    </Form>
                  </div>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{t("admin.signIn.noProvider")}</p>
        )}
      </section>

      {editing ? null : (
        <section className="card" aria-labelledby="add-provider-title">
          <h2 id="add-provider-title">{t("admin.signIn.addTitle")}</h2>
          <p className="muted">
            {t("admin.signIn.registerBefore")} <code>{callbackUrl(origin, "short-name")}</code> {t("admin.signIn.registerMiddle")}{" "}
            <code>{DISCOVERY_PATH}</code> {t("admin.signIn.registerAfter")}
          </p>
          <FormSuccess message={addReply?.message} />
          <FormAlert message={addReply?.errors?.form} />
          <Form method="post" noValidate className="stack" key={providers.length}>
            <input type="hidden" name="intent" value="add" />
            <Field
              label={t("admin.signIn.label")}
              name="label"
              required
              defaultValue={addReply?.values?.label}
              error={addReply?.errors?.label}
              hint={t("admin.signIn.labelHint", { max: PROVIDER_LABEL_MAX })}
            />
            <Field
              label={t("admin.signIn.slug")}
              name="slug"
              required
              defaultValue={addReply?.values?.slug}
              error={addReply?.errors?.slug}
              hint={t("admin.signIn.slugHint")}
            />
            <Field
              label={t("admin.signIn.issuer")}
              name="issuer"
              type="url"
              required
              defaultValue={addReply?.values?.issuer}
              error={addReply?.errors?.issuer}
              hint={t("admin.signIn.issuerHint")}
            />
            <Field
              label={t("admin.signIn.clientId")}
              name="clientId"
              required
              autoComplete="off"
              defaultValue={addReply?.values?.clientId}
              error={addReply?.errors?.clientId}
            />
            <Field label={t("admin.signIn.clientSecret")} name="clientSecret" type="password" required autoComplete="off" error={addReply?.errors?.clientSecret} />
            <div>
              <button type="submit" className="button button-primary" disabled={busy}>
                {t("admin.signIn.add")}
              </button>
            </div>
          </Form>
        </section>
      )}

      <section className="card" aria-labelledby="sign-in-rules-title">
        <h2 id="sign-in-rules-title">{t("admin.signIn.rulesTitle")}</h2>
        <FormSuccess message={rulesReply?.message} />
        <Form method="post" noValidate className="stack" key={JSON.stringify(rules)}>
          <input type="hidden" name="intent" value="rules" />
          <Checkbox
            name="memberPasswords"
            label={t("admin.signIn.memberPasswords")}
            checked={rulesReply?.values ? rulesReply.values.memberPasswords === "on" : rules.memberPasswords}
            error={rulesReply?.errors?.memberPasswords}
            hint={anyEnabled ? t("admin.signIn.memberPasswordsHint") : t("admin.signIn.memberPasswordsNoProvider")}
          />
          <Checkbox
            name="requireStaffTwoFactor"
            label={t("admin.signIn.staffTwoFactor")}
            checked={rulesReply?.values ? rulesReply.values.requireStaffTwoFactor === "on" : rules.requireStaffTwoFactor}
            error={rulesReply?.errors?.requireStaffTwoFactor}
            hint={t("admin.signIn.staffTwoFactorHint")}
          />
          <div>
            <button type="submit" className="button button-primary" disabled={busy}>
              {t("admin.signIn.saveRules")}
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
  const t = useT();
  return (
    <Form method="post" noValidate className="stack" aria-label={t("admin.signIn.editLabel", { label: provider.label })}>
      <input type="hidden" name="intent" value="edit" />
      <input type="hidden" name="id" value={provider.id ?? ""} />
      <FormAlert message={errors.form} />
      <Field label={t("admin.signIn.label")} name="label" required defaultValue={values.label ?? provider.label} error={errors.label} />
      <Field label={t("admin.signIn.issuer")} name="issuer" type="url" required defaultValue={values.issuer ?? provider.issuer} error={errors.issuer} />
      <Field label={t("admin.signIn.clientId")} name="clientId" required autoComplete="off" defaultValue={values.clientId ?? provider.clientId} error={errors.clientId} />
      <Field
        label={t("admin.signIn.clientSecret")}
        name="clientSecret"
        type="password"
        autoComplete="off"
        error={errors.clientSecret}
        hint={t("admin.signIn.keepSecret")}
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t("admin.signIn.save", { label: provider.label })}
        </button>
        <Link to="/admin/sign-in">{t("mod.cancel")}</Link>
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
