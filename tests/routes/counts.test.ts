// Issue #12, item 5: every number a page shows equals the rows it counts.
// Each count or total the pages show (questions per category, answers per
// thread, questions per tag, a member's reputation, answers, questions and
// badges, badge holders, the leaderboard's sums, the moderators' queues, the
// bell, the knowledge base's helpful counts and articles per category, an
// incident's updates) is read through the page's loader, on a community with
// deleted and hidden rows that must not be counted, and compared with a plain
// SQL count written here, apart from the models.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { acceptAnswer } from "../../app/models/forum/acceptance.server";
import { closeEscalation, escalateThread } from "../../app/models/moderation/escalation.server";
import { flagPost, resolveFlag } from "../../app/models/moderation/flag.server";
import { openIncident, postIncidentUpdate, resolveIncident } from "../../app/models/moderation/incident.server";
import { createArticle, setArticleStatus } from "../../app/models/kb/kb.server";
import { recordFeedback } from "../../app/models/kb/kb-feedback.server";
import { requestReview, resolveReview } from "../../app/models/kb/kb-review.server";
import { leaderboard, periodStart, type LeaderboardPeriod } from "../../app/models/reputation/leaderboard.server";
import { closeAsDuplicate, hidePost, lockThread, moveThread, pinThread, unhidePost } from "../../app/models/moderation/moderation.server";
import { openNotification } from "../../app/models/notify/notification.server";
import { deletePost, restorePost } from "../../app/models/forum/post.server";
import { castVote } from "../../app/models/forum/vote.server";
import { setWatch } from "../../app/models/notify/watch.server";
import { loader as rootLoader } from "../../app/root";
import Home, { loader as homeLoader } from "../../app/routes/_index";
import { loader as badgesLoader } from "../../app/routes/badges";
import { loader as categoryLoader } from "../../app/routes/c.$slug";
import { loader as kbArticleLoader } from "../../app/routes/kb.$slug";
import { loader as kbLoader } from "../../app/routes/kb._index";
import { loader as leaderboardLoader } from "../../app/routes/leaderboard";
import { loader as modDashboardLoader } from "../../app/routes/mod._index";
import { loader as modLayoutLoader } from "../../app/routes/mod";
import { loader as modEscalationsLoader } from "../../app/routes/mod.escalations";
import { loader as modFlagsLoader } from "../../app/routes/mod.flags";
import { loader as modKbLoader } from "../../app/routes/mod.kb";
import { loader as notificationsLoader } from "../../app/routes/notifications";
import { loader as statusLoader } from "../../app/routes/status._index";
import { loader as threadLoader } from "../../app/routes/t.$id.($slug)";
import { loader as tagLoader } from "../../app/routes/tags.$tag";
import { loader as profileLoader } from "../../app/routes/u.$username";
import { posts, threads } from "../../db/schema";
import { contextFor, createTestDb, getRequest } from "../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestThread, createUser } from "../support/factories";
import { renderPage } from "../support/render-page";

const db = createTestDb();
type User = Awaited<ReturnType<typeof createUser>>;

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date();
const longAgo = { createdAt: new Date(NOW.getTime() - 90 * DAY) };
// Posts a few minutes apart, from ten days back (outside the leaderboard's week); later `recently` moves the clock to yesterday.
let clock = NOW.getTime() - 10 * DAY;
const tick = () => new Date((clock += 3 * 60 * 1000));
const recently = () => {
  clock = Math.max(clock, NOW.getTime() - DAY);
};

/** A plain SQL number (a count or a sum), written here rather than read through the models. */
function sqlNumber(query: string, ...params: unknown[]): number {
  return Number(db.$client.prepare(query).pluck().get(...params) ?? 0);
}
function sqlRows<Row>(query: string, ...params: unknown[]): Row[] {
  return db.$client.prepare(query).all(...params) as Row[];
}

