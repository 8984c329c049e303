// The insights' figures (/mod/insights, issue #17) on a community small
// enough to count by hand: two weeks of questions, answers by members and
// staff, acceptances, a hidden answer, a deleted thread, searches,
// deflections and article ratings, each at a chosen date. The expected
// numbers are counted in the comments, not computed.
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { acceptAnswer } from "../../../app/models/forum/acceptance.server";
import { insights, percentile } from "../../../app/models/insights/insights.server";
import { logSearch, recordDeflection } from "../../../app/models/search/search-log.server";
import { articleFeedback, articles, posts, threads } from "../../../db/schema";
import { createTestDb } from "../../support/db";
import { createTestAnswer, createTestCategory, createTestThread, createUser } from "../../support/factories";
import { refusal } from "../../support/model-helpers";

const db = createTestDb();
const billing = createTestCategory(db, { slug: "billing", name: "Billing" });
createTestCategory(db, { slug: "wifi", name: "Wi-Fi" });

const H = 60 * 60 * 1000;
const at = (iso: string) => new Date(`${iso}Z`);
const old = { createdAt: new Date("2024-01-01T00:00:00Z") };
const moderator = await createUser(db, { ...old, role: "moderator", username: "mod_ines" });
const asker = await createUser(db, { ...old, username: "asker" });
const ana = await createUser(db, { ...old, username: "ana", displayName: "Ana" });
const ben = await createUser(db, { ...old, username: "ben", displayName: "Ben" });
const many = [];
for (let i = 1; i <= 10; i++) many.push(await createUser(db, { ...old, username: `helper${i}` }));

// Everything is written in the order it happened (an answer moves its thread's last activity).
// Outside every window: asked and answered in early January.
const january = createTestThread(db, asker, { title: "An old question from January", at: at("2025-01-05T10:00:00") });
createTestAnswer(db, ana, january.id, undefined, at("2025-01-05T11:00:00"));

// The period before (2025-02-15 to 2025-03-01).
const p1 = createTestThread(db, asker, { title: "Previous period, many helpers", at: at("2025-02-16T10:00:00") });
createTestAnswer(db, ana, p1.id, undefined, at("2025-02-16T11:00:00"));
createTestAnswer(db, ana, p1.id, "A second answer from Ana, with more detail this time.", at("2025-02-16T12:00:00"));
many.forEach((helper, i) => createTestAnswer(db, helper, p1.id, undefined, new Date(at("2025-02-16T13:00:00").getTime() + i * H)));
const p2 = createTestThread(db, asker, { title: "Previous period, answered late", at: at("2025-02-20T10:00:00") });

// The period (2025-03-01 to 2025-03-15).
const t1 = createTestThread(db, asker, { title: "First answer by Ana, accepted", at: at("2025-03-02T10:00:00") });
const t1Ana = createTestAnswer(db, ana, t1.id, undefined, at("2025-03-02T12:00:00"));
createTestAnswer(db, moderator, t1.id, undefined, at("2025-03-02T15:00:00"));
acceptAnswer(db, asker, t1Ana.id, at("2025-03-02T16:00:00"));

const t2 = createTestThread(db, asker, { title: "First answer by staff, Ben's accepted", at: at("2025-03-03T10:00:00") });
createTestAnswer(db, moderator, t2.id, undefined, at("2025-03-03T11:00:00"));
const t2Ben = createTestAnswer(db, ben, t2.id, undefined, at("2025-03-03T20:00:00"));
acceptAnswer(db, asker, t2Ben.id, at("2025-03-03T21:00:00"));

const t3 = createTestThread(db, asker, { title: "A hidden first answer, solved by follow-up", at: at("2025-03-04T10:00:00") });
const hidden = createTestAnswer(db, ana, t3.id, undefined, at("2025-03-04T14:00:00"));
createTestAnswer(db, ben, t3.id, undefined, at("2025-03-04T16:00:00"));
db.update(posts).set({ hiddenAt: at("2025-03-04T18:00:00") }).where(eq(posts.id, hidden.id)).run();
db.update(threads).set({ followUpAnswer: "solved", followUpAnsweredAt: at("2025-03-06T10:00:00") }).where(eq(threads.id, t3.id)).run();

createTestAnswer(db, ben, p2.id, undefined, at("2025-03-05T10:00:00"));

createTestThread(db, asker, { title: "Nobody answered this one yet", at: at("2025-03-09T10:00:00") });
const t5 = createTestThread(db, asker, { title: "Answered after thirty hours", at: at("2025-03-10T10:00:00") });
const t6 = createTestThread(db, asker, { title: "A thread deleted later", at: at("2025-03-11T09:00:00") });
createTestAnswer(db, ana, t6.id, undefined, at("2025-03-11T10:00:00"));
db.update(threads).set({ deletedAt: at("2025-03-11T12:00:00") }).where(eq(threads.id, t6.id)).run();
createTestAnswer(db, ana, t5.id, undefined, at("2025-03-11T16:00:00"));

