// "Download my data": what the file holds (each section against the rows it
// comes from, nothing secret, nothing of anyone else's that is private), how
// requests are limited, the worker that prepares and expires the files, and
// who may download one.
import { and, eq, isNull, or } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { exportUserData } from "../../../app/models/accounts/account-admin.server";
import {
  buildDataExport,
  dataExportDownload,
  EXPORT_LIFETIME_MS,
  exportView,
  latestOwnExport,
  prepareDataExports,
  requestDataExport,
  type DataExportDocument,
} from "../../../app/models/accounts/data-export.server";
import { castVote } from "../../../app/models/forum/vote.server";
import { deletePost } from "../../../app/models/forum/post.server";
import { flagPost } from "../../../app/models/moderation/flag.server";
import { hidePost } from "../../../app/models/moderation/moderation.server";
import { setWatch } from "../../../app/models/notify/watch.server";
import { awardBadge } from "../../../app/models/reputation/badge.server";
import {
  accountTokens,
  auditEvents,
  dataExports,
  notifications,
  posts,
  recoveryCodes,
  reputationEvents,
  sessions,
  threads,
  userBadges,
  userIdentities,
  users,
  votes,
  watches,
} from "../../../db/schema";
import { createTestDb } from "../../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestComment, createTestThread, createUser } from "../../support/factories";
import { refusal } from "../../support/model-helpers";

const db = createTestDb();
type User = Awaited<ReturnType<typeof createEstablishedMember>>;

let ada: User;
let bob: User;
let moderator: User;
let admin: User;
const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const BOB_HIDDEN = "wordbobhiddenanswer";
const ADA_HIDDEN = "wordadahiddenanswer";
const ADA_DELETED = "wordadadeletedcomment";
const BOB_HIDDEN_TITLE = "Wordbobhiddenquestion about my neighbour";

let clock = Date.now() - 12 * 60 * 60 * 1000;
const tick = () => new Date((clock += 60_000));

beforeAll(async () => {
  createTestCategory(db, { slug: "billing", name: "Billing" });
  ada = await createEstablishedMember(db, { username: "ada_export", bio: "I fix routers." });
  bob = await createEstablishedMember(db, { username: "bob_other", email: "bob.private@example.test" });
  moderator = await createUser(db, { username: "mod_export", role: "moderator" });
  admin = await createUser(db, { username: "admin_export", role: "admin" });

  // Ada asks two questions, answers Bob twice (one answer hidden by a moderator), comments twice (one deleted).
  const adaThread = createTestThread(db, ada, { title: "Why does my router blink orange at night?", tags: ["router", "wifi"], at: tick() });
  createTestThread(db, ada, { title: "Can I move my plan to another address?", at: tick() });
  const bobThread = createTestThread(db, bob, { title: "Which cable for the fibre box?", at: tick() });
  const adaAnswer = createTestAnswer(db, ada, bobThread.id, "Use the grey cable that came in the box, not the blue one.", tick());
  const adaHidden = createTestAnswer(db, ada, adaThread.id, `A second thought of mine, ${ADA_HIDDEN}, about the orange light.`, tick());
  hidePost(db, moderator, adaHidden.id, "Off topic", tick());
  const bobAnswer = createTestAnswer(db, bob, adaThread.id, "Orange means the line is syncing: wait ten minutes.", tick());
  const bobHidden = createTestAnswer(db, bob, bobThread.id, `Something only Bob and staff may read: ${BOB_HIDDEN}.`, tick());
  expect(flagPost(db, ada, { postId: bobHidden.id, reason: "other", note: "Looks like a phone number." }).ok).toBe(true);
  hidePost(db, moderator, bobHidden.id, "Personal details", tick());
  createTestComment(db, ada, bobAnswer.id, "Thanks, that was it.", tick());
  // Ada answered a question of Bob's that a moderator then hid: its title is no longer hers to read.
  const hiddenQuestion = createTestThread(db, bob, { title: BOB_HIDDEN_TITLE, at: tick() });
  createTestAnswer(db, ada, hiddenQuestion.id, "Talk to them first, it usually helps.", tick());
  const hiddenQuestionPost = db.select().from(posts).where(and(eq(posts.threadId, hiddenQuestion.id), eq(posts.kind, "question"))).get()!;
  expect(hidePost(db, moderator, hiddenQuestionPost.id, "Names a neighbour", tick()).ok).toBe(true);
  const deleted = createTestComment(db, ada, adaAnswer.id, `Oops, ${ADA_DELETED}.`, tick());
  deletePost(db, ada, deleted.id, tick());

  // Ada votes, flags, watches; Bob votes on Ada's answer (a ledger row and a notification for her); a badge.
  castVote(db, ada, bobAnswer.id, "up", tick());
  bob.reputation = db.select().from(users).where(eq(users.id, bob.id)).get()!.reputation;
  castVote(db, bob, adaAnswer.id, "up", tick());
  setWatch(db, ada, { targetType: "category", targetId: adaThread.categoryId, level: "watching" }, tick());
  db.transaction((tx) => awardBadge(tx, ada.id, "first_answer", { postId: adaAnswer.id, now: tick() }));

  // Secrets that must never leave: two-factor, recovery codes, tokens, sessions, a linked sign-in's subject is fine.
  db.update(users).set({ totpSecret: SECRET, totpEnabledAt: tick() }).where(eq(users.id, ada.id)).run();
  db.insert(recoveryCodes).values({ userId: ada.id, codeHash: "recovery-code-hash-value" }).run();
  db.insert(accountTokens).values({ userId: ada.id, purpose: "password_reset", tokenHash: "account-token-hash-value", expiresAt: tick() }).run();
  db.insert(sessions).values({ id: "session-id-of-ada-secret", userId: ada.id, expiresAt: 9_999_999_999, createdAt: 1 }).run();
  db.insert(userIdentities).values({ userId: ada.id, provider: "acme", subject: "sub-123", email: "ada@acme.example" }).run();
});

