// The JavaScript a thread page makes the browser download stays within its
// budget (issue #11: at most 100 kB gzipped; since #14, 100 kB plus the
// internationalisation library, i18next, 15 kB gzipped: the pages' words in
// the reader's language need it in the browser, and its catalogue is fetched
// apart, not bundled), measured on the production build
// `npm test` makes first: every file the build's manifest lists for the entry,
// the root route and the thread route, gzipped as the server sends them.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { root } from "../support/source-files";

const publicDir = path.join(root, "public");
const I18N_LIBRARY_BYTES = 15_000;
const BUDGET_BYTES = 100_000 + I18N_LIBRARY_BYTES;

type Manifest = {
  entry: { module: string; imports: string[] };
  routes: Record<string, { module: string; imports?: string[] }>;
};

function readManifest(): Manifest {
  const file = readdirSync(path.join(publicDir, "build")).find((name) => /^manifest-.*\.js$/.test(name));
  if (!file) throw new Error("No client build: run `npm run build` (npm test does) first.");
  const source = readFileSync(path.join(publicDir, "build", file), "utf8");
  return JSON.parse(source.replace(/^window\.__remixManifest=/, "").replace(/;\s*$/, "")) as Manifest;
}

/** The files a page of these routes loads, and their gzipped size in bytes. */
function pageScripts(manifest: Manifest, routeIds: string[]) {
  const files = new Set([manifest.entry.module, ...manifest.entry.imports]);
  for (const id of routeIds) {
    const route = manifest.routes[id];
    if (!route) throw new Error(`No route ${id} in the manifest.`);
    files.add(route.module);
    for (const file of route.imports ?? []) files.add(file);
  }
  const sizes = [...files].map((file) => ({ file, gzipped: gzipSync(readFileSync(path.join(publicDir, file))).length }));
  return { sizes, total: sizes.reduce((sum, { gzipped }) => sum + gzipped, 0) };
}

describe("the browser's JavaScript", () => {
  test("a thread page loads at most 100 kB of it, gzipped, besides the i18n library", () => {
    const { sizes, total } = pageScripts(readManifest(), ["root", "routes/t.$id.($slug)"]);
    const listing = sizes.map(({ file, gzipped }) => `${(gzipped / 1000).toFixed(1)} kB ${file}`).join("\n");
    expect(total, `thread page scripts, gzipped:\n${listing}`).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  test("no server module reaches the thread page (its loader and action live in one model verb)", () => {
    const manifest = readManifest();
    const route = manifest.routes["routes/t.$id.($slug)"]!;
    const code = [route.module, ...(route.imports ?? [])].map((file) => readFileSync(path.join(publicDir, file), "utf8")).join("\n");
    // What only the server has: drizzle, zod, the markdown renderer, argon2.
    for (const marker of ["drizzle", "ZodError", "better-sqlite3", "argon2", "sanitize-html"]) expect(code).not.toContain(marker);
  });
});
