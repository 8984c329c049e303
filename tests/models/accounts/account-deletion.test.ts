// "Delete my account" and the admins' account tools: the person is
// anonymised (every personal field and row gone), their posts, votes and
// ledger stay, they leave the leaderboard, can never sign in again; wrong
// passwords and confirmations change nothing; single sign-on accounts need a
// fresh sign-in; moderators are refused the admins' tools; everything is
// audit-logged.
import { and, eq, ne, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { deleteUserAccount, exportUserData, memberAdminPage, resetTwoFactor } from "../../../app/models/accounts/account-admin.server";
import { deleteOwnAccount, FRESH_SIGN_IN_SECONDS, myDataPage, reauthenticationFor } from "../../../app/models/accounts/account-deletion.server";
import { requestDataExport } from "../../../app/models/accounts/data-export.server";
import { profilePageFor } from "../../../app/models/accounts/profile-page.server";
import { authenticate } from "../../../app/models/accounts/user.server";
import { castVote } from "../../../app/models/forum/vote.server";
import { setWatch } from "../../../app/models/notify/watch.server";
import { queueOutboxMessages } from "../../../app/models/notify/outbox.server";
import { leaderboard } from "../../../app/models/reputation/leaderboard.server";
import { awardBadge, badgeDirectory } from "../../../app/models/reputation/badge.server";
import { earlyAccessReaders } from "../../../app/models/reputation/early-access.server";
import {
  accountTokens,
  auditEvents,
  dataExports,
  loginAttempts,
  notifications,
  oidcProviders,
  outboxMessages,
  posts,
  recoveryCodes,
  reputationEvents,
  sessions,
  userIdentities,
  users,
  votes,
  watches,
} from "../../../db/schema";
import { createTestDb } from "../../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestThread, createUser, giveReputation, TEST_PASSWORD } from "../../support/factories";
import { expectRefused, snapshot } from "../../support/model-helpers";

const db = createTestDb();
type User = Awaited<ReturnType<typeof createEstablishedMember>>;

let clock = Date.now() - 12 * 60 * 60 * 1000;
const tick = () => new Date((clock += 60_000));
const nowSeconds = () => Math.floor(Date.now() / 1000);

let admin: User;
let moderator: User;
let asker: User;

beforeAll(async () => {
  createTestCategory(db, { slug: "billing", name: "Billing" });
  admin = await createUser(db, { username: "admin_del", role: "admin" });
  moderator = await createUser(db, { username: "mod_del", role: "moderator" });
  asker = await createEstablishedMember(db, { username: "asker_del" });
});

/** A member with everything personal an account can hold, and a session of their own. */
async function fullMember(username: string) {
  const member = await createEstablishedMember(db, { username, bio: `${username}: twenty years with the same router.`, displayName: `${username} Display` });
  const thread = createTestThread(db, asker, { title: `A question that ${username} answers`, at: tick() });
  const answer = createTestAnswer(db, member, thread.id, `My answer, signed ${username}: reboot twice.`, tick());
  const own = createTestThread(db, member, { title: `A question of ${username}'s own`, at: tick() });
  const other = createTestAnswer(db, asker, own.id, "Check the fuse box first.", tick());
  castVote(db, member, other.id, "up", tick());
  castVote(db, asker, answer.id, "up", tick());
  setWatch(db, member, { targetType: "category", targetId: thread.categoryId, level: "watching" }, tick());
  const sessionId = `session-${username}`;
  db.insert(sessions).values({ id: sessionId, userId: member.id, expiresAt: nowSeconds() + 3600, createdAt: nowSeconds() - 3600 }).run();
  db.insert(sessions).values({ id: `${sessionId}-phone`, userId: member.id, expiresAt: nowSeconds() + 3600, createdAt: nowSeconds() }).run();
  db.update(users).set({ totpSecret: "JBSWY3DPEHPK3PXP", totpEnabledAt: tick(), emailNotifications: "immediate" }).where(eq(users.id, member.id)).run();
  db.insert(recoveryCodes).values({ userId: member.id, codeHash: `code-${username}` }).run();
  db.insert(accountTokens).values({ userId: member.id, purpose: "email_verify", tokenHash: `token-${username}`, expiresAt: tick() }).run();
  db.insert(userIdentities).values({ userId: member.id, provider: "acme", subject: `sub-${username}`, email: `${username}@acme.example` }).run();
  db.insert(loginAttempts).values({ key: `account:${member.id}` }).run();
  queueOutboxMessages(db, [{ kind: "email", userId: member.id, toAddress: member.email, subject: "Hello", body: "Your digest" }]);
  requestDataExport(db, member);
  return { member, answer, thread, own, sessionId };
}

const count = (table: typeof sessions | typeof watches | typeof notifications | typeof recoveryCodes | typeof accountTokens | typeof userIdentities | typeof dataExports, userId: number) =>
  db.select({ n: sql<number>`count(*)` }).from(table).where(eq(table.userId, userId)).get()!.n;

function personalRows(userId: number) {
  return {
    sessions: count(sessions, userId),
    watches: count(watches, userId),
    notifications: count(notifications, userId),
    recoveryCodes: count(recoveryCodes, userId),
    accountTokens: count(accountTokens, userId),
    identities: count(userIdentities, userId),
    dataExports: count(dataExports, userId),
    loginAttempts: db.select().from(loginAttempts).where(eq(loginAttempts.key, `account:${userId}`)).all().length,
    emails: db.select().from(outboxMessages).where(and(eq(outboxMessages.userId, userId), eq(outboxMessages.kind, "email"))).all().length,
  };
}

/** Every table but the sign-in attempts (a wrong password is counted there, by design). */
function snapshotButAttempts() {
  return snapshot(db).replace(/"login_attempts":\[[^\]]*\]/, "");
}

