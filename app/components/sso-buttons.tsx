// "Sign in with …" for each enabled single sign-on provider. Links, not forms:
// the site's Content-Security-Policy (form-action 'self') would stop a form
// whose answer redirects to the provider's site, and a link works without
// JavaScript all the same.
import { useT } from "~/i18n/i18n";

export type SsoProvider = { slug: string; label: string };

export function ssoStartPath(slug: string, redirectTo?: string | null) {
  return `/auth/${encodeURIComponent(slug)}${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ""}`;
}

export function SsoButtons({
  providers,
  redirectTo,
  purpose = "signIn",
}: {
  providers: SsoProvider[];
  redirectTo?: string | null;
  /** What the buttons say: "Sign in with Nimbus ID", or "Link Nimbus ID" in the settings. */
  purpose?: "signIn" | "link";
}) {
  const t = useT();
  if (!providers.length) return null;
  return (
    <ul className="sso-buttons">
      {providers.map((provider) => (
        <li key={provider.slug}>
          <a className="button button-wide" href={ssoStartPath(provider.slug, redirectTo)} rel="nofollow">
            {t(purpose === "link" ? "sso.link" : "sso.signIn", { provider: provider.label })}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The line between the providers' buttons and the password form. */
export function SsoDivider() {
  const t = useT();
  return (
    <p className="sso-divider">
      <span>{t("sso.or")}</span>
    </p>
  );
}
