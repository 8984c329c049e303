import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { FormAlert, FormSuccess } from "~/components/field";
import { Pagination } from "~/components/pagination";
import { RelativeTime } from "~/components/relative-time";
import { roleChangeSchema, userSearchSchema } from "~/forms/admin";
import { adminUsersPageFor } from "~/models/accounts/admin-users-page.server";
import { changeRole } from "~/models/accounts/user.server";
import { can } from "~/policy";
import { assertCan } from "~/policy.server";
import { parseForm, readForm, type FormReply } from "~/utils/form.server";

export const meta: MetaFunction = () => [{ title: "Users and roles · Administration" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const query = userSearchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return json(adminUsersPageFor(context.db, user, query));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  // Refuse non-admins before reading their form, so a forged post learns nothing.
  assertCan(user, "admin.access");
  const parsed = parseForm(roleChangeSchema, await readForm(request));
  if (!parsed.ok) return json<FormReply>({ errors: parsed.errors }, { status: 400 });
  const updated = changeRole(context.db, user, parsed.data);
  return json<FormReply>({ message: `@${updated.username} is now ${updated.role === "admin" ? "an admin" : `a ${updated.role}`}.` });
}

const ROLE_LABEL = { member: "Member", moderator: "Moderator", admin: "Admin" } as const;

export default function AdminUsers() {
  const { users, total, page, pageCount, query, me, audit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const error = result?.errors ? Object.values(result.errors)[0] : undefined;
  return (
    <div className="stack-lg">
      <section className="card" aria-labelledby="users-title">
        <h2 id="users-title">Users</h2>
        <Form method="get" className="filter-bar" role="search">
          <div className="field">
            <label htmlFor="user-q">Search by username, name or email</label>
            <input id="user-q" type="search" name="q" defaultValue={query.q} />
          </div>
          <div className="field">
            <label htmlFor="user-role">Role</label>
            <select id="user-role" name="role" defaultValue={query.role ?? ""}>
              <option value="">Any role</option>
              <option value="member">Members</option>
              <option value="moderator">Moderators</option>
              <option value="admin">Admins</option>
            </select>
          </div>
          <button type="submit" className="button">
            Find users
          </button>
        </Form>
        <FormSuccess message={result?.message} />
        <FormAlert message={error} />
        <p className="muted">
          {total} {total === 1 ? "user" : "users"}
        </p>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Email</th>
                <th scope="col">Joined</th>
                <th scope="col">Role</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>
                    <Link to={`/u/${u.username}`}>{u.displayName}</Link>
                    <div className="muted">@{u.username}</div>
                  </td>
                  <td>{u.email}</td>
                  <td>
                    <RelativeTime date={u.createdAt} />
                  </td>
                  <td>
                    {can(me, "user.changeRole", u) ? (
                      <Form method="post" className="role-form">
                        <input type="hidden" name="userId" value={u.id} />
                        <label className="visually-hidden" htmlFor={`role-${u.id}`}>
                          Role of @{u.username}
                        </label>
                        <select id={`role-${u.id}`} name="role" defaultValue={u.role}>
                          <option value="member">Member</option>
                          <option value="moderator">Moderator</option>
                          <option value="admin">Admin</option>
                        </select>
                        <label className="visually-hidden" htmlFor={`reason-${u.id}`}>
                          Reason for changing the role of @{u.username}
                        </label>
                        <input id={`reason-${u.id}`} name="reason" placeholder="Reason (optional)" />
                        <button type="submit" className="button button-small">
                          Change role
                        </button>
                      </Form>
                    ) : (
                      <span className="badge">{ROLE_LABEL[u.role]} (you)</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {users.length === 0 ? <p className="empty">No user matches that search.</p> : null}
        <Pagination page={page} pageCount={pageCount} />
      </section>

      <section className="card" aria-labelledby="audit-title">
        <h2 id="audit-title">Recent role changes</h2>
        {audit.length === 0 ? (
          <p className="empty">No role has been changed yet.</p>
        ) : (
          <ul className="audit-list">
            {audit.map((event) => (
              <li key={event.id}>
                <strong>@{event.actorUsername}</strong> changed @{event.targetUsername} from{" "}
                {String(event.details.from)} to {String(event.details.to)}
                {event.reason ? <> — “{event.reason}”</> : null} · <RelativeTime date={event.createdAt} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
