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

// Still to translate (issue #14 is under way): remove a file from here once its words come from the catalogues.
const NOT_YET = new Set(
  `components/account-fields.tsx components/announcement-fields.tsx components/article-fields.tsx components/category-select.tsx
   components/early-access-explainer.tsx components/escalation-notice.tsx components/follow-up-prompt.tsx
   components/form-guard.tsx components/incident-banner.tsx components/incident-fields.tsx components/markdown-editor.tsx
   components/pagination.tsx components/post-view.tsx components/settings-nav.tsx components/similar-questions.tsx
   components/sso-buttons.tsx components/tag-list.tsx components/thread-list.tsx components/thread-mod-tools.tsx components/user-link.tsx
   components/watch-button.tsx
    routes/_index.tsx routes/admin._index.tsx routes/admin.outbox.tsx routes/admin.rewards.tsx routes/admin.settings.tsx
    routes/admin.sign-in.tsx routes/admin.tsx routes/ask.tsx routes/auth.welcome.tsx routes/badges.tsx routes/c.$slug.tsx
    routes/early-access.$id.tsx routes/early-access.$id_.edit.tsx routes/early-access._index.tsx routes/early-access.new.tsx
    routes/forgot-password.tsx routes/join.tsx routes/kb.$slug.tsx routes/kb.$slug_.edit.tsx routes/kb.$slug_.history.tsx
    routes/kb._index.tsx routes/kb.new.tsx routes/leaderboard.tsx routes/login.tsx routes/login_.two-factor.tsx routes/logout.tsx
    routes/mod._index.tsx routes/mod.early-access.tsx routes/mod.escalations.tsx routes/mod.flags.tsx routes/mod.kb.tsx routes/mod.log.tsx
    routes/mod.posts.$id.tsx routes/mod.review.tsx routes/mod.search.tsx routes/mod.synonyms.tsx routes/mod.threads.$id.tsx routes/mod.tsx
    routes/mod.users.$username.tsx routes/notifications.tsx routes/posts.$id.edit.tsx routes/posts.$id.history.tsx
    routes/reset-password.$token.tsx routes/search.tsx routes/settings.tsx routes/settings_.connections.tsx routes/settings_.data.tsx
    routes/settings_.security.tsx routes/status.$id.tsx routes/status.$id_.edit.tsx routes/status._index.tsx routes/status.new.tsx
    routes/t.$id.($slug).tsx routes/tags.$tag.tsx routes/u.$username.tsx routes/unsubscribe.tsx routes/verify-email.$token.tsx
    routes/verify-email_.resend.tsx`
    .split(/\s+/)
    .filter(Boolean),
);

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
