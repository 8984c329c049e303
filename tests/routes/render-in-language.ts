// A page rendered to HTML as the server sends it, in a given language: the
// route's real loader and component under a root that provides the reader's
// language, as root.tsx does (tests/support/render-page.ts renders in English).
import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { createElement, type ComponentType } from "react";
import { renderToString } from "react-dom/server";
import type { ActionFunction as RouterAction, LoaderFunction as RouterLoader } from "react-router-dom";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { LanguageProvider } from "../../app/i18n/i18n";
import type { Language } from "../../app/i18n/languages";
import { DEFAULT_SETTINGS } from "../../app/models/site/settings.server";
import { getRequest } from "../support/db";

export type LanguagePageRoute = {
  id: string;
  path: string;
  loader: (args: LoaderFunctionArgs) => unknown;
  /** The route's action, for a page rendered after a form was sent (a POST request). */
  action?: (args: ActionFunctionArgs) => unknown;
  Component: ComponentType;
  /** Child routes (a layout's pages). */
  children?: LanguagePageRoute[];
};

type RouterRoute = { id: string; path: string; loader: RouterLoader; action?: RouterAction; Component: ComponentType; children?: RouterRoute[] };

/** Renders `path` (or `request`: a form sent, as a browser without JavaScript sends it) in `language`. */
export async function renderIn(language: Language, context: AppLoadContext, path: string, routes: LanguagePageRoute[], request?: Request) {
  const user = context.user ? { ...context.user, createdAt: new Date(context.user.createdAt).toISOString() } : null;
  const withContext = (route: LanguagePageRoute): RouterRoute => ({
    id: route.id,
    path: route.path,
    loader: ((args) => route.loader({ ...args, context: { ...context, language } } as LoaderFunctionArgs)) as RouterLoader,
    action: route.action ? (((args) => route.action!({ ...args, context: { ...context, language } } as ActionFunctionArgs)) as RouterAction) : undefined,
    Component: route.Component,
    children: route.children?.map(withContext),
  });
  const handler = createStaticHandler([
    {
      id: "root",
      path: "/",
      loader: () => ({ site: DEFAULT_SETTINGS, user, language }),
      Component: () => createElement(LanguageProvider, { language, children: createElement(Outlet) }),
      children: routes.map(withContext),
    },
  ]);
  const state = await handler.query(request ?? getRequest(path));
  if (state instanceof Response) throw new Error(`Unexpected response ${state.status}`);
  const html = renderToString(createElement(StaticRouterProvider, { router: createStaticRouter(handler.dataRoutes, state), context: state, hydrate: false }));
  return { status: state.statusCode, errors: state.errors, html: html.replaceAll("<!-- -->", "") };
}

/** The text a reader sees in a piece of HTML (tags dropped, entities read). */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/\s+/g, " ")
    .trim();
}
