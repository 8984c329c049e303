// The API tokens' shared pieces (/settings/tokens and /admin/api): the new
// token's fields (name, scopes, expiry), the secret shown once, a token's
// state, the tokens' table and the confirmed "revoke" step. All work without JavaScript.
import { Form, Link } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { Field, FieldError } from "~/components/field";
import { RelativeTime } from "~/components/relative-time";
import { EXPIRY_CHOICES, TOKEN_NAME_MAX } from "~/forms/api-tokens";
import { useLanguage, useT } from "~/i18n/i18n";
import { exactTime } from "~/utils/time";
import type { ApiScope } from "../../db/enums";

export type TokenFormReply = { errors?: Record<string, string>; values?: Record<string, string> };

/** Name, scopes (as checkboxes) and expiry; `scopes` are the ones offered to this person. */
export function NewTokenFields({ scopes, reply, idPrefix = "token" }: { scopes: readonly ApiScope[]; reply?: TokenFormReply; idPrefix?: string }) {
  const t = useT();
  const errors = reply?.errors ?? {};
  const values = reply?.values;
  const ticked = new Set(values ? (values.scopes ?? "").split(/\s+/).filter(Boolean) : ["read"]);
  const expires = values?.expires ?? "never";
  return (
    <>
      <Field
        label={t("apiPages.fields.name")}
        name="name"
        id={`${idPrefix}-name`}
        required
        autoComplete="off"
        hint={t("apiPages.fields.nameHint", { max: TOKEN_NAME_MAX })}
        defaultValue={values?.name ?? ""}
        error={errors.name}
      />
      <fieldset
        className={`choice-list${errors.scopes ? " field-invalid" : ""}`}
        aria-describedby={errors.scopes ? "scopes-error" : undefined}
      >
        <legend>{t("apiPages.fields.scopes")}</legend>
        {scopes.map((scope) => (
          <label key={scope} className="radio">
            <input type="checkbox" name="scopes" value={scope} defaultChecked={ticked.has(scope)} />{" "}
            <span>
              <code>{scope}</code> <span className="muted">· {t(`apiPages.scopes.${scope}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <FieldError name="scopes" error={errors.scopes} />
      <fieldset
        className={`choice-list${errors.expires || errors.expiresOn ? " field-invalid" : ""}`}
        aria-describedby={errors.expires ? "expires-error" : undefined}
      >
        <legend>{t("apiPages.fields.expires")}</legend>
        {EXPIRY_CHOICES.map((choice) => (
          <label key={choice} className="radio">
            <input type="radio" name="expires" value={choice} defaultChecked={expires === choice} /> <span>{t(`apiPages.expiry.${choice}`)}</span>
          </label>
        ))}
        <FieldError name="expires" error={errors.expires} />
        <div className="field token-expiry-date">
          <label htmlFor={`${idPrefix}-expires-on`}>{t("apiPages.fields.expiresOn")}</label>
          <p className="field-hint" id="expiresOn-hint">
            {t("apiPages.fields.expiresOnHint")}
          </p>
          <input
            id={`${idPrefix}-expires-on`}
            type="date"
            name="expiresOn"
            defaultValue={values?.expiresOn ?? ""}
            aria-invalid={errors.expiresOn ? true : undefined}
            aria-describedby={errors.expiresOn ? "expiresOn-hint expiresOn-error" : "expiresOn-hint"}
          />
          <FieldError name="expiresOn" error={errors.expiresOn} />
        </div>
      </fieldset>
    </>
  );
}

/**
 * The secret, right after it was made: a read-only field a person selects
 * and copies (no JavaScript needed); with JavaScript, a "Copy" button too.
 */
export function NewTokenSecret({ name, secret }: { name: string; secret: string }) {
  const t = useT();
  const field = useRef<HTMLInputElement>(null);
  const [canCopy, setCanCopy] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setCanCopy(typeof navigator !== "undefined" && !!navigator.clipboard), []);
  return (
    <div className="recovery-codes-box stack token-secret" id="new-token">
      <h3>{t("apiPages.secret.heading", { name })}</h3>
      <p>
        <strong>{t("apiPages.secret.once")}</strong> {t("apiPages.secret.how")}
      </p>
      <div className="field">
        <label htmlFor="new-token-secret">{t("apiPages.secret.label")}</label>
        <div className="token-secret-row">
          <input
            ref={field}
            id="new-token-secret"
            type="text"
            readOnly
            value={secret}
            spellCheck={false}
            autoComplete="off"
            onFocus={(event) => event.currentTarget.select()}
          />
          {canCopy ? (
            <button
              type="button"
              className="button"
              onClick={() => {
                field.current?.select();
                void navigator.clipboard.writeText(secret).then(() => setCopied(true));
              }}
            >
              {t("apiPages.secret.copy")}
            </button>
          ) : null}
        </div>
        <p className="field-hint" role="status">
          {copied ? t("apiPages.secret.copied") : t("apiPages.secret.select")}
        </p>
      </div>
    </div>
  );
}

export type TokenState = { revokedAt: string | null; expiresAt: string | null };

/** Active, expired or revoked (with when). */
export function TokenStatus({ token, now }: { token: TokenState; now: number }) {
  const t = useT();
  const language = useLanguage();
  if (token.revokedAt) return <span className="badge badge-deleted">{t("apiPages.status.revoked", { date: exactTime(token.revokedAt, language) })}</span>;
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= now) return <span className="badge badge-archived">{t("apiPages.status.expired")}</span>;
  return <span className="badge badge-open">{t("apiPages.status.active")}</span>;
}

export function ScopeList({ scopes }: { scopes: readonly string[] }) {
  return (
    <ul className="tag-list token-scopes">
      {scopes.map((scope) => (
        <li key={scope}>
          <code>{scope}</code>
        </li>
      ))}
    </ul>
  );
}

/**
 * Revoking is a second step: the button opens a short form that says what
 * will happen, and only its own button acts (a <details>: no JavaScript needed).
 */
export function RevokeStep({ tokenId, name }: { tokenId: number; name: string }) {
  const t = useT();
  return (
    <details className="flag-confirm">
      <summary className="button button-small button-danger">{t("apiPages.revoke.open")}</summary>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="revoke" />
        <input type="hidden" name="tokenId" value={tokenId} />
        <p className="muted">{t("apiPages.revoke.effect")}</p>
        <div>
          <button type="submit" className="button button-small button-danger">
            {t("apiPages.revoke.confirm", { name })}
          </button>
        </div>
      </Form>
    </details>
  );
}

export type ListedToken = TokenState & {
  id: number;
  name: string;
  prefix: string;
  scopes: readonly string[];
  createdAt: string;
  lastUsedAt: string | null;
  /** Whose it is: shown on the admins' list only. */
  username?: string;
  kind?: "personal" | "bot";
};

/** The tokens as a table (cards on a phone), each revocable while it lives; `withOwner` adds whose each is (admins). */
export function TokenTable({ tokens, caption, now, withOwner = false }: { tokens: readonly ListedToken[]; caption: string; now: number; withOwner?: boolean }) {
  const t = useT();
  const language = useLanguage();
  return (
    <div className="table-wrap">
      <table className="table table-cards token-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("apiPages.columns.name")}</th>
            {withOwner ? <th scope="col">{t("apiPages.columns.owner")}</th> : null}
            <th scope="col">{t("apiPages.columns.scopes")}</th>
            {withOwner ? null : <th scope="col">{t("apiPages.columns.created")}</th>}
            <th scope="col">{t("apiPages.columns.lastUsed")}</th>
            <th scope="col">{t("apiPages.columns.expires")}</th>
            <th scope="col">{t("apiPages.columns.status")}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id}>
              <td data-label={t("apiPages.columns.name")}>
                <strong>{token.name}</strong>
                <div className="muted">
                  <code>{t("apiPages.columns.prefixValue", { prefix: token.prefix })}</code>
                  {withOwner ? (
                    <>
                      {" · "}
                      <RelativeTime date={token.createdAt} />
                    </>
                  ) : null}
                </div>
              </td>
              {withOwner ? (
                <td data-label={t("apiPages.columns.owner")}>
                  <Link to={`/u/${token.username}`}>@{token.username}</Link> <span className="badge">{t(`apiPages.kinds.${token.kind ?? "personal"}`)}</span>
                </td>
              ) : null}
              <td data-label={t("apiPages.columns.scopes")}>
                <ScopeList scopes={token.scopes} />
              </td>
              {withOwner ? null : (
                <td data-label={t("apiPages.columns.created")}>
                  <RelativeTime date={token.createdAt} />
                </td>
              )}
              <td data-label={t("apiPages.columns.lastUsed")}>{token.lastUsedAt ? <RelativeTime date={token.lastUsedAt} /> : t("apiPages.tokens.neverUsed")}</td>
              <td data-label={t("apiPages.columns.expires")}>{token.expiresAt ? exactTime(token.expiresAt, language) : t("apiPages.tokens.noExpiry")}</td>
              <td data-label={t("apiPages.columns.status")}>
                <TokenStatus token={token} now={now} />
                {token.revokedAt ? null : <RevokeStep tokenId={token.id} name={token.name} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
