// What a page that failed shows: its status, a sentence for it, and the
// server's own reason when it gave one (a refusal, a bad form).
import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useT } from "~/i18n/i18n";
import { isMessageKey, type Message } from "~/i18n/message";

const ERROR_COPY = new Set([400, 401, 403, 404, 413]);

export function ErrorPage() {
  const t = useT();
  const error = useRouteError();
  let status = 500;
  let detail: string | null = null;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    if (status !== 404) detail = errorDetail(error.data, t);
  }
  const copy = ERROR_COPY.has(status) ? status : 500;
  return (
    <section className="page-narrow error-page" aria-labelledby="error-title">
      <p className="error-status">{t("error.status", { status })}</p>
      <h1 id="error-title">{t(`error.${copy}.title`)}</h1>
      <p>{detail ?? t(`error.${copy}.text`)}</p>
      <p className="error-actions">
        <Link to="/" className="button button-primary">
          {t("error.back")}
        </Link>
        {status === 401 ? (
          <Link to="/login" className="button">
            {t("error.signIn")}
          </Link>
        ) : null}
      </p>
    </section>
  );
}


/** The server's reason: a sentence, a catalogue key, or a key with its values (refusedWith). */
function errorDetail(data: unknown, t: TFunction): string | null {
  // Only a key is translated: a sentence may carry someone's words (a suspension's reason).
  if (typeof data === "string") return data ? (isMessageKey(data) ? t(data) : data) : null;
  if (data && typeof data === "object" && typeof (data as Message).message === "string") {
    const { message, values } = data as Message;
    return isMessageKey(message) ? t(message, values ?? {}) : message;
  }
  return null;
}
