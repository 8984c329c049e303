import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { SectionTabs } from "~/components/section-tabs";
import { useT } from "~/i18n/i18n";
import { modFrameFor } from "~/models/moderation/mod-frame.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return json(modFrameFor(context.db, requireUser(request, context)));
}

export default function ModLayout() {
  const { openFlags, openReviews, heldPosts } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="mod">
      <header className="page-header">
        <h1>{t("mod.title")}</h1>
        <SectionTabs
          label={t("mod.title")}
          menuLabel={(name) => t("mod.sectionMenu", { name })}
          sections={[
            { to: "/mod", label: t("mod.tabs.overview"), end: true },
            { to: "/mod/flags", label: t("mod.tabs.flags", { n: openFlags }) },
            { to: "/mod/review", label: t("mod.tabs.review", { n: heldPosts }) },
            { to: "/mod/kb", label: t("mod.tabs.kb", { n: openReviews }) },
            { to: "/mod/escalations", label: t("mod.tabs.escalations") },
            { to: "/mod/search", label: t("mod.tabs.search") },
            { to: "/mod/insights", label: t("insights.tab") },
            { to: "/mod/known-issues", label: t("mod.tabs.knownIssues") },
            { to: "/mod/synonyms", label: t("mod.tabs.synonyms") },
            { to: "/mod/early-access", label: t("mod.tabs.earlyAccess") },
            { to: "/mod/log", label: t("mod.tabs.log") },
            { to: "/status", label: t("mod.tabs.status") },
          ]}
        />
      </header>
      <Outlet />
    </div>
  );
}
