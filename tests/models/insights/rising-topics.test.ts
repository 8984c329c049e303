// Rising topics (issue #17, point 2): a planted burst of questions and
// searches rises above steady terms, with its samples; what a visitor cannot
// see never counts; staff only; and the weekly email to staff.
import { and, eq, gt } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { updateAccountRules } from "../../../app/models/accounts/account-rules.server";
import { deletePost } from "../../../app/models/forum/post.server";
import { createThread } from "../../../app/models/forum/thread.server";
import { sendRisingTopicsEmails, risingTopicsWeekEnd } from "../../../app/models/insights/rising-topics-email.server";
import { risingTopics, WEEK_MS, type RisingTerm } from "../../../app/models/insights/rising-topics.server";
import { hidePost } from "../../../app/models/moderation/moderation.server";
import { logSearch } from "../../../app/models/search/search-log.server";
import { getRisingTopicsEmailWeek } from "../../../app/models/site/settings.server";
import { outboxMessages, posts, users } from "../../../db/schema";
import { createTestDb } from "../../support/db";
import { createTestCategory, createUser } from "../../support/factories";

const db = createTestDb();
const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
// A Monday, 00:00 UTC: the end of the weeks the email reports.
const WEEK_END = new Date("2030-03-11T00:00:00Z");
const LONG_AGO = new Date("2029-01-01T00:00:00Z");

type Author = Awaited<ReturnType<typeof createUser>>;
type Planned = { at: Date; title: string; body: string; category: string; tags: string[]; author: Author | "new account" };

let admin: Author;
let frenchModerator: Author;
let quietModerator: Author;
let member: Author;
let homeCategoryId: number;
let billingCategoryId: number;
const wifiThreadIds: number[] = [];
const threadsByWord = new Map<string, number[]>();

const STEADY_TITLES = [
  "Invoice shows a double charge",
  "Where do I download my invoice?",
  "Invoice address is wrong",
  "Invoice total does not match my plan",
  "Can I get a monthly invoice by post?",
];
const WIFI_TITLES = [
  "Wi-Fi drops every evening",
  "WiFi dropping at night since the update",
  "wifi keeps dropping in the evening",
  "My Wi-Fi drops after 8pm",
  "The WIFI drop happens every evening",
  "wi-fi connection drops in the evening",
  "Evening wifi drops on the 5 GHz band",
  "Wifi dropped again this evening",
];

function weekAgo(weeks: number, hoursBefore: number) {
  return new Date(WEEK_END.getTime() - weeks * WEEK_MS - hoursBefore * HOUR);
}

function questionPostId(threadId: number) {
  return db.select({ id: posts.id }).from(posts).where(and(eq(posts.threadId, threadId), eq(posts.kind, "question"))).get()!.id;
}

beforeAll(async () => {
  admin = await createUser(db, { role: "admin", createdAt: LONG_AGO });
  frenchModerator = await createUser(db, { role: "moderator", createdAt: LONG_AGO, displayName: "Camille" });
  db.update(users).set({ language: "fr" }).where(eq(users.id, frenchModerator.id)).run();
  quietModerator = await createUser(db, { role: "moderator", createdAt: LONG_AGO });
  db.update(users).set({ emailNotifications: "off" }).where(eq(users.id, quietModerator.id)).run();
  member = await createUser(db, { createdAt: LONG_AGO });
  const authors = [member, await createUser(db, { createdAt: LONG_AGO }), await createUser(db, { createdAt: LONG_AGO })];
  homeCategoryId = createTestCategory(db, { slug: "home" }).id;
  billingCategoryId = createTestCategory(db, { slug: "billing" }).id;
  // A new account's first day is held for review.
  updateAccountRules(db, admin, { holdForReview: "new" });

  const planned: (Planned & { word?: string })[] = [];
  // Steady: the same five invoice questions every week for nine weeks.
  for (let week = 0; week <= 8; week++) {
    STEADY_TITLES.forEach((title, i) =>
      planned.push({ at: weekAgo(week, 24 * (i + 1) + 1), title, body: "A billing question about my account.", category: "billing", tags: ["invoice"], author: authors[i % 3]! }),
    );
  }
  // The burst: eight questions this week about the evening Wi-Fi drops, spelt every way.
  WIFI_TITLES.forEach((title, i) =>
    planned.push({
      at: weekAgo(0, 12 * (i + 1) + 2),
      title,
      body: "Since the firmware update the connection goes down for a few minutes, then comes back.",
      category: "home",
      // The two newest are not tagged.
      tags: i >= 2 ? ["wifi"] : [],
      author: authors[i % 3]!,
      word: "wifi",
    }),
  );
  // Under the minimum: four questions about a thermostat, never seen before.
  for (let i = 0; i < 4; i++) {
    planned.push({ at: weekAgo(0, 30 * (i + 1) + 3), title: `Thermostat schedule question ${i + 1}`, body: "The thermostat ignores its schedule.", category: "home", tags: [], author: authors[i % 3]! });
  }
  // Five each of what a visitor cannot see: hidden by a moderator, held for review, deleted.
  for (const [word, author] of [["giveaway", authors[1]!], ["casino", "new account"], ["lottery", authors[2]!]] as const) {
    for (let i = 0; i < 5; i++) {
      planned.push({ at: weekAgo(0, 20 * (i + 1) + 4), title: `Free ${word} prize number ${i + 1}`, body: `Click here for the ${word} prize.`, category: "home", tags: [word], author, word });
    }
  }

  planned.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const question of planned) {
    const author = question.author === "new account" ? await createUser(db, { createdAt: new Date(question.at.getTime() - HOUR) }) : question.author;
    const result = createThread(db, author, { title: question.title, body: question.body, category: question.category, tags: question.tags }, question.at);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    if (question.word) threadsByWord.set(question.word, [...(threadsByWord.get(question.word) ?? []), result.thread.id]);
    if (question.word === "casino") expect(result.held).toBe(true);
  }
  wifiThreadIds.push(...threadsByWord.get("wifi")!);
  for (const id of threadsByWord.get("giveaway")!) hidePost(db, frenchModerator, questionPostId(id), "Spam", new Date(WEEK_END.getTime() - HOUR));
  for (const id of threadsByWord.get("lottery")!) deletePost(db, frenchModerator, questionPostId(id), new Date(WEEK_END.getTime() - HOUR));

  // Searches: "invoice" three times a week for nine weeks; this week, the Wi-Fi drops, spelt three ways, and a thermostat four times.
  for (let week = 8; week >= 0; week--) {
    for (let i = 0; i < 3; i++) logSearch(db, { query: "invoice", resultCount: 5, signedIn: true }, weekAgo(week, 10 * (i + 1)));
  }
  const weekSearches = [...Array(4).fill("wifi drops"), ...Array(3).fill("Wi-Fi  Drop"), ...Array(2).fill("wifi dropping"), ...Array(4).fill("thermostat")];
  weekSearches.forEach((query: string, i) => logSearch(db, { query, resultCount: 3, signedIn: false }, weekAgo(0, 5 * (i + 1))));
});

