// Stack Exchange stores posts as HTML. We keep markdown as the source of every
// post (it is what members edit), so the HTML is turned into markdown by
// turndown with its GitHub-flavoured plugin (tables, strikethrough), then
// rendered by our own pipeline: the stored HTML is always ours, sanitised.
import TurndownService from "turndown";
import gfmPlugins from "turndown-plugin-gfm";
import { renderInlineMarkdown, renderMarkdown } from "../../utils/markdown.server";

let service: TurndownService | null = null;

function turndown(): TurndownService {
  if (service) return service;
  service = new TurndownService({
    headingStyle: "atx",
    codeBlockStyle: "fenced",
    bulletListMarker: "-",
    emDelimiter: "*",
    hr: "---",
  });
  service.use(gfmPlugins.gfm);
  // What can only run or embed: dropped with its content (the sanitizer would drop the tags, not the script's text).
  service.remove(["script", "style", "iframe", "object", "embed", "noscript", "template"] as TurndownService.TagName[]);
  // Stack Exchange marks a code block's language on <pre class="lang-js ...">: keep it on the fence.
  service.addRule("stackExchangeCodeBlock", {
    filter: (node) => node.nodeName === "PRE" && node.firstChild?.nodeName === "CODE",
    replacement: (_content, node) => {
      const pre = node as HTMLElement;
      const language = /(?:^|\s)lang-([A-Za-z0-9_+-]{1,30})(?:\s|$)/.exec(pre.getAttribute("class") ?? "")?.[1] ?? "";
      const code = (pre.firstChild as HTMLElement).textContent ?? "";
      // A fence longer than any run of backticks in the code.
      const longest = Math.max(2, ...(code.match(/`+/g) ?? []).map((run) => run.length));
      const fence = "`".repeat(longest + 1);
      return `\n\n${fence}${language === "none" ? "" : language}\n${code.replace(/\n$/, "")}\n${fence}\n\n`;
    },
  });
  return service;
}

/** A post's HTML as markdown. */
export function htmlToMarkdown(html: string): string {
  return turndown().turndown(html).trim();
}

/** A question's or an answer's HTML: its markdown source, and the HTML our pipeline makes of it. */
export function convertPostBody(html: string): { body: string; bodyHtml: string } {
  const body = htmlToMarkdown(html);
  return { body, bodyHtml: renderMarkdown(body) };
}

/** A comment is already (inline) markdown on Stack Exchange. */
export function convertComment(text: string): { body: string; bodyHtml: string } {
  const body = text.trim();
  return { body, bodyHtml: renderInlineMarkdown(body) };
}

export type BodyKind = "post" | "comment";

/** A body's conversion, or why it failed (the row is then skipped and reported). */
export type Conversion = { body: string; bodyHtml: string } | { error: string };

/** Converts bodies of one kind, in order; one that throws gives its error instead of stopping the others. */
export function convertBodies(kind: BodyKind, texts: string[]): Conversion[] {
  return texts.map((text) => {
    try {
      return kind === "post" ? convertPostBody(text) : convertComment(text);
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  });
}
