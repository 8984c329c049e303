import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { modFrameFor } from "~/models/moderation/mod-frame.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return json(modFrameFor(context.db, requireUser(request, context)));
}

export default function ModLayout() {
  const { openFlags, openReviews, heldPosts } = useLoaderData<typeof loader>();
  return (
    <div className="mod">
      <header className="page-header">
        <h1>Moderation</h1>
        <nav className="tabs" aria-label="Moderation">
          <NavLink to="/mod" end>
            Overview
          </NavLink>
          <NavLink to="/mod/flags">Flagged posts ({openFlags})</NavLink>
          <NavLink to="/mod/review">Review queue ({heldPosts})</NavLink>
          <NavLink to="/mod/kb">Knowledge base ({openReviews})</NavLink>
          <NavLink to="/mod/escalations">Escalations</NavLink>
          <NavLink to="/mod/search">Search insights</NavLink>
          <NavLink to="/mod/synonyms">Synonyms</NavLink>
          <NavLink to="/mod/early-access">Early access</NavLink>
          <NavLink to="/mod/log">Audit log</NavLink>
          <NavLink to="/status">Status</NavLink>
        </nav>
      </header>
      <Outlet />
    </div>
  );
}