/** A loader's JSON, called the way Remix calls it, for a visitor or a signed-in user. */
async function load<T>(loader: (args: LoaderFunctionArgs) => Promise<Response>, path: string, params: Record<string, string> = {}, userId: number | null = null): Promise<T> {
  const response = await loader({ request: getRequest(path), params, context: contextFor(db, userId) });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

const questionOf = (threadId: number) => db.select().from(posts).where(eq(posts.threadId, threadId)).all().find((p) => p.kind === "question")!;

// ---------------------------------------------------------------------------
// The community: three categories (one empty), members, staff, and rows of
// every kind a count must leave out.

const billing = createTestCategory(db, { slug: "billing", name: "Billing", position: 1 });
const devices = createTestCategory(db, { slug: "devices", name: "Devices", position: 2 });
const quiet = createTestCategory(db, { slug: "quiet", name: "Quiet", position: 3 });

const kim = await createUser(db, { username: "mod_kim", role: "moderator", ...longAgo });
const asker = await createEstablishedMember(db, { username: "asker_ann", ...longAgo });
const helper = await createEstablishedMember(db, { username: "helper_hal", ...longAgo });
const helper2 = await createEstablishedMember(db, { username: "helper_hen", ...longAgo });
const voter = await createEstablishedMember(db, { username: "voter_vic", ...longAgo });
const watcher = await createEstablishedMember(db, { username: "watcher_wes", ...longAgo });
const reader = await createUser(db, { username: "reader_rae", ...longAgo });

// Watchers of Billing are told of each new question there, hidden and deleted ones included.
setWatch(db, watcher, { targetType: "category", targetId: billing.id, level: "watching" });
setWatch(db, kim, { targetType: "category", targetId: billing.id, level: "watching" });

const ask = (author: User, category: { slug: string }, tags: string[] = []) => createTestThread(db, author, { category: category.slug, tags, at: tick() });
const answer = (author: User, threadId: number) => createTestAnswer(db, author, threadId, undefined, tick());

// Billing: five threads a visitor sees, one hidden and one deleted.
const answered = ask(asker, billing, ["router"]);
const accepted = answer(helper, answered.id);
const second = answer(helper2, answered.id);
const hiddenAnswer = answer(helper, answered.id);
const deletedAnswer = answer(helper2, answered.id);
acceptAnswer(db, asker, accepted.id, tick());
const unanswered = ask(asker, billing, ["router", "wifi"]);
const hiddenThread = ask(asker, billing, ["router"]);
acceptAnswer(db, asker, answer(helper, hiddenThread.id).id, tick());
const deletedThread = ask(asker, billing, ["router"]);
acceptAnswer(db, asker, answer(helper, deletedThread.id).id, tick());
const pinned = ask(asker, billing);
const pinnedAnswer = answer(helper2, pinned.id);
const locked = ask(asker, billing);
const duplicate = ask(asker, billing);

// Devices: two threads a visitor sees (one pinned on the home page), one deleted.
const hiddenAccepted = ask(asker, devices);
const hiddenAcceptedAnswer = answer(helper, hiddenAccepted.id);
acceptAnswer(db, asker, hiddenAcceptedAnswer.id, tick());
const homePinned = ask(helper2, devices);
const devicesDeleted = ask(helper2, devices, ["wifi"]);

// Flags: three open (one on a post deleted since), one dismissed.
flagPost(db, voter, { postId: second.id, reason: "spam", note: "" });
flagPost(db, voter, { postId: questionOf(unanswered.id).id, reason: "other", note: "Asked twice" });
flagPost(db, voter, { postId: deletedAnswer.id, reason: "offensive", note: "" });
flagPost(db, watcher, { postId: pinnedAnswer.id, reason: "spam", note: "" });

// Moderation.
hidePost(db, kim, hiddenAnswer.id, "Personal data");
deletePost(db, kim, deletedAnswer.id);
hidePost(db, kim, questionOf(hiddenThread.id).id, "Personal data");
deletePost(db, kim, questionOf(deletedThread.id).id);
deletePost(db, helper2, questionOf(devicesDeleted.id).id);
hidePost(db, kim, hiddenAcceptedAnswer.id, "Rude");
pinThread(db, kim, pinned.id, "category");
pinThread(db, kim, homePinned.id, "home");
lockThread(db, kim, locked.id);
closeAsDuplicate(db, kim, duplicate.id, String(answered.id));
resolveFlag(db, kim, sqlNumber("select id from flags where post_id = ?", pinnedAnswer.id), "dismissed");

// Recent votes, so this week's board differs from all time.
recently();
castVote(db, voter, accepted.id, "up", tick());
castVote(db, voter, second.id, "up", tick());
castVote(db, voter, questionOf(answered.id).id, "up", tick());
castVote(db, voter, pinnedAnswer.id, "down", tick());
castVote(db, asker, second.id, "up", tick());

// "Did this solve your problem?": No on three threads, one since solved and one deleted.
for (const thread of [pinned, answered, deletedThread]) {
  db.update(threads).set({ followUpAnswer: "not_solved", followUpAnsweredAt: tick() }).where(eq(threads.id, thread.id)).run();
}

// Escalations: one open, one closed.
escalateThread(db, kim, unanswered.id, "Billing bug, please look", tick());
const closing = escalateThread(db, kim, homePinned.id, "Device recall?", tick());
if (!closing.ok) throw new Error(JSON.stringify(closing.errors));
closeEscalation(db, kim, closing.escalation.id, "Not a recall.", tick());

// The knowledge base: two published articles, a draft and an archived one.
function article(title: string, category: { slug: string }, publish = true) {
  const result = createArticle(db, kim, { title, body: `${title}: what to do, step by step.`, category: category.slug, tags: [], note: "", publish }, tick());
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.article;
}
const resetArticle = article("Reset your router to its factory settings", billing);
const invoiceArticle = article("Read your first invoice", billing);
const pairArticle = article("Pair the remote with the box", devices);
article("A draft about the new plans", billing, false);
const archived = article("The old price list", devices);
setArticleStatus(db, kim, archived.id, "archived", tick());

// Feedback, with minds changed: members and visitors.
const visitor1 = { visitorId: crypto.randomUUID() };
const visitor2 = { visitorId: crypto.randomUUID() };
recordFeedback(db, resetArticle.id, { userId: reader.id }, { helpful: true, comment: "" }, tick());
recordFeedback(db, resetArticle.id, visitor1, { helpful: true, comment: "" }, tick());
recordFeedback(db, resetArticle.id, { userId: helper.id }, { helpful: false, comment: "Mine has no reset button." }, tick());
recordFeedback(db, resetArticle.id, { userId: helper2.id }, { helpful: true, comment: "" }, tick());
recordFeedback(db, resetArticle.id, { userId: helper2.id }, { helpful: false, comment: "It came back after a day." }, tick());
recordFeedback(db, resetArticle.id, visitor2, { helpful: false, comment: "" }, tick());
recordFeedback(db, resetArticle.id, visitor2, { helpful: true, comment: "" }, tick());
recordFeedback(db, pairArticle.id, visitor1, { helpful: false, comment: "" }, tick());
recordFeedback(db, pairArticle.id, { userId: reader.id }, { helpful: true, comment: "" }, tick());
recordFeedback(db, pairArticle.id, { userId: reader.id }, { helpful: true, comment: "" }, tick());

// Reviews: one open, one resolved.
requestReview(db, kim, invoiceArticle.id, "Prices changed in March", tick());
requestReview(db, kim, pairArticle.id, "New remote model", tick());
const pairReview = sqlNumber("select id from article_reviews where article_id = ? and status = 'open'", pairArticle.id);
resolveReview(db, kim, pairReview, "Added the new model.", tick());

// Incidents: updates on one, none on another, one resolved.
function incident(title: string) {
  const result = openIncident(db, kim, { title, severity: "degraded", category: "all", body: `${title}: we are looking into it.` }, tick());
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.incident;
}
const outage = incident("Slow connections in the north");
postIncidentUpdate(db, kim, { incidentId: outage.id, body: "Engineers are on site." }, tick());
postIncidentUpdate(db, kim, { incidentId: outage.id, body: "Speeds are coming back." }, tick());
incident("Invoices arrive late");
const past = incident("Login page errors");
postIncidentUpdate(db, kim, { incidentId: past.id, body: "Fixed the certificate." }, tick());
resolveIncident(db, kim, { incidentId: past.id, note: "All good now." }, tick());

// ---------------------------------------------------------------------------
// What a visitor may count: threads not deleted and not hidden; answers not
// deleted and not hidden.

const visibleThreadsIn = (categoryId: number) =>
  sqlNumber("select count(*) from threads where category_id = ? and deleted_at is null and hidden_at is null", categoryId);
const visibleAnswersOf = (threadId: number) =>
  sqlNumber("select count(*) from posts where thread_id = ? and kind = 'answer' and deleted_at is null and hidden_at is null", threadId);

type ListRow = { id: number; answerCount: number; score: number };
type List = { threads: ListRow[]; total: number; page: number; pageCount: number };

describe("questions per category (home page)", () => {
  test("each category's count is the number of questions its page lists, hidden and deleted ones left out", async () => {
    const home = await load<{ categories: { slug: string; threadCount: number }[] }>(homeLoader, "/");
    expect(home.categories.map((c) => c.slug)).toEqual(["billing", "devices", "quiet"]);
    for (const category of [billing, devices, quiet]) {
      const shown = home.categories.find((c) => c.slug === category.slug)!.threadCount;
      const page = await load<{ list: List }>(categoryLoader, `/c/${category.slug}`, { slug: category.slug });
      expect(shown).toBe(visibleThreadsIn(category.id));
      expect(shown).toBe(page.list.total);
      expect(shown).toBe(page.list.threads.length);
    }
    // Not the same number for every category (the bug: a subquery comparing the threads table with itself).
    expect(home.categories.map((c) => c.threadCount)).toEqual([5, 2, 0]);
  });

  test("the page says it: each card's number of questions", async () => {
    const page = await renderPage(contextFor(db), "/", [{ id: "routes/_index", path: "", loader: homeLoader, Component: Home }]);
    expect(page.errors).toBeNull();
    for (const [name, count] of [["Billing", "5 questions"], ["Devices", "2 questions"], ["Quiet", "0 questions"]]) {
      const card = page.html.slice(page.html.indexOf(`>${name}</a>`));
      expect(card.slice(0, card.indexOf("</li>"))).toContain(count);
    }
  });

  test("a question hidden, moved or deleted changes the count with the list", async () => {
    const extra = ask(watcher, quiet);
    const counts = async () => {
      const home = await load<{ categories: { slug: string; threadCount: number }[] }>(homeLoader, "/");
      const shown = [quiet, devices].map((c) => home.categories.find((row) => row.slug === c.slug)!.threadCount);
      expect(shown).toEqual([visibleThreadsIn(quiet.id), visibleThreadsIn(devices.id)]);
      return shown;
    };
    expect(await counts()).toEqual([1, 2]);
    hidePost(db, kim, questionOf(extra.id).id, "Spam");
    expect(await counts()).toEqual([0, 2]);
    unhidePost(db, kim, questionOf(extra.id).id);
    moveThread(db, kim, extra.id, devices.id);
    expect(await counts()).toEqual([0, 3]);
    moveThread(db, kim, extra.id, quiet.id);
    expect(await counts()).toEqual([1, 2]);
    deletePost(db, watcher, questionOf(extra.id).id);
    expect(await counts()).toEqual([0, 2]);
  });
});

describe("answers per thread and votes", () => {
  /** Every row of a list: its answer count is its visible answers, its votes its question's. */
  function expectRowsCounted(rows: ListRow[]) {
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.answerCount).toBe(visibleAnswersOf(row.id));
      expect(row.score).toBe(sqlNumber("select coalesce(sum(value), 0) from votes where post_id = ?", questionOf(row.id).id));
    }
  }

  test("the lists' answer counts are the answers a visitor sees on each thread", async () => {
    expectRowsCounted((await load<{ list: List }>(homeLoader, "/")).list.threads);
    expectRowsCounted((await load<{ list: List }>(categoryLoader, "/c/billing", { slug: "billing" })).list.threads);
    expectRowsCounted((await load<{ list: List }>(categoryLoader, "/c/devices", { slug: "devices" })).list.threads);
    expect(visibleAnswersOf(answered.id)).toBe(2);
  });

  test("the thread page's answers for a visitor match the list's count", async () => {
    for (const thread of [answered, unanswered, pinned, hiddenAccepted]) {
      const page = await load<{ thread: { answerCount: number }; answers: unknown[] }>(threadLoader, `/t/${thread.id}/${thread.slug}`, {
        id: String(thread.id),
        slug: thread.slug,
      });
      expect(page.answers.length).toBe(visibleAnswersOf(thread.id));
      expect(page.thread.answerCount).toBe(page.answers.length);
    }
  });

  test("hiding, deleting, restoring and unhiding answers keep the count equal to the answers shown", async () => {
    const thread = ask(asker, billing);
    const first = answer(helper, thread.id);
    const other = answer(helper2, thread.id);
    const row = async () => (await load<{ list: List }>(categoryLoader, "/c/billing?sort=newest", { slug: "billing" })).list.threads.find((t) => t.id === thread.id)!;
    const steps = [
      () => hidePost(db, kim, first.id, "Off-topic"),
      () => deletePost(db, kim, first.id),
      () => restorePost(db, kim, first.id),
      () => unhidePost(db, kim, first.id),
      () => deletePost(db, helper2, other.id),
      () => restorePost(db, kim, other.id),
    ];
    const seen = [(await row()).answerCount];
    for (const step of steps) {
      step();
      const { answerCount } = await row();
      expect(answerCount).toBe(visibleAnswersOf(thread.id));
      seen.push(answerCount);
    }
    expect(seen).toEqual([2, 1, 1, 1, 2, 1, 2]);
  });
});

