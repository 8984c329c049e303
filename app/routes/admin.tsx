import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { SectionTabs } from "~/components/section-tabs";
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
        <SectionTabs
          label={t("admin.title")}
          menuLabel={(name) => t("admin.sectionMenu", { name })}
          sections={[
            { to: "/admin", label: t("admin.tabs.users"), end: true },
            { to: "/admin/settings", label: t("admin.tabs.settings") },
            { to: "/admin/rewards", label: t("admin.tabs.rewards") },
            { to: "/admin/words", label: t("brandWords.tab") },
            { to: "/admin/sign-in", label: t("admin.tabs.signIn") },
            { to: "/admin/outbox", label: t("admin.tabs.outbox") },
            { to: "/admin/api", label: t("apiPages.nav.admin") },
            { to: "/admin/webhooks", label: t("webhooks.tab") },
            { to: "/admin/teams", label: t("admin.tabs.teams") },
            { to: "/admin/export", label: t("siteExport.tab") },
          ]}
        />
      </header>
      <Outlet />
    </div>
  );
}
