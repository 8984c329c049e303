// The demo's quarter of history (issue #17): on first start, /mod/insights
// has thirteen weeks of figures with a previous period to compare with, the
// evening Wi-Fi drops after the firmware update rise this week (and nothing
// steady does), a known issue links the burst's threads, and the Ideas
// category holds a handful of voted ideas with their statuses — the same
// history in English and in French, only the words differ.
import { asc, count, eq, isNotNull, sql, type SQL } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { beforeAll, describe, expect, test } from "vitest";
import {
  articleFeedback,
  auditEvents,
  categories,
  deflections,
  ideaVotes,
  knownIssueMeToos,
  knownIssues,
  knownIssueUpdates,
  posts,
  searchQueries,
  teams,
  threads,
  users,
} from "../db/schema";
import { LANGUAGES } from "../app/i18n/languages";
import { insights } from "../app/models/insights/insights.server";
import { detectRisingTopics, type RisingTerm } from "../app/models/insights/rising-topics.server";
import { reputationMismatches } from "../app/models/reputation/reputation.server";
import { seedDemoCommunity } from "../scripts/demo-community";
import { BURST_DAYS, DEFLECTION_TITLES, HISTORY_WEEKS, planDemoHistory, SEARCH_WEIGHTS } from "../scripts/demo-history";
import { HISTORY_WORDS } from "../scripts/demo-history-words";
import { DEMO_IDEAS, DEMO_IDEAS_CATEGORY } from "../scripts/demo-ideas";
import { DEMO_KNOWN_ISSUE, DEMO_TEAM_EMAIL } from "../scripts/demo-known-issues";
import { createTestDb } from "./support/db";

// Seeded as if it ran at a fixed moment, so the weeks are counted from a known "now".
const SEEDED_AT = Date.UTC(2026, 10, 23, 12, 0);
const DAY = 24 * 60 * 60 * 1000;
const WEEK = 7 * DAY;
const SEED_TIMEOUT = 240_000;

const english = createTestDb();
const french = createTestDb();
type TestDb = typeof english;

beforeAll(async () => {
  await seedDemoCommunity(english, { language: "en", now: SEEDED_AT });
  await seedDemoCommunity(french, { language: "fr", now: SEEDED_AT });
}, SEED_TIMEOUT);

const staff = (db: TestDb) => db.select().from(users).where(eq(users.username, "morgan")).get()!;
const burstTitles = (language: "en" | "fr") => new Set(HISTORY_WORDS[language].burst.titles);
/** A rising term is about the burst when it is, or folds, the words "wifi" or "firmware". */
const aboutWifi = (term: RisingTerm) => [term.term, term.key, ...term.related].some((word) => /wi-?fi|firmware/i.test(word));

describe("the history's plan and words", () => {
  test("is the same on every run, and every language has the words for every choice it makes", () => {
    const plan = planDemoHistory(HISTORY_WORDS.en.topics.length, 4);
    expect(planDemoHistory(HISTORY_WORDS.en.topics.length, 4)).toEqual(plan);
    for (const language of LANGUAGES) {
      const words = HISTORY_WORDS[language];
      expect(
        words.topics.map((t) => t.category),
        language,
      ).toEqual(HISTORY_WORDS.en.topics.map((t) => t.category));
      for (const topic of words.topics) {
        expect([topic.titles.length, topic.bodies.length, topic.answers.length], topic.titles[0]).toEqual([4, 2, 2]);
        for (const title of topic.titles) expect(title.length, title).toBeGreaterThanOrEqual(15);
        expect(
          topic.tags.every((tag) => /^[a-z0-9-]{1,25}$/.test(tag)),
          topic.titles[0],
        ).toBe(true);
      }
      expect(words.burst.titles, language).toHaveLength(BURST_DAYS.length);
      expect(words.burst.bodies, language).toHaveLength(3);
      expect(words.searches, language).toHaveLength(SEARCH_WEIGHTS.length);
      expect(words.burstSearches, language).toHaveLength(5);
      expect(words.deflections, language).toHaveLength(DEFLECTION_TITLES);
      expect(words.articles, language).toHaveLength(plan.articles.length);
      expect(words.replies.length, language).toBe(HISTORY_WORDS.en.replies.length);
      expect(DEMO_IDEAS[language], language).toHaveLength(DEMO_IDEAS.en.length);
      // Titles are not repeated: a demo reads like a real forum.
      const titles = [...words.topics.flatMap((t) => t.titles), ...words.burst.titles, ...DEMO_IDEAS[language].map((i) => i.title)];
      expect(new Set(titles).size, language).toBe(titles.length);
    }
    // The French burst says it as French customers do.
    expect(HISTORY_WORDS.fr.burst.titles).toContain("Le wifi coupe tous les soirs depuis la mise à jour");
    expect(HISTORY_WORDS.en.burst.titles).toContain("Wi-Fi drops every evening since the firmware update");
  });
});

