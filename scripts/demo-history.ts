// The demo's quarter of history: thirteen weeks of everyday questions before
// `now` (answered, accepted, voted on, some left unanswered), searches (some
// finding nothing), "this answered my question" clicks and readers' feedback
// on two articles, growing a little week after week, so that /mod/insights
// has figures, trends and a previous period to compare with. In the last
// week, a burst of questions and searches about the evening Wi-Fi drops since
// the box's firmware update 4.2: the rising topic, which demo-known-issues.ts
// turns into a known issue.
//
// Generated, not written by hand: a seeded generator (the same history on
// every run, so tests can count on it) draws who asks what and when, who
// answers after how long, who votes and accepts. The draws never depend on
// the language: the English and the French demo are the same history, with
// the words of demo-history-words.ts. Everything is written through the
// site's own model functions, at the moment it happened, so counters, the
// reputation ledger, badges and the search index come out as the site makes them.
import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { posts, threads, type users } from "../db/schema";
import type { Language } from "../app/i18n/languages";
import type { Privileges } from "../app/policy";
import { hashPassword } from "../app/auth/password.server";
import { castVote } from "../app/models/forum/vote.server";
import { acceptAnswer } from "../app/models/forum/acceptance.server";
import { createArticle } from "../app/models/kb/kb.server";
import { recordFeedback } from "../app/models/kb/kb-feedback.server";
import { logSearch, recordDeflection, recordSearchClick } from "../app/models/search/search-log.server";
import { findSimilar, searchContent } from "../app/models/search/search.server";
import { createTestAnswer, createTestThread, createUser } from "./demo/builders";
import { seededRandom } from "./bench/seeded-random";
import { HISTORY_WORDS, type HistoryWords } from "./demo-history-words";
import { DEMO_THREADS_BY_LANGUAGE } from "./demo-threads/index";

type Person = typeof users.$inferSelect;
/** A demo person as the replay writes with them (see seedDemoThreads: privileges by reputation are not applied). */
export type ReplayActor = (username: string) => Person & { privileges: Privileges };
/** Something that happened at `at` (ms), run in the order things happened. */
export type TimelineStep = { at: number; run: () => void };
/** Posts first (in order), then reactions (votes, acceptances, in order): see seedDemoThreads. */
export type Timeline = { posts: TimelineStep[]; reactions: TimelineStep[] };

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** When the demo's own conversations were asked (days before `now`): the same in every language. */
const CONVERSATION_DAYS = DEMO_THREADS_BY_LANGUAGE.en.map((thread) => thread.daysAgo);

/** A quarter. */
export const HISTORY_WEEKS = 13;
const SEED = 17_2026;
/** Nothing is written in the last moments before `now` (the demo's own conversations end 5 minutes before it). */
const QUIET = 10 * MINUTE;

/** More customers: the community of a quarter is more than the demo's dozen. The same people in every language. */
export const HISTORY_MEMBERS: { username: string; displayName: string }[] = [
  { username: "hugo_m", displayName: "Hugo Moreau" },
  { username: "ines_b", displayName: "Inès Benali" },
  { username: "marco_r", displayName: "Marco Rossi" },
  { username: "yuki", displayName: "Yuki Tanaka" },
  { username: "fatou_d", displayName: "Fatou Diallo" },
  { username: "olek", displayName: "Olek Nowak" },
  { username: "claire_v", displayName: "Claire Vidal" },
  { username: "sean_obrien", displayName: "Seán O'Brien" },
  { username: "aylin", displayName: "Aylin Demir" },
  { username: "raj_p", displayName: "Raj Patel" },
  { username: "mila_s", displayName: "Mila Schmidt" },
  { username: "tiago", displayName: "Tiago Ferreira" },
  { username: "greta_h", displayName: "Greta Halvorsen" },
  { username: "noah_l", displayName: "Noah Laurent" },
];

/** The demo's own customers who also ask and answer in the history. */
const DEMO_CUSTOMERS = ["sam", "lena_k", "tomasz", "jules", "amara", "dev_ollie", "nora", "kwame", "beatriz"];
const BACKGROUND = HISTORY_MEMBERS.map((m) => m.username);
/** Who answers, and how often: the top contributor, the moderator, the demo's regulars, the newer customers (their first six help most). */
const ANSWERERS: [string, number][] = [
  ["priya", 16],
  ["morgan", 12],
  ...DEMO_CUSTOMERS.filter((u) => u !== "sam").map((u): [string, number] => [u, 4]),
  ...BACKGROUND.map((u, i): [string, number] => [u, i < 6 ? 3 : 1]),
];
const VOTERS = ["sam", "priya", ...DEMO_CUSTOMERS.slice(1), ...BACKGROUND];

