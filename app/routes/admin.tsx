import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { assertCan } from "~/policy.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  assertCan(user, "admin.access");
  return null;
}

export default function AdminLayout() {
  return (
    <div className="admin">
      <header className="page-header">
        <h1>Administration</h1>
        <nav className="tabs" aria-label="Administration">
          <NavLink to="/admin" end>
            Users and roles
          </NavLink>
          <NavLink to="/admin/settings">Site settings</NavLink>
          <NavLink to="/admin/rewards">Reward rules</NavLink>
          <NavLink to="/admin/sign-in">Sign-in</NavLink>
          <NavLink to="/admin/outbox">Email outbox</NavLink>
        </nav>
      </header>
      <Outlet />
    </div>
  );
}
