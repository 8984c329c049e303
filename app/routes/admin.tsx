import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { useT } from "~/i18n/i18n";
import { assertCan } from "~/policy.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  assertCan(user, "admin.access");
  return null;
}

export default function AdminLayout() {
  const t = useT();
  return (
    <div className="admin">
      <header className="page-header">
        <h1>{t("admin.title")}</h1>
        <nav className="tabs" aria-label={t("admin.title")}>
          <NavLink to="/admin" end>
            {t("admin.tabs.users")}
          </NavLink>
          <NavLink to="/admin/settings">{t("admin.tabs.settings")}</NavLink>
          <NavLink to="/admin/rewards">{t("admin.tabs.rewards")}</NavLink>
          <NavLink to="/admin/sign-in">{t("admin.tabs.signIn")}</NavLink>
          <NavLink to="/admin/outbox">{t("admin.tabs.outbox")}</NavLink>
        </nav>
      </header>
      <Outlet />
    </div>
  );
}