describe("the demo's quarter", () => {
  test("questions in every one of the thirteen weeks, in several categories, some answered and accepted, some not", () => {
    const rows = english
      .select({ createdAt: threads.createdAt, categoryId: threads.categoryId, accepted: threads.acceptedAnswerId, answers: threads.answerCount })
      .from(threads)
      .all();
    const weeks = new Set(rows.map((row) => Math.floor((SEEDED_AT - row.createdAt.getTime()) / WEEK)));
    for (let week = 0; week < HISTORY_WEEKS; week++) expect(weeks.has(week), `week ${week}`).toBe(true);
    expect(Math.max(...rows.map((row) => SEEDED_AT - row.createdAt.getTime()))).toBeLessThanOrEqual(HISTORY_WEEKS * WEEK);
    expect(rows.every((row) => row.createdAt.getTime() < SEEDED_AT)).toBe(true);
    expect(new Set(rows.map((row) => row.categoryId)).size).toBeGreaterThanOrEqual(5);
    expect(rows.filter((row) => row.accepted !== null).length).toBeGreaterThan(30);
    expect(rows.filter((row) => row.answers === 0).length).toBeGreaterThan(5);
    // Searches without results, deflections and the articles' feedback, all over the quarter.
    const spread = (dates: Date[]) => new Set(dates.map((at) => Math.floor((SEEDED_AT - at.getTime()) / WEEK))).size;
    const fruitless = english.select({ at: searchQueries.createdAt }).from(searchQueries).where(eq(searchQueries.resultCount, 0)).all();
    expect(spread(fruitless.map((row) => row.at))).toBeGreaterThanOrEqual(8);
    expect(
      spread(
        english
          .select({ at: deflections.createdAt })
          .from(deflections)
          .all()
          .map((row) => row.at),
      ),
    ).toBe(HISTORY_WEEKS);
    expect(
      spread(
        english
          .select({ at: articleFeedback.updatedAt })
          .from(articleFeedback)
          .all()
          .map((row) => row.at),
      ),
    ).toBeGreaterThanOrEqual(12);
  });

  test("/mod/insights has figures for 7, 30 and 90 days, the previous 7 and 30 beside them, and a trend in every week", () => {
    for (const days of [7, 30, 90]) {
      const figures = insights(english, staff(english), { from: new Date(SEEDED_AT - days * DAY), to: new Date(SEEDED_AT) });
      const { current, previous } = figures;
      for (const metric of ["asked", "searches", "searchesNoResults", "deflections", "kbFeedback", "contributors", "answers"] as const) {
        expect(current[metric], `${days} days: ${metric}`).toBeGreaterThan(0);
      }
      for (const metric of [
        "firstAnswerMedian",
        "acceptedMedian",
        "solvedRate",
        "unansweredShare",
        "communityShare",
        "staffShare",
        "deflectionRate",
        "kbHelpfulRate",
      ] as const) {
        expect(current[metric], `${days} days: ${metric}`).not.toBeNull();
      }
      if (days < 90) {
        expect(previous.asked, `${days} days before`).toBeGreaterThan(0);
        expect(previous.searches, `${days} days before`).toBeGreaterThan(0);
        expect(previous.firstAnswerMedian, `${days} days before`).not.toBeNull();
      }
      if (days === 90) {
        expect(figures.weeks).toHaveLength(HISTORY_WEEKS);
        for (const week of figures.weeks) {
          expect(week.figures.asked, week.start.toISOString()).toBeGreaterThan(0);
          expect(week.figures.searches, week.start.toISOString()).toBeGreaterThan(0);
        }
      }
    }
  });

  test("everyone's reputation is in step with the ledger", () => {
    expect(reputationMismatches(english)).toEqual([]);
    expect(reputationMismatches(french)).toEqual([]);
  });

  test("French and English are the same history: same counts, same reputation", () => {
    const rows = (db: TestDb, table: SQLiteTable, where?: SQL) => db.select({ n: count() }).from(table).where(where).get()!.n;
    const shape = (db: TestDb) => ({
      threads: rows(db, threads),
      posts: rows(db, posts),
      accepted: rows(db, threads, isNotNull(threads.acceptedAnswerId)),
      searches: rows(db, searchQueries),
      feedback: rows(db, articleFeedback),
      ideaVotes: rows(db, ideaVotes),
      meToos: rows(db, knownIssueMeToos),
      reputation: db.select({ username: users.username, reputation: users.reputation }).from(users).orderBy(asc(users.id)).all(),
    });
    expect(shape(french)).toEqual(shape(english));
  });
});

describe("the rising topic", () => {
  test.each(LANGUAGES)("in %s: this week, the evening Wi-Fi drops after the firmware update rise, and nothing else does", (language) => {
    const db = language === "en" ? english : french;
    const { terms } = detectRisingTopics(db, { now: new Date(SEEDED_AT) });
    expect(terms.some(aboutWifi)).toBe(true);
    const wifi = terms.find(aboutWifi)!;
    expect(wifi.count).toBeGreaterThanOrEqual(5);
    expect(wifi.sampleThreads.length).toBeGreaterThan(0);
    for (const term of terms) {
      // Every term that rises is the burst's: its sample threads are the burst's questions.
      for (const sample of term.sampleThreads) expect(burstTitles(language).has(sample.title), `${term.term}: ${sample.title}`).toBe(true);
    }
    // Steady terms do not rise: the bills and the searches about them, asked about every week.
    const steady = language === "en" ? /^(bill|refund|roaming)/ : /^(factur|rembours|itiner)/;
    expect(terms.filter((term) => steady.test(term.key) || steady.test(term.term))).toEqual([]);
  });

  test("and was rare before: the week before the burst, nothing about the Wi-Fi or the firmware rose", () => {
    for (const db of [english, french]) {
      const before = detectRisingTopics(db, { now: new Date(SEEDED_AT - WEEK) });
      expect(before.terms.filter(aboutWifi)).toEqual([]);
    }
  });
});

