// /admin/export: an admin starts a full export of the community (with the
// secrets only when they confirm), the worker prepares it, and the page
// follows it and offers the file. Without JavaScript, "Check again" reloads
// the page; with it, the page looks again every few seconds while one is on its way.
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { requireUser } from "~/auth/current-user.server";
import { describedBy, FieldError, FieldHint, FormAlert, FormSuccess } from "~/components/field";
import { RelativeTime } from "~/components/relative-time";
import { metaT, useLanguage, useT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import type { Language } from "~/i18n/languages";
import { requestSiteExport, siteExportsPage } from "~/models/portability/site-export-jobs.server";
import { assertCan } from "~/policy.server";
import { parseForm, readForm, readIntent, type FieldErrors } from "~/utils/form.server";
import { exactTime } from "~/utils/time";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("siteExport.title") }, { name: "robots", content: "noindex" }];

const PRIVATE = { "Cache-Control": "private, no-store" };
export const headers: HeadersFunction = () => PRIVATE;

const checkbox = z.literal("on").optional();
const startExportSchema = z
  .object({ intent: z.literal("start"), withSecrets: checkbox, confirmSecrets: checkbox })
  .refine((form) => !form.withSecrets || form.confirmSecrets, { path: ["confirmSecrets"], message: "siteExport.errors.confirmSecrets" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return json(siteExportsPage(context.db, user), { headers: PRIVATE });
}

type ActionData = { errors: FieldErrors; values?: Record<string, string> };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  // Refuse non-admins before reading their form: a forged post learns nothing and queues nothing.
  assertCan(user, "admin.export");
  const form = await readForm(request);
  readIntent(form, ["start"] as const);
  const parsed = parseForm(startExportSchema, form, context.language);
  if (!parsed.ok) return json<ActionData>({ errors: parsed.errors, values: parsed.values }, { status: 400, headers: PRIVATE });
  const result = requestSiteExport(context.db, user, { withSecrets: parsed.data.withSecrets === "on" });
  if (!result.ok) return json<ActionData>({ errors: { form: serverT(context.language)("siteExport.errors.busy") } }, { status: 409, headers: PRIVATE });
  return redirect("/admin/export?started=1#exports");
}

function fileSize(bytes: number, language: Language): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), "megabyte"] : [Math.max(bytes, 1) / 1024, "kilobyte"];
  return new Intl.NumberFormat(language, { style: "unit", unit, maximumFractionDigits: 1 }).format(value);
}

export default function AdminExport() {
  const t = useT();
  const language = useLanguage();
  const { exports, busy } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const errors = reply?.errors ?? {};
  const submitting = navigation.state === "submitting";

  const revalidator = useRevalidator();
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 3000);
    return () => clearInterval(timer);
  }, [busy, revalidator]);

  return (
    <div className="stack-lg">
      <p className="lede">{t("siteExport.intro")}</p>
      <p>{t("siteExport.secretsNote")}</p>

      <section className="card stack" aria-labelledby="start-export-title">
        <h2 id="start-export-title">{t("siteExport.startHeading")}</h2>
        {searchParams.get("started") === "1" && !reply ? <FormSuccess message={t("siteExport.started")} /> : null}
        <FormAlert message={errors.form} />
        <Form method="post" noValidate className="stack" aria-labelledby="start-export-title">
          <input type="hidden" name="intent" value="start" />
          <div className="field">
            <label className="radio">
              <input type="checkbox" name="withSecrets" defaultChecked={reply?.values?.withSecrets === "on"} aria-describedby={describedBy("withSecrets", undefined, "hint")} />
              {t("siteExport.withSecrets")}
            </label>
            <FieldHint name="withSecrets" hint={t("siteExport.withSecretsHint")} />
          </div>
          <div className={`field${errors.confirmSecrets ? " field-invalid" : ""}`}>
            <label className="radio">
              <input
                type="checkbox"
                name="confirmSecrets"
                aria-invalid={errors.confirmSecrets ? true : undefined}
                aria-describedby={describedBy("confirmSecrets", errors.confirmSecrets)}
              />
              {t("siteExport.confirmSecrets")}
            </label>
            <FieldError name="confirmSecrets" error={errors.confirmSecrets} />
          </div>
          <div>
            <button type="submit" className="button button-primary" disabled={submitting || busy}>
              {t("siteExport.start")}
            </button>
          </div>
        </Form>
      </section>

      <section id="exports" className="card stack" aria-labelledby="exports-title">
        <h2 id="exports-title">{t("siteExport.listHeading")}</h2>
        <p className="muted">{t("siteExport.keptFor")}</p>
        {exports.length === 0 ? (
          <p className="empty">{t("siteExport.none")}</p>
        ) : (
          <div className="table-wrap">
            <table className="table table-cards">
              <caption className="visually-hidden">{t("siteExport.listHeading")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("siteExport.columns.started")}</th>
                  <th scope="col">{t("siteExport.columns.by")}</th>
                  <th scope="col">{t("siteExport.columns.contents")}</th>
                  <th scope="col">{t("siteExport.columns.status")}</th>
                  <th scope="col">{t("siteExport.columns.file")}</th>
                </tr>
              </thead>
              <tbody>
                {exports.map((row) => (
                  <tr key={row.id}>
                    <td data-label={t("siteExport.columns.started")}>
                      <RelativeTime date={row.createdAt} />
                    </td>
                    <td data-label={t("siteExport.columns.by")}>@{row.requestedBy}</td>
                    <td data-label={t("siteExport.columns.contents")}>{row.withSecrets ? t("siteExport.contents.withSecrets") : t("siteExport.contents.withoutSecrets")}</td>
                    <td data-label={t("siteExport.columns.status")}>
                      <span role={row.status === "pending" || row.status === "running" ? "status" : undefined}>
                        {row.status === "running" ? (
                          <>
                            {t("siteExport.status.running", { done: row.done.toLocaleString(language), total: row.total.toLocaleString(language) })}{" "}
                            <progress max={Math.max(row.total, 1)} value={row.done} aria-hidden="true" />
                          </>
                        ) : (
                          t(`siteExport.status.${row.status}`)
                        )}
                      </span>
                      {row.status === "failed" && row.error ? (
                        <div className="muted">
                          <code>{row.error}</code>
                        </div>
                      ) : null}
                    </td>
                    <td data-label={t("siteExport.columns.file")}>
                      {row.status === "ready" ? (
                        <a
                          href={`/admin/export/${row.id}`}
                          download
                          className="button"
                          aria-label={t("siteExport.downloadLabel", { date: exactTime(row.createdAt, language), size: fileSize(row.bytes, language) })}
                        >
                          {t("siteExport.download")}
                        </a>
                      ) : row.status === "pending" || row.status === "running" ? (
                        <Link to="/admin/export#exports">{t("siteExport.checkAgain")}</Link>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