const t7 = createTestThread(db, asker, { title: "Wi-Fi question answered by staff", category: "wifi", at: at("2025-03-12T10:00:00") });
createTestAnswer(db, moderator, t7.id, undefined, at("2025-03-12T13:00:00"));

// Searches: two before (both found nothing); four in the period (one found nothing).
logSearch(db, { query: "refund", resultCount: 0, signedIn: false }, at("2025-02-17T10:00:00"));
logSearch(db, { query: "refund", resultCount: 0, signedIn: false }, at("2025-02-18T10:00:00"));
logSearch(db, { query: "invoice", resultCount: 3, signedIn: true }, at("2025-03-02T10:00:00"));
logSearch(db, { query: "invoice", resultCount: 3, signedIn: true }, at("2025-03-03T10:00:00"));
logSearch(db, { query: "wifi drops", resultCount: 5, signedIn: false }, at("2025-03-10T10:00:00"));
logSearch(db, { query: "zzz", resultCount: 0, signedIn: false }, at("2025-03-11T10:00:00"));

// "This answered my question": two in the period, one on a billing thread, one on the Wi-Fi one.
recordDeflection(db, { query: "charged twice", kind: "thread", id: t1.id, signedIn: true }, at("2025-03-05T10:00:00"));
recordDeflection(db, { query: "wifi evening", kind: "thread", id: t7.id, signedIn: false }, at("2025-03-13T10:00:00"));

// Ratings of a billing article: one "no" before; two "yes" and one "no" in the period.
const article = db
  .insert(articles)
  .values({ slug: "refunds", title: "Refunds", body: "b", bodyHtml: "<p>b</p>", categoryId: billing.id, status: "published", authorId: moderator.id, updatedAt: at("2025-01-01T00:00:00") })
  .returning()
  .get();
const rate = (visitorId: string, helpful: boolean, when: string) =>
  db.insert(articleFeedback).values({ articleId: article.id, visitorId, helpful, createdAt: at(when), updatedAt: at(when) }).run();
rate("v1", false, "2025-02-20T10:00:00");
rate("v2", true, "2025-03-02T10:00:00");
rate("v3", true, "2025-03-06T10:00:00");
rate("v4", false, "2025-03-12T10:00:00");

const period = { from: at("2025-03-01T00:00:00"), to: at("2025-03-15T00:00:00") };

