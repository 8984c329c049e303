import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { NewTokenFields, NewTokenSecret, TokenTable } from "~/components/api-token-fields";
import { Field, FieldError, FormAlert, FormSuccess } from "~/components/field";
import { RelativeTime } from "~/components/relative-time";
import { BOT_ROLES, botAccountSchema, chosenScopes, expiryDate, newBotTokenSchema, revokeTokenSchema, tokenFormFields } from "~/forms/api-tokens";
import { DISPLAY_NAME_MAX, USERNAME_MAX, USERNAME_MIN } from "~/forms/account";
import { metaT, useT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { createBotToken, listAllTokens, revokeApiToken } from "~/models/accounts/api-tokens.server";
import { createBotAccount, listBotAccounts } from "~/models/accounts/bot-accounts.server";
import { assertCan } from "~/policy.server";
import { parseForm, readForm, readIntent, type FieldErrors } from "~/utils/form.server";
import { API_SCOPES } from "../../db/enums";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("apiPages.admin.title") }];

const PRIVATE = { "Cache-Control": "private, no-store" };
export const headers: HeadersFunction = () => PRIVATE;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  assertCan(user, "admin.api");
  return json({ bots: listBotAccounts(context.db, user), tokens: listAllTokens(context.db, user), now: Date.now() }, { headers: PRIVATE });
}

const INTENTS = ["bot", "token", "revoke"] as const;
type Intent = (typeof INTENTS)[number];

type ActionData = {
  intent: Intent;
  errors?: FieldErrors;
  values?: Record<string, string>;
  message?: string;
  /** A bot token's secret, shown once. */
  created?: { name: string; secret: string; bot: string };
};

function reply(data: ActionData, status = 200) {
  return json<ActionData>(data, { status, headers: PRIVATE });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  // Refuse non-admins before reading their form, so a forged post learns nothing.
  assertCan(user, "admin.api");
  const form = await readForm(request);
  const intent = readIntent(form, INTENTS);
  const t = serverT(context.language);
  switch (intent) {
    case "bot": {
      const parsed = parseForm(botAccountSchema, form, context.language);
      if (!parsed.ok) return reply({ intent, errors: parsed.errors, values: parsed.values }, 400);
      const result = createBotAccount(context.db, user, parsed.data);
      if (!result.ok) return reply({ intent, errors: result.errors, values: parsed.data }, 400);
      return reply({ intent, message: t("apiPages.admin.botCreated", { username: result.bot.username }) });
    }
    case "token": {
      const parsed = parseForm(newBotTokenSchema, tokenFormFields(form), context.language);
      if (!parsed.ok) return reply({ intent, errors: parsed.errors, values: parsed.values }, 400);
      const { name, botId } = parsed.data;
      const scopes = chosenScopes(parsed.data.scopes);
      const bot = listBotAccounts(context.db, user).find((b) => b.id === botId);
      if (!bot) return reply({ intent, errors: { botId: t("apiPages.errors.bot") }, values: { ...parsed.data, scopes: scopes.join(" "), botId: String(botId) } }, 400);
      const { secret } = createBotToken(context.db, user, botId, { name, scopes, expiresAt: expiryDate(parsed.data) });
      return reply({ intent, created: { name, secret, bot: bot.username } });
    }
    case "revoke": {
      const parsed = parseForm(revokeTokenSchema, form, context.language);
      if (!parsed.ok) return reply({ intent, errors: { form: parsed.errors.tokenId ?? t("apiPages.errors.token") } }, 400);
      const revoked = revokeApiToken(context.db, user, parsed.data.tokenId);
      return reply({ intent, message: revoked ? t("apiPages.revoke.done") : t("apiPages.revoke.already") });
    }
  }
}

