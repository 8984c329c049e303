// The demo's conversations say where their links go (#14.7): a link whose
// text looks like an address ("/kb/third-party-billing",
// "www.nimbus.example/contact") leads exactly there, in every language, as
// written and as rendered.
import { describe, expect, test } from "vitest";
import { renderInlineMarkdown, renderMarkdown } from "../../../app/utils/markdown.server";
import { LANGUAGES } from "../../../app/i18n/languages";
import { DEMO_THREADS_BY_LANGUAGE, type DemoThread } from "../../../scripts/demo-threads/index";

/** Every text of a thread: the question, answers and comments, with where each is. */
function textsOf(thread: DemoThread) {
  const texts = [{ where: `${thread.key}: question`, body: thread.body, inline: false }];
  for (const [i, c] of (thread.comments ?? []).entries()) texts.push({ where: `${thread.key}: comment ${i}`, body: c.body, inline: true });
  for (const [i, a] of thread.answers.entries()) {
    texts.push({ where: `${thread.key}: answer ${i}`, body: a.body, inline: false });
    for (const [j, c] of (a.comments ?? []).entries()) texts.push({ where: `${thread.key}: answer ${i}, comment ${j}`, body: c.body, inline: true });
  }
  return texts;
}

/** Where a link's text says it goes, or null when the text is words ("the help centre"). */
export function addressIn(text: string): { path: string; host: string | null } | null {
  const trimmed = text.trim();
  if (/^\/\S*$/.test(trimmed)) return { host: null, path: trimmed };
  const site = /^(?:https?:\/\/)?((?:[a-z0-9-]+\.)+[a-z]{2,})(\/\S*)?$/i.exec(trimmed);
  return site ? { host: site[1]!.toLowerCase(), path: site[2] ?? "/" } : null;
}

/** Whether `href` leads where `text` says. */
export function agrees(text: string, href: string): boolean {
  const said = addressIn(text);
  if (!said) return true;
  const url = new URL(href, "https://community.invalid");
  const path = decodeURIComponent(url.pathname) + url.search + url.hash;
  if (said.host === null) return url.host === "community.invalid" && path === said.path;
  return url.host.toLowerCase() === said.host && path === said.path;
}

describe("the demo's links", () => {
  test("the check itself: a path-like text must lead to that path", () => {
    expect(agrees("/kb/third-party-billing", "https://www.nimbus.example/kb/third-party-billing")).toBe(false);
    expect(agrees("/kb/third-party-billing", "/kb/third-party-billing")).toBe(true);
    expect(agrees("www.nimbus.example/contact", "https://www.nimbus.example/contact")).toBe(true);
    expect(agrees("www.nimbus.example/contact", "https://www.nimbus.example/speedtest")).toBe(false);
    expect(agrees("nimbus.example/contact", "https://evil.example/contact")).toBe(false);
    expect(agrees("the help centre", "https://www.nimbus.example/kb")).toBe(true);
  });

  for (const language of LANGUAGES) {
    test(`every link whose text looks like an address leads there (${language}), in the markdown and once rendered`, () => {
      const wrong: string[] = [];
      let links = 0;
      for (const thread of DEMO_THREADS_BY_LANGUAGE[language]) {
        for (const { where, body, inline } of textsOf(thread)) {
          for (const match of body.matchAll(/\[([^\]]+)\]\(([^)\s]+)\)/g)) {
            links += 1;
            if (!agrees(match[1]!, match[2]!)) wrong.push(`${where}: [${match[1]}](${match[2]})`);
          }
          const html = inline ? renderInlineMarkdown(body) : renderMarkdown(body);
          for (const match of html.matchAll(/<a [^>]*href="([^"]+)"[^>]*>([^<]*)<\/a>/g)) {
            const text = match[2]!.replaceAll("&amp;", "&");
            if (!agrees(text, match[1]!.replaceAll("&amp;", "&"))) wrong.push(`${where} (rendered): ${text} → ${match[1]}`);
          }
        }
      }
      expect(links).toBeGreaterThan(3);
      expect(wrong).toEqual([]);
    });
  }
});
