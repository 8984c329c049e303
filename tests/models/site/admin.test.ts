import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { changeRole, getUserById, listUsers } from "../../../app/models/accounts/user.server";
import { getKbReviewRule, getSiteSettings } from "../../../app/models/site/settings.server";
import { action as usersAction, loader as usersLoader } from "../../../app/routes/admin._index";
import { loader as adminLayoutLoader } from "../../../app/routes/admin";
import { action as settingsAction, loader as settingsLoader } from "../../../app/routes/admin.settings";
import { action as rewardsAction, loader as rewardsLoader } from "../../../app/routes/admin.rewards";
import { DEFAULT_REWARD_RULES, getRewardRules, updateRewardRules } from "../../../app/models/reputation/reward-rules.server";
import { POINT_FIELDS, PRIVILEGE_FIELDS } from "../../../app/forms/admin";
import { auditEvents } from "../../../db/schema";
import { siteFrameFor } from "../../../app/models/site/site-frame.server";
import { suspendUser } from "../../../app/models/moderation/moderation.server";
import { asCurrentUser, contextFor, createTestDb, formRequest, getRequest, settle } from "../../support/db";
import { createUser } from "../../support/factories";
import { actionArgs, bodyOf, loaderArgs } from "../../support/http-helpers";

const db = createTestDb();

type User = Awaited<ReturnType<typeof createUser>>;
let admin: User;
let moderator: User;
let member: User;

// Names without "_" or "%" so that the literal-wildcard searches below are meaningful.
beforeAll(async () => {
  admin = await createUser(db, { username: "rootadmin", email: "root@staff.example", displayName: "Root Admin", role: "admin" });
  moderator = await createUser(db, { username: "mira", email: "mira@staff.example", displayName: "Mira Mod", role: "moderator" });
  member = await createUser(db, { username: "maxwell", email: "maxwell@example.test", displayName: "Max Well" });
  await createUser(db, { username: "under_score", email: "under@example.test", displayName: "Under Score" });
  await createUser(db, { username: "percentfan", email: "percent@example.test", displayName: "100% sure" });
  await createUser(db, { username: "zed", email: "zed@zmail.example", displayName: "Zed" });
});

function auditRows() {
  return db.select().from(auditEvents).all();
}

function listAs(userId: number | null, search = "") {
  return settle(() => usersLoader(loaderArgs(getRequest(`/admin${search}`), contextFor(db, userId))));
}

async function usernamesFound(search: string) {
  const response = await listAs(admin.id, search);
  expect(response.status).toBe(200);
  const data = await bodyOf<{ users: { username: string }[]; total: number }>(response);
  expect(data.total).toBe(data.users.length);
  return data.users.map((u) => u.username).sort();
}

function postRole(actorId: number, fields: Record<string, string>) {
  return settle(() => usersAction(actionArgs(formRequest("/admin", fields), contextFor(db, actorId))));
}

describe("the users list", () => {
  test("an admin sees every user", async () => {
    expect(await usernamesFound("")).toEqual(["maxwell", "mira", "percentfan", "rootadmin", "under_score", "zed"]);
  });

  test("search finds users by part of the username or email, in any case", async () => {
    expect(await usernamesFound("?q=MAXW")).toEqual(["maxwell"]);
    expect(await usernamesFound("?q=zmail")).toEqual(["zed"]);
    expect(await usernamesFound("?q=staff.example")).toEqual(["mira", "rootadmin"]);
    expect(await usernamesFound("?q=nobody-like-this")).toEqual([]);
  });

  test("search treats % and _ as the characters themselves", async () => {
    expect(await usernamesFound(`?q=${encodeURIComponent("_")}`)).toEqual(["under_score"]);
    expect(await usernamesFound(`?q=${encodeURIComponent("%")}`)).toEqual(["percentfan"]);
    expect(await usernamesFound(`?q=${encodeURIComponent("100%")}`)).toEqual(["percentfan"]);
    expect(await usernamesFound(`?q=${encodeURIComponent("r_s")}`)).toEqual(["under_score"]);
    expect(await usernamesFound(`?q=${encodeURIComponent("\\")}`)).toEqual([]);
  });

  test("the list can be narrowed to a role", async () => {
    expect(await usernamesFound("?role=moderator")).toEqual(["mira"]);
    expect(await usernamesFound("?role=admin")).toEqual(["rootadmin"]);
  });

  test("listUsers refuses anyone but an admin", () => {
    expect(listUsers(db, asCurrentUser(db, admin.id), { q: "mira" }).users.map((u) => u.username)).toEqual(["mira"]);
    for (const actor of [asCurrentUser(db, moderator.id), asCurrentUser(db, member.id), null]) {
      expect(() => listUsers(db, actor, {})).toThrow();
    }
  });

  test("moderators and members get a 403, visitors are sent to sign in", async () => {
    expect((await listAs(moderator.id)).status).toBe(403);
    expect((await listAs(member.id)).status).toBe(403);
    const visitor = await listAs(null);
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toBe("/login?redirectTo=%2Fadmin");
    const layout = await settle(() => adminLayoutLoader(loaderArgs(getRequest("/admin"), contextFor(db, moderator.id))));
    expect(layout.status).toBe(403);
  });
});

