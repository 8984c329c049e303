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

export const meta: MetaFunction = () => [{ title: "Your data" }, { name: "robots", content: "noindex" }];

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
  const parsed = parseForm(deleteAccountSchema, form);
  if (!parsed.ok) return json<ActionData>({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await deleteOwnAccount(context.db, user, context.sessionId, parsed.data);
  // The password is never sent back; what was typed as the confirmation is.
  if (!result.ok) return json<ActionData>({ intent, errors: result.errors, values: { confirmation: parsed.data.confirmation } }, { status: 400 });
  // The account's sessions went with it; this clears the cookie of the one in hand.
  const cookie = await endSession(context.db, null, { secure: context.secureCookies });
  return redirect(DELETED_PATH, { headers: { "Set-Cookie": cookie } });
}

export default function YourData() {
  const data = useLoaderData<typeof loader>() as LoaderData;
  if (data.deleted) {
    return (
      <section className="page-narrow card stack" aria-labelledby="deleted-title">
        <h1 id="deleted-title">Your account was deleted</h1>
        <p>Your name, email address, profile and sign-in details are gone, and you were signed out. Your posts stay in their threads, under “a former member”.</p>
        <p>
          <Link to="/">Back to the community</Link>
        </p>
      </section>
    );
  }
  return <DataPage page={data.page} />;
}

function DataPage({ page }: { page: MyDataPage }) {
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
          <Link to="/settings">Your settings</Link> › Your data
        </p>
        <h1>Your data</h1>
        <p className="lede">Download what you gave this community, or delete your account.</p>
        <SettingsNav />
      </header>

      <section id="download" className="card settings-section stack" aria-labelledby="download-title">
        <h2 id="download-title">Download my data</h2>
        <p>
          One JSON file with your profile, questions, answers, comments, votes, reputation history, badges, notifications, what you watch, the
          flags you raised and your feedback on articles. It is prepared in the background and offered for 7 days. Searches are not in it: the
          search log never records who searched.
        </p>
        <FormAlert message={exportErrors?.form} />
        <div role="status" className="data-export-status">
          {!exp ? (
            <p className="muted">You have not asked for your data yet.</p>
          ) : exp.status === "pending" ? (
            <p>
              Your data is being prepared (asked <RelativeTime date={exp.createdAt} />
              ). It takes a few minutes at most. <Link to="/settings/data#download">Check again</Link>
            </p>
          ) : exp.status === "ready" ? (
            <p>
              Your data is ready:{" "}
              <a href={`/settings/data/download/${exp.id}`} download className="button button-primary">
                Download my data (JSON)
              </a>{" "}
              <span className="muted">Available until {exactTime(exp.expiresAt!)}.</span>
            </p>
          ) : exp.status === "expired" ? (
            <p>Your last download expired on {exactTime(exp.expiresAt!)}. Ask for a new one below.</p>
          ) : (
            <p>Preparing your data failed. Please ask again; if it keeps failing, tell the community's team.</p>
          )}
        </div>
        {exp?.status === "pending" ? null : (
          <Form method="post">
            <input type="hidden" name="intent" value="export" />
            <button type="submit" className="button" disabled={busy === "export"}>
              {exp ? "Prepare a new download" : "Prepare my data"}
            </button>
          </Form>
        )}
      </section>

      <section id="delete" className="card settings-section stack" aria-labelledby="delete-title">
        <h2 id="delete-title">Delete my account</h2>
        <p>Deleting your account cannot be undone. It:</p>
        <ul>
          <li>removes your name, username, email address, bio, password, two-factor sign-in, linked sign-ins and every session;</li>
          <li>removes your notifications, what you watch, your email preferences and any download of your data;</li>
          <li>keeps your questions, answers and comments where they are, shown as written by “a former member”, with no link to you;</li>
          <li>keeps your votes counted, without your name, and takes you off every leaderboard.</li>
        </ul>
        <p>Download your data first if you want to keep a copy.</p>
        {page.deletionRefused ? (
          <p className="notice">{page.deletionRefused}</p>
        ) : (
          <Form method="post" noValidate className="stack" ref={deleteForm} aria-labelledby="delete-title">
            <input type="hidden" name="intent" value="delete" />
            <FormAlert message={deleteReply?.errors.form} />
            {reauth.method === "password" ? (
              <Field
                label="Your password"
                name="password"
                type="password"
                autoComplete="current-password"
                required
                error={deleteReply?.errors.password}
                hint="To make sure it is you."
              />
            ) : reauth.fresh ? (
              <p className="muted">You signed in a moment ago, which is enough to show it is you.</p>
            ) : reauth.providers.length ? (
              <div className="notice">
                <p>To make sure it is you, please sign in again first (then come back here within 10 minutes):</p>
                <ul className="reauth-links">
                  {reauth.providers.map((p) => (
                    <li key={p.slug}>
                      <a href={p.href}>Sign in again with {p.label}</a>
                    </li>
                  ))}
                </ul>
              </div>
            ) : (
              <p className="notice">Your account has no password and no linked sign-in: please ask an administrator to delete it for you.</p>
            )}
            <Field
              label={`Type your username, ${page.username}, to confirm`}
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
                Delete my account
              </button>
            </div>
          </Form>
        )}
      </section>
    </div>
  );
}