describe("the figures of a period, counted by hand", () => {
  const all = insights(db, moderator, period);

  test("questions asked, unanswered, solved (the deleted thread and January's are not counted)", () => {
    // t1, t2, t3, t4 (unanswered), t5, t7; t6 was deleted.
    expect(all.current.asked).toBe(6);
    expect(all.current.unansweredShare).toBeCloseTo(1 / 6);
    // t1 and t2 accepted, t3 solved by its asker's follow-up.
    expect(all.current.solvedRate).toBeCloseTo(3 / 6);
  });

  test("time to first answer: median and 90th percentile, the hidden answer left out", () => {
    // First visible answers: t1 2 h, t2 1 h, t3 6 h (Ana's 4 h answer is hidden), t5 30 h, t7 3 h.
    // Sorted 1, 2, 3, 6, 30: the median is the 3rd (3 h), the 90th percentile the 5th (30 h).
    expect(all.current.firstAnswerMedian).toBe(3 * H);
    expect(all.current.firstAnswerP90).toBe(30 * H);
  });

  test("time to the accepted answer: from the question to the posting of the answer accepted", () => {
    // t1: Ana's answer 2 h after; t2: Ben's 10 h after. Median the 1st (2 h), 90th percentile the 2nd (10 h).
    expect(all.current.acceptedMedian).toBe(2 * H);
    expect(all.current.acceptedP90).toBe(10 * H);
  });

  test("who answered first: the community or staff", () => {
    // Answered: t1 (Ana), t2 (staff), t3 (Ben), t5 (Ana), t7 (staff).
    expect(all.current.staffShare).toBeCloseTo(2 / 5);
    expect(all.current.communityShare).toBeCloseTo(3 / 5);
  });

  test("contributors and answers are counted by the answer's own date", () => {
    // t1 Ana + staff, t2 staff + Ben, t3 Ben (Ana's hidden), p2 Ben (an older thread), t5 Ana, t7 staff; t6 deleted.
    expect(all.current.answers).toBe(8);
    expect(all.current.contributors).toBe(3);
    expect(all.current.topShare).toBe(1);
    // Most answers first; a tie goes to the older account (the moderator's).
    expect(all.topContributors.map((c) => [c.username, c.answers])).toEqual([
      ["mod_ines", 3],
      ["ben", 3],
      ["ana", 2],
    ]);
  });

  test("searches, searches without results, deflections and the deflection rate", () => {
    expect(all.current.searches).toBe(4);
    expect(all.current.searchesNoResults).toBe(1);
    expect(all.current.noResultsShare).toBeCloseTo(1 / 4);
    expect(all.current.deflections).toBe(2);
    // 2 questions not asked against 6 asked: 2 / (2 + 6).
    expect(all.current.deflectionRate).toBeCloseTo(2 / 8);
  });

  test("knowledge-base helpfulness", () => {
    expect(all.current.kbFeedback).toBe(3);
    expect(all.current.kbHelpfulRate).toBeCloseTo(2 / 3);
  });

  test("the period before, beside it", () => {
    expect(all.period.previousFrom).toEqual(at("2025-02-15T00:00:00"));
    // p1 and p2; p2 got its answer on March 5th, 13 days after it was asked.
    expect(all.previous.asked).toBe(2);
    expect(all.previous.unansweredShare).toBe(0);
    expect(all.previous.solvedRate).toBe(0);
    expect(all.previous.firstAnswerMedian).toBe(1 * H);
    expect(all.previous.firstAnswerP90).toBe(13 * 24 * H);
    expect(all.previous.acceptedMedian).toBeNull();
    expect(all.previous.communityShare).toBe(1);
    // p1: Ana twice, ten helpers once each: 12 answers by 11 people; the top 10 wrote 2 + 9.
    expect(all.previous.answers).toBe(12);
    expect(all.previous.contributors).toBe(11);
    expect(all.previous.topShare).toBeCloseTo(11 / 12);
    expect(all.previous.searches).toBe(2);
    expect(all.previous.noResultsShare).toBe(1);
    expect(all.previous.deflections).toBe(0);
    expect(all.previous.deflectionRate).toBe(0);
    expect(all.previous.kbFeedback).toBe(1);
    expect(all.previous.kbHelpfulRate).toBe(0);
  });

  test("weekly buckets: eight weeks ending with the period, oldest first", () => {
    expect(all.weeks).toHaveLength(8);
    expect(all.weeks[7]!.start).toEqual(at("2025-03-08T00:00:00"));
    expect(all.weeks[7]!.end).toEqual(at("2025-03-15T00:00:00"));
    expect(all.weeks[0]!.start).toEqual(at("2025-01-18T00:00:00"));
    // Week of March 8th: t4, t5, t7. March 1st: t1, t2, t3. Feb 22nd: none. Feb 15th: p1, p2.
    expect(all.weeks.map((w) => w.figures.asked)).toEqual([0, 0, 0, 0, 2, 0, 3, 3]);
    expect(all.weeks.map((w) => w.figures.answers)).toEqual([0, 0, 0, 0, 12, 0, 6, 2]);
    expect(all.weeks.map((w) => w.figures.searches)).toEqual([0, 0, 0, 0, 2, 0, 2, 2]);
    expect(all.weeks[6]!.figures.firstAnswerMedian).toBe(2 * H); // 2, 1, 6 h: the 2nd.
    expect(all.weeks[3]!.figures.firstAnswerMedian).toBeNull();
  });
});

describe("a category", () => {
  test("leaves out the other categories' threads, answers and deflections; searches stay site-wide", () => {
    const figures = insights(db, moderator, { ...period, categoryId: billing.id }).current;
    expect(figures.asked).toBe(5);
    // First answers 2, 1, 6, 30 h: the median is the 2nd (2 h), the 90th percentile the 4th (30 h).
    expect(figures.firstAnswerMedian).toBe(2 * H);
    expect(figures.firstAnswerP90).toBe(30 * H);
    expect(figures.staffShare).toBeCloseTo(1 / 4);
    expect(figures.answers).toBe(7);
    expect(figures.deflections).toBe(1);
    expect(figures.deflectionRate).toBeCloseTo(1 / 6);
    expect(figures.searches).toBe(4);
    expect(figures.kbFeedback).toBe(3);
  });
});

describe("nearest-rank percentiles and permissions", () => {
  test("percentile takes the smallest value with at least that share at or below it", () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([4, 1, 3, 2], 0.5)).toBe(2);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
  });

  test("members are refused", () => {
    expect(refusal(() => insights(db, ana, period)).status).toBe(403);
  });
});
