import { useT } from "~/i18n/i18n";

/**
 * On every page while the signed-in member's address is not confirmed: a
 * gentle reminder and a plain POST form to send the link again (no
 * JavaScript needed). Lean on purpose: root's code counts against every
 * page's bundle budget (tests/http/client-bundle.test.ts).
 */
export function EmailConfirmBanner({ email }: { email: string | null | undefined }) {
  const t = useT();
  return email ? (
    <form className="notice notice-confirm-email" method="post" action="/verify-email/resend">
      {t("frame.confirmEmailBefore")} <strong>{email}</strong> {t("frame.confirmEmailAfter")}{" "}
      <button className="button button-small">{t("frame.resendConfirmation")}</button>
    </form>
  ) : null;
}
