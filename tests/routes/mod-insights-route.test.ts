// /mod/insights and its CSV files (issue #17): staff only, bad filters
// answered beside the filter (never an error page), CSV quoting of hostile
// text, and the page's words in French.
import { describe, expect, test } from "vitest";
import Insights, { loader } from "../../app/routes/mod.insights";
import { loader as csvLoader } from "../../app/routes/mod.insights[.]csv";
import { csvField, toCsv } from "../../app/models/insights/csv";
import { contextFor, createTestDb, getRequest, settle } from "../support/db";
import { createTestAnswer, createTestCategory, createTestThread, createUser } from "../support/factories";
import { renderIn, textOf, type LanguagePageRoute } from "./render-in-language";

const db = createTestDb();
createTestCategory(db, { slug: "billing", name: "Billing" });
const day = 24 * 60 * 60 * 1000;
const old = { createdAt: new Date(Date.now() - 400 * day) };
const moderator = await createUser(db, { ...old, role: "moderator", username: "mod_nina" });
const member = await createUser(db, { ...old, username: "plain_member" });
const hostile = await createUser(db, { ...old, username: "hostile", displayName: '=HYPERLINK("http://evil.test"),"Bob"\nSmith' });
const thread = createTestThread(db, member, { title: "My invoice is wrong, again", at: new Date(Date.now() - 3 * day) });
createTestAnswer(db, hostile, thread.id, undefined, new Date(Date.now() - 2 * day));

const page: LanguagePageRoute = { id: "routes/mod.insights", path: "mod/insights", loader, Component: Insights };

async function data(search: string, userId: number | null = moderator.id) {
  return settle(() => loader({ request: getRequest(`/mod/insights${search}`), params: {}, context: contextFor(db, userId) }));
}
async function csv(search: string, userId: number | null = moderator.id) {
  return settle(() => csvLoader({ request: getRequest(`/mod/insights.csv${search}`), params: {}, context: contextFor(db, userId) }));
}

describe("staff only", () => {
  test("a member is refused the page and every CSV, and is shown no figure or name", async () => {
    const refused = await data("", member.id);
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain("hostile");
    for (const table of ["summary", "weekly", "contributors", "rising"]) {
      const response = await csv(`?table=${table}`, member.id);
      expect(response.status).toBe(403);
      expect(await response.text()).not.toMatch(/hostile|HYPERLINK|invoice/);
    }
  });

  test("a visitor is sent to sign in", async () => {
    const visitor = await data("", null);
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toContain("/login");
    expect((await csv("?table=summary", null)).status).toBe(302);
  });

  test("a moderator sees the figures of the last 30 days by default", async () => {
    const body = await (await data("")).json();
    expect(body.errors).toEqual({});
    expect(body.values.period).toBe("30");
    expect(body.insights.current.asked).toBe(1);
    expect(body.insights.current.answers).toBe(1);
    expect(body.insights.weeks).toHaveLength(8);
    expect(body.rising).not.toBeNull();
  });
});

describe("bad parameters give a message beside the filter", () => {
  const cases: [string, string, string][] = [
    ["?period=custom&from=2025-02-30&to=2025-03-10", "from", "Write a date that exists"],
    ["?period=custom&from=yesterday&to=2025-03-10", "from", "Write a date that exists"],
    ["?period=custom&from=2025-03-10&to=2025-03-01", "to", "The last day comes before the first day"],
    ["?period=custom&to=2025-03-01", "from", "Give the first day"],
    ["?period=custom&from=2020-01-01&to=2025-01-01", "to", "three years at most"],
    ["?period=365", "period", "Choose one of the periods offered"],
    ["?category=no-such-thing", "category", "There is no such category"],
  ];
  test.each(cases)("%s", async (search, field, words) => {
    const response = await data(search);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(Object.keys(body.errors)).toContain(field);
    expect(body.insights).toBeNull();
    const { status, html } = await renderIn("en", contextFor(db, moderator.id), `/mod/insights${search}`, [page]);
    expect(status).toBe(200);
    const text = textOf(html);
    expect(text).toContain(words);
    expect(text).toContain("Correct the period or the category above");
    expect(html).toContain(`id="${field}-error"`);
    expect(html).toMatch(new RegExp(`aria-describedby="[^"]*${field}-error`));
  });

  test("the CSV route answers a bad filter or table with a 400 and the reason, not an error page", async () => {
    const badTable = await csv("?table=secrets");
    expect(badTable.status).toBe(400);
    expect(await badTable.text()).toContain("There is no such table");
    const badDate = await csv("?table=summary&period=custom&from=2025-13-01&to=2025-12-01");
    expect(badDate.status).toBe(400);
    expect(await badDate.text()).toContain("Write a date that exists");
  });

  test("a valid custom period is shown, the last day included", async () => {
    const body = await (await data("?period=custom&from=2025-03-01&to=2025-03-14&category=billing")).json();
    expect(body.errors).toEqual({});
    expect(body.insights.period.from).toBe("2025-03-01T00:00:00.000Z");
    expect(body.insights.period.to).toBe("2025-03-15T00:00:00.000Z");
    expect(body.insights.period.previousFrom).toBe("2025-02-15T00:00:00.000Z");
  });
});

