import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { requireUser } from "~/auth/current-user.server";
import { endSession } from "~/auth/session.server";
import { Field, FormAlert, useClearPasswords } from "~/components/field";
import { RelativeTime } from "~/components/relative-time";
import { SettingsNav } from "~/components/settings-nav";
import { deleteAccountSchema } from "~/forms/data";
import { deleteOwnAccount, myDataPage, type MyDataPage } from "~/models/accounts/account-deletion.server";
import { requestDataExport } from "~/models/accounts/data-export.server";
import { parseForm, readForm, readIntent, type FieldErrors } from "~/utils/form.server";
import { exactTime } from "~/utils/time";
import { metaT, useLanguage, useT } from "~/i18n/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("myData.title") }, { name: "robots", content: "noindex" }];

// What a person reads once their account is gone (they are signed out by then).
const DELETED_PATH = "/settings/data?deleted=1";

type LoaderData = { deleted: true } | { deleted: false; page: MyDataPage };

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!context.user && new URL(request.url).searchParams.get("deleted") === "1") return json<LoaderData>({ deleted: true });
  const user = requireUser(request, context);
  return json<LoaderData>({ deleted: false, page: myDataPage(context.db, user, context.sessionId) }, { headers: { "Cache-Control": "private, no-store" } });
}

type ActionData = { intent: "export" | "delete"; errors: FieldErrors; values?: Record<string, string> };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const form = await readForm(request);
  const intent = readIntent(form, ["export", "delete"] as const);
  if (intent === "export") {
    const result = requestDataExport(context.db, user);
    if (!result.ok) return json<ActionData>({ intent, errors: result.errors }, { status: 400 });
    return redirect("/settings/data#download");
  }
  const parsed = parseForm(deleteAccountSchema, form, context.language);
  if (!parsed.ok) return json<ActionData>({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await deleteOwnAccount(context.db, user, context.sessionId, parsed.data);
  // The password is never sent back; what was typed as the confirmation is.
  if (!result.ok) return json<ActionData>({ intent, errors: result.errors, values: { confirmation: parsed.data.confirmation } }, { status: result.throttled ? 429 : 400 });
  // The account's sessions went with it; this clears the cookie of the one in hand.
  const cookie = await endSession(context.db, null, { secure: context.secureCookies });
  return redirect(DELETED_PATH, { headers: { "Set-Cookie": cookie } });
}

export default function YourData() {
  const t = useT();
  const data = useLoaderData<typeof loader>() as LoaderData;
  if (data.deleted) {
    return (
      <section className="page-narrow card stack" aria-labelledby="deleted-title">
        <h1 id="deleted-title">{t("myData.deletedHeading")}</h1>
        <p>{t("myData.deletedText")}</p>
        <p>
          <Link to="/">{t("myData.back")}</Link>
        </p>
      </section>
    );
  }
  return <DataPage page={data.page} />;
}

function DataPage({ page }: { page: MyDataPage }) {
  const t = useT();
  const language = useLanguage();
  const reply = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const exportErrors = reply?.intent === "export" ? reply.errors : undefined;
  const deleteReply = reply?.intent === "delete" ? reply : undefined;
  const deleteForm = useRef<HTMLFormElement>(null);
  useClearPasswords(deleteForm, deleteReply);

  // With JavaScript the page looks again every few seconds while the file is being prepared.
  const revalidator = useRevalidator();
  const pending = page.export?.status === "pending";
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 4000);
    return () => clearInterval(timer);
  }, [pending, revalidator]);

  const exp = page.export;
  const reauth = page.reauthentication;
  return (
    <div className="page-medium">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to="/settings">{t("settings.heading")}</Link> › {t("myData.heading")}
        </p>
        <h1>{t("myData.heading")}</h1>
        <p className="lede">{t("myData.lede")}</p>
        <SettingsNav />
      </header>

      <section id="download" className="card settings-section stack" aria-labelledby="download-title">
        <h2 id="download-title">{t("myData.downloadHeading")}</h2>
        <p>{t("myData.downloadText")}</p>
        <FormAlert message={exportErrors?.form} />
        <div role="status" className="data-export-status">
          {!exp ? (
            <p className="muted">{t("myData.notAsked")}</p>
          ) : exp.status === "pending" ? (
            <p>
              {t("myData.pendingBefore")} <RelativeTime date={exp.createdAt} />
              {t("myData.pendingAfter")} <Link to="/settings/data#download">{t("myData.checkAgain")}</Link>
            </p>
          ) : exp.status === "ready" ? (
            <p>
              {t("myData.ready")}{" "}
              <a href={`/settings/data/download/${exp.id}`} download className="button button-primary">
                {t("myData.downloadButton")}
              </a>{" "}
              <span className="muted">{t("myData.availableUntil", { date: exactTime(exp.expiresAt!, language) })}</span>
            </p>
          ) : exp.status === "expired" ? (
            <p>{t("myData.expired", { date: exactTime(exp.expiresAt!, language) })}</p>
          ) : (
            <p>{t("myData.failed")}</p>
          )}
        </div>
        {exp?.status === "pending" ? null : (
          <Form method="post">
            <input type="hidden" name="intent" value="export" />
            <button type="submit" className="button" disabled={busy === "export"}>
              {exp ? t("myData.prepareNew") : t("myData.prepare")}
            </button>
          </Form>
        )}
      </section>

      <section id="delete" className="card settings-section stack" aria-labelledby="delete-title">
        <h2 id="delete-title">{t("myData.deleteHeading")}</h2>
        <p>{t("myData.deleteIntro")}</p>
        <ul>
          <li>{t("myData.deleteRemovesAccount")}</li>
          <li>{t("myData.deleteRemovesSettings")}</li>
          <li>{t("myData.deleteKeepsPosts")}</li>
          <li>{t("myData.deleteKeepsVotes")}</li>
        </ul>
        <p>{t("myData.downloadFirst")}</p>
        {page.deletionRefused ? (
          <p className="notice">{page.deletionRefused}</p>
        ) : (
          <Form method="post" noValidate className="stack" ref={deleteForm} aria-labelledby="delete-title">
            <input type="hidden" name="intent" value="delete" />
            <FormAlert message={deleteReply?.errors.form} />
            {reauth.method === "password" ? (
              <Field
                label={t("myData.passwordLabel")}
                name="password"
                type="password"
                autoComplete="current-password"
                required
                error={deleteReply?.errors.password}
                hint={t("myData.passwordHint")}
              />
            ) : reauth.fresh ? (
              <p className="muted">{t("myData.fresh")}</p>
            ) : reauth.providers.length ? (
              <div className="notice">
                <p>{t("myData.reauth")}</p>
                <ul className="reauth-links">
                  {reauth.providers.map((p) => (
                    <li key={p.slug}>
                      <a href={p.href}>{t("myData.signInAgainWith", { provider: p.label })}</a>
                    </li>
                  ))}
                </ul>
              </div>
            ) : (
              <p className="notice">{t("myData.noWayIn")}</p>
            )}
            <Field
              label={t("myData.confirmLabel", { username: page.username })}
              name="confirmation"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              required
              defaultValue={deleteReply?.values?.confirmation ?? ""}
              error={deleteReply?.errors.confirmation}
            />
            <div>
              <button type="submit" className="button button-danger" disabled={busy === "delete"}>
                {t("myData.deleteButton")}
              </button>
            </div>
          </Form>
        )}
      </section>
    </div>
  );
}