function documentOf(userId: number): DataExportDocument {
  return buildDataExport(db, userId, new Date());
}

describe("the export's content", () => {
  test("each section holds exactly the person's rows", () => {
    const doc = documentOf(ada.id);
    // Hers, not deleted, in a thread she may open (not one of someone else's hidden questions).
    const own = (kind: "question" | "answer" | "comment") =>
      db
        .select({ id: posts.id })
        .from(posts)
        .innerJoin(threads, eq(threads.id, posts.threadId))
        .where(
          and(
            eq(posts.authorId, ada.id),
            eq(posts.kind, kind),
            isNull(posts.deletedAt),
            isNull(threads.deletedAt),
            or(isNull(threads.hiddenAt), eq(threads.authorId, ada.id)),
          ),
        )
        .all()
        .map((r) => r.id)
        .sort((a, b) => a - b);

    expect(doc.profile).toMatchObject({ id: ada.id, username: "ada_export", email: ada.email, bio: "I fix routers.", twoFactorEnabled: true, signsInWithPassword: true });
    expect(doc.profile.linkedSignIns).toEqual([expect.objectContaining({ provider: "acme", email: "ada@acme.example" })]);

    expect(doc.questions.map((q) => q.id)).toEqual(own("question"));
    expect(doc.questions).toHaveLength(db.select().from(threads).where(eq(threads.authorId, ada.id)).all().length);
    expect(doc.questions.find((q) => q.title.startsWith("Why does my router"))!.tags).toEqual(["router", "wifi"]);
    // Her hidden answer is hers (with the moderator's reason she already sees); her deleted comment is not in.
    expect(doc.answers.map((a) => a.id)).toEqual(own("answer"));
    expect(doc.answers).toHaveLength(2);
    expect(doc.answers.find((a) => a.body.includes(ADA_HIDDEN))!.hiddenByModerator).toMatchObject({ reason: "Off topic" });
    expect(doc.comments.map((c) => c.id)).toEqual(own("comment"));
    expect(doc.comments).toHaveLength(1);

    expect(doc.votes).toHaveLength(db.select().from(votes).where(eq(votes.userId, ada.id)).all().length);
    expect(doc.votes).toEqual([expect.objectContaining({ direction: "up" })]);
    const ledger = db.select().from(reputationEvents).where(eq(reputationEvents.userId, ada.id)).all();
    expect(doc.reputationHistory).toHaveLength(ledger.length);
    expect(doc.reputationHistory.reduce((sum, r) => sum + r.points, 0)).toBe(ledger.reduce((sum, r) => sum + r.points, 0));
    expect(doc.badges.map((b) => b.badge).sort()).toEqual(
      db.select().from(userBadges).where(eq(userBadges.userId, ada.id)).all().map((b) => b.badge).sort(),
    );
    expect(doc.badges.length).toBeGreaterThan(0);
    const notified = db.select().from(notifications).where(eq(notifications.userId, ada.id)).all();
    expect(notified.length).toBeGreaterThan(0);
    expect(doc.notifications).toHaveLength(notified.length);
    expect(doc.watches).toHaveLength(db.select().from(watches).where(eq(watches.userId, ada.id)).all().length);
    expect(doc.flagsRaised).toEqual([expect.objectContaining({ reason: "other", note: "Looks like a phone number." })]);
    expect(doc.searchHistory).toEqual([]);
  });

  test("no secret and nothing private of anyone else", () => {
    const text = JSON.stringify(documentOf(ada.id));
    const row = db.select().from(users).where(eq(users.id, ada.id)).get()!;
    for (const secret of [row.passwordHash, SECRET, "recovery-code-hash-value", "account-token-hash-value", "session-id-of-ada-secret"]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toContain("passwordHash");
    expect(text).not.toContain("totpSecret");
    // Bob's hidden answer (Ada flagged it) and Bob's address never appear; her deleted comment neither.
    expect(text).not.toContain(BOB_HIDDEN);
    expect(text).not.toContain("Wordbobhiddenquestion");
    expect(text).not.toContain("bob.private@example.test");
    expect(text).not.toContain(ADA_DELETED);
    // Who voted for her answer is not said either: ledger rows carry no actor.
    expect(documentOf(ada.id).reputationHistory.every((r) => !("actorId" in r))).toBe(true);
  });
});

describe("asking, preparing, expiring", () => {
  const T0 = new Date(Date.now() + 24 * 60 * 60 * 1000);
  const later = (ms: number) => new Date(T0.getTime() + ms);

  test("one request at a time, once an hour; the worker prepares it, offers it 7 days, then removes it", () => {
    const first = requestDataExport(db, ada, T0);
    expect(first.ok).toBe(true);
    const exportId = first.ok ? first.exportId : 0;
    expect(db.select().from(dataExports).where(eq(dataExports.id, exportId)).get()).toMatchObject({ status: "pending", content: "" });

    // A second request while one is pending changes nothing.
    expect(requestDataExport(db, ada, later(1000))).toEqual({ ok: false, errors: { form: expect.stringContaining("already being prepared") } });
    expect(db.select().from(dataExports).where(eq(dataExports.userId, ada.id)).all()).toHaveLength(1);
    // The owner cannot download what is not ready.
    expect(refusal(() => dataExportDownload(db, ada, exportId, later(1000))).status).toBe(409);

    const preparedAt = later(5000);
    expect(prepareDataExports(db, preparedAt)).toEqual({ prepared: 1, failed: 0, removed: 0 });
    const ready = db.select().from(dataExports).where(eq(dataExports.id, exportId)).get()!;
    expect(ready).toMatchObject({ status: "ready", readyAt: preparedAt, expiresAt: new Date(preparedAt.getTime() + EXPORT_LIFETIME_MS) });
    const parsed = JSON.parse(ready.content) as DataExportDocument;
    expect(parsed.profile.username).toBe("ada_export");
    expect(parsed.answers).toHaveLength(2);

    // Within the hour a new request is refused; after it, allowed.
    expect(requestDataExport(db, ada, later(30 * 60 * 1000))).toEqual({ ok: false, errors: { form: expect.stringContaining("less than an hour ago") } });

    const file = dataExportDownload(db, ada, exportId, later(6000));
    expect(file.fileName).toBe(`entraide-ada_export-${preparedAt.toISOString().slice(0, 10)}.json`);
    expect(file.content).toBe(ready.content);

    // Seven days on: shown as expired, refused (410), then removed by the worker.
    const expiry = new Date(preparedAt.getTime() + EXPORT_LIFETIME_MS);
    expect(exportView(latestOwnExport(db, ada.id)!, new Date(expiry.getTime() - 1)).status).toBe("ready");
    expect(exportView(latestOwnExport(db, ada.id)!, expiry).status).toBe("expired");
    expect(refusal(() => dataExportDownload(db, ada, exportId, expiry)).status).toBe(410);
    expect(prepareDataExports(db, new Date(expiry.getTime() - 1)).removed).toBe(0);
    expect(prepareDataExports(db, expiry).removed).toBe(1);
    expect(db.select().from(dataExports).where(eq(dataExports.id, exportId)).get()).toBeUndefined();
    expect(requestDataExport(db, ada, later(2 * 60 * 60 * 1000)).ok).toBe(true);
    prepareDataExports(db, later(2 * 60 * 60 * 1000 + 1000));
  });

  test("only the owner downloads their export: another member, a moderator and an admin get the same 404 as for no export", () => {
    const own = latestOwnExport(db, ada.id)!;
    expect(own.status).toBe("ready");
    const now = new Date(own.readyAt!.getTime() + 1000);
    const missing = refusal(() => dataExportDownload(db, bob, 999_999, now));
    expect(missing.status).toBe(404);
    for (const someone of [bob, moderator, admin]) {
      const response = refusal(() => dataExportDownload(db, someone, own.id, now));
      expect(response.status).toBe(404);
      expect(response.statusText).toBe(missing.statusText);
    }
  });

  test("an admin's export of a member is for admins, audit-logged, and not the member's own request", async () => {
    const before = latestOwnExport(db, bob.id);
    const result = exportUserData(db, admin, bob.id, new Date());
    expect(result.ok).toBe(true);
    const audit = db.select().from(auditEvents).where(eq(auditEvents.action, "user.export")).all().at(-1)!;
    expect(audit).toMatchObject({ actorId: admin.id, targetType: "user", targetId: bob.id });
    const exportId = (JSON.parse(audit.details) as { exportId: number }).exportId;
    // Not on Bob's own page, and not counted against his hourly request.
    expect(latestOwnExport(db, bob.id)).toEqual(before);
    // A second one while it is pending is refused.
    expect(exportUserData(db, admin, bob.id).ok).toBe(false);

    const now = new Date();
    prepareDataExports(db, now);
    const second = await createUser(db, { username: "admin_two", role: "admin" });
    expect(JSON.parse(dataExportDownload(db, second, exportId, now).content).profile.username).toBe("bob_other");
    for (const someone of [moderator, ada]) expect(refusal(() => dataExportDownload(db, someone, exportId, now)).status).toBe(404);
  });

  test("a failed preparation is marked failed, and the others still get prepared", () => {
    const ghost = db.insert(dataExports).values({ userId: moderator.id, status: "pending" }).returning().get();
    const quiet = { error: () => {} };
    // A row whose person vanished cannot be built (simulated by pointing at no user, foreign keys off for the moment).
    db.$client.pragma("foreign_keys = OFF");
    db.update(dataExports).set({ userId: 987_654 }).where(eq(dataExports.id, ghost.id)).run();
    db.$client.pragma("foreign_keys = ON");
    const good = requestDataExport(db, moderator, new Date());
    expect(good.ok).toBe(true);
    const report = prepareDataExports(db, new Date(), quiet);
    expect(report).toMatchObject({ prepared: 1, failed: 1 });
    expect(db.select().from(dataExports).where(eq(dataExports.id, ghost.id)).get()!.status).toBe("failed");
    db.delete(dataExports).where(eq(dataExports.id, ghost.id)).run();
  });
});