describe("questions per tag", () => {
  test("a tag's page counts its questions a visitor sees", async () => {
    for (const tag of ["router", "wifi"]) {
      const page = await load<{ list: List }>(tagLoader, `/tags/${tag}`, { tag });
      const rows = sqlNumber(
        `select count(*) from threads t join thread_tags tt on tt.thread_id = t.id join tags g on g.id = tt.tag_id
         where g.name = ? and t.deleted_at is null and t.hidden_at is null`,
        tag,
      );
      expect(page.list.total).toBe(rows);
      expect(page.list.threads.length).toBe(rows);
    }
    // router: the answered and the unanswered questions (not the hidden or the deleted one); wifi: the unanswered one.
    expect((await load<{ list: List }>(tagLoader, "/tags/router", { tag: "router" })).list.total).toBe(2);
    expect((await load<{ list: List }>(tagLoader, "/tags/wifi", { tag: "wifi" })).list.total).toBe(1);
  });
});

describe("a member's profile", () => {
  type Profile = {
    profile: { reputation: number };
    answers: { total: number; answers: { accepted: boolean }[] };
    questions: { total: number; threads: unknown[] };
    badges: unknown[];
  };

  test("reputation is 1 + the ledger; answers, questions and badges are the rows listed", async () => {
    for (const user of [asker, helper, helper2, voter, watcher, reader, kim]) {
      const page = await load<Profile>(profileLoader, `/u/${user.username}`, { username: user.username });
      expect(page.profile.reputation).toBe(1 + sqlNumber("select coalesce(sum(points), 0) from reputation_events where user_id = ?", user.id));
      const answers = sqlNumber(
        `select count(*) from posts p join threads t on t.id = p.thread_id
         where p.author_id = ? and p.kind = 'answer' and p.deleted_at is null and p.hidden_at is null
           and t.deleted_at is null and t.hidden_at is null`,
        user.id,
      );
      expect(page.answers.total).toBe(answers);
      expect(page.answers.answers.length).toBe(answers);
      const questions = sqlNumber("select count(*) from threads where author_id = ? and deleted_at is null and hidden_at is null", user.id);
      expect(page.questions.total).toBe(questions);
      expect(page.questions.threads.length).toBe(questions);
      expect(page.badges.length).toBe(sqlNumber("select count(*) from user_badges where user_id = ?", user.id));
    }
  });

  test("every author's reputation in a list is their total", async () => {
    type Row = { authorUsername: string; authorReputation: number };
    const { list } = await load<{ list: { threads: Row[] } }>(homeLoader, "/");
    for (const row of list.threads) {
      expect(row.authorReputation).toBe(sqlNumber("select reputation from users where username = ?", row.authorUsername));
      expect(row.authorReputation).toBe(1 + sqlNumber("select coalesce(sum(e.points), 0) from reputation_events e join users u on u.id = e.user_id where u.username = ?", row.authorUsername));
    }
  });
});