export default function AdminApi() {
  const t = useT();
  const { bots, tokens, now } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const forIntent = (intent: Intent) => (data?.intent === intent ? data : undefined);
  const botReply = forIntent("bot");
  const tokenReply = forIntent("token");
  const revokeReply = forIntent("revoke");
  const botErrors = botReply?.errors ?? {};
  const chosenRole = botReply?.values?.role ?? "member";

  return (
    <div className="stack-lg">
      <p className="lede">
        {t("apiPages.admin.intro")} <Link to="/api/docs">{t("apiPages.docsLink")}</Link>
      </p>

      <section className="card stack" id="bots" aria-labelledby="bots-title">
        <h2 id="bots-title">{t("apiPages.admin.botsHeading")}</h2>
        <p>{t("apiPages.admin.botsIntro")}</p>
        <FormSuccess message={botReply?.message} />
        {bots.length === 0 ? (
          <p className="empty">{t("apiPages.admin.noBots")}</p>
        ) : (
          <div className="table-wrap">
            <table className="table table-cards">
              <caption className="visually-hidden">{t("apiPages.admin.botsHeading")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("apiPages.columns.bot")}</th>
                  <th scope="col">{t("apiPages.columns.role")}</th>
                  <th scope="col">{t("apiPages.columns.created")}</th>
                  <th scope="col">{t("apiPages.columns.liveTokens")}</th>
                </tr>
              </thead>
              <tbody>
                {bots.map((bot) => (
                  <tr key={bot.id}>
                    <td data-label={t("apiPages.columns.bot")}>
                      <Link to={`/u/${bot.username}`}>{bot.displayName}</Link>
                      <div className="muted">@{bot.username}</div>
                    </td>
                    <td data-label={t("apiPages.columns.role")}>{t(`apiPages.roles.${bot.role}`)}</td>
                    <td data-label={t("apiPages.columns.created")}>
                      <RelativeTime date={bot.createdAt} />
                    </td>
                    <td data-label={t("apiPages.columns.liveTokens")}>{bot.tokenCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        <Form method="post" noValidate className="stack" aria-labelledby="new-bot-title" key={botReply?.message ?? "new-bot"}>
          <h3 id="new-bot-title">{t("apiPages.admin.newBotHeading")}</h3>
          <input type="hidden" name="intent" value="bot" />
          <Field
            label={t("apiPages.fields.botUsername")}
            name="username"
            id="bot-username"
            required
            autoComplete="off"
            hint={t("apiPages.fields.botUsernameHint", { min: USERNAME_MIN, max: USERNAME_MAX })}
            defaultValue={botReply?.values?.username ?? ""}
            error={botErrors.username}
          />
          <Field
            label={t("apiPages.fields.botDisplayName")}
            name="displayName"
            id="bot-display-name"
            required
            autoComplete="off"
            hint={t("apiPages.fields.botDisplayNameHint", { max: DISPLAY_NAME_MAX })}
            defaultValue={botReply?.values?.displayName ?? ""}
            error={botErrors.displayName}
          />
          <fieldset className={`choice-list${botErrors.role ? " field-invalid" : ""}`} aria-describedby={botErrors.role ? "role-error" : undefined}>
            <legend>{t("apiPages.fields.botRole")}</legend>
            {BOT_ROLES.map((role) => (
              <label key={role} className="radio">
                <input type="radio" name="role" value={role} defaultChecked={chosenRole === role} /> <span>{t(`apiPages.roles.${role}`)}</span>
              </label>
            ))}
          </fieldset>
          <FieldError name="role" error={botErrors.role} />
          <div>
            <button type="submit" className="button button-primary" disabled={busy === "bot"}>
              {t("apiPages.admin.createBot")}
            </button>
          </div>
        </Form>
      </section>

      <section className="card stack" id="bot-token" aria-labelledby="bot-token-title">
        <h2 id="bot-token-title">{t("apiPages.admin.botTokenHeading")}</h2>
        {tokenReply?.created ? <NewTokenSecret name={tokenReply.created.name} secret={tokenReply.created.secret} /> : null}
        {bots.length === 0 ? (
          <p className="empty">{t("apiPages.admin.botFirst")}</p>
        ) : (
          <Form method="post" noValidate className="stack" key={tokenReply?.created?.secret ?? "new-token"}>
            <input type="hidden" name="intent" value="token" />
            <div className={`field${tokenReply?.errors?.botId ? " field-invalid" : ""}`}>
              <label htmlFor="bot-token-bot">{t("apiPages.fields.bot")}</label>
              <select
                id="bot-token-bot"
                name="botId"
                defaultValue={tokenReply?.values?.botId ?? String(bots[0]!.id)}
                aria-invalid={tokenReply?.errors?.botId ? true : undefined}
                aria-describedby={tokenReply?.errors?.botId ? "botId-error" : undefined}
              >
                {bots.map((bot) => (
                  <option key={bot.id} value={bot.id}>
                    {bot.displayName} (@{bot.username})
                  </option>
                ))}
              </select>
              <FieldError name="botId" error={tokenReply?.errors?.botId} />
            </div>
            <NewTokenFields scopes={API_SCOPES} reply={tokenReply?.created ? undefined : tokenReply} idPrefix="bot-token" />
            <div>
              <button type="submit" className="button button-primary" disabled={busy === "token"}>
                {t("apiPages.admin.createToken")}
              </button>
            </div>
          </Form>
        )}
      </section>

      <section className="card stack" id="all-tokens" aria-labelledby="all-tokens-title">
        <h2 id="all-tokens-title">{t("apiPages.admin.tokensHeading")}</h2>
        <FormSuccess message={revokeReply?.message} />
        <FormAlert message={revokeReply?.errors?.form} />
        {tokens.length === 0 ? (
          <p className="empty">{t("apiPages.admin.noTokens")}</p>
        ) : (
          <TokenTable tokens={tokens} caption={t("apiPages.admin.tokensHeading")} now={now} withOwner />
        )}
      </section>
    </div>
  );
}
