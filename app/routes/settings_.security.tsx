import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { SettingsNav } from "~/components/settings-nav";
import { useRef } from "react";
import { requireUser } from "~/auth/current-user.server";
import { Field, FormAlert, FormSuccess, useClearPasswords } from "~/components/field";
import { disableTwoFactorSchema, enableTwoFactorSchema, RECOVERY_CODE_COUNT, regenerateRecoveryCodesSchema, TOTP_DIGITS } from "~/forms/two-factor";
import {
  disableTwoFactor,
  enableTwoFactor,
  getTwoFactorState,
  regenerateRecoveryCodes,
  startTwoFactorSetup,
} from "~/models/accounts/two-factor.server";
import { parseForm, readForm, readIntent, type FieldErrors } from "~/utils/form.server";
import { exactTime } from "~/utils/time";
import { metaT, useLanguage, useT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("securitySettings.title") }];

// Nothing on this page (a secret being set up, recovery codes) may be kept by a cache.
const PRIVATE = { "Cache-Control": "no-store" };
export const headers: HeadersFunction = () => PRIVATE;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const state = await getTwoFactorState(context.db, user);
  return json({ username: user.username, ...state }, { headers: PRIVATE });
}

const INTENTS = ["start", "enable", "regenerate", "disable"] as const;
type Intent = (typeof INTENTS)[number];

type ActionData = {
  intent: Intent;
  errors?: FieldErrors;
  values?: Record<string, string>;
  message?: string;
  /** Shown once, right after they were made. */
  recoveryCodes?: string[];
};

function reply(data: ActionData, status = 200) {
  return json<ActionData>(data, { status, headers: PRIVATE });
}

function failed(intent: Intent, errors: FieldErrors, values: Record<string, string> = {}, throttled = false) {
  return reply({ intent, errors, values }, throttled ? 429 : 400);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const form = await readForm(request);
  const intent = readIntent(form, INTENTS);
  const t = serverT(context.language);
  switch (intent) {
    case "start": {
      const result = startTwoFactorSetup(context.db, user);
      if (!result.ok) return failed(intent, result.errors);
      return redirect("/settings/security#two-factor");
    }
    case "enable": {
      const parsed = parseForm(enableTwoFactorSchema, form, context.language);
      if (!parsed.ok) return failed(intent, parsed.errors, parsed.values);
      const result = enableTwoFactor(context.db, user, parsed.data);
      if (!result.ok) return failed(intent, result.errors, { code: parsed.data.code }, result.throttled);
      return reply({ intent, message: t("securitySettings.enabled"), recoveryCodes: result.recoveryCodes });
    }
    case "regenerate": {
      const parsed = parseForm(regenerateRecoveryCodesSchema, form, context.language);
      if (!parsed.ok) return failed(intent, parsed.errors, parsed.values);
      const result = await regenerateRecoveryCodes(context.db, user, { ...parsed.data, code: String(form.get("code") ?? "") });
      if (!result.ok) return failed(intent, result.errors, {}, result.throttled);
      return reply({ intent, message: t("securitySettings.regenerated"), recoveryCodes: result.recoveryCodes });
    }
    case "disable": {
      const parsed = parseForm(disableTwoFactorSchema, form, context.language);
      if (!parsed.ok) return failed(intent, parsed.errors, parsed.values);
      const result = await disableTwoFactor(context.db, user, parsed.data);
      if (!result.ok) return failed(intent, result.errors, {}, result.throttled);
      return reply({ intent, message: t("securitySettings.disabled") });
    }
  }
}

/** "ABCD EFGH …": easier to type from the screen. */
function groupedKey(secret: string) {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  const t = useT();
  return (
    <div className="recovery-codes-box stack" id="recovery-codes">
      <h3>{t("securitySettings.codesHeading")}</h3>
      <p>
        {t("securitySettings.codesText", { count: codes.length })} <strong>{t("securitySettings.codesOnce")}</strong>
      </p>
      <ol className="recovery-codes" aria-label={t("securitySettings.codesLabel")}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
    </div>
  );
}