/** How often each search of HistoryWords.searches is typed, relative to the others. */
export const SEARCH_WEIGHTS = [9, 4, 4, 3, 3, 3, 2, 3, 2, 2, 1, 2, 3, 2, 2, 2, 1, 3, 2, 2, 1, 1, 1];

/** The searches (indices into HistoryWords.searches) that demo-search.ts logs over its last RECENT_SEARCHES_DAYS days. */
const SEARCHED_RECENTLY = new Set([0, 1, 2, 4, 12, 14, 16, 17, 18, 19, 20, 21]);
const RECENT_SEARCHES_DAYS = 20;

/** The burst: when each question came, in days before `now` (more and more of them), and who asked. */
export const BURST_DAYS = [6.38, 5.61, 4.87, 4.13, 3.46, 2.71, 1.93, 1.18, 0.52];
/** How many titles each language has in HistoryWords.deflections. */
export const DEFLECTION_TITLES = 10;

/** Which of HistoryWords.burstSearches is typed, in turn. */
const BURST_SEARCH_ORDER = [0, 1, 0, 2, 0, 3, 1, 4];
const BURST_AUTHORS = ["nora", "hugo_m", "lena_k", "yuki", "sam", "amara", "raj_p", "kwame", "greta_h"];

type Body = { kind: "answer" | "reply" | "workaround" | "official" | "sameHere"; index: number };
export type PlannedAnswer = { author: string; ago: number; body: Body; upvotes: { voter: string; ago: number }[]; accepted: number | null };
export type PlannedThread = {
  /** A background topic's index in HistoryWords.topics, or "burst". */
  topic: number | "burst";
  title: number;
  body: number;
  author: string;
  /** When it happened: ms before `now`. */
  ago: number;
  upvotes: { voter: string; ago: number }[];
  answers: PlannedAnswer[];
  views: number;
};
export type PlannedSearch = { ago: number; burst: boolean; index: number; signedIn: boolean; opens: boolean };
export type HistoryPlan = {
  threads: PlannedThread[];
  searches: PlannedSearch[];
  deflections: { ago: number; index: number }[];
  articles: { ago: number }[];
  feedback: { ago: number; article: number; helpful: boolean; visitor: string }[];
};

/**
 * The history, as times (ms before `now`) and choices (indices into the
 * words): the same for every language and every `now`.
 */