describe("badges", () => {
  test("/badges says how many members hold each badge: its rows", async () => {
    const { badges } = await load<{ badges: { key: string; count: number; holders: unknown[]; more: number }[] }>(badgesLoader, "/badges");
    for (const badge of badges) {
      const holders = sqlNumber("select count(*) from user_badges where badge = ?", badge.key);
      expect(badge.count).toBe(holders);
      expect(badge.holders.length + badge.more).toBe(holders);
    }
    expect(badges.find((b) => b.key === "first_question")!.count).toBe(3);
  });
});

describe("the leaderboard", () => {
  type Board = { rows: { user: { username: string; reputation: number }; points: number; accepted: number; badges: string[] }[] };

  /** Members' points in the period (and category), summed from the ledger; staff and those without a gain left out. */
  function ledgerSums(period: LeaderboardPeriod, categoryId: number | null) {
    const since = periodStart(period, NOW)?.getTime() ?? 0;
    const rows = sqlRows<{ username: string; points: number }>(
      `select u.username, sum(e.points) as points
         from reputation_events e
         join users u on u.id = e.user_id
         left join posts p on p.id = e.post_id
         left join threads t on t.id = p.thread_id
        where u.role = 'member' and e.created_at >= ? and (? is null or t.category_id = ?)
        group by u.id having sum(e.points) > 0`,
      since,
      categoryId,
      categoryId,
    );
    return Object.fromEntries(rows.map((r) => [r.username, r.points]));
  }

  /** A member's answers that solved a question and that readers can see: not deleted or hidden, on a thread neither. */
  function acceptedAnswers(username: string, categoryId: number | null) {
    return sqlNumber(
      `select count(*) from posts p
         join threads t on t.accepted_answer_id = p.id
         join users u on u.id = p.author_id
        where u.username = ? and p.kind = 'answer' and p.deleted_at is null and p.hidden_at is null
          and t.deleted_at is null and t.hidden_at is null and (? is null or t.category_id = ?)`,
      username,
      categoryId,
      categoryId,
    );
  }

  test("each row's points are the ledger's sum for the period and category", async () => {
    for (const period of ["week", "month", "all"] as const) {
      for (const category of [null, billing, devices, quiet]) {
        const query = new URLSearchParams({ period, ...(category ? { category: category.slug } : {}) });
        const { rows } = await load<Board>(leaderboardLoader, `/leaderboard?${query}`);
        expect(Object.fromEntries(rows.map((r) => [r.user.username, r.points]))).toEqual(ledgerSums(period, category?.id ?? null));
      }
    }
    // The week holds only the recent votes; all time, the acceptances too.
    expect(ledgerSums("week", null)[helper.username]).toBeLessThan(ledgerSums("all", null)[helper.username]);
  });

  test("each row's accepted answers are those readers can see, the hidden and deleted ones left out", async () => {
    for (const category of [null, billing, devices]) {
      const query = new URLSearchParams({ period: "all", ...(category ? { category: category.slug } : {}) });
      const { rows } = await load<Board>(leaderboardLoader, `/leaderboard?${query}`);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.accepted).toBe(acceptedAnswers(row.user.username, category?.id ?? null));
    }
    // helper's four acceptances: one stands in sight; one on a hidden question, one on a deleted one, one hidden answer.
    const board = leaderboard(db, { period: "all" }, NOW);
    expect(board.find((r) => r.user.username === helper.username)!.accepted).toBe(1);
    // The profile marks the same one as accepted.
    const profile = await load<{ answers: { answers: { accepted: boolean }[] } }>(profileLoader, `/u/${helper.username}`, { username: helper.username });
    expect(profile.answers.answers.filter((a) => a.accepted).length).toBe(1);
  });

  test("each row's badges and reputation are the member's rows", async () => {
    const { rows } = await load<Board>(leaderboardLoader, "/leaderboard?period=all");
    for (const row of rows) {
      expect(row.badges.length).toBe(sqlNumber("select count(*) from user_badges b join users u on u.id = b.user_id where u.username = ?", row.user.username));
      expect(row.user.reputation).toBe(1 + sqlNumber("select coalesce(sum(e.points), 0) from reputation_events e join users u on u.id = e.user_id where u.username = ?", row.user.username));
    }
  });
});

