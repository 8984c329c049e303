import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { diffLines, diffWordsWithSpace } from "diff";
import { z } from "zod";
import { requireUser } from "~/auth/current-user.server";
import { FormSuccess } from "~/components/field";
import { RelativeTime } from "~/components/relative-time";
import { metaT, useT } from "~/i18n/i18n";
import { getArticleForEdit, getArticleHistory, restoreArticleVersion } from "~/models/kb/kb.server";
import { readForm } from "~/utils/form.server";
import { articlePath } from "~/utils/paths";
import { refusedWith } from "~/i18n/message";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? metaT(matches)("kbHistory.title", { title: data.article.title }) : metaT(matches)("kbHistory.notFound") },
];

function slugFrom(params: { slug?: string }) {
  if (!params.slug) throw refusedWith(404, "contentServer.article.notFound");
  return params.slug;
}

/** A version number from the address; anything else reads as none. */
function versionParam(raw: string | null) {
  if (!raw || !/^\d{1,9}$/.test(raw)) return null;
  return Number(raw);
}

type DiffPart = { value: string; added: boolean; removed: boolean };

/**
 * The changes from an old text to the current one, word by word (spaces and
 * line breaks count, so the parts rebuild both texts exactly). A huge rewrite
 * would take too long word by word; it is compared line by line instead.
 */
function compareTexts(before: string, after: string): DiffPart[] {
  const parts = diffWordsWithSpace(before, after, { timeout: 300 }) ?? diffLines(before, after);
  return parts.map((p) => ({ value: p.value, added: !!p.added, removed: !!p.removed }));
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const { article, versions } = getArticleHistory(context.db, user, slugFrom(params));
  const url = new URL(request.url);
  const compareNumber = versionParam(url.searchParams.get("compare"));
  let compare = null;
  if (compareNumber !== null) {
    const version = versions.find((v) => v.number === compareNumber);
    if (!version) throw refusedWith(404, "contentServer.article.versionNotFound");
    compare = {
      number: version.number,
      title: version.title === article.title ? null : { before: version.title, after: article.title },
      parts: compareTexts(version.body, article.body),
    };
  }
  const restored = versionParam(url.searchParams.get("restored"));
  return json({
    article: { slug: article.slug, title: article.title, status: article.status, version: article.version },
    // The texts travel only inside a comparison; the list needs the rest.
    versions: versions.map(({ body: _body, ...version }) => version),
    compare,
    restored: restored !== null && versions.some((v) => v.number === restored) ? restored : null,
  });
}

const restoreSchema = z.object({ intent: z.literal("restore"), number: z.coerce.number().int().positive() });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const { article } = getArticleForEdit(context.db, user, slugFrom(params));
  const parsed = restoreSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) throw refusedWith(400, "contentServer.article.whichVersion");
  restoreArticleVersion(context.db, user, article.id, parsed.data.number);
  return redirect(`${articlePath(article)}/history?restored=${parsed.data.number}`);
}

export default function ArticleHistory() {
  const { article, versions, compare, restored } = useLoaderData<typeof loader>();
  const path = articlePath(article);
  const changes = compare ? compare.parts.filter((p) => p.added || p.removed).length : 0;
  const t = useT();

  return (
    <div className="page-medium">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to="/kb">{t("kbList.title")}</Link> › <Link to={path}>{article.title}</Link> › {t("kbArticle.history")}
        </p>
        <h1>{t("kbHistory.heading")}</h1>
        <p className="lede">{t("kbHistory.lede", { count: versions.length })}</p>
      </header>
      <FormSuccess message={restored ? t("kbHistory.restored", { restored, version: article.version }) : undefined} />

      {compare ? (
        <section className="card stack kb-compare" aria-labelledby="compare-title">
          <div className="kb-compare-header">
            <h2 id="compare-title">
              {t("kbHistory.compared", { number: compare.number, version: article.version })}
            </h2>
            <Link to={`${path}/history`} className="button button-small">
              {t("kbHistory.closeComparison")}
            </Link>
          </div>
          {compare.title ? (
            <dl className="kb-title-change">
              <dt>{t("kbHistory.titleIn", { number: compare.number })}</dt>
              <dd>
                <del>{compare.title.before}</del>
              </dd>
              <dt>{t("kbHistory.currentTitle")}</dt>
              <dd>
                <ins>{compare.title.after}</ins>
              </dd>
            </dl>
          ) : null}
          {changes ? (
            <>
              <p className="kb-diff-legend muted">
                <del>{t("kbHistory.struck")}</del>
                {t("kbHistory.onlyInVersion", { number: compare.number })} <ins>{t("kbHistory.underlined")}</ins>
                {t("kbHistory.onlyInCurrent")}
              </p>
              <pre className="kb-diff" aria-label={t("kbHistory.changesSince", { number: compare.number })}>
                {compare.parts.map((part, i) =>
                  part.added ? <ins key={i}>{part.value}</ins> : part.removed ? <del key={i}>{part.value}</del> : <span key={i}>{part.value}</span>,
                )}
              </pre>
            </>
          ) : (
            <p className="empty">{t("kbHistory.same", { number: compare.number })}</p>
          )}
        </section>
      ) : null}

      <ol className="revision-list kb-version-list">
        {versions.map((version) => {
          const current = version.number === article.version;
          return (
            <li key={version.number} className={`card revision${compare?.number === version.number ? " is-compared" : ""}`}>
              <header className="revision-meta">
                <strong>{t("kbHistory.version", { number: version.number })}</strong>
                {current ? <span className="badge">{t("kbHistory.current")}</span> : null} {t("kbHistory.by")}{" "}
                <Link to={`/u/${version.editorUsername}`}>{version.editorDisplayName}</Link>, <RelativeTime date={version.createdAt} />
                {version.note ? <span className="revision-reason"> {t("kbHistory.note", { note: version.note })}</span> : null}
              </header>
              <h2 className="revision-title">{version.title}</h2>
              {current ? null : (
                <div className="form-actions">
                  <Link to={`${path}/history?compare=${version.number}#compare-title`} className="button button-small">
                    {t("kbHistory.compare")}
                    <span className="visually-hidden"> {t("kbHistory.compareVersion", { number: version.number })}</span>
                  </Link>
                  <Form method="post">
                    <input type="hidden" name="number" value={version.number} />
                    <button type="submit" name="intent" value="restore" className="button button-small">
                      {t("kbHistory.restore")}
                      <span className="visually-hidden"> ({version.number})</span>
                    </button>
                  </Form>
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