export function planDemoHistory(topicCount: number, titleCount: number, conversationDays: number[] = CONVERSATION_DAYS): HistoryPlan {
  const random = seededRandom(SEED);
  const between = (low: number, high: number) => low + random() * (high - low);
  const chance = (p: number) => random() < p;
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const weighted = <T>(entries: readonly [T, number][], except: readonly T[] = []) => {
    const allowed = entries.filter(([value]) => !except.includes(value));
    let left = random() * allowed.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [value, weight] of allowed) if ((left -= weight) < 0) return value;
    return allowed[allowed.length - 1]![0];
  };
  /** A standard normal draw (Box–Muller). */
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  /** `n` distinct voters, none of them in `except`, each some hours after `ago` (none after now). */
  const votesAfter = (ago: number, n: number, except: string[]) => {
    const chosen: { voter: string; ago: number }[] = [];
    const pool = VOTERS.filter((voter) => !except.includes(voter));
    while (chosen.length < n && pool.length) {
      const voter = pool.splice(Math.floor(random() * pool.length), 1)[0]!;
      const when = ago - (chosen.length + 1) * between(1, 6) * HOUR;
      if (when > QUIET) chosen.push({ voter, ago: when });
    }
    return chosen;
  };

  const plannedThreads: PlannedThread[] = [];
  const uses = new Array<number>(topicCount).fill(0);
  // The demo's own conversations are mostly recent: the background fills
  // the weeks around them, so that the whole community grows steadily, from
  // about 6.5 questions a week at the start of the quarter to 9 at its end.
  const conversations = new Array<number>(HISTORY_WEEKS).fill(0);
  for (const days of conversationDays) conversations[Math.min(HISTORY_WEEKS - 1, Math.floor((days * DAY) / WEEK))]! += 1;
  for (let week = HISTORY_WEEKS - 1; week >= 0; week--) {
    const usual = 6.5 + (HISTORY_WEEKS - 1 - week) * 0.21;
    const asked = Math.max(1, Math.round(usual - conversations[week]! + between(-0.7, 0.7)));
    // And answers faster as it grows.
    const pace = 0.6 + week * 0.06;
    for (let n = 0; n < asked; n++) {
      // Each topic's titles are used once before any is used again.
      const fewest = Math.min(...uses);
      const topic = pick(uses.map((used, i) => (used === fewest ? i : -1)).filter((i) => i >= 0));
      const title = uses[topic]!++ % titleCount;
      const author = pick(chance(0.6) ? BACKGROUND : DEMO_CUSTOMERS);
      const ago = week * WEEK + between(week === 0 ? 3 * HOUR : 0, WEEK);
      const thread: PlannedThread = { topic, title, body: Math.floor(random() * 2), author, ago, upvotes: [], answers: [], views: 0 };
      thread.upvotes = votesAfter(ago, Math.floor(between(0, 3)), [author]);
      const unansweredChance = ago < 36 * HOUR ? 0.5 : 0.1;
      if (!chance(unansweredChance)) {
        const firstHours = Math.min(96, Math.max(0.25, Math.exp(Math.log(3) + normal()) * pace));
        const firstAgo = ago - firstHours * HOUR;
        if (firstAgo > QUIET) {
          const first = weighted(ANSWERERS, [author]);
          thread.answers.push({ author: first, ago: firstAgo, body: { kind: "answer", index: Math.floor(random() * 2) }, upvotes: [], accepted: null });
          if (chance(0.35)) {
            const secondAgo = firstAgo - between(1, 30) * HOUR;
            const second = weighted(ANSWERERS, [author, first]);
            if (secondAgo > QUIET) thread.answers.push({ author: second, ago: secondAgo, body: { kind: "reply", index: 0 }, upvotes: [], accepted: null });
          }
          if (chance(0.55)) {
            const chosen = thread.answers.length > 1 && chance(0.2) ? thread.answers[1]! : thread.answers[0]!;
            const acceptedAgo = chosen.ago - between(2, 40) * HOUR;
            if (acceptedAgo > QUIET) chosen.accepted = acceptedAgo;
          }
          for (const answer of thread.answers) {
            const votes = answer.accepted !== null ? Math.floor(between(1, 5)) : Math.floor(between(0, 3));
            answer.upvotes = votesAfter(answer.ago, votes, [answer.author]);
          }
        }
      }
      thread.views = 8 + Math.round((ago / DAY) * 2.5) + thread.upvotes.length * 6 + thread.answers.length * 5 + Math.floor(between(0, 10));
      plannedThreads.push(thread);
    }
  }
  // The replies, in turn, so that no two threads in a row read the same.
  let reply = 0;
  for (const thread of plannedThreads) for (const answer of thread.answers) if (answer.body.kind === "reply") answer.body.index = reply++;

  // The burst: questions about the evening Wi-Fi drops, more each day; a
  // workaround from the top contributor (accepted once), a "same here", the
  // moderator's "we are on it"; most of them still waiting for an answer.
  BURST_DAYS.forEach((days, i) => {
    const ago = days * DAY;
    const author = BURST_AUTHORS[i]!;
    const thread: PlannedThread = { topic: "burst", title: i, body: i % 3, author, ago, upvotes: [], answers: [], views: 0 };
    thread.upvotes = votesAfter(ago, 2 + (i % 3), [author]);
    if (i === 0) {
      thread.answers.push({
        author: "priya",
        ago: ago - 2 * HOUR,
        body: { kind: "workaround", index: 0 },
        upvotes: votesAfter(ago - 2 * HOUR, 5, ["priya"]),
        accepted: ago - 20 * HOUR,
      });
    }
    if (i === 1) thread.answers.push({ author: "tomasz", ago: ago - 5 * HOUR, body: { kind: "sameHere", index: 0 }, upvotes: [], accepted: null });
    if (i === 3) {
      thread.answers.push({
        author: "morgan",
        ago: ago - 6 * HOUR,
        body: { kind: "official", index: 0 },
        upvotes: votesAfter(ago - 6 * HOUR, 4, ["morgan"]),
        accepted: null,
      });
    }
    thread.views = 25 + (BURST_DAYS.length - i) * 11 + thread.upvotes.length * 6;
    plannedThreads.push(thread);
  });

  // Searches: about 15 a week at the start, 21 at the end; the burst's this week.
  // The searches of demo-search.ts fill the last three weeks: before them, the same searches were typed as often.
  const searchWeights = SEARCH_WEIGHTS.map((weight, i): [number, number] => [i, weight]);
  const otherWeights = searchWeights.filter(([i]) => !SEARCHED_RECENTLY.has(i));
  const searches: PlannedSearch[] = [];
  for (let week = HISTORY_WEEKS - 1; week >= 0; week--) {
    const recent = week * WEEK < RECENT_SEARCHES_DAYS * DAY;
    const count = Math.round((recent ? 6 : 15 + (HISTORY_WEEKS - 1 - week) * 0.5) + between(-2, 2));
    for (let n = 0; n < count; n++) {
      const index = weighted(recent ? otherWeights : searchWeights);
      searches.push({ ago: week * WEEK + between(week === 0 ? 2 * HOUR : 0, WEEK), burst: false, index, signedIn: chance(0.35), opens: chance(0.55) });
    }
  }
  for (let n = 0; n < 26; n++) {
    // More and more of them, as the questions; the first words people try most often.
    const ago = HOUR + 6.4 * DAY * Math.sqrt(random());
    searches.push({ ago, burst: true, index: BURST_SEARCH_ORDER[n % BURST_SEARCH_ORDER.length]!, signedIn: chance(0.4), opens: chance(0.6) });
  }

  const deflections: { ago: number; index: number }[] = [];
  for (let week = HISTORY_WEEKS - 1; week >= 0; week--) {
    const count = 2 + Math.floor(between(0, 3)) + (week < 4 ? 1 : 0);
    for (let n = 0; n < count; n++)
      deflections.push({ ago: week * WEEK + between(week === 0 ? HOUR : 0, WEEK), index: Math.floor(random() * DEFLECTION_TITLES) });
  }

  // Two articles from the start of the quarter, and what their readers said each week since.
  const articles = [{ ago: (HISTORY_WEEKS - 0.5) * WEEK }, { ago: (HISTORY_WEEKS - 2) * WEEK }];
  const feedback: HistoryPlan["feedback"] = [];
  const given = [0, 0];
  for (let week = HISTORY_WEEKS - 1; week >= 0; week--) {
    articles.forEach((article, a) => {
      const count = 2 + Math.floor(between(0, 4));
      for (let n = 0; n < count; n++) {
        const ago = Math.max(HOUR, week * WEEK + between(0, WEEK));
        if (ago >= article.ago - HOUR) continue;
        // One reader in six says it did not help: never enough to send the article to review.
        const helpful = given[a]! % 6 !== 5;
        feedback.push({ ago, article: a, helpful, visitor: `history-${a}-${given[a]!++}` });
      }
    });
  }
  return { threads: plannedThreads, searches, deflections, articles, feedback };
}