describe("the moderators' queues", () => {
  type Dashboard = {
    unanswered: { count: number; threads: unknown[] };
    flags: { count: number; byReason: { reason: string; count: number }[] };
    unresolved: { count: number; threads: unknown[] };
    kbReviews: { count: number };
    escalations: { count: number };
  };

  test("each queue's count is its rows", async () => {
    const dashboard = await load<Dashboard>(modDashboardLoader, "/mod", {}, kim.id);
    const unanswered = sqlNumber(
      `select count(*) from threads t
        where t.deleted_at is null and t.hidden_at is null and t.locked_at is null and t.duplicate_of_id is null
          and not exists (select 1 from posts p where p.thread_id = t.id and p.kind = 'answer' and p.deleted_at is null and p.hidden_at is null)`,
    );
    expect(dashboard.unanswered.count).toBe(unanswered);
    expect(dashboard.unanswered.threads.length).toBe(unanswered);
    const openFlags = sqlNumber("select count(*) from flags where status = 'open'");
    expect(dashboard.flags.count).toBe(openFlags);
    for (const { reason, count } of dashboard.flags.byReason) {
      expect(count).toBe(sqlNumber("select count(*) from flags where status = 'open' and reason = ?", reason));
    }
    const unresolved = sqlNumber("select count(*) from threads where follow_up_answer = 'not_solved' and deleted_at is null and accepted_answer_id is null");
    expect(dashboard.unresolved.count).toBe(unresolved);
    expect(dashboard.unresolved.threads.length).toBe(unresolved);
    expect(dashboard.kbReviews.count).toBe(sqlNumber("select count(*) from article_reviews where status = 'open'"));
    expect(dashboard.escalations.count).toBe(sqlNumber("select count(*) from escalations where status = 'open'"));
    expect([dashboard.unanswered.count, dashboard.flags.count, dashboard.unresolved.count, dashboard.escalations.count]).toEqual([3, 3, 1, 1]);
  });

  test("the dashboard's unanswered questions are the ones the community's Unanswered list shows", async () => {
    const dashboard = await load<Dashboard>(modDashboardLoader, "/mod", {}, kim.id);
    const home = await load<{ list: { total: number; threads: { id: number }[] } }>(homeLoader, "/?sort=unanswered");
    // "All N unanswered questions" links there: locked threads and duplicates can take no answer, in neither.
    expect(home.list.total).toBe(dashboard.unanswered.count);
  });

  test("the counts on the dashboard, the menu and the header equal the queues' pages", async () => {
    const dashboard = await load<Dashboard>(modDashboardLoader, "/mod", {}, kim.id);
    const layout = await load<{ openFlags: number; openReviews: number }>(modLayoutLoader, "/mod", {}, kim.id);
    const flagsPage = await load<{ flags: unknown[] }>(modFlagsLoader, "/mod/flags", {}, kim.id);
    const kbPage = await load<{ open: unknown[]; openTotal: number }>(modKbLoader, "/mod/kb", {}, kim.id);
    const escalationsPage = await load<{ open: unknown[] }>(modEscalationsLoader, "/mod/escalations", {}, kim.id);
    const frame = await load<{ openFlags: number }>(rootLoader, "/", {}, kim.id);
    expect(flagsPage.flags.length).toBe(dashboard.flags.count);
    expect(layout.openFlags).toBe(flagsPage.flags.length);
    expect(frame.openFlags).toBe(flagsPage.flags.length);
    expect(kbPage.open.length).toBe(dashboard.kbReviews.count);
    expect(kbPage.openTotal).toBe(kbPage.open.length);
    expect(layout.openReviews).toBe(kbPage.open.length);
    expect(escalationsPage.open.length).toBe(dashboard.escalations.count);
  });
});

