// Markdown is rendered once, when a post is written, and the stored HTML is
// served as is: these tests pin what it may and may not contain.
import { describe, expect, test } from "vitest";
import { mentionedNames, renderInlineMarkdown, renderMarkdown } from "../../app/utils/markdown.server";

const REL = 'rel="nofollow ugc noopener"';
const FORBIDDEN = ["<script", "onerror", "onload", "javascript:", "vbscript:", "<svg", "<iframe", "<form", "<input", "style="];

/** The output, after asserting that nothing able to run script or restyle the page got through. */
function harmless(html: string): string {
  const lower = html.toLowerCase();
  for (const bad of FORBIDDEN) expect(lower, `output contains ${bad}: ${html}`).not.toContain(bad);
  return html;
}

/** Every href in the output. */
function hrefs(html: string): string[] {
  return [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]!);
}

/** The attribute names of every tag in the output (quoted values skipped, so escaped text inside a title is not mistaken for an attribute). */
function attributeNames(html: string): string[] {
  const names: string[] = [];
  for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
    const bare = tag.replace(/"[^"]*"|'[^']*'/g, '""');
    for (const m of bare.matchAll(/\s([^\s="'\/>]+)\s*=/g)) names.push(m[1]!.toLowerCase());
  }
  return names;
}

function anchors(html: string): string[] {
  return html.match(/<a\b[^>]*>/g) ?? [];
}

describe("GitHub-flavoured markdown renders", () => {
  test("fenced code keeps its language class and escapes its content", () => {
    const html = renderMarkdown("```js\nif (a < b && c) run();\n```");
    expect(html).toContain('<pre><code class="language-js">');
    expect(html).toContain("if (a &lt; b &amp;&amp; c) run();");
  });

  test("a fence cannot smuggle a class other than language-*", () => {
    const html = renderMarkdown('```js" onclick="x\ncode\n```');
    expect(html).not.toMatch(/onclick/i);
  });

  test("tables with alignment", () => {
    const html = renderMarkdown("| plan | price |\n|---|:-:|\n| basic | 10 |");
    expect(html).toContain("<table>");
    expect(html).toContain("<th>plan</th>");
    expect(html).toContain('<td align="center">10</td>');
  });

  test("strikethrough, emphasis and autolinks (bare www. and https://, and <...>)", () => {
    const html = renderMarkdown("~~old~~ **new** *now* www.example.com https://example.com/a <https://auto.example/b>");
    expect(html).toContain("<del>old</del>");
    expect(html).toContain("<strong>new</strong>");
    expect(html).toContain("<em>now</em>");
    expect(hrefs(html)).toEqual(["http://www.example.com", "https://example.com/a", "https://auto.example/b"]);
  });

  test("every link gets rel=nofollow ugc noopener, replacing any rel the author wrote", () => {
    const html = renderMarkdown(
      '[a](https://a.example) <https://b.example> [mail](mailto:x@example.com) <a href="https://c.example" rel="follow" target="_blank">c</a>',
    );
    const tags = anchors(html);
    expect(tags).toHaveLength(4);
    for (const tag of tags) expect(tag).toContain(REL);
    expect(html).not.toContain('rel="follow"');
    expect(html).not.toContain("target=");
  });

  test("top-level headings are demoted below the page's own", () => {
    const html = renderMarkdown("# One\n\n## Two\n\n### Three");
    expect(html).not.toMatch(/<h[12]\b/);
    expect(html).toContain("<h3>One</h3>");
    expect(html).toContain("<h4>Two</h4>");
  });
});

describe("hostile input is rendered harmless", () => {
  test.each([
    ["script tag", "<script>alert(1)</script>after"],
    ["script with mixed case", "<ScRiPt>alert(1)</sCrIpT>"],
    ["img onerror", "<img src=x onerror=alert(1)>"],
    ["https img with onerror", '<img src="https://ok.example/a.png" onerror="alert(1)">'],
    ["svg onload", "<svg onload=alert(1)><circle r=1 /></svg>"],
    ["iframe", '<iframe src="https://evil.example"></iframe>'],
    ["form and input", '<form action="https://evil.example/steal"><input name="password"><button>Go</button></form>'],
    ["style attribute", '<p style="position:fixed;top:0">cover</p>'],
    ["style element", "<style>body{display:none}</style>"],
    ["details ontoggle", "<details open ontoggle=alert(1)>x</details>"],
    ["mathml xlink", '<math><mi xlink:href="javascript:alert(1)">x</mi></math>'],
    ["object, embed, meta, base, link", '<object data="x"></object><embed src="x"><meta http-equiv="refresh" content="0;url=https://evil.example"><base href="https://evil.example/"><link rel="stylesheet" href="x">'],
    ["onclick on an allowed tag", '<a href="https://ok.example" onclick="alert(1)">ok</a>'],
    ["attribute break-out through an image alt", '![x" onerror="alert(1)](https://ok.example/a.png)'],
    ["attribute break-out through a link title", '[a](https://ok.example "t\\" onmouseover=\\"alert(1)")'],
  ])("%s", (_name, source) => {
    const block = harmless(renderMarkdown(source));
    const inline = harmless(renderInlineMarkdown(source));
    for (const html of [block, inline]) {
      expect(html).not.toMatch(/<(object|embed|meta|base|link|style|details|math|button)\b/i);
      expect(attributeNames(html).filter((name) => name.startsWith("on"))).toEqual([]);
    }
  });

  test("a script shown in a code span is escaped text", () => {
    const html = harmless(renderMarkdown("`<script>alert(1)</script>`"));
    expect(html).toContain("<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>");
  });

  test("an https image keeps its source but loses its handler", () => {
    const html = harmless(renderMarkdown('<img src="https://ok.example/a.png" onerror="alert(1)">'));
    expect(html).toContain('src="https://ok.example/a.png"');
  });

  test.each([
    ["javascript:", "[a](javascript:alert(1))"],
    ["mixed case", "[a](JaVaScRiPt:alert(1))"],
    ["decimal entity", "[a](&#106;avascript:alert(1))"],
    ["hex entity", "[a](&#x6A;avascript:alert(1))"],
    ["entity in the middle", "[a](javas&#99;ript:alert(1))"],
    ["encoded colon", "[a](javascript&#58;alert(1))"],
    ["named colon entity in html", '<a href="javascript&colon;alert(1)">a</a>'],
    ["hex entity in html", '<a href="&#x6A;avascript:alert(1)">a</a>'],
    ["tab inside", '<a href="java\tscript:alert(1)">a</a>'],
    ["encoded tab inside", "[a](jav&#x09;ascript:alert(1))"],
    ["newline inside", '<a href="java\nscript:alert(1)">a</a>'],
    ["leading control character", '<a href=" &#14;javascript:alert(1)">a</a>'],
    ["angle-bracket destination", "[a](<javascript:alert(1)>)"],
    ["data: link", "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
    ["vbscript:", "[a](vbscript:msgbox(1))"],
    ["protocol-relative", "[a](//evil.example/login)"],
    ["protocol-relative in html", '<a href="//evil.example/login">a</a>'],
    ["backslash host in html", '<a href="/\\evil.example">a</a>'],
  ])("a %s link loses its address and keeps its text", (_name, source) => {
    for (const html of [renderMarkdown(source), renderInlineMarkdown(source)]) {
      harmless(html);
      expect(hrefs(html)).toEqual([]);
      expect(html).toContain(">a</a>");
      expect(html.toLowerCase()).not.toMatch(/data:|evil\.example/);
    }
  });

  test.each([
    ["data: image", "![i](data:image/png;base64,iVBORw0KGgo=)"],
    ["data: svg image in html", '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">'],
    ["javascript: image", "<IMG SRC=JaVaScRiPt:alert(1)>"],
    ["relative image", "![i](/logout)"],
    ["protocol-relative image", "![i](//evil.example/pixel.gif)"],
  ])("a %s is dropped", (_name, source) => {
    const html = harmless(renderMarkdown(source));
    expect(html).not.toContain("<img");
    expect(html.toLowerCase()).not.toContain("data:");
  });

  test("http and https images are kept", () => {
    const html = harmless(renderMarkdown("![a](https://ok.example/a.png) ![b](http://ok.example/b.png)"));
    expect(html).toContain('<img alt="a" src="https://ok.example/a.png" />');
    expect(html).toContain('<img alt="b" src="http://ok.example/b.png" />');
  });

  test("mailto, http and https links are kept", () => {
    const html = renderMarkdown("[m](mailto:help@example.com) [h](http://a.example) [s](https://b.example)");
    expect(hrefs(html)).toEqual(["mailto:help@example.com", "http://a.example", "https://b.example"]);
  });
});

describe("mentions", () => {
  const knownUsers = new Map([["alice", "Alice"], ["bob_42", "Bob_42"]]);

  test("a known user's @name links to their profile, with their spelling", () => {
    const html = renderMarkdown("Thanks @alice and @BOB_42!", { knownUsers });
    expect(html).toContain('<a href="/u/Alice" class="mention" rel="nofollow ugc noopener">@Alice</a>');
    expect(html).toContain('<a href="/u/Bob_42" class="mention" rel="nofollow ugc noopener">@Bob_42</a>');
  });

  test("an unknown @name stays plain text", () => {
    const html = renderMarkdown("Ask @nobody or @alice", { knownUsers });
    expect(html).toContain("Ask @nobody or");
    expect(hrefs(html)).toEqual(["/u/Alice"]);
  });

  test("no mention links without a map of known users", () => {
    expect(anchors(renderMarkdown("hi @alice"))).toEqual([]);
  });

  test("not inside code spans or code blocks", () => {
    const html = renderMarkdown("`@alice`\n\n```\n@alice\n```", { knownUsers });
    expect(html).not.toContain("/u/");
    expect(html).toContain("<code>@alice</code>");
  });

  test("not in email addresses or in the path of a link", () => {
    const html = renderMarkdown("write to alice@example.com or see https://x.example/@alice", { knownUsers });
    expect(html).not.toContain("/u/");
    expect(html).not.toContain('class="mention"');
  });

  test("a mention inside a link's text does not nest a link in a link", () => {
    const html = renderMarkdown("[thanks to @alice](https://x.example)", { knownUsers });
    expect(anchors(html)).toHaveLength(1);
    expect(hrefs(html)).toEqual(["https://x.example"]);
  });

  test("mentions work in inline mode (comments) too", () => {
    const html = renderInlineMarkdown("cc @alice", { knownUsers });
    expect(html).toBe('cc <a href="/u/Alice" class="mention" rel="nofollow ugc noopener">@Alice</a>');
  });

  test("mentionedNames: lower-cased, unique, 3–30 characters, never from email addresses", () => {
    expect(mentionedNames("@Alice and @alice, @Bob_42 (@x-y-z) bob@example.com @ab me@alice")).toEqual(["alice", "bob_42", "x-y-z"]);
    expect(mentionedNames("nothing here")).toEqual([]);
  });
});

describe("inline mode (comments)", () => {
  test("drops headings, images, lists and paragraphs but keeps emphasis, code and links", () => {
    const html = renderInlineMarkdown(
      "# title\n\n![pic](https://ok.example/a.png)\n\n- one\n- two\n\n> quote\n\n*em* **strong** ~~del~~ `code` [link](https://a.example)",
    );
    expect(html).not.toMatch(/<(h\d|img|ul|ol|li|p|blockquote|pre|table)\b/);
    expect(html).toContain("<em>em</em>");
    expect(html).toContain("<strong>strong</strong>");
    expect(html).toContain("<del>del</del>");
    expect(html).toContain("<code>code</code>");
    expect(html).toContain(`<a href="https://a.example" ${REL}>link</a>`);
  });

  test("raw block HTML is reduced to its text", () => {
    const html = renderInlineMarkdown("<h1>big</h1><table><tr><td>cell</td></tr></table>");
    expect(html).not.toMatch(/<(h1|table|tr|td)\b/);
    expect(html).toContain("big");
    expect(html).toContain("cell");
  });
});