describe("the known issue", () => {
  test.each(LANGUAGES)(
    "in %s: the Firmware team's issue links the burst's threads, is planned to be fixed with a public note, and has its me-toos",
    (language) => {
      const db = language === "en" ? english : french;
      const issue = db.select().from(knownIssues).get()!;
      expect(issue.title).toBe(DEMO_KNOWN_ISSUE[language].title);
      expect(issue.status).toBe("fix_planned");
      expect(issue.fixedAt).toBeNull();
      const linked = db.select({ title: threads.title }).from(threads).where(eq(threads.knownIssueId, issue.id)).all();
      expect(linked.map((thread) => thread.title).sort()).toEqual([...burstTitles(language)].sort());
      expect(issue.threadCount).toBe(BURST_DAYS.length);
      const updates = db.select().from(knownIssueUpdates).where(eq(knownIssueUpdates.knownIssueId, issue.id)).orderBy(asc(knownIssueUpdates.createdAt)).all();
      expect(updates.map((update) => update.status)).toEqual(["investigating", "fix_planned"]);
      expect(updates[1]!.note).toBe(DEMO_KNOWN_ISSUE[language].fixPlanned);
      expect(updates[1]!.createdAt.getTime()).toBeLessThan(SEEDED_AT);
      expect(issue.meTooCount).toBeGreaterThanOrEqual(3);
      const team = db.select().from(teams).where(eq(teams.id, issue.teamId!)).get()!;
      expect(team).toMatchObject({ name: "Firmware", route: "email", routeEmail: DEMO_TEAM_EMAIL });
      expect(team.routeEmail).toMatch(/\.example$/);
      // Opened after the first reports, before the last ones (linked as they came).
      const asked = db
        .select({ at: threads.createdAt })
        .from(threads)
        .where(eq(threads.knownIssueId, issue.id))
        .all()
        .map((row) => row.at.getTime());
      expect(issue.createdAt.getTime()).toBeGreaterThan(Math.min(...asked));
      expect(issue.createdAt.getTime()).toBeLessThan(Math.max(...asked));
      const links = db.select().from(auditEvents).where(eq(auditEvents.action, "known_issue.link")).all();
      expect(links.length).toBeGreaterThan(0);
      for (const link of links) {
        // Linked after the thread was asked (an hour later), before the seed's "now".
        const thread = db.select().from(threads).where(eq(threads.id, link.targetId!)).get()!;
        expect(link.createdAt.getTime()).toBeGreaterThan(thread.createdAt.getTime());
        expect(link.createdAt.getTime()).toBeLessThan(SEEDED_AT);
      }
    },
  );
});

describe("the ideas", () => {
  test.each(LANGUAGES)("in %s: a handful in the Ideas category, voted for by several members, with varied statuses and a declined one's reason", (language) => {
    const db = language === "en" ? english : french;
    const category = db.select().from(categories).where(eq(categories.kind, "ideas")).get()!;
    expect(category).toMatchObject({ slug: "ideas", name: DEMO_IDEAS_CATEGORY[language].name });
    const ideas = db.select().from(threads).where(eq(threads.categoryId, category.id)).all();
    expect(ideas.length).toBeGreaterThanOrEqual(5);
    expect(ideas.length).toBeLessThanOrEqual(7);
    const statuses = new Set(ideas.map((idea) => idea.ideaPublicStatus));
    for (const status of ["open", "under_review", "planned", "declined"]) expect(statuses.has(status as never), status).toBe(true);
    const declined = ideas.find((idea) => idea.ideaStatus === "declined")!;
    expect(declined.ideaStatusReason.length).toBeGreaterThan(20);
    // One is told to early-access readers first.
    expect(ideas.some((idea) => idea.ideaEarlyAccessAt !== null && idea.ideaStatus === "planned" && idea.ideaPublicStatus !== "planned")).toBe(true);
    for (const idea of ideas) {
      const voters = db
        .select({ n: sql<number>`count(distinct ${ideaVotes.userId})` })
        .from(ideaVotes)
        .where(eq(ideaVotes.threadId, idea.id))
        .get()!.n;
      expect(voters, idea.title).toBeGreaterThanOrEqual(3);
      expect(idea.ideaVoteCount, idea.title).toBe(voters);
    }
    // The browser tests' categories stay the five question categories.
    expect(db.select().from(categories).where(eq(categories.kind, "questions")).all()).toHaveLength(5);
  });
});