describe("unread notifications", () => {
  /** The user's unread notifications (of a kind, or all) whose thread and post they may still read. */
  function unreadRows(userId: number, kind: string | null = null) {
    return sqlNumber(
      `select count(*) from notifications n
         join users r on r.id = n.user_id
         left join threads t on t.id = n.thread_id
         left join posts p on p.id = n.post_id
        where n.user_id = ? and n.read_at is null
          and (n.thread_id is null or (t.deleted_at is null
               and (t.hidden_at is null or t.author_id = n.user_id or r.role in ('moderator', 'admin'))))
          and (n.post_id is null or (p.deleted_at is null
               and (p.hidden_at is null or p.author_id = n.user_id or r.role in ('moderator', 'admin'))))
          and (? is null or n.kind = ?)`,
      userId,
      kind,
      kind,
    );
  }

  test("the bell counts the unread notifications the list shows", async () => {
    // One read, so the bell has something not to count.
    const first = sqlNumber("select id from notifications where user_id = ? order by id limit 1", asker.id);
    openNotification(db, asker, first);
    for (const user of [asker, helper, helper2, watcher, kim, reader]) {
      const frame = await load<{ unreadNotifications: number }>(rootLoader, "/", {}, user.id);
      const list = await load<{ notifications: { read: boolean }[]; hasMore: boolean }>(notificationsLoader, "/notifications", {}, user.id);
      expect(list.hasMore).toBe(false);
      expect(frame.unreadNotifications).toBe(unreadRows(user.id));
      expect(frame.unreadNotifications).toBe(list.notifications.filter((n) => !n.read).length);
    }
    // The watcher was told of the hidden and the deleted questions too: neither is counted.
    const toldOfNewQuestions = sqlNumber("select count(*) from notifications where user_id = ? and kind = 'new_thread'", watcher.id);
    expect(unreadRows(watcher.id, "new_thread")).toBe(toldOfNewQuestions - 2);
    // The asker still counts the answer to their own hidden question.
    const asked = await load<{ notifications: { read: boolean; thread: { id: number } | null }[] }>(notificationsLoader, "/notifications", {}, asker.id);
    expect(asked.notifications.filter((n) => !n.read && n.thread?.id === hiddenThread.id).length).toBe(1);
  });

  test("opening a thread reads its notifications, and the bell of that same page agrees", async () => {
    const threadId = sqlNumber(
      "select thread_id from notifications where user_id = ? and read_at is null and thread_id is not null order by id limit 1",
      helper.id,
    );
    const before = unreadRows(helper.id);
    const aboutThread = sqlNumber("select count(*) from notifications where user_id = ? and read_at is null and thread_id = ?", helper.id, threadId);
    expect(aboutThread).toBeGreaterThan(0);
    // The thread's own loader only reads: the frame marks, first, so its count is already right.
    const slug = db.$client.prepare("select slug from threads where id = ?").pluck().get(threadId) as string;
    await load(threadLoader, `/t/${threadId}/${slug}`, { id: String(threadId), slug }, helper.id);
    expect(unreadRows(helper.id)).toBe(before);
    const frame = await load<{ unreadNotifications: number }>(rootLoader, `/t/${threadId}`, {}, helper.id);
    expect(sqlNumber("select count(*) from notifications where user_id = ? and read_at is null and thread_id = ?", helper.id, threadId)).toBe(0);
    expect(unreadRows(helper.id)).toBeLessThan(before);
    expect(frame.unreadNotifications).toBe(unreadRows(helper.id));
  });
});