describe("changing a role", () => {
  test("an admin promotes a member, and an audit row says who, what, to whom, from, to and why", async () => {
    const target = await createUser(db, { username: "promoted", email: "promoted@example.test" });
    const otherMember = await createUser(db, { username: "suspended_sam" });
    const before = auditRows().length;
    const response = await postRole(admin.id, { userId: String(target.id), role: "moderator", reason: "Answers every billing question" });
    expect(response.status).toBe(200);
    expect((await bodyOf(response)).message).toBe("@promoted is now a moderator.");
    expect(getUserById(db, target.id)!.role).toBe("moderator");

    const rows = auditRows();
    expect(rows).toHaveLength(before + 1);
    const row = db.select().from(auditEvents).where(eq(auditEvents.targetId, target.id)).get()!;
    expect(row.actorId).toBe(admin.id);
    expect(row.action).toBe("user.role_change");
    expect(row.targetType).toBe("user");
    expect(row.targetId).toBe(target.id);
    expect(JSON.parse(row.details)).toEqual({ from: "member", to: "moderator" });
    expect(row.reason).toBe("Answers every billing question");
    expect(row.createdAt).toBeInstanceOf(Date);
    expect(Math.abs(row.createdAt.getTime() - Date.now())).toBeLessThan(60_000);

    // The admin page shows the change in its recent role changes, and only role changes (not a suspension).
    expect(suspendUser(db, asCurrentUser(db, admin.id), otherMember.id, { until: new Date(Date.now() + 86_400_000), reason: "Spam links" })).toEqual({ ok: true });
    const page = await bodyOf(await listAs(admin.id));
    expect(page.audit.every((entry: { action: string }) => entry.action === "user.role_change")).toBe(true);
    expect(page.audit[0]).toMatchObject({
      actorUsername: "rootadmin",
      targetUsername: "promoted",
      action: "user.role_change",
      details: { from: "member", to: "moderator" },
      reason: "Answers every billing question",
    });
  });

  test("the new role takes effect at once: a demoted admin loses the admin pages", async () => {
    const second = await createUser(db, { username: "secondadmin", email: "second@staff.example", role: "admin" });
    expect((await listAs(second.id)).status).toBe(200);
    expect((await postRole(admin.id, { userId: String(second.id), role: "member", reason: "Left the team" })).status).toBe(200);
    expect((await listAs(second.id)).status).toBe(403);
  });

  test.each([
    ["member", () => member],
    ["moderator", () => moderator],
  ])("a %s posting the form gets a 403, the role is unchanged and nothing is logged", async (role, actor) => {
    const target = await createUser(db);
    const before = auditRows().length;
    const response = await postRole(actor().id, { userId: String(target.id), role: "admin", reason: "" });
    expect(response.status).toBe(403);
    expect(getUserById(db, target.id)!.role).toBe("member");
    expect(auditRows()).toHaveLength(before);
    // Nor can they raise themselves.
    const self = await postRole(actor().id, { userId: String(actor().id), role: "admin", reason: "" });
    expect(self.status).toBe(403);
    expect(getUserById(db, actor().id)!.role).toBe(role);
    expect(auditRows()).toHaveLength(before);
  });

  test("an admin cannot change their own role", async () => {
    const before = auditRows().length;
    const response = await postRole(admin.id, { userId: String(admin.id), role: "member", reason: "oops" });
    expect(response.status).toBe(403);
    expect(getUserById(db, admin.id)!.role).toBe("admin");
    expect(auditRows()).toHaveLength(before);
  });

  test("an unknown user is a 404 and an unknown role a 400 with a message", async () => {
    expect((await postRole(admin.id, { userId: "999999", role: "moderator", reason: "" })).status).toBe(404);
    const target = await createUser(db);
    const response = await postRole(admin.id, { userId: String(target.id), role: "owner", reason: "" });
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).errors.role).toMatch(/member, moderator or admin/);
    expect(getUserById(db, target.id)!.role).toBe("member");
  });

  test("choosing the role a user already has changes nothing and logs nothing", () => {
    const before = auditRows().length;
    const result = changeRole(db, asCurrentUser(db, admin.id), { userId: moderator.id, role: "moderator" });
    expect(result.role).toBe("moderator");
    expect(auditRows()).toHaveLength(before);
  });

  test("changeRole refuses a moderator even when called directly", () => {
    const target = member;
    expect(() => changeRole(db, asCurrentUser(db, moderator.id), { userId: target.id, role: "moderator" })).toThrow();
    expect(getUserById(db, target.id)!.role).toBe("member");
  });
});

