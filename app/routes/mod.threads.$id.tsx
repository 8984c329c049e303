import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser, safeRedirect } from "~/auth/current-user.server";
import { Field, FormAlert } from "~/components/field";
import { RelativeTime } from "~/components/relative-time";
import { metaT, useT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { duplicateSchema, moveSchema, PIN_PLACES, pinSchema } from "~/forms/moderation";
import {
  closeAsDuplicate,
  getThreadModeration,
  lockThread,
  moveThread,
  pinThread,
  reopenDuplicate,
  unlockThread,
  unpinThread,
  type ModResult,
} from "~/models/moderation/moderation.server";
import { idParam, parseForm, readForm, type FieldErrors } from "~/utils/form.server";
import { hiddenReasonText } from "~/utils/hidden-reason";
import { threadPath } from "~/utils/paths";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? metaT(matches)("mod.thread.title", { title: data.thread.title }) : metaT(matches)("mod.title") },
];

function threadIdFrom(params: { id?: string }) {
  return idParam(params.id, "staffServer.notFound.thread");
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const { thread, question, asker, categories, original, duplicates } = getThreadModeration(context.db, user, threadIdFrom(params));
  return json({
    thread: {
      id: thread.id,
      title: thread.title,
      slug: thread.slug,
      categoryId: thread.categoryId,
      lockedAt: thread.lockedAt,
      pinnedIn: thread.pinnedIn,
      pinnedAt: thread.pinnedAt,
      deleted: !!thread.deletedAt,
    },
    question: question ? { id: question.id, hidden: !!question.hiddenAt, hiddenReason: question.hiddenReason } : null,
    asker,
    categories,
    original,
    duplicates,
  });
}

type ToolReply = { intent: string; errors: FieldErrors; values: Record<string, string> };

const INTENTS = ["lock", "unlock", "pin", "unpin", "move", "duplicate", "reopen"] as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const threadId = threadIdFrom(params);
  // Members and visitors are refused here, before the form is even read.
  const { thread } = getThreadModeration(context.db, user, threadId);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  if (!(INTENTS as readonly string[]).includes(intent)) throw new Response(serverT(context.language)("mod.errors.unknownAction"), { status: 400 });
  const fail = (errors: FieldErrors, values: Record<string, string>) => json<ToolReply>({ intent, errors, values }, { status: 400 });

  let result: ModResult;
  switch (intent as (typeof INTENTS)[number]) {
    case "lock":
      result = lockThread(context.db, user, threadId);
      break;
    case "unlock":
      result = unlockThread(context.db, user, threadId);
      break;
    case "pin": {
      const parsed = parseForm(pinSchema, form, context.language);
      if (!parsed.ok) return fail(parsed.errors, parsed.values);
      result = pinThread(context.db, user, threadId, parsed.data.where);
      break;
    }
    case "unpin":
      result = unpinThread(context.db, user, threadId);
      break;
    case "move": {
      const parsed = parseForm(moveSchema, form, context.language);
      if (!parsed.ok) return fail(parsed.errors, parsed.values);
      result = moveThread(context.db, user, threadId, parsed.data.categoryId);
      break;
    }
    case "duplicate": {
      const parsed = parseForm(duplicateSchema, form, context.language);
      if (!parsed.ok) return fail(parsed.errors, parsed.values);
      result = closeAsDuplicate(context.db, user, threadId, parsed.data.original);
      if (!result.ok) return fail(result.errors, { original: parsed.data.original });
      break;
    }
    case "reopen":
      result = reopenDuplicate(context.db, user, threadId);
      break;
  }
  if (!result.ok) return fail(result.errors, {});
  // Back to the thread page when the tools were used there, else to the tools' own page: either
  // way an address of ours, from the database, never the one that was sent.
  const from = safeRedirect(form.get("redirectTo"), "");
  const onThreadPage = from === `/t/${threadId}` || from.startsWith(`/t/${threadId}/`);
  return redirect(onThreadPage ? threadPath(thread) : `/mod/threads/${threadId}`);
}

