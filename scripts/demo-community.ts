// The demo community: a fictional phone and internet provider, its topics and
// its people. Seeded on the first start with an empty database, and by
// `npm run seed`, in English or in French (SEED_LANGUAGE, `--lang`): the same
// community either way, only its words change.
import { randomBytes } from "node:crypto";
import { createCategory } from "../app/models/forum/category.server";
import { writeSiteSettings } from "../app/models/site/settings.server";
import type { Db } from "../db/client";
import { and, count, eq, lt, sql } from "drizzle-orm";
import { categories, notifications, posts, threads, users, type Role } from "../db/schema";
import { acceptAnswer } from "../app/models/forum/acceptance.server";
import { castVote } from "../app/models/forum/vote.server";
import { createTestAnswer, createTestComment, createTestThread, createUser } from "./demo/builders";
import { DEMO_MEMBERS, DEMO_THREADS_BY_LANGUAGE, type DemoThread } from "./demo-threads/index";
import { seedDemoKnowledgeBase } from "./demo-kb";
import { seedDemoEarlyAccess } from "./demo-early-access";
import { seedDemoSearch } from "./demo-search";
import { seedDemoStatus } from "./demo-status";
import { createHistoryMembers, demoHistoryTimeline, seedDemoHistoryActivity, type ReplayActor, type Timeline, type TimelineStep } from "./demo-history";
import { seedDemoKnownIssues } from "./demo-known-issues";
import { DEMO_IDEAS_CATEGORY, demoIdeasTimeline } from "./demo-ideas";
import type { Privileges } from "../app/policy";
import type { Language } from "../app/i18n/languages";

export type DemoLanguage = Language;
export type DemoOptions = { language?: DemoLanguage; now?: number };
type DemoCategorySlug = DemoThread["category"];

export const DEMO_BRANDS: Record<DemoLanguage, { brandName: string; tagline: string }> = {
  en: {
    brandName: "Nimbus Telecom",
    tagline: "Real answers from Nimbus customers and the Nimbus team: billing, your box, your phone and the network.",
  },
  fr: {
    brandName: "Nimbus Telecom",
    tagline: "Les vraies réponses des clients Nimbus et de l'équipe Nimbus : factures, box, mobile et réseau.",
  },
};
/** The English brand (the benchmarks and browser tests build their sites with it). */
export const DEMO_BRAND = DEMO_BRANDS.en;

const CATEGORY_SLUGS: DemoCategorySlug[] = ["billing", "account", "devices", "network", "tips"];
const CATEGORY_WORDS: Record<DemoLanguage, Record<DemoCategorySlug, { name: string; description: string }>> = {
  en: {
    billing: { name: "Billing", description: "Bills, payments, refunds, plans and prices." },
    account: { name: "Account & sign-in", description: "Your Nimbus account, passwords, the app and personal details." },
    devices: { name: "Devices", description: "The Nimbus Box, phones, SIM cards and accessories." },
    network: { name: "Network & outages", description: "Coverage, speed, Wi-Fi, fibre and known outages." },
    tips: { name: "Tips & tricks", description: "Get more out of your plan, your box and your phone." },
  },
  fr: {
    billing: { name: "Facturation", description: "Factures, paiements, remboursements, forfaits et tarifs." },
    account: { name: "Compte et connexion", description: "Votre espace client Nimbus, mots de passe, l'appli et vos infos perso." },
    devices: { name: "Box et téléphones", description: "La Nimbus Box, les mobiles, les cartes SIM et les accessoires." },
    network: { name: "Réseau et pannes", description: "Couverture, débit, wifi, fibre et pannes en cours." },
    tips: { name: "Astuces", description: "Tirer le meilleur de votre forfait, de votre box et de votre mobile." },
  },
};

/** The demo's categories in `language`: the same slugs in every language, so links and tests do not change. */
export function demoCategories(language: DemoLanguage = "en") {
  return CATEGORY_SLUGS.map((slug) => ({ slug, ...CATEGORY_WORDS[language][slug] }));
}
/** The English categories (the browser tests build their sites with them). */
export const DEMO_CATEGORIES = demoCategories("en");

type DemoPerson = { key: string; username: string; displayName: string; role: Role; bio: Record<DemoLanguage, string>; label: string };