describe("site settings", () => {
  test("an admin saves the brand name and tagline, and the change is logged", async () => {
    const response = await settle(() =>
      settingsAction(actionArgs(formRequest("/admin/settings", { brandName: "  Acme Help  ", tagline: "Customers helping customers" }), contextFor(db, admin.id))),
    );
    expect(response.status).toBe(200);
    expect((await bodyOf(response)).message).toMatch(/saved/);
    expect(getSiteSettings(db)).toEqual({ brandName: "Acme Help", tagline: "Customers helping customers", defaultLanguage: "en", translations: {}, badgeNames: {} });
    const row = db.select().from(auditEvents).where(eq(auditEvents.action, "settings.update")).get()!;
    expect(row.actorId).toBe(admin.id);
    expect(JSON.parse(row.details).after).toEqual({ brandName: "Acme Help", tagline: "Customers helping customers", defaultLanguage: "en", translations: {}, badgeNames: {} });

    const page = await settle(() => settingsLoader(loaderArgs(getRequest("/admin/settings"), contextFor(db, admin.id))));
    expect((await bodyOf(page)).settings.brandName).toBe("Acme Help");
  });

  test("the brand's name and tagline in French are shown to French readers; a blank one falls back (#14.3)", async () => {
    const save = (fields: Record<string, string>) =>
      settle(() => settingsAction(actionArgs(formRequest("/admin/settings", { brandName: "Acme Help", tagline: "Customers helping customers", ...fields }), contextFor(db, admin.id))));
    expect((await save({ brandName_fr: "Acme Entraide", tagline_fr: "" })).status).toBe(200);
    const frame = (language: "en" | "fr") => siteFrameFor(db, null, new URL("http://localhost/"), language).site;
    expect(frame("fr")).toMatchObject({ brandName: "Acme Entraide", tagline: "Customers helping customers" });
    expect(frame("en")).toMatchObject({ brandName: "Acme Help", tagline: "Customers helping customers" });
    // The admins' page offers the other language's fields, filled with what was saved.
    const page = await bodyOf(await settle(() => settingsLoader(loaderArgs(getRequest("/admin/settings"), contextFor(db, admin.id)))));
    expect(page.settings.translations).toEqual({ fr: { brandName: "Acme Entraide" } });
    const tooLong = await save({ brandName_fr: "B".repeat(61) });
    expect(tooLong.status).toBe(400);
    expect((await bodyOf(tooLong)).errors.brandName_fr).toBe("A brand name has at most 60 characters.");
    expect(getSiteSettings(db).translations).toEqual({ fr: { brandName: "Acme Entraide" } });
    expect((await save({})).status).toBe(200);
    expect(frame("fr").brandName).toBe("Acme Help");
  });

  test("a moderator is refused with a 403 and nothing changes", async () => {
    const before = getSiteSettings(db);
    const auditBefore = auditRows().length;
    const response = await settle(() =>
      settingsAction(actionArgs(formRequest("/admin/settings", { brandName: "Hijacked", tagline: "" }), contextFor(db, moderator.id))),
    );
    expect(response.status).toBe(403);
    expect(getSiteSettings(db)).toEqual(before);
    expect(auditRows()).toHaveLength(auditBefore);
    const page = await settle(() => settingsLoader(loaderArgs(getRequest("/admin/settings"), contextFor(db, moderator.id))));
    expect(page.status).toBe(403);
  });

  test("an empty or over-long brand name is refused with a message and the text typed is kept", async () => {
    const before = getSiteSettings(db);
    for (const brandName of ["   ", "B".repeat(61)]) {
      const response = await settle(() =>
        settingsAction(actionArgs(formRequest("/admin/settings", { brandName, tagline: "typed tagline" }), contextFor(db, admin.id))),
      );
      expect(response.status).toBe(400);
      const reply = await bodyOf(response);
      expect(reply.errors.brandName).toBeTruthy();
      expect(reply.values.tagline).toBe("typed tagline");
      expect(reply.values.brandName).toBe(brandName);
    }
    expect(getSiteSettings(db)).toEqual(before);
  });
});