describe("CSV", () => {
  test("fields are quoted per RFC 4180: commas, quotes and line breaks", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\rhere")).toBe('"cr\rhere"');
    expect(csvField(-3.5)).toBe("-3.5");
    expect(csvField(null)).toBe("");
    // A text a spreadsheet would run as a formula is written as text.
    expect(csvField("=1+1")).toBe("'=1+1");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(toCsv([["a", 1], ["b,c", null]])).toBe('a,1\r\n"b,c",\r\n');
  });

  test("the contributors' file keeps a hostile name whole, quoted, and never a formula", async () => {
    const response = await csv("?table=contributors");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="insights-contributors-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = await response.text();
    expect(text).toBe(`Username,Name,Answers\r\nhostile,"'=HYPERLINK(""http://evil.test""),""Bob""\nSmith",1\r\n`);
  });

  test("the summary and weekly files: one row per figure, one per week, hours and percentages", async () => {
    const summary = (await (await csv("?table=summary")).text()).split("\r\n");
    expect(summary[0]).toBe("Figure,This period,Period before,Change");
    expect(summary).toContain("Questions asked,1,0,1");
    expect(summary).toContain("Unanswered (%),0,,");
    expect(summary.find((line) => line.startsWith("Time to first answer (median) (hours),"))).toBe("Time to first answer (median) (hours),24,,");
    const weekly = (await (await csv("?table=weekly&period=7")).text()).trim().split("\r\n");
    expect(weekly).toHaveLength(1 + 8);
    expect(weekly[0]).toMatch(/^Week start,Week end,Questions asked,/);
  });

  test("headers in the reader's language", async () => {
    const french = { ...contextFor(db, moderator.id) };
    french.user = { ...french.user!, language: "fr" };
    const text = await (await settle(() => csvLoader({ request: getRequest("/mod/insights.csv?table=summary"), params: {}, context: french }))).text();
    expect(text.split("\r\n")[0]).toBe("Chiffre,Cette période,Période précédente,Écart");
  });
});

describe("the page", () => {
  test("renders the figures, the charts as accessible SVG, and the CSV links, without JavaScript", async () => {
    const { status, html } = await renderIn("en", contextFor(db, moderator.id), "/mod/insights?period=7", [page]);
    expect(status).toBe(200);
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="[^"]+"/);
    expect(html).toMatch(/<title id="[^"]+">Questions asked, week by week<\/title>/);
    expect(html).toContain('<caption>Questions asked, week by week</caption>');
    expect(html).toContain('href="/mod/insights.csv?table=summary&amp;period=7&amp;from=&amp;to=&amp;category="');
    const text = textOf(html);
    expect(text).toContain("Deflection rate");
    expect(text).toContain("divided by questions not asked plus questions asked");
    expect(text).toContain("Rising topics");
  });

  test("in French", async () => {
    const text = textOf((await renderIn("fr", contextFor(db, moderator.id), "/mod/insights", [page])).html);
    expect(text).toContain("Questions posées");
    expect(text).toContain("Taux d’évitement");
    expect(text).toContain("Télécharger en CSV");
    expect(text).toContain("semaine par semaine");
    expect(text).not.toContain("Questions asked");
    const errors = textOf((await renderIn("fr", contextFor(db, moderator.id), "/mod/insights?category=nope", [page])).html);
    expect(errors).toContain("Cette catégorie n’existe pas");
  });
});