function find(terms: RisingTerm[], kind: RisingTerm["kind"], term: string) {
  return terms.find((t) => t.kind === kind && t.term === term);
}

const newestWifi = () => [...wifiThreadIds].reverse().slice(0, 3);

describe("rising topics", () => {
  test("the planted burst rises, with its spellings counted as one term and its samples", () => {
    const result = risingTopics(db, frenchModerator, { now: WEEK_END });
    expect(result.weekStart).toEqual(new Date(WEEK_END.getTime() - WEEK_MS));

    const wifi = find(result.terms, "word", "wifi")!;
    expect(wifi).toMatchObject({ term: "wifi", count: 8, baseline: 0, z: 8 });
    expect(wifi.sampleThreads.map((t) => t.id)).toEqual(newestWifi());
    expect(wifi.sampleThreads[0]).toMatchObject({ title: WIFI_TITLES[0], slug: "wi-fi-drops-every-evening" });
    expect(wifi.sampleSearches).toEqual(["wifi drops", "wi-fi drop", "wifi dropping"]);

    // "drops", "drop", "dropping", "dropped": one term, rising in the same threads, so folded into "wifi".
    expect(wifi.related).toEqual(expect.arrayContaining(["drops", "evening", "firmware"]));
    expect(find(result.terms, "word", "drop")).toBeUndefined();
    expect(find(result.terms, "tag", "wifi")).toMatchObject({ term: "wifi", count: 6, baseline: 0, z: 6 });
    // Created oldest first: the newest tagged ones are the third to fifth newest.
    expect(find(result.terms, "tag", "wifi")!.sampleThreads.map((t) => t.id)).toEqual([...wifiThreadIds].reverse().slice(2, 5));

    // The most unusual first.
    const zs = result.terms.map((t) => t.z);
    expect(zs).toEqual([...zs].sort((a, b) => b - a));
  });

  test("searches rise too, their spellings grouped", () => {
    const { terms } = risingTopics(db, admin, { now: WEEK_END });
    const search = terms.find((t) => t.kind === "search")!;
    expect(search).toMatchObject({ term: "wifi drops", count: 9, baseline: 0, z: 9 });
    expect(search.sampleSearches).toEqual(["wifi drops", "wi-fi drop", "wifi dropping"]);
    expect(search.sampleThreads.map((t) => t.id)).toEqual(newestWifi());
  });

  test("steady terms, terms under the minimum, and hidden, held or deleted threads do not rise", () => {
    const { terms } = risingTopics(db, admin, { now: WEEK_END });
    // Exactly the burst: its word (with the words rising with it), its tag, its search.
    expect(terms.map((t) => `${t.kind}:${t.term}`).sort()).toEqual(["search:wifi drops", "tag:wifi", "word:wifi"]);
    const everyWord = terms.flatMap((t) => [t.term, ...t.related]).join(" ");
    expect(everyWord).not.toMatch(/invoice|bill|thermostat|giveaway|casino|lottery|prize/);
    // Every sample is a thread everyone can read.
    const hiddenOrGone = new Set([...threadsByWord.get("giveaway")!, ...threadsByWord.get("casino")!, ...threadsByWord.get("lottery")!]);
    expect(terms.flatMap((t) => t.sampleThreads).filter((t) => hiddenOrGone.has(t.id))).toEqual([]);
  });

  test("a category counts its own questions only, and no searches", () => {
    const home = risingTopics(db, admin, { now: WEEK_END, categoryId: homeCategoryId });
    expect(find(home.terms, "word", "wifi")).toMatchObject({ count: 8 });
    expect(home.terms.filter((t) => t.kind === "search")).toEqual([]);
    const billing = risingTopics(db, admin, { now: WEEK_END, categoryId: billingCategoryId });
    expect(billing.terms).toEqual([]);
  });

  test("a week later, the burst is part of the baseline and nothing rises", () => {
    expect(risingTopics(db, admin, { now: new Date(WEEK_END.getTime() + WEEK_MS) }).terms).toEqual([]);
  });

  test("staff only: a member and a visitor are refused", () => {
    const refusal = (actor: Author | null) => {
      try {
        risingTopics(db, actor, { now: WEEK_END });
      } catch (thrown) {
        return thrown instanceof Response ? thrown.status : thrown;
      }
      return "allowed";
    };
    expect(refusal(member)).toBe(403);
    expect(refusal(null)).toBe(401);
  });
});