describe("the knowledge-base review rule", () => {
  const post = (fields: Record<string, string>, userId: number) =>
    settle(() => settingsAction(actionArgs(formRequest("/admin/settings", { intent: "kb", ...fields }), contextFor(db, userId))));

  test("defaults to at least 3 and more than 30%; an admin changes it and the change is logged", async () => {
    expect(getKbReviewRule(db)).toEqual({ minNo: 3, noPercent: 30 });
    const response = await post({ minNo: "5", noPercent: "50" }, admin.id);
    expect(response.status).toBe(200);
    expect(getKbReviewRule(db)).toEqual({ minNo: 5, noPercent: 50 });
    const row = db.select().from(auditEvents).where(eq(auditEvents.action, "settings.kb_review")).get()!;
    expect(row.actorId).toBe(admin.id);
    const page = await settle(() => settingsLoader(loaderArgs(getRequest("/admin/settings"), contextFor(db, admin.id))));
    expect((await bodyOf(page)).kbReview).toEqual({ minNo: 5, noPercent: 50 });
  });

  test("bad numbers are refused beside their field with the text kept; a moderator is refused", async () => {
    const before = getKbReviewRule(db);
    const bad = await post({ minNo: "0", noPercent: "120" }, admin.id);
    expect(bad.status).toBe(400);
    const reply = await bodyOf(bad);
    expect(reply.errors).toMatchObject({ minNo: expect.any(String), noPercent: expect.any(String) });
    expect(reply.values).toMatchObject({ minNo: "0", noPercent: "120" });
    const auditBefore = auditRows().length;
    expect((await post({ minNo: "1", noPercent: "0" }, moderator.id)).status).toBe(403);
    expect(getKbReviewRule(db)).toEqual(before);
    expect(auditRows()).toHaveLength(auditBefore);
  });
});

describe("reward rules", () => {
  function rulesForm(overrides: Record<string, string> = {}) {
    const rules = getRewardRules(db);
    const fields: Record<string, string> = { dailyVoteCap: String(rules.dailyVoteCap) };
    for (const key of POINT_FIELDS) fields[key] = String(rules.points[key]);
    for (const key of PRIVILEGE_FIELDS) fields[`privilege_${key}`] = String(rules.privileges[key]);
    rules.ranks.forEach((rank, i) => {
      fields[`rankName${i}`] = rank.name;
      fields[`rankMin${i}`] = String(rank.min);
    });
    return { ...fields, ...overrides };
  }
  const post = (fields: Record<string, string>, userId: number) =>
    settle(() => rewardsAction(actionArgs(formRequest("/admin/rewards", fields), contextFor(db, userId))));

  test("an admin changes points, the daily cap and a rank in one place, and the change is logged", async () => {
    const response = await post(rulesForm({ answerUpvoted: "12", dailyVoteCap: "300", rankName3: "Guide", rankMin3: "900", privilege_downvote: "100" }), admin.id);
    expect(response.status).toBe(200);
    const rules = getRewardRules(db);
    expect(rules.points.answerUpvoted).toBe(12);
    expect(rules.dailyVoteCap).toBe(300);
    expect(rules.ranks[3]).toEqual({ name: "Guide", min: 900 });
    expect(rules.privileges.downvote).toBe(100);
    expect(db.select().from(auditEvents).where(eq(auditEvents.action, "settings.rewards")).get()?.actorId).toBe(admin.id);
    const page = await settle(() => rewardsLoader(loaderArgs(getRequest("/admin/rewards"), contextFor(db, admin.id))));
    expect((await bodyOf(page)).rules.points.answerUpvoted).toBe(12);
    updateRewardRules(db, asCurrentUser(db, admin.id), DEFAULT_REWARD_RULES);
  });

  test("bad values get messages beside their fields, keep the text, and change nothing", async () => {
    const before = getRewardRules(db);
    const response = await post(rulesForm({ answerUpvoted: "ten", dailyVoteCap: "-5" }), admin.id);
    expect(response.status).toBe(400);
    const reply = await bodyOf(response);
    expect(reply.errors).toMatchObject({ answerUpvoted: expect.any(String), dailyVoteCap: expect.any(String) });
    expect(reply.values.answerUpvoted).toBe("ten");
    const ranks = await bodyOf(await post(rulesForm({ rankMin0: "5", rankMin2: "40" }), admin.id));
    expect(ranks.errors).toMatchObject({ rankMin0: "The first rank starts at 1.", rankMin2: "Each rank starts above the one before it." });
    const twins = await bodyOf(await post(rulesForm({ rankName3: "member" }), admin.id));
    expect(twins.errors).toMatchObject({ rankName3: "Another rank has this name." });
    expect(getRewardRules(db)).toEqual(before);
  });

  test("a moderator is refused on the page and the form, and nothing changes", async () => {
    const before = getRewardRules(db);
    const auditBefore = auditRows().length;
    expect((await post(rulesForm({ answerUpvoted: "99" }), moderator.id)).status).toBe(403);
    expect((await settle(() => rewardsLoader(loaderArgs(getRequest("/admin/rewards"), contextFor(db, moderator.id))))).status).toBe(403);
    expect(getRewardRules(db)).toEqual(before);
    expect(auditRows()).toHaveLength(auditBefore);
  });
});
