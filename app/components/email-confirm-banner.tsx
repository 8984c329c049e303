/**
 * On every page while the signed-in member's address is not confirmed: a
 * gentle reminder and a plain POST form to send the link again (no
 * JavaScript needed). Lean on purpose: root's code counts against every
 * page's bundle budget (tests/http/client-bundle.test.ts).
 */
export function EmailConfirmBanner({ email }: { email: string | null | undefined }) {
  return email ? (
    <form className="notice notice-confirm-email" method="post" action="/verify-email/resend">
      Please confirm <strong>{email}</strong> with the link we sent you: until then, no notification emails.{" "}
      <button className="button button-small">Resend the confirmation email</button>
    </form>
  ) : null;
}
