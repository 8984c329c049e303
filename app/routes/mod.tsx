import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
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
        <nav className="tabs" aria-label={t("mod.title")}>
          <NavLink to="/mod" end>
            {t("mod.tabs.overview")}
          </NavLink>
          <NavLink to="/mod/flags">{t("mod.tabs.flags", { n: openFlags })}</NavLink>
          <NavLink to="/mod/review">{t("mod.tabs.review", { n: heldPosts })}</NavLink>
          <NavLink to="/mod/kb">{t("mod.tabs.kb", { n: openReviews })}</NavLink>
          <NavLink to="/mod/escalations">{t("mod.tabs.escalations")}</NavLink>
          <NavLink to="/mod/search">{t("mod.tabs.search")}</NavLink>
          <NavLink to="/mod/synonyms">{t("mod.tabs.synonyms")}</NavLink>
          <NavLink to="/mod/early-access">{t("mod.tabs.earlyAccess")}</NavLink>
          <NavLink to="/mod/log">{t("mod.tabs.log")}</NavLink>
          <NavLink to="/status">{t("mod.tabs.status")}</NavLink>
        </nav>
      </header>
      <Outlet />
    </div>
  );
}