export default function ThreadTools() {
  const { thread, question, asker, categories, original, duplicates } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as ToolReply | undefined;
  const errorsFor = (intent: string) => (reply?.intent === intent ? reply.errors : {});
  const valuesFor = (intent: string) => (reply?.intent === intent ? reply.values : {});
  const path = threadPath(thread);
  const category = categories.find((c) => c.id === thread.categoryId);
  const t = useT();
  return (
    <div className="stack-lg mod-thread-tools">
      <section className="card stack" aria-labelledby="mod-thread-title">
        <h2 id="mod-thread-title">
          {t("mod.thread.heading", { id: thread.id })} <Link to={path}>{thread.title}</Link>
        </h2>
        <ul className="mod-state">
          <li>{t("mod.thread.category", { name: category?.name ?? "—" })}</li>
          <li>
            {thread.lockedAt ? (
              <>
                {t("mod.thread.locked")} <RelativeTime date={thread.lockedAt} />
              </>
            ) : (
              t("mod.thread.open")
            )}
          </li>
          <li>{thread.pinnedIn ? (thread.pinnedIn === "home" ? t("mod.thread.pinnedHome") : t("mod.thread.pinnedCategory")) : t("mod.thread.notPinned")}</li>
          <li>
            {original ? (
              <>
                {t("mod.thread.duplicateOf")} <Link to={threadPath(original)}>{original.title}</Link>
              </>
            ) : (
              t("mod.thread.notDuplicate")
            )}
          </li>
          {thread.deleted ? <li>{t("mod.thread.deleted")}</li> : null}
          {question?.hidden ? <li>{t("mod.thread.questionHidden", { reason: hiddenReasonText(t, question.hiddenReason) })}</li> : null}
        </ul>
        <p className="form-actions">
          <Link to={path}>{t("mod.thread.view")}</Link>
          {question ? (
            <Link to={`/mod/posts/${question.id}`}>{question.hidden ? t("mod.toolbar.unhideQuestion") : t("mod.toolbar.hideQuestion")}</Link>
          ) : null}
          {asker.role === "member" ? <Link to={`/mod/users/${asker.username}`}>{t("mod.thread.suspendAsker", { username: asker.username })}</Link> : null}
        </p>
      </section>

      <section className="card stack" aria-labelledby="lock-title">
        <h2 id="lock-title">{t("mod.thread.lockTitle")}</h2>
        <p className="muted">{t("mod.thread.lockText")}</p>
        <FormAlert message={errorsFor(thread.lockedAt ? "unlock" : "lock").form} />
        <Form method="post">
          <input type="hidden" name="intent" value={thread.lockedAt ? "unlock" : "lock"} />
          <button type="submit" className="button">
            {thread.lockedAt ? t("mod.thread.unlock") : t("mod.thread.lock")}
          </button>
        </Form>
      </section>

      <section className="card stack" aria-labelledby="pin-title">
        <h2 id="pin-title">{t("mod.thread.pinTitle")}</h2>
        <Form method="post" noValidate className="stack">
          <input type="hidden" name="intent" value="pin" />
          <fieldset aria-describedby={errorsFor("pin").where || errorsFor("pin").pin ? "where-error" : undefined}>
            <legend>{t("mod.thread.pinWhere")}</legend>
            {PIN_PLACES.map((value) => (
              <label key={value} className="radio">
                <input type="radio" name="where" value={value} defaultChecked={(valuesFor("pin").where ?? thread.pinnedIn) === value} />{" "}
                {t(`mod.thread.pinPlaces.${value}`)}
              </label>
            ))}
          </fieldset>
          {errorsFor("pin").where || errorsFor("pin").pin ? (
            <p className="field-error" id="where-error" role="alert">
              {errorsFor("pin").where ?? errorsFor("pin").pin}
            </p>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="button">
              {thread.pinnedIn ? t("mod.thread.changePin") : t("mod.thread.pin")}
            </button>
          </div>
        </Form>
        {thread.pinnedIn ? (
          <Form method="post">
            <input type="hidden" name="intent" value="unpin" />
            <button type="submit" className="button button-small">
              {t("mod.thread.unpin")}
            </button>
          </Form>
        ) : null}
      </section>

      <section className="card stack" aria-labelledby="move-title">
        <h2 id="move-title">{t("mod.thread.moveTitle")}</h2>
        <Form method="post" noValidate className="stack">
          <input type="hidden" name="intent" value="move" />
          <div className={`field${errorsFor("move").categoryId ? " field-invalid" : ""}`}>
            <label htmlFor="move-category">{t("mod.thread.moveTo")}</label>
            <select
              id="move-category"
              name="categoryId"
              defaultValue={valuesFor("move").categoryId ?? String(thread.categoryId)}
              aria-invalid={errorsFor("move").categoryId ? true : undefined}
              aria-describedby={errorsFor("move").categoryId ? "categoryId-error" : undefined}
            >
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            {errorsFor("move").categoryId ? (
              <p className="field-error" id="categoryId-error" role="alert">
                {errorsFor("move").categoryId}
              </p>
            ) : null}
          </div>
          <div>
            <button type="submit" className="button">
              {t("mod.thread.move")}
            </button>
          </div>
        </Form>
      </section>

      <section className="card stack" aria-labelledby="duplicate-title">
        <h2 id="duplicate-title">{t("mod.thread.duplicateTitle")}</h2>
        {original ? (
          <>
            <p>
              {t("mod.thread.sentToBefore")} <Link to={threadPath(original)}>{original.title}</Link>
              {t("mod.thread.sentToAfter")}
            </p>
            <Form method="post">
              <input type="hidden" name="intent" value="reopen" />
              <button type="submit" className="button button-small">
                {t("mod.thread.reopen")}
              </button>
            </Form>
          </>
        ) : null}
        {/* Keyed by the original: once the thread is closed (or reopened), the field starts empty again. */}
        <Form method="post" noValidate className="stack" key={original?.id ?? "none"}>
          <input type="hidden" name="intent" value="duplicate" />
          <Field
            label={original ? t("mod.thread.anotherOriginal") : t("mod.thread.original")}
            name="original"
            required
            defaultValue={valuesFor("duplicate").original ?? ""}
            error={errorsFor("duplicate").original}
            hint={t("mod.thread.originalHint")}
          />
          <div>
            <button type="submit" className="button">
              {t("mod.thread.closeDuplicate")}
            </button>
          </div>
        </Form>
        {duplicates.length ? (
          <div>
            <h3>
              {t("mod.thread.duplicatesHere", { count: duplicates.length })}
            </h3>
            <ul>
              {duplicates.map((d) => (
                <li key={d.id}>
                  <Link to={threadPath(d)}>{d.title}</Link> · <Link to={`/mod/threads/${d.id}`}>{t("mod.moderate")}</Link>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>
    </div>
  );
}