describe("the knowledge base", () => {
  type ArticlePage = { article: { helpfulYes: number; helpfulNo: number } };

  test("an article's helpful counts are its readers' answers", async () => {
    for (const { id, slug } of [resetArticle, invoiceArticle, pairArticle]) {
      const { article } = await load<ArticlePage>(kbArticleLoader, `/kb/${slug}`, { slug });
      expect(article.helpfulYes).toBe(sqlNumber("select count(*) from article_feedback where article_id = ? and helpful = 1", id));
      expect(article.helpfulNo).toBe(sqlNumber("select count(*) from article_feedback where article_id = ? and helpful = 0", id));
    }
    const { article } = await load<ArticlePage>(kbArticleLoader, `/kb/${resetArticle.slug}`, { slug: resetArticle.slug });
    // Yes: the reader, the first visitor, the second visitor (after a No); No: helper, helper2 (after a Yes).
    expect([article.helpfulYes, article.helpfulNo]).toEqual([3, 2]);
  });

  test("the list's helpful counts and the articles per category are the rows", async () => {
    type Kb = { categories: { slug: string; articles: number }[]; list: { total: number; articles: { id: number; helpfulYes: number }[] } };
    const page = await load<Kb>(kbLoader, "/kb");
    const published = sqlNumber("select count(*) from articles where status = 'published'");
    expect(page.list.total).toBe(published);
    expect(page.list.articles.length).toBe(published);
    for (const row of page.list.articles) {
      expect(row.helpfulYes).toBe(sqlNumber("select count(*) from article_feedback where article_id = ? and helpful = 1", row.id));
    }
    for (const category of [billing, devices, quiet]) {
      const count = page.categories.find((c) => c.slug === category.slug)!.articles;
      expect(count).toBe(sqlNumber("select count(*) from articles where category_id = ? and status = 'published'", category.id));
      const filtered = await load<Kb>(kbLoader, `/kb?category=${category.slug}`);
      expect(filtered.list.total).toBe(count);
    }
    expect(page.categories.map((c) => c.articles)).toEqual([2, 1, 0]);
  });
});

describe("service status", () => {
  test("each incident's update count is its updates", async () => {
    type Status = { open: { id: number; updateCount: number }[]; resolved: { id: number; updateCount: number }[] };
    const page = await load<Status>(statusLoader, "/status");
    const incidents = [...page.open, ...page.resolved];
    expect(incidents.length).toBe(3);
    for (const incident of incidents) {
      expect(incident.updateCount).toBe(sqlNumber("select count(*) from announcement_updates where announcement_id = ?", incident.id));
    }
    expect(incidents.find((i) => i.id === outage.id)!.updateCount).toBe(2);
  });
});
