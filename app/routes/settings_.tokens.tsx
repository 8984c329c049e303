import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { NewTokenFields, NewTokenSecret, TokenTable } from "~/components/api-token-fields";
import { FormAlert, FormSuccess } from "~/components/field";
import { SettingsNav } from "~/components/settings-nav";
import { chosenScopes, expiryDate, newTokenSchema, revokeTokenSchema, tokenFormFields } from "~/forms/api-tokens";
import { metaT, useT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { createPersonalToken, listPersonalTokens, revokeApiToken } from "~/models/accounts/api-tokens.server";
import { can } from "~/policy";
import { parseForm, readForm, readIntent, type FieldErrors } from "~/utils/form.server";
import { API_SCOPES } from "../../db/enums";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("apiPages.tokens.title") }, { name: "robots", content: "noindex" }];

// A new token's secret is in the answer to the form: no cache may keep it.
const PRIVATE = { "Cache-Control": "private, no-store" };
export const headers: HeadersFunction = () => PRIVATE;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const tokens = listPersonalTokens(context.db, user);
  // The moderate scope is offered to staff only (the policy refuses it to others anyway).
  const scopes = API_SCOPES.filter((scope) => scope !== "moderate" || can(user, "apiToken.create", { scopes: [scope] }));
  return json({ username: user.username, tokens, scopes, now: Date.now() }, { headers: PRIVATE });
}

type ActionData =
  | { intent: "create"; errors: FieldErrors; values: Record<string, string> }
  | { intent: "create"; created: { name: string; secret: string } }
  | { intent: "revoke"; errors?: FieldErrors; message?: string };

function reply(data: ActionData, status = 200) {
  return json<ActionData>(data, { status, headers: PRIVATE });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const form = await readForm(request);
  const intent = readIntent(form, ["create", "revoke"] as const, "create");
  const t = serverT(context.language);
  if (intent === "create") {
    const parsed = parseForm(newTokenSchema, tokenFormFields(form), context.language);
    if (!parsed.ok) return reply({ intent, errors: parsed.errors, values: parsed.values }, 400);
    const { name } = parsed.data;
    // The policy refuses `moderate` to a member (a 403): the page never offers it to them.
    const { secret } = createPersonalToken(context.db, user, { name, scopes: chosenScopes(parsed.data.scopes), expiresAt: expiryDate(parsed.data) });
    return reply({ intent, created: { name, secret } });
  }
  const parsed = parseForm(revokeTokenSchema, form, context.language);
  if (!parsed.ok) return reply({ intent, errors: { form: parsed.errors.tokenId ?? t("apiPages.errors.token") } }, 400);
  // Another member's token is refused (403) by the model, like a token that does not exist.
  const revoked = revokeApiToken(context.db, user, parsed.data.tokenId);
  return reply({ intent, message: revoked ? t("apiPages.revoke.done") : t("apiPages.revoke.already") });
}

export default function TokenSettings() {
  const t = useT();
  const { username, tokens, scopes, now } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const created = data?.intent === "create" && "created" in data ? data.created : undefined;
  const createReply = data?.intent === "create" && "errors" in data ? data : undefined;
  const revokeReply = data?.intent === "revoke" ? data : undefined;

  return (
    <div className="page-medium">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to="/settings">{t("settings.heading")}</Link> › {t("apiPages.tokens.heading")}
        </p>
        <h1>{t("apiPages.tokens.heading")}</h1>
        <p className="lede">{t("settings.signedInAs", { username })}</p>
        <SettingsNav />
      </header>

      <section className="card settings-section stack" id="tokens" aria-labelledby="tokens-title">
        <h2 id="tokens-title">{t("apiPages.tokens.listHeading")}</h2>
        <p>
          {t("apiPages.tokens.intro")} <Link to="/api/docs">{t("apiPages.docsLink")}</Link>
        </p>
        <FormSuccess message={revokeReply?.message} />
        <FormAlert message={revokeReply?.errors?.form} />
        {tokens.length === 0 ? (
          <p className="empty">{t("apiPages.tokens.none")}</p>
        ) : (
          <TokenTable tokens={tokens} caption={t("apiPages.tokens.listHeading")} now={now} />
        )}
      </section>

      <section className="card settings-section stack" id="new-token-section" aria-labelledby="new-token-title">
        <h2 id="new-token-title">{t("apiPages.tokens.createHeading")}</h2>
        {created ? <NewTokenSecret name={created.name} secret={created.secret} /> : null}
        {/* A new form after each token made, so the next one starts empty. */}
        <Form method="post" noValidate className="stack" key={created?.secret ?? "new"}>
          <input type="hidden" name="intent" value="create" />
          <FormAlert message={createReply?.errors.form} />
          <NewTokenFields scopes={scopes} reply={createReply} />
          <div>
            <button type="submit" className="button button-primary" disabled={busy === "create"}>
              {t("apiPages.tokens.create")}
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}