describe("the weekly email to staff", () => {
  const emailsSince = (id: number) => db.select().from(outboxMessages).where(gt(outboxMessages.id, id)).orderBy(outboxMessages.id).all();
  const lastId = () => db.select({ id: outboxMessages.id }).from(outboxMessages).orderBy(outboxMessages.id).all().at(-1)?.id ?? 0;

  test("weeks end on Monday at 00:00 UTC", () => {
    expect(risingTopicsWeekEnd(new Date("2030-03-11T00:00:00Z"))).toEqual(WEEK_END);
    expect(risingTopicsWeekEnd(new Date("2030-03-13T17:30:00Z"))).toEqual(WEEK_END);
    expect(risingTopicsWeekEnd(new Date("2030-03-10T23:59:00Z"))).toEqual(new Date(WEEK_END.getTime() - 7 * DAY));
  });

  test("written once a week to each staff member in their language, not to members, and not twice", () => {
    const before = lastId();
    expect(sendRisingTopicsEmails(db, new Date(WEEK_END.getTime() + 2 * HOUR))).toBe(2);
    const emails = emailsSince(before);
    expect(emails.map((e) => e.userId).sort()).toEqual([admin.id, frenchModerator.id].sort());
    expect(emails.every((e) => e.kind === "email" && e.status === "pending")).toBe(true);

    const english = emails.find((e) => e.userId === admin.id)!;
    const french = emails.find((e) => e.userId === frenchModerator.id)!;
    expect(english.toAddress).toBe(admin.email);
    expect(english.subject).toMatch(/^Rising on the .* this week: /);
    expect(french.subject).toMatch(/^En hausse cette semaine /);
    expect(french.body).toContain("Bonjour Camille,");
    expect(english.body).toContain("March 4, 2030");
    expect(french.body).toContain("4 mars 2030");
    for (const email of [english, french]) {
      expect(email.body).toContain(`/t/${wifiThreadIds.at(-1)}/wi-fi-drops-every-evening`);
      expect(email.body).toContain("/mod/insights");
      expect(email.body).toContain("/unsubscribe?token=");
      expect(email.body).not.toMatch(/giveaway|casino|lottery|thermostat/i);
    }
    expect(english.body).toContain("1. wifi drops (search): 9 this week, usually 0 a week (z = 9)");
    expect(english.body).toContain("2. wifi (word): 8 this week, usually 0 a week");
    expect(english.body).toMatch(/Rising with it: .*drops/);
    expect(french.body).toContain("2. wifi (mot) : 8 cette semaine");
    expect(french.body).toContain("3. wifi (étiquette) : 6 cette semaine");

    // The hourly job runs again that week: nothing more.
    expect(sendRisingTopicsEmails(db, new Date(WEEK_END.getTime() + 3 * HOUR))).toBe(0);
    expect(sendRisingTopicsEmails(db, new Date(WEEK_END.getTime() + 6 * DAY))).toBe(0);
    expect(emailsSince(before)).toHaveLength(2);
    expect(getRisingTopicsEmailWeek(db)).toBe("2030-03-11");
  });

  test("nothing is sent when nothing rises, and the week is still settled", () => {
    const before = lastId();
    const nextWeek = new Date(WEEK_END.getTime() + WEEK_MS + HOUR);
    expect(sendRisingTopicsEmails(db, nextWeek)).toBe(0);
    expect(emailsSince(before)).toEqual([]);
    expect(getRisingTopicsEmailWeek(db)).toBe("2030-03-18");
  });
});
