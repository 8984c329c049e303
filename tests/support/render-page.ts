// Pages rendered to HTML as the server sends them, before any JavaScript runs:
// the route's real loader (with a test load context) and its real component,
// under a root that provides what the layout's hooks read (the site settings
// and the viewer).
import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { createElement, type ComponentType } from "react";
import { renderToString } from "react-dom/server";
import type { LoaderFunction as RouterLoader } from "react-router-dom";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { DEFAULT_SETTINGS } from "../../app/models/site/settings.server";
import { getRequest } from "./db";

export type PageRoute = {
  /** Remix's id for the route, e.g. "routes/status.$id" (some components read their data by it). */
  id: string;
  /** The path pattern under the root, e.g. "status/:id". */
  path: string;
  loader: (args: LoaderFunctionArgs) => unknown;
  Component: ComponentType;
};

/** Renders `path` through these routes; `status` is the HTTP status the server would send. */
export async function renderPage(context: AppLoadContext, path: string, routes: PageRoute[]) {
  const user = context.user ? { ...context.user, createdAt: new Date(context.user.createdAt).toISOString() } : null;
  const handler = createStaticHandler([
    {
      id: "root",
      path: "/",
      loader: () => ({ site: DEFAULT_SETTINGS, user }),
      Component: Outlet,
      children: routes.map((route) => ({
        id: route.id,
        path: route.path,
        loader: ((args) => route.loader({ ...args, context } as LoaderFunctionArgs)) as RouterLoader,
        Component: route.Component,
      })),
    },
  ]);
  const state = await handler.query(getRequest(path));
  if (state instanceof Response) throw new Error(`Unexpected response ${state.status}`);
  const html = renderToString(createElement(StaticRouterProvider, { router: createStaticRouter(handler.dataRoutes, state), context: state, hydrate: false }));
  return { status: state.statusCode, errors: state.errors, html: html.replaceAll("<!-- -->", "") };
}
