// What a newcomer's two commands print: no warning they cannot act on.
import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { registerCatalogue } from "../app/i18n/i18n";
import { CATALOGUES } from "../app/i18n/i18n.server";
import remixConfig from "../remix.config.js";

describe("a newcomer's first commands", () => {
  it("sets every future flag the Remix build would warn about", () => {
    // The build warns for each flag it finds undefined in the config.
    const source = readFileSync("node_modules/@remix-run/dev/dist/config.js", "utf8");
    const warned = [...source.matchAll(/future\.(v3_\w+) === undefined/g)].map((match) => match[1]);
    expect(warned.length).toBeGreaterThan(0);
    const future = (remixConfig as { future: Record<string, boolean | undefined> }).future;
    for (const flag of warned) expect(future[flag], flag).toBeTypeOf("boolean");
  });

  it("declares the install scripts it relies on (npm's allowScripts)", () => {
    // The lockfile marks every package with an install script.
    const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as { packages: Record<string, { hasInstallScript?: boolean }> };
    const withScripts = new Set(
      Object.entries(lock.packages)
        .filter(([, entry]) => entry.hasInstallScript)
        .map(([where]) => where.slice(where.lastIndexOf("node_modules/") + "node_modules/".length)),
    );
    const allowed = (JSON.parse(readFileSync("package.json", "utf8")) as { allowScripts?: Record<string, boolean> }).allowScripts ?? {};
    expect(withScripts.size).toBeGreaterThan(0);
    for (const name of withScripts) expect(allowed[name], name).toBeTypeOf("boolean");
  });

  it("the i18n library prints no sponsor's notice on start", () => {
    // i18next shows it once per process: forget that it was (were it shown at start).
    for (const key of Object.getOwnPropertySymbols(globalThis).concat(Object.getOwnPropertyNames(globalThis) as never[])) {
      if (/support.?notice/i.test(String(key))) delete (globalThis as Record<PropertyKey, unknown>)[key];
    }
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    try {
      registerCatalogue("en", { probe: "x" });
      expect(info.mock.calls.flat().join(" ")).not.toMatch(/locize/i);
    } finally {
      info.mockRestore();
      registerCatalogue("en", CATALOGUES.en);
    }
  });
});
