import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { FormAlert, FormSuccess } from "~/components/field";
import { Pagination } from "~/components/pagination";
import { RelativeTime } from "~/components/relative-time";
import { metaT, useLanguage, useT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { roleChangeSchema, userSearchSchema } from "~/forms/admin";
import { adminUsersPageFor } from "~/models/accounts/admin-users-page.server";
import { changeRole } from "~/models/accounts/user.server";
import { activeSuspensions } from "~/models/moderation/moderation.server";
import { can } from "~/policy";
import { assertCan } from "~/policy.server";
import { parseForm, readForm, type FormReply } from "~/utils/form.server";
import { exactTime } from "~/utils/time";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("admin.users.title") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const query = userSearchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const page = adminUsersPageFor(context.db, user, query);
  // A suspended member must not look like anyone else in the list.
  const suspended = activeSuspensions(context.db, user, page.users.map((u) => u.id));
  return json({ ...page, users: page.users.map((u) => ({ ...u, suspendedUntil: suspended.get(u.id) ?? null })) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  // Refuse non-admins before reading their form, so a forged post learns nothing.
  assertCan(user, "admin.access");
  const parsed = parseForm(roleChangeSchema, await readForm(request), context.language);
  if (!parsed.ok) return json<FormReply>({ errors: parsed.errors }, { status: 400 });
  const updated = changeRole(context.db, user, parsed.data);
  return json<FormReply>({ message: serverT(context.language)(`admin.users.roleChanged.${updated.role}`, { username: updated.username }) });
}

export default function AdminUsers() {
  const { users, total, page, pageCount, query, me, audit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const error = result?.errors ? Object.values(result.errors)[0] : undefined;
  const t = useT();
  const language = useLanguage();
  // A role in a sentence ("changed @sam from member to moderator"); an unknown one as it was recorded.
  const roleName = (role: unknown) => t(`admin.users.roleNames.${String(role)}`, { defaultValue: String(role) });
  return (
    <div className="stack-lg">
      <section className="card" aria-labelledby="users-title">
        <h2 id="users-title">{t("admin.users.usersTitle")}</h2>
        <Form method="get" className="filter-bar" role="search">
          <div className="field">
            <label htmlFor="user-q">{t("admin.users.search")}</label>
            <input id="user-q" type="search" name="q" defaultValue={query.q} />
          </div>
          <div className="field">
            <label htmlFor="user-role">{t("admin.users.role")}</label>
            <select id="user-role" name="role" defaultValue={query.role ?? ""}>
              <option value="">{t("admin.users.anyRole")}</option>
              <option value="member">{t("admin.users.members")}</option>
              <option value="moderator">{t("admin.users.moderators")}</option>
              <option value="admin">{t("admin.users.admins")}</option>
            </select>
          </div>
          <button type="submit" className="button">
            {t("admin.users.find")}
          </button>
        </Form>
        <FormSuccess message={result?.message} />
        <FormAlert message={error} />
        <p className="muted">
          {t("admin.users.count", { count: total })}
        </p>
        <div className="table-wrap">
          <table className="table table-cards admin-users-table">
            <thead>
              <tr>
                <th scope="col">{t("admin.users.user")}</th>
                <th scope="col">{t("admin.users.email")}</th>
                <th scope="col">{t("admin.users.joined")}</th>
                <th scope="col">{t("admin.users.role")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td data-label={t("admin.users.user")}>
                    <Link to={`/u/${u.username}`}>{u.displayName}</Link>
                    <div className="muted">@{u.username}</div>
                    {u.suspendedUntil ? (
                      <Link to={`/mod/users/${u.username}`} className="badge badge-suspended">
                        {t("admin.users.suspendedBadge", { date: exactTime(u.suspendedUntil, language) })}
                      </Link>
                    ) : null}
                  </td>
                  <td data-label={t("admin.users.email")} className="admin-user-email">{u.email}</td>
                  <td data-label={t("admin.users.joined")}>
                    <RelativeTime date={u.createdAt} />
                  </td>
                  <td data-label={t("admin.users.role")}>
                    {can(me, "user.changeRole", u) ? (
                      <Form method="post" className="role-form">
                        <input type="hidden" name="userId" value={u.id} />
                        <label className="visually-hidden" htmlFor={`role-${u.id}`}>
                          {t("admin.users.roleOf", { username: u.username })}
                        </label>
                        <select id={`role-${u.id}`} name="role" defaultValue={u.role}>
                          <option value="member">{t("admin.users.roles.member")}</option>
                          <option value="moderator">{t("admin.users.roles.moderator")}</option>
                          <option value="admin">{t("admin.users.roles.admin")}</option>
                        </select>
                        <label className="visually-hidden" htmlFor={`reason-${u.id}`}>
                          {t("admin.users.reasonFor", { username: u.username })}
                        </label>
                        <input id={`reason-${u.id}`} name="reason" placeholder={t("admin.users.reasonPlaceholder")} />
                        <button type="submit" className="button button-small">
                          {t("admin.users.change")}
                        </button>
                      </Form>
                    ) : (
                      <span className="badge">{t("admin.users.you", { role: t(`admin.users.roles.${u.role}`) })}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {users.length === 0 ? <p className="empty">{t("admin.users.noMatch")}</p> : null}
        <Pagination page={page} pageCount={pageCount} />
      </section>

      <section className="card" aria-labelledby="audit-title">
        <h2 id="audit-title">{t("admin.users.auditTitle")}</h2>
        {audit.length === 0 ? (
          <p className="empty">{t("admin.users.noChanges")}</p>
        ) : (
          <ul className="audit-list">
            {audit.map((event) => (
              <li key={event.id}>
                <strong>@{event.actorUsername}</strong>{" "}
                {t("admin.users.changed", { target: event.targetUsername, from: roleName(event.details.from), to: roleName(event.details.to) })}
                {event.reason ? <> {t("admin.users.reasonQuoted", { reason: event.reason })}</> : null} · <RelativeTime date={event.createdAt} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
