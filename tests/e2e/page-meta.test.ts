// The head of a thread page and of a knowledge-base article, as the real
// server sends it and as the browser keeps it once the page has hydrated:
// one canonical link, the Open Graph tags, and structured data that parses
// as JSON to exactly what was written, even when a title tries to close the
// script element around it.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { acceptAnswer } from "../../app/models/forum/acceptance.server";
import { createArticle } from "../../app/models/kb/kb.server";
import { createTestAnswer, createTestThread, createUser } from "../support/factories";
import { launchBrowser, startApp, type RunningApp } from "./harness";

const ORIGIN = "https://help.example.com";
const WEEK_AGO = new Date(Date.now() - 7 * 24 * 60 * 60 * 1000);
const TITLE = `Box lights </script><script>window.__pwned = 1</script> blink?`;
const ARTICLE_TITLE = `Reset the box </script><!-- safely -->`;

let app: RunningApp;
let browser: Browser;
let threadPath = "";
let articlePath = "";

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp(
    async (db) => {
      const mod = await createUser(db, { username: "mod_kim", role: "moderator", createdAt: WEEK_AGO });
      const asker = await createUser(db, { username: "asker_abe", displayName: "Abe Asker", createdAt: WEEK_AGO });
      const helper = await createUser(db, { username: "helper_hana", displayName: "Hana Helper", createdAt: WEEK_AGO });
      const thread = createTestThread(db, asker, { title: TITLE, body: "The lights blink **red** and `</script>` shows up in the logs.", category: "devices", at: WEEK_AGO });
      const answer = createTestAnswer(db, helper, thread.id, "Unplug it for ten seconds, then plug it back in.", WEEK_AGO);
      acceptAnswer(db, asker, answer.id);
      threadPath = `/t/${thread.id}/${thread.slug}`;
      const article = createArticle(db, mod, { title: ARTICLE_TITLE, body: "Hold the reset button for **ten** seconds.", category: "devices", tags: [], note: "", publish: true });
      if (!article.ok) throw new Error(JSON.stringify(article.errors));
      articlePath = `/kb/${article.article.slug}`;
    },
    { env: { PUBLIC_URL: ORIGIN } },
  );
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

type Head = { canonical: string[]; og: Record<string, string>; twitter: string | null; jsonLd: string[]; pwned: unknown };

/** What the document's head carries now. */
function readHead(page: Page): Promise<Head> {
  return page.evaluate(() => ({
    canonical: [...document.querySelectorAll('link[rel="canonical"]')].map((link) => link.getAttribute("href") ?? ""),
    og: Object.fromEntries([...document.querySelectorAll('meta[property^="og:"]')].map((meta) => [meta.getAttribute("property"), meta.getAttribute("content")])),
    twitter: document.querySelector('meta[name="twitter:card"]')?.getAttribute("content") ?? null,
    jsonLd: [...document.querySelectorAll('script[type="application/ld+json"]')].map((script) => script.textContent ?? ""),
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
  }));
}

/** The app has hydrated when its router exists: the head is then React's, rendered from the loader's data in the browser. */
function hydrated(page: Page) {
  return page.waitForFunction(() => (window as { __remixRouter?: { state?: { initialized?: boolean } } }).__remixRouter?.state?.initialized === true);
}

/** The structured data in the HTML as sent (before any script runs): every block, parsed. */
async function sentJsonLd(path: string) {
  const html = await (await fetch(`${app.url}${path}`)).text();
  const head = html.slice(0, html.indexOf("</head>"));
  const blocks = [...head.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((match) => match[1]!);
  return { head, blocks, parsed: blocks.map((block) => JSON.parse(block) as Record<string, any>) };
}

describe("page metadata in the browser", () => {
  test("a thread page's head: canonical link, Open Graph tags and QAPage data that parses, before and after hydration", async () => {
    const sent = await sentJsonLd(threadPath);
    expect(sent.blocks).toHaveLength(1);
    // The hostile title cannot end the script early: "<" is written \u003c.
    expect(sent.blocks[0]).not.toContain("<");
    expect(sent.parsed[0]!["@type"]).toBe("QAPage");
    expect(sent.parsed[0]!.mainEntity.name).toBe(TITLE);
    expect(sent.head).toContain(`<link rel="canonical" href="${ORIGIN}${threadPath}"/>`);

    const page = await (await browser.newContext()).newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${app.url}${threadPath}`);
    await hydrated(page);
    const head = await readHead(page);
    expect(head.pwned).toBeUndefined();
    expect(head.canonical).toEqual([`${ORIGIN}${threadPath}`]);
    expect(head.og).toMatchObject({ "og:title": TITLE, "og:url": `${ORIGIN}${threadPath}`, "og:type": "website", "og:site_name": expect.any(String) });
    expect(head.og["og:description"]).toBe("The lights blink red and </script> shows up in the logs.");
    expect(head.twitter).toBe("summary");
    expect(head.jsonLd).toHaveLength(1);
    const data = JSON.parse(head.jsonLd[0]!);
    expect(data.mainEntity).toMatchObject({
      "@type": "Question",
      name: TITLE,
      text: "The lights blink red and </script> shows up in the logs.",
      answerCount: 1,
      author: { "@type": "Person", name: "Abe Asker", url: `${ORIGIN}/u/asker_abe` },
      acceptedAnswer: { "@type": "Answer", text: "Unplug it for ten seconds, then plug it back in.", author: { name: "Hana Helper" } },
    });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test("an article's head: canonical link, Open Graph tags (an article) and Article data that parses", async () => {
    const sent = await sentJsonLd(articlePath);
    expect(sent.blocks).toHaveLength(1);
    expect(sent.blocks[0]).not.toContain("<");
    expect(sent.parsed[0]).toMatchObject({ "@type": "Article", headline: ARTICLE_TITLE, url: `${ORIGIN}${articlePath}` });

    const page = await (await browser.newContext()).newPage();
    await page.goto(`${app.url}${articlePath}`);
    await hydrated(page);
    const head = await readHead(page);
    expect(head.canonical).toEqual([`${ORIGIN}${articlePath}`]);
    expect(head.og).toMatchObject({ "og:title": ARTICLE_TITLE, "og:type": "article", "og:url": `${ORIGIN}${articlePath}`, "og:description": "Hold the reset button for ten seconds." });
    expect(head.jsonLd).toHaveLength(1);
    const data = JSON.parse(head.jsonLd[0]!);
    expect(data).toMatchObject({ "@context": "https://schema.org", "@type": "Article", headline: ARTICLE_TITLE, author: { "@type": "Organization" }, publisher: { "@type": "Organization" } });
    expect(data.publisher.name).toBe(head.og["og:site_name"]);
    await page.context().close();
  });
});
