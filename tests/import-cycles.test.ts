// The application's modules import one another without a cycle (issue #12):
// a cycle makes the order modules load in matter and two domains impossible
// to read apart. Every import of every file under app/ is followed ("~/" and
// relative ones; packages are not ours), type-only ones included.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { importedSpecifiers, root, sourceFiles } from "./support/source-files";

const app = path.join(root, "app");

/** The file a specifier names, or null for a package. */
function resolve(specifier: string, fromFile: string): string | null {
  const base = specifier.startsWith("~/") ? path.join(app, specifier.slice(2)) : specifier.startsWith(".") ? path.resolve(path.dirname(fromFile), specifier) : null;
  if (!base) return null;
  return [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")].find((candidate) => existsSync(candidate) && candidate.match(/\.tsx?$/)) ?? null;
}

/** The import graph: each file and the files it imports. */
function importGraph(files: string[], read: (file: string) => string) {
  return new Map(files.map((file) => [file, importedSpecifiers(read(file)).flatMap(({ specifier }) => resolve(specifier, file) ?? [])]));
}

/** One cycle per strongly connected group of files, as the path around it; none when there is none. */
function cyclesIn(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, "visiting");
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "visiting") cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return cycles;
}

describe("import cycles", () => {
  test("the check finds a cycle, and follows ~/ and relative imports", () => {
    const files = { "/x/app/a.ts": 'import { b } from "./b";', "/x/app/b.ts": 'import type { c } from "./c";', "/x/app/c.ts": 'export { a } from "./a";' };
    const graph = new Map(Object.entries(files).map(([file, source]) => [file, importedSpecifiers(source).map(({ specifier }) => path.resolve(path.dirname(file), `${specifier}.ts`))]));
    expect(cyclesIn(graph).map((cycle) => cycle.map((f) => path.basename(f)))).toEqual([["a.ts", "b.ts", "c.ts", "a.ts"]]);
    expect(resolve("~/models/visibility.server", path.join(app, "root.tsx"))).toBe(path.join(app, "models", "visibility.server.ts"));
  });

  test("no module under app/ imports itself back through others", () => {
    const files = sourceFiles(app);
    const graph = importGraph(files, (file) => readFileSync(file, "utf8"));
    expect([...graph.values()].flat().length).toBeGreaterThan(500);
    const cycles = cyclesIn(graph).map((cycle) => cycle.map((file) => path.relative(root, file)).join(" → "));
    expect(cycles, `break these cycles:\n${cycles.join("\n")}`).toEqual([]);
  });
});
