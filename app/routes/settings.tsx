import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { countUserSessions, endSession, endUserSessions } from "~/auth/session.server";
import { useRef } from "react";
import { Field, FieldError, FormAlert, FormSuccess, TextArea, useClearPasswords } from "~/components/field";
import { EmailField, NewPasswordField } from "~/components/account-fields";
import { BIO_MAX, DISPLAY_NAME_MAX, emailChangeSchema, LANGUAGE_CHOICES, languageSchema, passwordChangeSchema, PASSWORD_MIN, profileSchema } from "~/forms/account";
import { setChosenLanguage } from "~/models/accounts/language.server";
import { LANGUAGE_COOKIE, LANGUAGE_NAMES, type Language } from "~/i18n/languages";
import { refusedWith, type Message } from "~/i18n/message";
import { translateMessage } from "~/i18n/messages.server";
import { changeEmail, changePassword, updateProfile } from "~/models/accounts/user.server";
import { pendingEmailChange } from "~/models/accounts/account-tokens.server";
import { SettingsNav } from "~/components/settings-nav";
import { EMAIL_FREQUENCY_CHOICES, emailNotificationsSchema } from "~/forms/notifications";
import { getEmailNotifications, setEmailNotifications } from "~/models/notify/notification-settings.server";
import { parseForm, readForm, type FieldErrors } from "~/utils/form.server";
import { metaT, useT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("settings.title") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return json({
    profile: { displayName: user.displayName, bio: user.bio, email: user.email, username: user.username },
    emailConfirmed: !!user.emailVerifiedAt,
    // A change asked for and not confirmed yet: the address above stays in use until then.
    pendingEmail: pendingEmailChange(context.db, user),
    mustChangePassword: user.mustChangePassword,
    emailNotifications: getEmailNotifications(context.db, user.id),
    sessionCount: countUserSessions(context.db, user.id),
    // Null: automatic (the switcher's cookie, then the browser).
    chosenLanguage: user.chosenLanguage ?? null,
  });
}

const A_YEAR = 365 * 24 * 60 * 60;

/** A refusal's words, whether it came as text or as a key with its values (refusedWith). */
async function refusalText(response: Response, language: Language): Promise<string> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as Partial<Message>;
    if (typeof body?.message === "string") return translateMessage(language, body.message, body.values);
  } catch {
    // Plain text: already in words.
  }
  return translateMessage(language, text);
}

/**
 * The switcher's cookie follows the choice: the same language after signing
 * out, and for "automatic" none at all, so the browser decides again.
 */
function languageCookie(language: Language | null, secure: boolean) {
  const attributes = `Path=/; SameSite=Lax${secure ? "; Secure" : ""}`;
  return language ? `${LANGUAGE_COOKIE}=${language}; Max-Age=${A_YEAR}; ${attributes}` : `${LANGUAGE_COOKIE}=; Max-Age=0; ${attributes}`;
}

type ActionData = { intent: string; errors?: FieldErrors; values?: Record<string, string>; message?: string };

function failed(intent: string, errors: FieldErrors, values: Record<string, string> = {}) {
  return json<ActionData>({ intent, errors, values }, { status: 400 });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const t = serverT(context.language);
  switch (intent) {
    case "profile": {
      const parsed = parseForm(profileSchema, form, context.language);
      if (!parsed.ok) return failed(intent, parsed.errors, parsed.values);
      try {
        updateProfile(context.db, user, parsed.data);
      } catch (thrown) {
        // Refused (a suspended account): say why beside the form, keeping what was typed.
        if (thrown instanceof Response && thrown.status === 403) {
          return json<ActionData>({ intent, errors: { form: await refusalText(thrown, context.language) }, values: parsed.data }, { status: 403 });
        }
        throw thrown;
      }
      return json<ActionData>({ intent, message: t("settings.profileSaved") });
    }
    case "email": {
      const parsed = parseForm(emailChangeSchema, form, context.language);
      if (!parsed.ok) return failed(intent, parsed.errors, parsed.values);
      const result = await changeEmail(context.db, user, { ...parsed.data, address: context.clientAddress });
      if (!result.ok) return failed(intent, result.errors, { email: parsed.data.email });
      return json<ActionData>({
        intent,
        message: t("settings.emailSent", { email: result.pendingEmail }),
      });
    }
    case "notifications": {
      const parsed = parseForm(emailNotificationsSchema, form, context.language);
      if (!parsed.ok) return failed(intent, parsed.errors, parsed.values);
      setEmailNotifications(context.db, user, parsed.data.emailNotifications);
      return json<ActionData>({ intent, message: t("settings.notificationsSaved") });
    }
    case "password": {
      const parsed = parseForm(passwordChangeSchema, form, context.language);
      if (!parsed.ok) return failed(intent, parsed.errors);
      const result = await changePassword(context.db, user, context.sessionId, parsed.data);
      if (!result.ok) return failed(intent, result.errors);
      return json<ActionData>({ intent, message: t("settings.passwordChanged") });
    }
    case "language": {
      const parsed = parseForm(languageSchema, form, context.language);
      if (!parsed.ok) return failed(intent, parsed.errors, parsed.values);
      setChosenLanguage(context.db, user, parsed.data.language);
      // A new page, so that it is shown in the language just chosen; it says it was saved.
      return redirect("/settings?saved=language#language", { headers: { "Set-Cookie": languageCookie(parsed.data.language, context.secureCookies) } });
    }
    case "sign-out-everywhere": {
      endUserSessions(context.db, user.id);
      const cookie = await endSession(context.db, null, { secure: context.secureCookies });
      return redirect("/login?signedOut=everywhere", { headers: { "Set-Cookie": cookie } });
    }
    default:
      throw refusedWith(400, "settings.unknownAction");
  }
}