/** How many questions the history adds to the demo (the same in every language). */
export function historyThreadCount(): number {
  return planDemoHistory(HISTORY_WORDS.en.topics.length, HISTORY_WORDS.en.topics[0]!.titles.length).threads.length;
}

/**
 * The customers of the history who are not among the demo's own. Nobody
 * signs in as them: one random password, hashed once, for them all.
 */
export async function createHistoryMembers(db: Db, joined: Date): Promise<Person[]> {
  const passwordHash = await hashPassword(randomBytes(18).toString("base64url"));
  const created: Person[] = [];
  for (const member of HISTORY_MEMBERS) {
    created.push(await createUser(db, { ...member, email: `${member.username}@customers.example`, passwordHash, createdAt: joined }));
  }
  return created;
}

/** Where the seed finds the burst's threads once the timeline has run (for the known issue). */
export type HistoryTimeline = Timeline & { burstThreadIds: () => number[] };

/**
 * The history's questions and answers (posts) and its votes and acceptances
 * (reactions), in `language`, to be run with the demo's conversations in the
 * order things happened (seedDemoThreads).
 */
export function demoHistoryTimeline(db: Db, person: ReplayActor, now: number, language: Language): HistoryTimeline {
  const words = HISTORY_WORDS[language];
  const plan = planDemoHistory(words.topics.length, words.topics[0]!.titles.length);
  const posts: TimelineStep[] = [];
  const reactions: TimelineStep[] = [];
  const burst: number[] = [];
  const at = (ago: number) => new Date(now - ago);

  for (const planned of plan.threads) {
    let threadId = 0;
    const { title, body, category, tags } = threadWords(words, planned);
    posts.push({
      at: now - planned.ago,
      run: () => {
        threadId = createTestThread(db, person(planned.author), { title, body, category, tags, at: at(planned.ago) }).id;
        db.update(threads).set({ viewCount: planned.views }).where(eq(threads.id, threadId)).run();
        if (planned.topic === "burst") burst.push(threadId);
      },
    });
    for (const vote of planned.upvotes) {
      reactions.push({ at: now - vote.ago, run: () => castVote(db, person(vote.voter), questionOf(db, threadId), "up", at(vote.ago)) });
    }
    for (const answer of planned.answers) {
      let answerId = 0;
      posts.push({
        at: now - answer.ago,
        run: () => (answerId = createTestAnswer(db, person(answer.author), threadId, answerWords(words, planned, answer.body), at(answer.ago)).id),
      });
      for (const vote of answer.upvotes) reactions.push({ at: now - vote.ago, run: () => castVote(db, person(vote.voter), answerId, "up", at(vote.ago)) });
      const accepted = answer.accepted;
      if (accepted !== null) reactions.push({ at: now - accepted, run: () => acceptAnswer(db, person(planned.author), answerId, at(accepted)) });
    }
  }
  return { posts, reactions, burstThreadIds: () => [...burst] };
}

