// The words the server makes (form errors, a model's refusals and notices,
// emails, the policy's reasons) are catalogue keys, put into words in the
// reader's or recipient's language (issue #14, point 1). Read with
// TypeScript's parser: a string literal that reads as an English sentence is
// written by hand. Developers' messages (new Error, console) and SQL are not
// the interface.
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";
import { root, sourceFiles } from "../support/source-files";

/** Two words or more starting with a capital, or any words ending like a sentence. */
const SENTENCE = /^(?:[A-Z][a-z’']*(?:[ \u00a0]+\S+)+|(?:\S+[ \u00a0]+)+\S*[a-z][.?!])$/u;

function isDeveloperText(node: ts.Node): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (ts.isNewExpression(parent) && /Error$/.test(parent.expression.getText())) return true;
    if (ts.isCallExpression(parent) && /^console\.|^assert|^invariant/.test(parent.expression.getText())) return true;
    if (ts.isTaggedTemplateExpression(parent)) return true;
    if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent)) return true;
    // HTTP's reason phrases ("Not Found") are the protocol's, not the interface's.
    if (ts.isPropertyAssignment(parent) && parent.name.getText() === "statusText") return true;
    if (ts.isFunctionLike(parent) || ts.isSourceFile(parent)) return false;
  }
  return false;
}

/** A constant named *_STORED is a value kept in the database as it is (shown through a key). */
function isStoredValue(node: ts.Node): boolean {
  return ts.isVariableDeclaration(node.parent) && /_STORED$/.test(node.parent.name.getText());
}

/** The sentences written by hand in a server file's string literals. */
export function handWrittenSentences(source: string, fileName = "x.ts"): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    const text =
      ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)
        ? node.text
        : ts.isTemplateExpression(node)
          ? node.head.text + node.templateSpans.map((span) => `{} ${span.literal.text}`).join("")
          : null;
    const words = text === null ? 0 : (text.match(/\p{L}{2,}/gu) ?? []).length;
    if (text !== null && words >= 2 && SENTENCE.test(text.trim()) && !isDeveloperText(node) && !isStoredValue(node)) found.push(text.trim());
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

// The brand's default words (its tagline, its ranks' names in each language)
// are the brand's, which admins change, not the interface's.
const BRAND_DEFAULTS = new Set(["app/utils/site-defaults.ts", "app/utils/ranks.ts"]);

function serverFiles(): string[] {
  const app = path.join(root, "app");
  return [
    path.join(app, "policy.ts"),
    ...sourceFiles(path.join(app, "forms")),
    ...sourceFiles(path.join(app, "models")),
    ...sourceFiles(path.join(app, "auth")),
    ...sourceFiles(path.join(app, "http")),
    ...sourceFiles(path.join(app, "utils")),
    path.join(app, "http.server.ts"),
    path.join(app, "worker.server.ts"),
  ];
}

describe("the server's words come from the catalogues", () => {
  test("the detector finds sentences, not keys, code or developers' messages", () => {
    expect(handWrittenSentences(`const a = { form: "You have already flagged this post." }; const b = "forumServer.flag.already";`)).toEqual(["You have already flagged this post."]);
    expect(handWrittenSentences("const q = sql`SELECT count(*) FROM posts`; throw new Error(`No user ${id}`); const c = `Between ${min} and ${max}.`;")).toEqual(["Between {}  and {} ."]);
    expect(handWrittenSentences(`new Response("x", { status: 404, statusText: "Not Found" });`)).toEqual([]);
    expect(handWrittenSentences(`const a = "text/plain; charset=utf-8"; const b = "a.b c"; const d = "Content-Type";`)).toEqual([]);
  });

  test("no server file has sentences written by hand", () => {
    const offenders: Record<string, string[]> = {};
    for (const file of serverFiles()) {
      if (BRAND_DEFAULTS.has(path.relative(root, file))) continue;
      const sentences = handWrittenSentences(readFileSync(file, "utf8"), file);
      if (sentences.length) offenders[path.relative(root, file)] = sentences;
    }
    expect(offenders).toEqual({});
  });
});
