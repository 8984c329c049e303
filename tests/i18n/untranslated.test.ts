// No word of the interface is written into a component by hand: it comes
// from the message catalogues (issue #14, point 1). Read with TypeScript's
// own parser: JSX text, and the attributes people read (labels, hints,
// placeholders, titles, alternative text). The pages not yet translated are
// listed below; the list may only shrink.
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";
import { root, sourceFiles } from "../support/source-files";

const READ_ATTRIBUTES = new Set(["label", "hint", "placeholder", "title", "aria-label", "alt", "message", "legend"]);
const WORDS = /\p{L}{2,}/u;

/** The words written by hand in a component file: JSX text and read attributes' string values. */
export function handWrittenWords(source: string, fileName = "x.tsx"): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && WORDS.test(node.text)) found.push(node.text.trim());
    if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText(file)) && node.initializer) {
      const value = node.initializer;
      if (ts.isStringLiteral(value) && WORDS.test(value.text)) found.push(value.text);
      if (ts.isJsxExpression(value) && value.expression && (ts.isStringLiteral(value.expression) || ts.isNoSubstitutionTemplateLiteral(value.expression)) && WORDS.test(value.expression.text)) {
        found.push(value.expression.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

// Files allowed to hold words written by hand (none: every page and component is translated).
const NOT_YET = new Set<string>([]);

function componentFiles(): string[] {
  return [path.join(root, "app", "root.tsx"), ...sourceFiles(path.join(root, "app", "components")), ...sourceFiles(path.join(root, "app", "routes"))].filter((file) =>
    file.endsWith(".tsx"),
  );
}

const relative = (file: string) => path.relative(path.join(root, "app"), file);

describe("the interface's words come from the catalogues", () => {
  test("the detector finds words in JSX text and read attributes, not in code or keys", () => {
    expect(handWrittenWords(`const a = <p className="x" title="Hello there">Sign in <b>{t("frame.join")}</b></p>;`)).toEqual(["Hello there", "Sign in"]);
    expect(handWrittenWords(`const a = <Field label={t("x.y")} name="email" hint={"Never shown"} />;`)).toEqual(["Never shown"]);
    expect(handWrittenWords(`const a = <span>{count} · {"·"}</span>;`)).toEqual([]);
  });

  test("no translated file has words written by hand", () => {
    const offenders: Record<string, string[]> = {};
    for (const file of componentFiles()) {
      const name = relative(file);
      if (NOT_YET.has(name)) continue;
      const words = handWrittenWords(readFileSync(file, "utf8"), file);
      if (words.length) offenders[name] = words;
    }
    expect(offenders).toEqual({});
  });

  test("the list of files still to translate only names files that still need it", () => {
    const done = [...NOT_YET].filter((name) => !handWrittenWords(readFileSync(path.join(root, "app", name), "utf8"), name).length);
    expect(done, "translated: take these off NOT_YET").toEqual([]);
  });
});
