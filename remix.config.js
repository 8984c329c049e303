/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // Decided, not forgotten (so the build does not warn every newcomer):
    // single fetch moves data requests from ?_data= to .data addresses, which
    // the edge's page cache and view counting recognise, and lazy route
    // discovery adds /__manifest requests to the edge's paths. Both come with
    // the move to React Router v7, taken as one change.
    v3_singleFetch: false,
    v3_lazyRouteDiscovery: false,
  },
};