/**
 * What the history's customers searched for, clicked and found without
 * asking, and the two older articles with their readers' feedback: after
 * the threads, so searches find what they would have found.
 */
export function seedDemoHistoryActivity(db: Db, moderator: Person, now: number, language: Language) {
  const words = HISTORY_WORDS[language];
  const plan = planDemoHistory(words.topics.length, words.topics[0]!.titles.length);
  const at = (ago: number) => new Date(now - ago);

  const articleIds = plan.articles.map((article, i) => {
    const result = createArticle(db, moderator, { ...words.articles[i]!, note: words.articleNote, publish: true }, at(article.ago));
    if (!result.ok) throw new Error(`The demo history's article was refused: ${JSON.stringify(result.errors)}`);
    return result.article.id;
  });
  let unhelpful = 0;
  for (const entry of [...plan.feedback].sort((a, b) => b.ago - a.ago)) {
    const comment = entry.helpful ? "" : words.unhelpful[unhelpful++ % words.unhelpful.length]!;
    recordFeedback(db, articleIds[entry.article]!, { visitorId: entry.visitor }, { helpful: entry.helpful, comment }, at(entry.ago));
  }

  // Each query is searched once (what it finds is the same every time it is typed).
  const found = new Map<string, ReturnType<typeof searchContent>>();
  const results = (query: string) => {
    let result = found.get(query);
    if (!result) found.set(query, (result = searchContent(db, { q: query })));
    return result;
  };
  for (const search of [...plan.searches].sort((a, b) => b.ago - a.ago)) {
    const query = search.burst ? words.burstSearches[search.index]! : words.searches[search.index]!;
    const { total, hits } = results(query);
    const id = logSearch(db, { query, resultCount: total, signedIn: search.signedIn }, at(search.ago));
    const first = hits[0];
    if (search.opens && first) recordSearchClick(db, id, first.kind, first.id, at(search.ago - 2 * MINUTE));
  }

  const similar = new Map<string, ReturnType<typeof findSimilar>[number] | undefined>();
  for (const deflection of [...plan.deflections].sort((a, b) => b.ago - a.ago)) {
    const title = words.deflections[deflection.index]!;
    if (!similar.has(title)) similar.set(title, findSimilar(db, title)[0]);
    const match = similar.get(title);
    if (match) recordDeflection(db, { query: title, kind: match.kind, id: match.id, signedIn: deflection.index % 3 === 0 }, at(deflection.ago));
  }
}

function threadWords(words: HistoryWords, planned: PlannedThread) {
  if (planned.topic === "burst") {
    const burst = words.burst;
    return { title: burst.titles[planned.title]!, body: burst.bodies[planned.body]!, category: burst.category, tags: burst.tags };
  }
  const topic = words.topics[planned.topic]!;
  return { title: topic.titles[planned.title]!, body: topic.bodies[planned.body]!, category: topic.category, tags: topic.tags };
}

function answerWords(words: HistoryWords, planned: PlannedThread, body: Body): string {
  switch (body.kind) {
    case "answer":
      return words.topics[planned.topic as number]!.answers[body.index]!;
    case "reply":
      return words.replies[body.index % words.replies.length]!;
    default:
      return words.burst[body.kind];
  }
}

function questionOf(db: Db, threadId: number): number {
  const row = db
    .select({ id: posts.id })
    .from(posts)
    .where(and(eq(posts.threadId, threadId), eq(posts.kind, "question")))
    .get();
  if (!row) throw new Error(`No question in thread ${threadId}`);
  return row.id;
}