// Usernames (and so the demo logins) are the same in every language.
export const DEMO_PEOPLE: DemoPerson[] = [
  {
    key: "member",
    username: "sam",
    displayName: "Sam Rivera",
    role: "member",
    label: "a member",
    bio: { en: "Fibre customer since last spring.", fr: "Client fibre depuis le printemps dernier." },
  },
  {
    key: "contributor",
    username: "priya",
    displayName: "Priya Nair",
    role: "member",
    label: "a top contributor",
    bio: {
      en: "Network engineer by day, I like untangling router settings for neighbours.",
      fr: "Ingénieure réseau le jour, j'aime démêler les réglages de box des voisins le soir.",
    },
  },
  {
    key: "moderator",
    username: "morgan",
    displayName: "Morgan Lee",
    role: "moderator",
    label: "a moderator",
    bio: { en: "Community team at Nimbus.", fr: "Équipe communauté chez Nimbus." },
  },
  {
    key: "admin",
    username: "alex",
    displayName: "Alex Martin",
    role: "admin",
    label: "the admin",
    bio: { en: "Runs the Nimbus community.", fr: "Responsable de la communauté Nimbus." },
  },
];

export type DemoLogin = { username: string; password: string; label: string };

export function isEmptyCommunity(db: Db): boolean {
  const userCount = db.select({ n: count() }).from(users).get()!.n;
  const categoryCount = db.select({ n: count() }).from(categories).get()!.n;
  return userCount === 0 && categoryCount === 0;
}