describe("deleting one's own account", () => {
  test("a wrong password or a wrong confirmation is refused, and nothing changes", async () => {
    const { member, sessionId } = await fullMember("wrong_wendy");
    const before = snapshotButAttempts();
    const wrongPassword = await deleteOwnAccount(db, member, sessionId, { password: "not her password", confirmation: "wrong_wendy" });
    expect(wrongPassword).toEqual({ ok: false, errors: { password: "That is not your current password." } });
    const noPassword = await deleteOwnAccount(db, member, sessionId, { password: "", confirmation: "wrong_wendy" });
    expect(noPassword).toEqual({ ok: false, errors: { password: "Enter your current password." } });
    const wrongConfirmation = await deleteOwnAccount(db, member, sessionId, { password: TEST_PASSWORD, confirmation: "DELETE" });
    expect(wrongConfirmation).toEqual({ ok: false, errors: { confirmation: "Type your username, wrong_wendy, to confirm." } });
    expect(snapshotButAttempts()).toBe(before);
    // The wrong password counted against the sign-in limit, like a sign-in attempt.
    expect(db.select().from(loginAttempts).where(eq(loginAttempts.key, `account:${member.id}`)).all().length).toBe(2);
  });

  test("deleting anonymises every personal field and row, keeps the posts, votes and ledger, and no way in is left", async () => {
    const { member, answer, own, sessionId } = await fullMember("dora_del");
    expect(Object.values(personalRows(member.id)).every((n) => n > 0)).toBe(true);
    const ledgerBefore = db.select().from(reputationEvents).where(eq(reputationEvents.userId, member.id)).all();
    const totalBefore = db.select().from(users).where(eq(users.id, member.id)).get()!.reputation;
    const votesBefore = db.select().from(votes).where(eq(votes.userId, member.id)).all();
    const postsBefore = db.select().from(posts).where(eq(posts.authorId, member.id)).all();
    const scoreBefore = db.select().from(posts).where(eq(posts.id, answer.id)).get()!.score;

    // The confirmation is the username, in any case.
    const result = await deleteOwnAccount(db, member, sessionId, { password: TEST_PASSWORD, confirmation: "  DORA_del " });
    expect(result).toEqual({ ok: true });

    const row = db.select().from(users).where(eq(users.id, member.id)).get()!;
    expect(row).toMatchObject({
      username: `former-member-${member.id}`,
      displayName: "a former member",
      email: `former-member-${member.id}@invalid`,
      bio: "",
      passwordHash: "",
      totpSecret: "",
      totpEnabledAt: null,
      emailVerifiedAt: null,
      emailNotifications: "off",
      mustChangePassword: false,
      role: "member",
    });
    expect(row.deletedAt).toBeInstanceOf(Date);
    expect(personalRows(member.id)).toEqual({
      sessions: 0,
      watches: 0,
      notifications: 0,
      recoveryCodes: 0,
      accountTokens: 0,
      identities: 0,
      dataExports: 0,
      loginAttempts: 0,
      emails: 0,
    });
    // Nothing personal left anywhere in the database, but in emails already written to other
    // people (they name who answered: their mailboxes have them too).
    const { outbox_messages: _others, ...tables } = JSON.parse(snapshot(db)) as Record<string, unknown[]>;
    const everything = JSON.stringify(tables);
    for (const trace of ["dora_del Display", "dora_del@example.test", "dora_del: twenty years", "sub-dora_del", "code-dora_del", "token-dora_del"]) {
      expect(everything).not.toContain(trace);
    }

    // What others rely on stays: posts (her name in her own text is hers to have written), votes, the ledger and its total.
    expect(db.select().from(posts).where(eq(posts.authorId, member.id)).all()).toEqual(postsBefore);
    expect(db.select().from(votes).where(eq(votes.userId, member.id)).all()).toEqual(votesBefore);
    expect(db.select().from(posts).where(eq(posts.id, answer.id)).get()!.score).toBe(scoreBefore);
    expect(db.select().from(reputationEvents).where(eq(reputationEvents.userId, member.id)).all()).toEqual(ledgerBefore);
    expect(row.reputation).toBe(totalBefore);
    expect(row.reputation).toBe(1 + ledgerBefore.reduce((sum, e) => sum + e.points, 0));
    expect(own.id).toBeGreaterThan(0);

    // The audit log says an account was deleted, by whom, naming no one.
    const audit = db.select().from(auditEvents).where(and(eq(auditEvents.action, "user.delete"), eq(auditEvents.targetId, member.id))).get()!;
    expect(audit).toMatchObject({ actorId: member.id, targetType: "user" });
    expect(JSON.parse(audit.details)).toEqual({ by: "self" });

    // No way in: neither the old name nor the new one, with any password; no profile.
    for (const login of ["dora_del", "dora_del@example.test", `former-member-${member.id}`, `former-member-${member.id}@invalid`]) {
      expect((await authenticate(db, { login, password: TEST_PASSWORD, address: "192.0.2.50" })).ok).toBe(false);
      expect((await authenticate(db, { login, password: "", address: "192.0.2.51" })).ok).toBe(false);
    }
    expect(profilePageFor(db, `former-member-${member.id}`, "answers", 1)).toBeNull();
    expect(profilePageFor(db, "dora_del", "answers", 1)).toBeNull();
  });

  test("the leaderboard no longer lists them, and its numbers are those of the remaining members' rows", async () => {
    const top = await createEstablishedMember(db, { username: "top_tara" });
    giveReputation(db, top, 5_000);
    const runnerUp = await createEstablishedMember(db, { username: "runner_rui" });
    giveReputation(db, runnerUp, 3_000);
    const sessionId = "session-top-tara";
    db.insert(sessions).values({ id: sessionId, userId: top.id, expiresAt: nowSeconds() + 3600, createdAt: nowSeconds() }).run();
    expect(leaderboard(db, { period: "all" })[0]!.user.username).toBe("top_tara");
    expect(leaderboard(db, { period: "week" }).some((r) => r.user.username === "top_tara")).toBe(true);

    awardBadge(db, top.id, "first_question");
    const holdersOf = () => badgeDirectory(db).find((b) => b.key === "first_question")!;
    const holdersBefore = holdersOf().count;
    expect(earlyAccessReaders(db)).toContain(top.id);

    expect(await deleteOwnAccount(db, top, sessionId, { password: TEST_PASSWORD, confirmation: "top_tara" })).toEqual({ ok: true });

    // Nor the badges' directory (its count included), nor early access's readers.
    expect(holdersOf().count).toBe(holdersBefore - 1);
    expect(holdersOf().holders.some((h) => h.username === `former-member-${top.id}`)).toBe(false);
    expect(earlyAccessReaders(db)).not.toContain(top.id);

    for (const period of ["all", "week", "month"] as const) {
      const board = leaderboard(db, { period, limit: 500 });
      expect(board.some((r) => r.user.username === `former-member-${top.id}` || r.user.displayName === "a former member")).toBe(false);
      // Every row's points are what that member's ledger (or total) says; everyone live who gained is listed.
      const members = db
        .select({ id: users.id, username: users.username, reputation: users.reputation })
        .from(users)
        .where(and(eq(users.role, "member"), sql`${users.deletedAt} is null`, ne(users.reputation, 1)))
        .all();
      const since = period === "all" ? 0 : Date.now() - (period === "week" ? 7 : 30) * 86_400_000;
      const expected = members
        .map((m) => ({
          username: m.username,
          points:
            period === "all"
              ? m.reputation - 1
              : db
                  .select({ points: sql<number>`coalesce(sum(${reputationEvents.points}), 0)` })
                  .from(reputationEvents)
                  .where(and(eq(reputationEvents.userId, m.id), sql`${reputationEvents.createdAt} >= ${since}`))
                  .get()!.points,
        }))
        .filter((m) => m.points > 0);
      expect(board.map((r) => ({ username: r.user.username, points: r.points })).sort((a, b) => a.username.localeCompare(b.username))).toEqual(
        expected.sort((a, b) => a.username.localeCompare(b.username)),
      );
    }
    expect(leaderboard(db, { period: "all" })[0]!.user.username).toBe("runner_rui");
  });

  test("without a password (single sign-on), only a sign-in from the last 10 minutes will do, and the page offers to sign in again", async () => {
    const sso = await createEstablishedMember(db, { username: "sso_sam", passwordHash: "" });
    db.update(users).set({ passwordHash: "" }).where(eq(users.id, sso.id)).run();
    db.insert(oidcProviders).values({ slug: "acme", label: "Acme Login", issuer: "https://acme.example", clientId: "x", clientSecret: "y" }).run();
    db.insert(userIdentities).values({ userId: sso.id, provider: "acme", subject: "sam-1" }).run();
    db.insert(userIdentities).values({ userId: sso.id, provider: "globex", subject: "sam-2" }).run();
    const now = new Date();
    const stale = "session-sso-stale";
    const fresh = "session-sso-fresh";
    db.insert(sessions).values({ id: stale, userId: sso.id, expiresAt: nowSeconds() + 3600, createdAt: nowSeconds() - FRESH_SIGN_IN_SECONDS - 5 }).run();

    expect(reauthenticationFor(db, sso.id, stale, now)).toEqual({
      method: "sso",
      fresh: false,
      providers: [
        { slug: "acme", label: "Acme Login", href: "/auth/acme?redirectTo=%2Fsettings%2Fdata" },
        { slug: "globex", label: "Globex", href: "/auth/globex?redirectTo=%2Fsettings%2Fdata" },
      ],
    });
    const before = snapshot(db);
    const refused = await deleteOwnAccount(db, sso, stale, { password: "", confirmation: "sso_sam" }, now);
    expect(refused.ok).toBe(false);
    expect(refused.ok ? null : refused.errors.form).toMatch(/sign in again/);
    // Someone else's fresh session does not count.
    expect((await deleteOwnAccount(db, sso, "session-top-tara", { password: "", confirmation: "sso_sam" }, now)).ok).toBe(false);
    expect(snapshot(db)).toBe(before);

    db.insert(sessions).values({ id: fresh, userId: sso.id, expiresAt: nowSeconds() + 3600, createdAt: nowSeconds() - 30 }).run();
    expect(myDataPage(db, sso, fresh, now).reauthentication).toMatchObject({ method: "sso", fresh: true });
    expect(await deleteOwnAccount(db, sso, fresh, { password: "", confirmation: "sso_sam" }, now)).toEqual({ ok: true });
    expect(db.select().from(userIdentities).where(eq(userIdentities.userId, sso.id)).all()).toEqual([]);
  });

  test("the site's only administrator may not delete their own account", async () => {
    // Make this one the only administrator for the moment.
    const solo = await createUser(db, { username: "solo_admin", role: "admin" });
    db.update(users).set({ role: "member" }).where(and(eq(users.role, "admin"), ne(users.id, solo.id))).run();
    try {
      const before = snapshot(db);
      expect(myDataPage(db, solo, null).deletionRefused).toMatch(/only administrator/);
      const result = await deleteOwnAccount(db, solo, null, { password: TEST_PASSWORD, confirmation: "solo_admin" });
      expect(result.ok ? null : result.errors.form).toMatch(/only administrator/);
      expect(snapshot(db)).toBe(before);
    } finally {
      db.update(users).set({ role: "admin" }).where(eq(users.id, admin.id)).run();
    }
    // With another administrator, the way is open.
    expect(myDataPage(db, solo, null).deletionRefused).toBeNull();
  });
});