export default function Settings() {
  const t = useT();
  const { profile, emailConfirmed, pendingEmail, mustChangePassword, emailNotifications, sessionCount, chosenLanguage } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const forIntent = (intent: string) => (data?.intent === intent ? data : undefined);
  const profileData = forIntent("profile");
  const emailData = forIntent("email");
  const passwordData = forIntent("password");
  const notificationsData = forIntent("notifications");
  const languageData = forIntent("language");
  const shownLanguage = languageData?.values?.language ?? chosenLanguage ?? "automatic";
  const emailForm = useRef<HTMLFormElement>(null);
  const passwordForm = useRef<HTMLFormElement>(null);
  useClearPasswords(emailForm, emailData);
  useClearPasswords(passwordForm, passwordData);

  return (
    <div className="page-medium">
      <header className="page-header">
        <h1>{t("settings.heading")}</h1>
        <p className="lede">{t("settings.signedInAs", { username: profile.username })}</p>
        <SettingsNav />
      </header>

      {mustChangePassword ? (
        <div className="alert alert-warning" role="alert">
          {t("settings.mustChangePassword")}
        </div>
      ) : null}

      <section className="card settings-section" aria-labelledby="profile-title">
        <h2 id="profile-title">{t("settings.profile")}</h2>
        <FormSuccess message={profileData?.message} />
        <FormAlert message={profileData?.errors?.form} />
        <Form method="post" noValidate className="stack">
          <input type="hidden" name="intent" value="profile" />
          <Field
            label={t("settings.displayName")}
            name="displayName"
            required
            defaultValue={profileData?.values?.displayName ?? profile.displayName}
            error={profileData?.errors?.displayName}
            hint={t("settings.displayNameHint", { max: DISPLAY_NAME_MAX })}
          />
          <TextArea
            label={t("settings.bio")}
            name="bio"
            rows={4}
            defaultValue={profileData?.values?.bio ?? profile.bio}
            error={profileData?.errors?.bio}
            hint={t("settings.bioHint", { max: BIO_MAX })}
          />
          <div>
            <button type="submit" className="button button-primary" disabled={busyIntent === "profile"}>
              {t("settings.saveProfile")}
            </button>
          </div>
        </Form>
      </section>

      <section className="card settings-section" aria-labelledby="email-title">
        <h2 id="email-title">{t("settings.email")}</h2>
        <FormSuccess message={emailData?.message} />
        <FormAlert message={emailData?.errors?.form} />
        {pendingEmail ? (
          <div className="notice notice-pending-email" role="status">
            <p>
              {t("settings.pendingBefore")} <strong>{pendingEmail}</strong>
              {t("settings.pendingAfter", { email: profile.email })}
            </p>
            <Form method="post" action="/verify-email/resend">
              <button type="submit" className="button button-small">
                {t("settings.sendAgain")}
              </button>
            </Form>
          </div>
        ) : !emailConfirmed ? (
          <p className="field-hint">
            {t("settings.notConfirmedBefore", { email: profile.email })}{" "}
            <Link to="/verify-email/resend">{t("settings.askNewOne")}</Link>
            {t("settings.notConfirmedAfter")}
          </p>
        ) : null}
        <Form method="post" noValidate className="stack" ref={emailForm}>
          <input type="hidden" name="intent" value="email" />
          <EmailField
            defaultValue={emailData?.values?.email ?? profile.email}
            error={emailData?.errors?.email}
            hint={t("settings.emailHint")}
          />
          <Field
            label={t("accountFields.currentPassword")}
            name="currentPassword"
            id="email-current-password"
            type="password"
            autoComplete="current-password"
            required
            error={emailData?.errors?.currentPassword}
            hint={t("settings.currentPasswordHint")}
          />
          <div>
            <button type="submit" className="button button-primary" disabled={busyIntent === "email"}>
              {t("settings.changeEmail")}
            </button>
          </div>
        </Form>
      </section>

      <section className="card settings-section" id="email-notifications" aria-labelledby="email-notifications-title">
        <h2 id="email-notifications-title">{t("settings.notifications")}</h2>
        <FormSuccess message={notificationsData?.message} />
        <Form method="post" noValidate className="stack">
          <input type="hidden" name="intent" value="notifications" />
          <fieldset
            className={`choice-list${notificationsData?.errors?.emailNotifications ? " field-invalid" : ""}`}
            aria-describedby={notificationsData?.errors?.emailNotifications ? "emailNotifications-error" : undefined}
          >
            <legend>{t("settings.notificationsLegend")}</legend>
            {EMAIL_FREQUENCY_CHOICES.map((choice) => (
              <label key={choice.value} className="radio">
                <input
                  type="radio"
                  name="emailNotifications"
                  value={choice.value}
                  defaultChecked={(notificationsData?.values?.emailNotifications ?? emailNotifications) === choice.value}
                />{" "}
                <span>
                  {t(`settings.frequency.${choice.value}.label`)} <span className="muted">· {t(`settings.frequency.${choice.value}.hint`)}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <FieldError name="emailNotifications" error={notificationsData?.errors?.emailNotifications} />
          <div>
            <button type="submit" className="button button-primary" disabled={busyIntent === "notifications"}>
              {t("settings.saveNotifications")}
            </button>
          </div>
        </Form>
      </section>

      <section className="card settings-section" id="language" aria-labelledby="language-title">
        <h2 id="language-title">{t("settings.language")}</h2>
        <FormSuccess message={!data && params.get("saved") === "language" ? t("settings.languageSaved") : undefined} />
        <Form method="post" noValidate className="stack">
          <input type="hidden" name="intent" value="language" />
          <fieldset
            className={`choice-list${languageData?.errors?.language ? " field-invalid" : ""}`}
            aria-describedby={languageData?.errors?.language ? "language-error" : undefined}
          >
            <legend>{t("settings.languageLegend")}</legend>
            {LANGUAGE_CHOICES.map((choice) => (
              <label key={choice} className="radio">
                <input type="radio" name="language" value={choice} defaultChecked={shownLanguage === choice} />{" "}
                {choice === "automatic" ? (
                  <span>{t("settings.languageAutomatic")}</span>
                ) : (
                  // Each language in its own words, marked as such for screen readers.
                  <span lang={choice}>{LANGUAGE_NAMES[choice]}</span>
                )}
              </label>
            ))}
          </fieldset>
          <FieldError name="language" error={languageData?.errors?.language} />
          <div>
            <button type="submit" className="button button-primary" disabled={busyIntent === "language"}>
              {t("settings.saveLanguage")}
            </button>
          </div>
        </Form>
      </section>

      <section className="card settings-section" id="password" aria-labelledby="password-title">
        <h2 id="password-title">{t("settings.password")}</h2>
        <FormSuccess message={passwordData?.message} />
        <FormAlert message={passwordData?.errors?.form} />
        <Form method="post" noValidate className="stack" ref={passwordForm}>
          <input type="hidden" name="intent" value="password" />
          <Field
            label={t("accountFields.currentPassword")}
            name="currentPassword"
            id="password-current-password"
            type="password"
            autoComplete="current-password"
            required
            error={passwordData?.errors?.currentPassword}
          />
          <NewPasswordField
            label={t("accountFields.newPassword")}
            name="newPassword"
            error={passwordData?.errors?.newPassword}
            hint={t("settings.newPasswordHint", { min: PASSWORD_MIN })}
          />
          <NewPasswordField label={t("accountFields.newPasswordAgain")} name="confirmPassword" error={passwordData?.errors?.confirmPassword} hint="" />
          <div>
            <button type="submit" className="button button-primary" disabled={busyIntent === "password"}>
              {t("settings.changePassword")}
            </button>
          </div>
        </Form>
      </section>

      <section className="card settings-section" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t("settings.sessions")}</h2>
        <p>{t("settings.sessionsText", { count: sessionCount })}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="sign-out-everywhere" />
          <button type="submit" className="button button-danger">
            {t("settings.signOutEverywhere")}
          </button>
        </Form>
      </section>
    </div>
  );
}