export default function SecuritySettings() {
  const t = useT();
  const language = useLanguage();
  const { username, enabledAt, setup, recoveryCodesLeft, required, hasPassword } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const forIntent = (intent: Intent) => (data?.intent === intent ? data : undefined);
  const enableData = forIntent("enable");
  const regenerateData = forIntent("regenerate");
  const disableData = forIntent("disable");
  const regenerateForm = useRef<HTMLFormElement>(null);
  const disableForm = useRef<HTMLFormElement>(null);
  useClearPasswords(regenerateForm, regenerateData);
  useClearPasswords(disableForm, disableData);
  const newCodes = data?.recoveryCodes;

  return (
    <div className="page-medium">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to="/settings">{t("settings.heading")}</Link> › {t("securitySettings.heading")}
        </p>
        <h1>{t("securitySettings.heading")}</h1>
        <p className="lede">{t("settings.signedInAs", { username })}</p>
        <SettingsNav />
      </header>

      {required && !enabledAt ? (
        <div className="alert alert-warning" role="alert">
          {t("securitySettings.required")}
        </div>
      ) : null}

      <section className="card settings-section" id="two-factor" aria-labelledby="two-factor-title">
        <h2 id="two-factor-title">{t("securitySettings.twoFactor")}</h2>
        <FormSuccess message={data?.message} />
        <FormAlert message={data?.errors?.form} />
        {newCodes ? <RecoveryCodes codes={newCodes} /> : null}

        {enabledAt ? (
          <div className="stack">
            <p>
              <strong>{t("securitySettings.on")}</strong> {t("securitySettings.onSince", { date: exactTime(enabledAt, language) })}
            </p>
            <p>
              {t("securitySettings.codesLeft")} <strong>{recoveryCodesLeft}</strong> {t("securitySettings.codesOf", { total: RECOVERY_CODE_COUNT })}
              {recoveryCodesLeft <= 3 ? ` ${t("securitySettings.runningOut")}` : ""}
            </p>

            <Form method="post" noValidate className="stack" ref={regenerateForm} aria-labelledby="regenerate-title">
              <h3 id="regenerate-title">{t("securitySettings.newCodesHeading")}</h3>
              <input type="hidden" name="intent" value="regenerate" />
              {hasPassword ? (
                <Field
                  label={t("accountFields.currentPassword")}
                  name="currentPassword"
                  id="regenerate-current-password"
                  type="password"
                  autoComplete="current-password"
                  required
                  error={regenerateData?.errors?.currentPassword}
                  hint={t("securitySettings.codesWillStop")}
                />
              ) : (
                <Field
                  label={t("securitySettings.appCode")}
                  name="code"
                  id="regenerate-code"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  required
                  error={regenerateData?.errors?.code}
                  hint={t("securitySettings.codesWillStop")}
                />
              )}
              <div>
                <button type="submit" className="button" disabled={busyIntent === "regenerate"}>
                  {t("securitySettings.makeNewCodes")}
                </button>
              </div>
            </Form>

            {required ? (
              <div className="stack">
                <h3>{t("securitySettings.turnOffHeading")}</h3>
                <p className="muted">{t("securitySettings.mustKeep")}</p>
              </div>
            ) : (
              <Form method="post" noValidate className="stack" ref={disableForm} aria-labelledby="disable-title">
                <h3 id="disable-title">{t("securitySettings.turnOffHeading")}</h3>
                <input type="hidden" name="intent" value="disable" />
                {hasPassword ? (
                  <Field
                    label={t("accountFields.currentPassword")}
                    name="currentPassword"
                    id="disable-current-password"
                    type="password"
                    autoComplete="current-password"
                    required
                    error={disableData?.errors?.currentPassword}
                  />
                ) : null}
                <Field
                  label={t("securitySettings.disableCode")}
                  name="code"
                  id="disable-code"
                  autoComplete="one-time-code"
                  required
                  defaultValue={disableData?.values?.code}
                  error={disableData?.errors?.code}
                />
                <div>
                  <button type="submit" className="button button-danger" disabled={busyIntent === "disable"}>
                    {t("securitySettings.turnOff")}
                  </button>
                </div>
              </Form>
            )}
          </div>
        ) : setup ? (
          <div className="stack two-factor-setup">
            <ol className="stack two-factor-steps">
              <li>
                <p>{t("securitySettings.scan")}</p>
                <div
                  className="two-factor-qr"
                  role="img"
                  aria-label={t("securitySettings.qrLabel")}
                  // Drawn on the server by the qrcode library from our own otpauth:// address: paths only, no script.
                  dangerouslySetInnerHTML={{ __html: setup.qrSvg }}
                />
              </li>
              <li>
                <p>
                  {t("securitySettings.typeKey", { digits: TOTP_DIGITS })}{" "}
                  <code className="two-factor-key">
                    {groupedKey(setup.secret)}
                  </code>
                </p>
              </li>
              <li>
                <Form method="post" noValidate className="stack">
                  <input type="hidden" name="intent" value="enable" />
                  <Field
                    label={t("securitySettings.enableCode")}
                    name="code"
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    required
                    defaultValue={enableData?.values?.code}
                    error={enableData?.errors?.code}
                    hint={t("securitySettings.enableHint", { digits: TOTP_DIGITS })}
                  />
                  <div>
                    <button type="submit" className="button button-primary" disabled={busyIntent === "enable"}>
                      {t("securitySettings.confirmOn")}
                    </button>
                  </div>
                </Form>
              </li>
            </ol>
            <Form method="post">
              <input type="hidden" name="intent" value="start" />
              <button type="submit" className="button button-quiet button-small">
                {t("securitySettings.startOver")}
              </button>
            </Form>
          </div>
        ) : (
          <div className="stack">
            <p>
              <strong>{t("securitySettings.off")}</strong> {t("securitySettings.offText")}
            </p>
            <Form method="post">
              <input type="hidden" name="intent" value="start" />
              <button type="submit" className="button button-primary" disabled={busyIntent === "start"}>
                {t("securitySettings.turnOn")}
              </button>
            </Form>
          </div>
        )}
      </section>
    </div>
  );
}
