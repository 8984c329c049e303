// The server does not load tests (issue #12): no module under app/, db/ or
// scripts/ imports from tests/. What both need (the demo's builders, the seeded
// generator) lives under scripts/ and the tests import it from there.
// Specifiers are read with TypeScript's own pre-processor, so imports split
// over lines, `export … from`, dynamic `import()` and `require` all count, and
// comments and strings do not.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { importedSpecifiers, root, sourceFiles } from "./support/source-files";

const testsDir = path.join(root, "tests");
const SOURCE_DIRS = ["app", "db", "scripts"];

/** Where a module points into tests/: relative paths, and bare `tests/…` (tsconfig's baseUrl is the root). */
function isTestsModule(specifier: string, fromFile: string) {
  const relative = specifier.startsWith(".");
  if (!relative && !specifier.startsWith("tests/")) return false; // a package, or app/ through "~/"
  const resolved = path.resolve(relative ? path.dirname(fromFile) : root, specifier);
  return resolved === testsDir || resolved.startsWith(testsDir + path.sep);
}

/** Each import of `file` (whose text is `source`) from tests/, as "path:line imports specifier". */
function testImports(file: string, source: string) {
  return importedSpecifiers(source)
    .filter(({ specifier }) => isTestsModule(specifier, file))
    .map(({ specifier, pos }) => {
      const line = source.slice(0, pos).split("\n").length;
      return `${path.relative(root, file)}:${line} imports ${specifier}`;
    });
}

describe("production code and tests/", () => {
  test("the check finds an import from tests/, however it is written, and only those", () => {
    const file = path.join(root, "scripts", "demo-example.ts");
    const source = [
      'import { createUser } from "./demo/builders";',
      "// import { old } from '../tests/factories';",
      "import {",
      "  createTestThread,",
      '} from "../tests/factories";',
      'export { seededRandom } from "../tests/seeded-random";',
      'const helpers = await import("tests/http-helpers");',
      'const label = "see ../tests/factories";',
      'import { a } from "./tests-of-mine";',
    ].join("\n");
    expect(testImports(file, source)).toEqual([
      "scripts/demo-example.ts:5 imports ../tests/factories",
      "scripts/demo-example.ts:6 imports ../tests/seeded-random",
      "scripts/demo-example.ts:7 imports tests/http-helpers",
    ]);
  });

  test("no file under app/, db/ or scripts/ imports from tests/", () => {
    const files = SOURCE_DIRS.flatMap((dir) => sourceFiles(path.join(root, dir)));
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((file) => testImports(file, readFileSync(file, "utf8")));
    expect(found, `move what these need out of tests/:\n${found.join("\n")}`).toEqual([]);
  });
});
