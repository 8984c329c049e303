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

export const meta: MetaFunction = () => [{ title: "Security · Your settings" }];

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

function failed(intent: Intent, errors: FieldErrors, values: Record<string, string> = {}) {
  const status = Object.values(errors).some((message) => message.startsWith("Too many")) ? 429 : 400;
  return reply({ intent, errors, values }, status);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const form = await readForm(request);
  const intent = readIntent(form, INTENTS);
  switch (intent) {
    case "start": {
      const result = startTwoFactorSetup(context.db, user);
      if (!result.ok) return failed(intent, result.errors);
      return redirect("/settings/security#two-factor");
    }
    case "enable": {
      const parsed = parseForm(enableTwoFactorSchema, form);
      if (!parsed.ok) return failed(intent, parsed.errors, parsed.values);
      const result = enableTwoFactor(context.db, user, parsed.data);
      if (!result.ok) return failed(intent, result.errors, { code: parsed.data.code });
      return reply({ intent, message: "Two-factor sign-in is on.", recoveryCodes: result.recoveryCodes });
    }
    case "regenerate": {
      const parsed = parseForm(regenerateRecoveryCodesSchema, form);
      if (!parsed.ok) return failed(intent, parsed.errors, parsed.values);
      const result = await regenerateRecoveryCodes(context.db, user, { ...parsed.data, code: String(form.get("code") ?? "") });
      if (!result.ok) return failed(intent, result.errors);
      return reply({ intent, message: "You have new recovery codes; the old ones no longer work.", recoveryCodes: result.recoveryCodes });
    }
    case "disable": {
      const parsed = parseForm(disableTwoFactorSchema, form);
      if (!parsed.ok) return failed(intent, parsed.errors, parsed.values);
      const result = await disableTwoFactor(context.db, user, parsed.data);
      if (!result.ok) return failed(intent, result.errors);
      return reply({ intent, message: "Two-factor sign-in is off. Your recovery codes no longer work." });
    }
  }
}

/** "ABCD EFGH …": easier to type from the screen. */
function groupedKey(secret: string) {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <div className="recovery-codes-box stack" id="recovery-codes">
      <h3>Your recovery codes</h3>
      <p>
        Save these {codes.length} codes somewhere safe (a password manager, or on paper). Each one signs you in once if you lose
        your phone. <strong>They are shown only now.</strong>
      </p>
      <ol className="recovery-codes" aria-label="Recovery codes">
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
          <Link to="/settings">Your settings</Link> › Security
        </p>
        <h1>Security</h1>
        <p className="lede">Signed in as @{username}.</p>
        <SettingsNav />
      </header>

      {required && !enabledAt ? (
        <div className="alert alert-warning" role="alert">
          Moderators and admins must use two-factor sign-in on this community. Turn it on below to go on; until then, only this
          page and signing out are open to you.
        </div>
      ) : null}

      <section className="card settings-section" id="two-factor" aria-labelledby="two-factor-title">
        <h2 id="two-factor-title">Two-factor sign-in</h2>
        <FormSuccess message={data?.message} />
        <FormAlert message={data?.errors?.form} />
        {newCodes ? <RecoveryCodes codes={newCodes} /> : null}

        {enabledAt ? (
          <div className="stack">
            <p>
              <strong>On</strong> since {exactTime(enabledAt)}. After your password, you are asked for a code from your
              authenticator app.
            </p>
            <p>
              Recovery codes left: <strong>{recoveryCodesLeft}</strong> of {RECOVERY_CODE_COUNT}.
              {recoveryCodesLeft <= 3 ? " Make new ones before you run out." : ""}
            </p>

            <Form method="post" noValidate className="stack" ref={regenerateForm} aria-labelledby="regenerate-title">
              <h3 id="regenerate-title">New recovery codes</h3>
              <input type="hidden" name="intent" value="regenerate" />
              {hasPassword ? (
                <Field
                  label="Current password"
                  name="currentPassword"
                  id="regenerate-current-password"
                  type="password"
                  autoComplete="current-password"
                  required
                  error={regenerateData?.errors?.currentPassword}
                  hint="The codes you have now will stop working."
                />
              ) : (
                <Field
                  label="Code from your authenticator app"
                  name="code"
                  id="regenerate-code"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  required
                  error={regenerateData?.errors?.code}
                  hint="The codes you have now will stop working."
                />
              )}
              <div>
                <button type="submit" className="button" disabled={busyIntent === "regenerate"}>
                  Make new recovery codes
                </button>
              </div>
            </Form>

            {required ? (
              <div className="stack">
                <h3>Turn off two-factor</h3>
                <p className="muted">Moderators and admins must keep two-factor sign-in on while the admins require it.</p>
              </div>
            ) : (
              <Form method="post" noValidate className="stack" ref={disableForm} aria-labelledby="disable-title">
                <h3 id="disable-title">Turn off two-factor</h3>
                <input type="hidden" name="intent" value="disable" />
                {hasPassword ? (
                  <Field
                    label="Current password"
                    name="currentPassword"
                    id="disable-current-password"
                    type="password"
                    autoComplete="current-password"
                    required
                    error={disableData?.errors?.currentPassword}
                  />
                ) : null}
                <Field
                  label="Code from your app, or a recovery code"
                  name="code"
                  id="disable-code"
                  autoComplete="one-time-code"
                  required
                  defaultValue={disableData?.values?.code}
                  error={disableData?.errors?.code}
                />
                <div>
                  <button type="submit" className="button button-danger" disabled={busyIntent === "disable"}>
                    Turn off two-factor
                  </button>
                </div>
              </Form>
            )}
          </div>
        ) : setup ? (
          <div className="stack two-factor-setup">
            <ol className="stack two-factor-steps">
              <li>
                <p>Scan this QR code with an authenticator app (for example 1Password, Google Authenticator, Aegis or Authy).</p>
                <div
                  className="two-factor-qr"
                  role="img"
                  aria-label="QR code to add this account to your authenticator app. The same key is written below for typing in."
                  // Drawn on the server by the qrcode library from our own otpauth:// address: paths only, no script.
                  dangerouslySetInnerHTML={{ __html: setup.qrSvg }}
                />
              </li>
              <li>
                <p>
                  Or type this key into the app (time-based, {TOTP_DIGITS} digits):{" "}
                  <code className="two-factor-key">
                    {groupedKey(setup.secret)}
                  </code>
                </p>
              </li>
              <li>
                <Form method="post" noValidate className="stack">
                  <input type="hidden" name="intent" value="enable" />
                  <Field
                    label="Code from your app"
                    name="code"
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    required
                    defaultValue={enableData?.values?.code}
                    error={enableData?.errors?.code}
                    hint={`The ${TOTP_DIGITS}-digit code your app shows now.`}
                  />
                  <div>
                    <button type="submit" className="button button-primary" disabled={busyIntent === "enable"}>
                      Confirm and turn on
                    </button>
                  </div>
                </Form>
              </li>
            </ol>
            <Form method="post">
              <input type="hidden" name="intent" value="start" />
              <button type="submit" className="button button-quiet button-small">
                Start over with a new key
              </button>
            </Form>
          </div>
        ) : (
          <div className="stack">
            <p>
              <strong>Off.</strong> With two-factor sign-in, signing in takes your password and a code from an authenticator
              app on your phone, so a stolen password alone is not enough.
            </p>
            <Form method="post">
              <input type="hidden" name="intent" value="start" />
              <button type="submit" className="button button-primary" disabled={busyIntent === "start"}>
                Turn on two-factor
              </button>
            </Form>
          </div>
        )}
      </section>
    </div>
  );
}