function demoPassword() {
  // 96 random bits, readable: e.g. "nimbus-k3Jd9x0QpLz2aB7c"
  return `nimbus-${randomBytes(12).toString("base64url")}`;
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/**
 * Seeds the demo community in `language` (default English): its words, and
 * the site's default language, so visitors who ask for none read the
 * interface in the community's language.
 */
export async function seedDemoCommunity(db: Db, { language = "en", now = Date.now() }: DemoOptions = {}): Promise<DemoLogin[]> {
  writeSiteSettings(db, { ...DEMO_BRANDS[language], defaultLanguage: language });
  const questionCategories = demoCategories(language);
  questionCategories.forEach((category, position) => createCategory(db, { ...category, position }));
  // The Ideas category is the demo's, not the browser tests' (DEMO_CATEGORIES): product ideas, not questions.
  createCategory(db, { ...DEMO_IDEAS_CATEGORY[language], position: questionCategories.length, kind: "ideas" });
  const joined = new Date(now - 120 * DAY);
  const people = new Map<string, typeof users.$inferSelect>();
  const logins: DemoLogin[] = [];
  for (const person of DEMO_PEOPLE) {
    const password = demoPassword();
    const user = await createUser(db, {
      username: person.username,
      email: `${person.username}@nimbus.example`,
      displayName: person.displayName,
      role: person.role,
      password,
      bio: person.bio[language],
      createdAt: joined,
    });
    people.set(person.username, user);
    logins.push({ username: person.username, password, label: person.label });
  }
  for (const member of DEMO_MEMBERS) {
    const user = await createUser(db, {
      username: member.username,
      displayName: member.displayName,
      bio: member.bio[language],
      email: `${member.username}@customers.example`,
      password: demoPassword(),
      createdAt: joined,
    });
    people.set(member.username, user);
  }
  for (const member of await createHistoryMembers(db, joined)) people.set(member.username, member);
  // The replay writes as people were, before they earned the reputation they had when they voted and commented:
  // privileges by reputation are not applied to it.
  const person: ReplayActor = (username) => {
    const found = people.get(username);
    if (!found) throw new Error(`Unknown demo author ${username}`);
    return { ...found, privileges: REPLAY_PRIVILEGES };
  };
  // The conversations, the quarter of history and the ideas, in the order they happened.
  const history = demoHistoryTimeline(db, person, now, language);
  const ideas = demoIdeasTimeline(db, person, now, language);
  seedDemoThreads(db, person, DEMO_THREADS_BY_LANGUAGE[language], now, [history, ideas]);
  seedDemoKnowledgeBase(db, people.get("morgan")!, now, language);
  seedDemoSearch(db, people.get("morgan")!, now, language);
  seedDemoHistoryActivity(db, people.get("morgan")!, now, language);
  seedDemoStatus(db, people.get("morgan")!, now, language);
  seedDemoKnownIssues(db, people, now, language, history.burstThreadIds());
  // Last: the announcement goes to those whose reputation has reached early access (Priya).
  seedDemoEarlyAccess(db, people, now, language);
  // People have read (and had the emails of) what is older than two days.
  const seen = new Date(now - 2 * DAY);
  db.update(notifications)
    .set({ readAt: sql`${notifications.createdAt}`, emailedAt: sql`${notifications.createdAt}` })
    .where(lt(notifications.createdAt, seen))
    .run();
  return logins;
}

type Person = typeof users.$inferSelect;
const REPLAY_PRIVILEGES: Privileges = { upvote: 0, downvote: 0, comment: 0, editOthers: 0 };

/**
 * Writes the demo conversations, and the other timelines given (the
 * quarter of history, the ideas), through the same model functions as the
 * site, in the order they happened, so counters, revisions and reputation
 * come out exactly as if people had posted them.
 */
function seedDemoThreads(db: Db, person: ReplayActor, conversations: DemoThread[], now: number, timelines: Timeline[]) {
  const latest = now - 5 * 60 * 1000;
  const at = (ms: number) => new Date(Math.min(ms, latest));

  type Step = { at: number; run: () => void };
  const steps: Step[] = [];
  const acceptances: { asker: Person; answerId: () => number; at: Date }[] = [];
  const votes: { voter: Person; postId: () => number; direction: "up" | "down"; at: Date }[] = [];
  // Votes arrive over the hours after a post, one every few hours.
  const voteTime = (postedAt: number, i: number) => at(postedAt + (i + 1) * 3 * HOUR);

  for (const demo of conversations) {
    const askedAt = now - demo.daysAgo * DAY;
    let threadId = 0;
    let questionId = 0;
    steps.push({
      at: askedAt,
      run: () => {
        const thread = createTestThread(db, person(demo.author), {
          title: demo.title,
          body: demo.body,
          category: demo.category,
          tags: demo.tags,
          at: at(askedAt),
        });
        threadId = thread.id;
        questionId = firstPostId(db, thread.id);
      },
    });
    (demo.comments ?? []).forEach((comment, i) => {
      const when = askedAt + (i + 1) * 0.7 * HOUR;
      steps.push({ at: when, run: () => createTestComment(db, person(comment.author), questionId, comment.body, at(when)) });
    });
    (demo.upvotes ?? []).forEach((voter, i) => votes.push({ voter: person(voter), postId: () => questionId, direction: "up", at: voteTime(askedAt, i) }));

    for (const answer of demo.answers) {
      const answeredAt = askedAt + answer.hoursAfterQuestion * HOUR;
      let answerId = 0;
      steps.push({
        at: answeredAt,
        run: () => {
          answerId = createTestAnswer(db, person(answer.author), threadId, answer.body, at(answeredAt)).id;
        },
      });
      (answer.comments ?? []).forEach((comment, i) => {
        const when = answeredAt + (i + 1) * 0.9 * HOUR;
        steps.push({ at: when, run: () => createTestComment(db, person(comment.author), answerId, comment.body, at(when)) });
      });
      const upvotes = answer.upvotes ?? [];
      upvotes.forEach((voter, i) => votes.push({ voter: person(voter), postId: () => answerId, direction: "up", at: voteTime(answeredAt, i) }));
      (answer.downvotes ?? []).forEach((voter, i) =>
        votes.push({ voter: person(voter), postId: () => answerId, direction: "down", at: voteTime(answeredAt, upvotes.length + i) }),
      );
      if (answer.accepted) acceptances.push({ asker: person(demo.author), answerId: () => answerId, at: at(answeredAt + 6 * HOUR) });
    }
    // Views grow with a thread's age and popularity.
    steps.push({
      at: askedAt + 1,
      run: () => {
        const views = 12 + Math.round(demo.daysAgo * 3) + (demo.upvotes?.length ?? 0) * 9 + demo.answers.length * 7;
        db.update(threads).set({ viewCount: views }).where(eq(threads.id, threadId)).run();
      },
    });
  }

  for (const timeline of timelines) steps.push(...timeline.posts);
  // Everyone posts in the order things happened, as the posting limits expect.
  steps.sort((a, b) => a.at - b.at);
  for (const step of steps) step.run();
  // Then votes and acceptances, in the order they happened too, so the daily
  // cap, ranks reached and badges earned come out in their true order.
  const reactions: TimelineStep[] = [
    ...votes.map((vote) => ({ at: vote.at.getTime(), run: () => void castVote(db, vote.voter, vote.postId(), vote.direction, vote.at) })),
    ...acceptances.map((a) => ({ at: a.at.getTime(), run: () => void acceptAnswer(db, a.asker, a.answerId(), a.at) })),
    ...timelines.flatMap((timeline) => timeline.reactions),
  ];
  reactions.sort((a, b) => a.at - b.at);
  for (const reaction of reactions) reaction.run();
}

function firstPostId(db: Db, threadId: number) {
  return db.select({ id: posts.id }).from(posts).where(and(eq(posts.threadId, threadId), eq(posts.kind, "question"))).get()!.id;
}

export function printDemoLogins(logins: DemoLogin[]) {
  const lines = [
    "",
    "  The demo community is ready. Demo logins (shown only this once):",
    "",
    ...logins.map((l) => `    ${l.label.padEnd(18)} username: ${l.username.padEnd(8)} password: ${l.password}`),
    "",
  ];
  console.log(lines.join("\n"));
}