describe("the admins' account tools", () => {
  test("a moderator is refused export, deletion and two-factor reset, and nothing changes", async () => {
    const { member } = await fullMember("target_tom");
    expectRefused(db, () => exportUserData(db, moderator, member.id));
    expectRefused(db, () => deleteUserAccount(db, moderator, member.id, { confirmation: "target_tom", reason: "" }));
    expectRefused(db, () => resetTwoFactor(db, moderator, member.id));
    // A member, and a visitor, too.
    expectRefused(db, () => deleteUserAccount(db, asker, member.id, { confirmation: "target_tom", reason: "" }));
    expectRefused(db, () => resetTwoFactor(db, null, member.id), 401);
    expect(memberAdminPage(db, moderator, "target_tom").admin).toBeNull();
    expect(memberAdminPage(db, admin, "target_tom").admin).toMatchObject({ twoFactorOn: true, export: null });
  });

  test("an admin resets a member's two-factor sign-in: secret, date and codes gone, audit-logged, the member told", async () => {
    const { member } = await fullMember("lost_lucy");
    const result = resetTwoFactor(db, admin, member.id, tick());
    expect(result.ok).toBe(true);
    const row = db.select().from(users).where(eq(users.id, member.id)).get()!;
    expect(row).toMatchObject({ totpSecret: "", totpEnabledAt: null });
    expect(db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, member.id)).all()).toEqual([]);
    expect(db.select().from(auditEvents).where(and(eq(auditEvents.action, "user.two_factor_reset"), eq(auditEvents.targetId, member.id))).get()).toMatchObject({ actorId: admin.id });
    expect(db.select().from(outboxMessages).where(and(eq(outboxMessages.userId, member.id), sql`${outboxMessages.subject} like '%two-factor%'`)).get()?.toAddress).toBe(member.email);
    // Once off, there is nothing to reset; an admin resets their own from their settings.
    const before = snapshot(db);
    expect(resetTwoFactor(db, admin, member.id).ok).toBe(false);
    expect(resetTwoFactor(db, admin, admin.id).ok).toBe(false);
    expect(snapshot(db)).toBe(before);
  });

  test("an admin deletes a member's account after typing their username; the wrong name changes nothing; audit-logged with the reason", async () => {
    const { member } = await fullMember("gone_gary");
    const before = snapshot(db);
    expect(deleteUserAccount(db, admin, member.id, { confirmation: "gone_gar", reason: "" })).toEqual({
      ok: false,
      errors: { confirmation: "Type the member's username, gone_gary, to confirm." },
    });
    expect(deleteUserAccount(db, admin, admin.id, { confirmation: "admin_del", reason: "" }).ok).toBe(false);
    expect(snapshot(db)).toBe(before);

    const result = deleteUserAccount(db, admin, member.id, { confirmation: "gone_gary", reason: "Asked by letter" });
    expect(result).toMatchObject({ ok: true, username: `former-member-${member.id}` });
    expect(db.select().from(users).where(eq(users.id, member.id)).get()).toMatchObject({ displayName: "a former member", passwordHash: "" });
    expect(personalRows(member.id)).toMatchObject({ sessions: 0, identities: 0, notifications: 0, watches: 0 });
    const audit = db.select().from(auditEvents).where(and(eq(auditEvents.action, "user.delete"), eq(auditEvents.targetId, member.id))).get()!;
    expect(audit).toMatchObject({ actorId: admin.id, reason: "Asked by letter" });
    expect(audit.details).not.toContain("gone_gary");
    // Deleted: the tools are gone, the export refused, a second deletion refused.
    expect(memberAdminPage(db, admin, `former-member-${member.id}`)).toMatchObject({ admin: null });
    expect(exportUserData(db, admin, member.id).ok).toBe(false);
    expect(deleteUserAccount(db, admin, member.id, { confirmation: `former-member-${member.id}`, reason: "" }).ok).toBe(false);
  });

  test("a member who took the name former-member-<id> first does not block that account's deletion", async () => {
    const next = (db.select({ id: sql<number>`max(${users.id})` }).from(users).get()!.id ?? 0) + 2;
    const squatter = await createUser(db, { username: `former-member-${next}` });
    const victim = await createUser(db, { username: "victim_vera" });
    expect(victim.id).toBe(next);
    expect(squatter.id).toBe(next - 1);
    const result = deleteUserAccount(db, admin, victim.id, { confirmation: "victim_vera", reason: "" });
    expect(result).toMatchObject({ ok: true, username: `former-member-${next}-2` });
  });
});
