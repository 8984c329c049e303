// Early access (issue #6, point 8): announcements only for members at the
// early-access rank, members a moderator granted access, and staff. Everyone
// else gets the explainer, never the title or the text: not from the pages,
// a guessed id, a forged form, search, the home page or a notification.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import {
  createEarlyAccess,
  deleteEarlyAccess,
  earlyAccessPage,
  earlyAccessReaders,
  getEarlyAccessForEdit,
  grantEarlyAccess,
  listAccessGrants,
  readEarlyAccess,
  revokeEarlyAccess,
  updateEarlyAccess,
} from "../../../app/models/reputation/early-access.server";
import { listNotifications } from "../../../app/models/notify/notification.server";
import { DEFAULT_REWARD_RULES, getRewardRules, updateRewardRules } from "../../../app/models/reputation/reward-rules.server";
import { loader as homeLoader } from "../../../app/routes/_index";
import { action as rewardsAction } from "../../../app/routes/admin.rewards";
import EarlyAccessAnnouncement, { headers as announcementHeaders, loader as announcementLoader, meta as announcementMeta } from "../../../app/routes/early-access.$id";
import { action as editAction, headers as editHeaders, loader as editLoader } from "../../../app/routes/early-access.$id_.edit";
import EarlyAccessList, { headers as listHeaders, loader as listLoader } from "../../../app/routes/early-access._index";
import { action as newAction, loader as newLoader } from "../../../app/routes/early-access.new";
import { action as grantsAction, loader as grantsLoader } from "../../../app/routes/mod.early-access";
import { loader as searchLoader } from "../../../app/routes/search";
import { describeNotification } from "../../../app/utils/notification-text";
import { accessGrants, announcements, auditEvents, notifications, searchDocuments } from "../../../db/schema";
import { asCurrentUser, contextFor, createTestDb, formRequest, getRequest, settle } from "../../support/db";
import { createTestAnswer, createTestCategory, createTestThread, createUser, giveReputation } from "../../support/factories";
import { bodyOf } from "../../support/http-helpers";
import { renderPage } from "../../support/render-page";
import { expectRefused, snapshot } from "../../support/model-helpers";

const db = createTestDb();
type User = Awaited<ReturnType<typeof createUser>>;
const DAY = 24 * 60 * 60 * 1000;

// Words that appear nowhere else in this database.
const TITLE = "Quasar mesh router: try it before anyone else";
const BODY = "The Quasar ships in March with **tri-band Wi-Fi**. Its codename is Zephyrine; please keep it to yourself.";
const SECRETS = ["Quasar", "Zephyrine", "tri-band"];

let admin: User;
let mod: User;
let expert: User; // exactly at the Expert rank (1,000)
let almost: User; // 999: one short
let newcomer: User;
let granted: User; // 1 reputation, granted by a moderator
let published: number;

const actor = (user: User) => asCurrentUser(db, user.id);

function expectNoSecrets(text: string) {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

function publish(title = TITLE, options: { expiresAt?: Date | null; now?: Date } = {}) {
  const result = createEarlyAccess(db, actor(mod), { title, body: BODY, expiresAt: options.expiresAt ?? null }, options.now);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.announcement;
}

beforeAll(async () => {
  createTestCategory(db, { slug: "billing", name: "Billing" });
  const joined = new Date(Date.now() - 30 * DAY);
  admin = await createUser(db, { role: "admin", createdAt: joined });
  mod = await createUser(db, { role: "moderator", createdAt: joined });
  expert = await createUser(db, { createdAt: joined });
  giveReputation(db, expert, 999);
  almost = await createUser(db, { createdAt: joined });
  giveReputation(db, almost, 998);
  newcomer = await createUser(db, { createdAt: new Date() });
  granted = await createUser(db, { createdAt: joined });
  // A question about routers, so a search for the announcement's words has something to find.
  const thread = createTestThread(db, newcomer, { title: "Which mesh router works with the box?", body: "My router is too weak for the upstairs rooms." });
  createTestAnswer(db, expert, thread.id, "Any mesh router with an Ethernet backhaul works fine with the box.");
  const grant = grantEarlyAccess(db, actor(mod), { username: granted.username, reason: "Runs the local user group" });
  expect(grant.ok).toBe(true);
  published = publish().id;
});

describe("who reads early access", () => {
  test("a member at the Expert rank reads the list and the announcement, rendered from markdown at write time", () => {
    const page = earlyAccessPage(db, actor(expert));
    expect(page.eligible).toBe(true);
    expect(page.announcements.map((a) => a.title)).toContain(TITLE);
    const reading = readEarlyAccess(db, actor(expert), published);
    if (!reading.eligible) throw new Error("refused");
    expect(reading.announcement.bodyHtml).toContain("<strong>tri-band Wi-Fi</strong>");
  });

  test("one point below the threshold: refused with the reason, and the title never comes back", () => {
    const page = earlyAccessPage(db, actor(almost));
    expect(page).toMatchObject({ eligible: false, announcements: [] });
    expect(page.standing).toMatchObject({ reason: "Early access opens at the Expert rank (1,000 reputation).", reputation: 999, toGo: 1 });
    expectNoSecrets(JSON.stringify(page));
    const reading = readEarlyAccess(db, actor(almost), published);
    expect(reading.eligible).toBe(false);
    expectNoSecrets(JSON.stringify(reading));
  });

  test("an id that does not exist looks the same as one that does to those who may not read it; readers get a 404", () => {
    const missing = published + 1000;
    const forMember = readEarlyAccess(db, actor(almost), missing);
    expect(forMember.eligible).toBe(false);
    expect(JSON.stringify(forMember)).toBe(JSON.stringify(readEarlyAccess(db, actor(almost), published)));
    expect(expectRefused(db, () => readEarlyAccess(db, actor(expert), missing), 404).status).toBe(404);
  });

  test("staff read it whatever their reputation; a granted member reads it with 1 reputation", () => {
    expect(earlyAccessPage(db, actor(mod)).eligible).toBe(true);
    expect(earlyAccessPage(db, actor(admin)).eligible).toBe(true);
    expect(readEarlyAccess(db, actor(granted), published).eligible).toBe(true);
  });

  test("visitors and newcomers get the explainer with the threshold from the rules", () => {
    for (const who of [null, actor(newcomer)]) {
      const page = earlyAccessPage(db, who);
      expect(page.eligible).toBe(false);
      expect(page.standing.rank).toMatchObject({ name: "Expert", min: 1_000 });
      expectNoSecrets(JSON.stringify(page));
    }
  });

  test("the rank is the admins': moved to Champion on /admin/rewards, an Expert no longer reads it; a rank that doesn't exist is refused", async () => {
    const post = (fields: Record<string, string>) =>
      settle(() => rewardsAction({ request: formRequest("/admin/rewards", rulesForm(fields)), params: {}, context: contextFor(db, admin.id) }));
    const before = getRewardRules(db);
    const bad = await post({ earlyAccessRank: "Wizard" });
    expect(bad.status).toBe(400);
    expect((await bodyOf(bad)).errors).toEqual({ earlyAccessRank: "Choose one of the ranks." });
    expect(getRewardRules(db)).toEqual(before);

    expect((await post({ earlyAccessRank: "Champion" })).status).toBe(200);
    expect(getRewardRules(db)).toMatchObject({ earlyAccessRank: "Champion", privileges: { earlyAccess: 3_000 } });
    expect(earlyAccessPage(db, actor(expert)).standing.reason).toBe("Early access opens at the Champion rank (3,000 reputation).");
    expect(earlyAccessPage(db, actor(granted)).eligible).toBe(true);

    // Renaming the early-access rank in the same save keeps early access at that rank.
    expect((await post({ earlyAccessRank: "Champion", rankName4: "Legend" })).status).toBe(200);
    expect(getRewardRules(db).earlyAccessRank).toBe("Legend");

    // Rules saved without the rank (by code, not the form) keep early access at one of the ranks.
    updateRewardRules(db, actor(admin), { ...DEFAULT_REWARD_RULES, ranks: [{ name: "Rookie", min: 1 }, { name: "Helper", min: 20 }] });
    expect(getRewardRules(db)).toMatchObject({ earlyAccessRank: "Helper", privileges: { earlyAccess: 20 } });

    updateRewardRules(db, actor(admin), DEFAULT_REWARD_RULES);
    expect(earlyAccessPage(db, actor(expert)).eligible).toBe(true);
  });
});

function rulesForm(overrides: Record<string, string>) {
  const rules = getRewardRules(db);
  const fields: Record<string, string> = { dailyVoteCap: String(rules.dailyVoteCap) };
  for (const [key, value] of Object.entries(rules.points)) fields[key] = String(value);
  for (const key of ["upvote", "downvote", "comment", "editOthers"] as const) fields[`privilege_${key}`] = String(rules.privileges[key]);
  rules.ranks.forEach((rank, i) => {
    fields[`rankName${i}`] = rank.name;
    fields[`rankMin${i}`] = String(rank.min);
  });
  return { ...fields, ...overrides };
}

describe("publishing and notifications", () => {
  test("every current reader is notified once, without the title; nobody else is", () => {
    const rows = db.select().from(notifications).where(eq(notifications.announcementId, published)).all();
    const recipients = rows.map((r) => r.userId).sort((a, b) => a - b);
    // The publishing moderator is not told about their own announcement.
    expect(recipients).toEqual([admin.id, expert.id, granted.id].sort((a, b) => a - b));
    expect(rows.every((r) => r.kind === "early_access" && r.data === "{}")).toBe(true);
    for (const user of [expert, granted]) {
      const views = listNotifications(db, actor(user)).notifications.filter((n) => n.announcementId === published);
      expect(views).toHaveLength(1);
      expectNoSecrets(JSON.stringify(views));
      expect(describeNotification(views[0]!, "Nimbus")).toEqual({
        text: "There is a new early-access announcement for you",
        path: `/early-access/${published}`,
      });
    }
    expect(earlyAccessReaders(db).sort((a, b) => a - b)).toEqual([admin.id, mod.id, expert.id, granted.id].sort((a, b) => a - b));
  });

  test("publishing is recorded in the audit log", () => {
    const entry = db.select().from(auditEvents).where(and(eq(auditEvents.action, "early_access.publish"), eq(auditEvents.targetId, published))).get();
    expect(entry?.actorId).toBe(mod.id);
  });

  test("script in the text is removed when it is written", () => {
    const result = createEarlyAccess(db, actor(mod), { title: "Sanitised announcement", body: "Hello <script>alert(1)</script> **there**", expiresAt: null });
    if (!result.ok) throw new Error("refused");
    expect(result.announcement.bodyHtml).not.toContain("<script");
    expect(result.announcement.bodyHtml).toContain("<strong>there</strong>");
    deleteEarlyAccess(db, actor(mod), result.announcement.id);
  });

  test("members, even Experts, can't publish, edit, delete, grant, revoke or list grants; nothing changes", () => {
    const grantId = db.select().from(accessGrants).where(eq(accessGrants.userId, granted.id)).get()!.id;
    for (const who of [actor(almost), actor(expert), actor(granted)]) {
      expectRefused(db, () => createEarlyAccess(db, who, { title: "Forged announcement", body: "Written by a member.", expiresAt: null }));
      expectRefused(db, () => updateEarlyAccess(db, who, published, { title: "Forged title", body: "Forged body text.", expiresAt: null }));
      expectRefused(db, () => deleteEarlyAccess(db, who, published));
      expectRefused(db, () => getEarlyAccessForEdit(db, who, published));
      expectRefused(db, () => grantEarlyAccess(db, who, { username: almost.username, reason: "I say so, really" }));
      expectRefused(db, () => revokeEarlyAccess(db, who, { grantId, reason: "I say so, really" }));
      expectRefused(db, () => listAccessGrants(db, who));
    }
    expectRefused(db, () => createEarlyAccess(db, null, { title: "Forged announcement", body: "Written by a visitor.", expiresAt: null }), 401);
  });

  test("an expiry in the past is refused when publishing", () => {
    const before = snapshot(db);
    const result = createEarlyAccess(db, actor(mod), { title: "Already over", body: "This ended yesterday.", expiresAt: new Date(Date.now() - DAY) });
    expect(result).toMatchObject({ ok: false, errors: { expiresOn: expect.stringContaining("from today on") } });
    expect(snapshot(db)).toBe(before);
  });
});

describe("expiry", () => {
  test("an expired announcement is hidden from readers (list and direct address) and shown to staff, marked", () => {
    const now = new Date();
    const old = publish("Old news for the helpers", { now: new Date(now.getTime() - 3 * DAY), expiresAt: new Date(now.getTime() - DAY) });
    expect(earlyAccessPage(db, actor(expert), now).announcements.map((a) => a.id)).not.toContain(old.id);
    expect(() => readEarlyAccess(db, actor(expert), old.id, now)).toThrow(Response);
    const staffList = earlyAccessPage(db, actor(mod), now).announcements;
    expect(staffList.find((a) => a.id === old.id)).toMatchObject({ expired: true });
    expect(staffList.find((a) => a.id === published)).toMatchObject({ expired: false });
    const staffReading = readEarlyAccess(db, actor(mod), old.id, now);
    expect(staffReading).toMatchObject({ eligible: true, announcement: { expired: true } });
    deleteEarlyAccess(db, actor(mod), old.id);
  });
});

describe("grants", () => {
  test("a grant needs an existing member who has none yet; staff need none", () => {
    const before = snapshot(db);
    expect(grantEarlyAccess(db, actor(mod), { username: "nobody_here", reason: "A good helper" })).toMatchObject({ ok: false, errors: { username: expect.stringContaining("No member") } });
    expect(grantEarlyAccess(db, actor(mod), { username: granted.username.toUpperCase(), reason: "Twice over" })).toMatchObject({ ok: false, errors: { username: expect.stringContaining("already has") } });
    expect(grantEarlyAccess(db, actor(mod), { username: admin.username, reason: "Staff member" })).toMatchObject({ ok: false, errors: { username: expect.stringContaining("staff") } });
    expect(snapshot(db)).toBe(before);
  });

  test("revoking takes access away at once, and both are in the log and the history with who and why", () => {
    const member = actor(almost);
    expect(grantEarlyAccess(db, actor(mod), { username: almost.username, reason: "Beta tester for the app" })).toEqual({ ok: true, username: almost.username });
    expect(readEarlyAccess(db, member, published).eligible).toBe(true);
    const grant = listAccessGrants(db, actor(mod)).active.find((g) => g.username === almost.username)!;
    expect(grant).toMatchObject({ reason: "Beta tester for the app", grantedBy: mod.username });

    expect(revokeEarlyAccess(db, actor(admin), { grantId: grant.id, reason: "The beta is over" })).toEqual({ ok: true, username: almost.username });
    expect(readEarlyAccess(db, member, published).eligible).toBe(false);
    expect(earlyAccessPage(db, member).eligible).toBe(false);
    // Twice is a clear message, not a second revocation.
    expect(revokeEarlyAccess(db, actor(mod), { grantId: grant.id, reason: "Again, by mistake" })).toMatchObject({ ok: false });

    const { active, history } = listAccessGrants(db, actor(mod));
    expect(active.map((g) => g.username)).not.toContain(almost.username);
    expect(history.slice(0, 2)).toMatchObject([
      { kind: "revoke", username: almost.username, by: admin.username, reason: "The beta is over" },
      { kind: "grant", username: almost.username, by: mod.username, reason: "Beta tester for the app" },
    ]);
    const audit = db.select().from(auditEvents).where(eq(auditEvents.targetId, grant.id)).all().filter((e) => e.targetType === "access_grant");
    expect(audit.map((e) => [e.action, e.actorId, e.reason])).toEqual([
      ["early_access.grant", mod.id, "Beta tester for the app"],
      ["early_access.revoke", admin.id, "The beta is over"],
    ]);
  });
});

describe("the pages", () => {
  const load = (path: string, userId: number | null, id?: string) =>
    settle(() =>
      id === undefined
        ? listLoader({ request: getRequest(path), params: {}, context: contextFor(db, userId) })
        : announcementLoader({ request: getRequest(path), params: { id }, context: contextFor(db, userId) }),
    );

  /** A page rendered to HTML as the server sends it (the root's data: the site settings and the viewer). */
  function render(path: string, userId: number | null) {
    return renderPage(contextFor(db, userId), path, [
      { id: "routes/early-access._index", path: "early-access", loader: listLoader, Component: EarlyAccessList },
      { id: "routes/early-access.$id", path: "early-access/:id", loader: announcementLoader, Component: EarlyAccessAnnouncement },
    ]);
  }

  test("/early-access for a visitor: what it is, the threshold, a sign-in link; none of the announcement", async () => {
    const response = await load("/early-access", null);
    expect(response.status).toBe(200);
    const text = await response.text();
    expectNoSecrets(text);
    const { html } = await render("/early-access", null);
    expect(html).toContain("Early access opens at the <strong>Expert</strong> rank (1,000 reputation).");
    expect(html).toContain('href="/login?redirectTo=%2Fearly-access"');
    expectNoSecrets(html);
  });

  test("/early-access for a newcomer: their own progress, how to earn it; none of the announcement", async () => {
    const { html } = await render("/early-access", newcomer.id);
    expect(html).toContain("You have <strong>1</strong> reputation");
    expect(html).toContain("999 to go");
    expect(html).toContain("How to earn it");
    expectNoSecrets(html);
  });

  test("/early-access for an Expert lists the announcement", async () => {
    const { html } = await render("/early-access", expert.id);
    expect(html).toContain(TITLE);
    expect(html).toContain("<strong>tri-band Wi-Fi</strong>");
  });

  test("/early-access/:id answers 403 with the explainer to members, 401 to visitors, whether or not it exists; the page title stays generic", async () => {
    for (const [userId, status] of [
      [newcomer.id, 403],
      [almost.id, 403],
      [null, 401],
    ] as const) {
      for (const id of [String(published), "987654"]) {
        const response = await load(`/early-access/${id}`, userId, id);
        expect(response.status).toBe(status);
        const data = await bodyOf(response);
        expectNoSecrets(JSON.stringify(data));
        expect(announcementMeta({ data } as Parameters<typeof announcementMeta>[0])).toContainEqual({ title: "Early access" });
      }
    }
    const { status, html } = await render(`/early-access/${published}`, newcomer.id);
    expect(status).toBe(403);
    expect(html).toContain("How to earn it");
    expectNoSecrets(html);
  });

  test("/early-access/:id for a reader: the announcement, and its title in the page title", async () => {
    const response = await load(`/early-access/${published}`, expert.id, String(published));
    expect(response.status).toBe(200);
    const data = await bodyOf(response);
    expect(announcementMeta({ data } as Parameters<typeof announcementMeta>[0])).toContainEqual({ title: `${TITLE} · Early access` });
    expect((await load("/early-access/abc", expert.id, "abc")).status).toBe(404);
  });

  test("no shared cache may keep a reader's copy for the next person: every early-access page and its data are private", async () => {
    const edit = (userId: number) =>
      settle(() => editLoader({ request: getRequest(`/early-access/${published}/edit`), params: { id: String(published) }, context: contextFor(db, userId) }));
    const responses = [
      ...[expert.id, newcomer.id, null].map((userId) => load("/early-access", userId)),
      ...[expert.id, newcomer.id, null].map((userId) => load(`/early-access/${published}`, userId, String(published))),
      edit(mod.id),
    ];
    for (const response of await Promise.all(responses)) {
      expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    }
    // The documents (what `headers` gives the HTML response) say the same.
    for (const headers of [listHeaders, announcementHeaders, editHeaders]) {
      const given = new Headers(headers({ loaderHeaders: new Headers(), parentHeaders: new Headers(), actionHeaders: new Headers(), errorHeaders: undefined }) as HeadersInit);
      expect(given.get("Cache-Control")).toBe("private, no-store");
    }
  });

  test("search and the home page never carry it, for anyone", async () => {
    expect(new Set(db.select({ kind: searchDocuments.kind }).from(searchDocuments).all().map((d) => d.kind))).toEqual(new Set(["thread"]));
    for (const userId of [null, newcomer.id, expert.id, mod.id]) {
      for (const q of ["Quasar", "Zephyrine", "mesh router", "tri-band wi-fi"]) {
        const data = await bodyOf(await settle(() => searchLoader({ request: getRequest(`/search?q=${encodeURIComponent(q)}`), params: {}, context: contextFor(db, userId) })));
        // The query is echoed back; the results must not carry the announcement.
        expectNoSecrets(JSON.stringify(data.results));
        expect(JSON.stringify(data.results)).not.toContain("early-access");
      }
      const home = await settle(() => homeLoader({ request: getRequest("/"), params: {}, context: contextFor(db, userId) }));
      expectNoSecrets(await home.text());
    }
  });
});

describe("forged requests to the moderators' forms", () => {
  const post = (path: string, fields: Record<string, string>, userId: number | null, run: (args: { request: Request; params: Record<string, string>; context: ReturnType<typeof contextFor> }) => unknown, params: Record<string, string> = {}) =>
    settle(() => run({ request: formRequest(path, fields), params, context: contextFor(db, userId) }));

  test("a member's POSTs to publish, edit, delete, grant and revoke are refused with 403 and change nothing; a visitor is sent to sign in", async () => {
    const grantId = db.select().from(accessGrants).where(eq(accessGrants.userId, granted.id)).get()!.id;
    const id = String(published);
    for (const userId of [expert.id, almost.id, null]) {
      const before = snapshot(db);
      const responses = [
        await post("/early-access/new", { intent: "publish", title: "A forged announcement", body: "Nobody should read this." }, userId, newAction),
        await post(`/early-access/${id}/edit`, { intent: "save", title: "A forged title", body: "Nobody should read this." }, userId, editAction, { id }),
        await post(`/early-access/${id}/edit`, { intent: "delete" }, userId, editAction, { id }),
        await post("/mod/early-access", { intent: "grant", username: almost.username, reason: "I grant myself" }, userId, grantsAction),
        await post("/mod/early-access", { intent: "revoke", grantId: String(grantId), reason: "I revoke theirs" }, userId, grantsAction),
      ];
      expect(responses.map((r) => r.status)).toEqual(Array(5).fill(userId ? 403 : 302));
      expect(snapshot(db)).toBe(before);
    }
    // A form the moderators' checks would turn back is refused as such: no field errors, no names looked up.
    const forms: Record<string, string>[] = [
      { intent: "grant", username: "", reason: "" },
      { intent: "grant", username: "@nobody_here", reason: "I grant myself" },
      { intent: "revoke", grantId: "x", reason: "" },
    ];
    for (const fields of forms) {
      const response = await post("/mod/early-access", fields, expert.id, grantsAction);
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain("nobody_here");
    }
    for (const userId of [expert.id, null]) {
      expect((await settle(() => newLoader({ request: getRequest("/early-access/new"), params: {}, context: contextFor(db, userId) }))).status).toBe(userId ? 403 : 302);
      expect((await settle(() => editLoader({ request: getRequest(`/early-access/${id}/edit`), params: { id }, context: contextFor(db, userId) }))).status).toBe(userId ? 403 : 302);
      expect((await settle(() => grantsLoader({ request: getRequest("/mod/early-access"), params: {}, context: contextFor(db, userId) }))).status).toBe(userId ? 403 : 302);
    }
  });
});

describe("the moderators' forms", () => {
  test("publishing: errors beside the fields, the text kept; then published and redirected", async () => {
    const bad = await settle(() =>
      newAction({ request: formRequest("/early-access/new", { intent: "publish", title: "Hi", body: "A body that is long enough.", expiresOn: "2030-02-31" }), params: {}, context: contextFor(db, mod.id) }),
    );
    expect(bad.status).toBe(400);
    const reply = await bodyOf(bad);
    expect(Object.keys(reply.errors).sort()).toEqual(["expiresOn", "title"]);
    expect(reply.values).toMatchObject({ title: "Hi", body: "A body that is long enough." });

    const preview = await bodyOf(
      await settle(() => newAction({ request: formRequest("/early-access/new", { intent: "preview", title: "", body: "Some *soft* text" }), params: {}, context: contextFor(db, mod.id) })),
    );
    expect(preview.previewHtml).toContain("<em>soft</em>");

    const ok = await settle(() =>
      newAction({ request: formRequest("/early-access/new", { intent: "publish", title: "Published from the form", body: "A body that is long enough.", expiresOn: "2099-12-31" }), params: {}, context: contextFor(db, mod.id) }),
    );
    expect(ok.status).toBe(302);
    const row = db.select().from(announcements).where(eq(announcements.title, "Published from the form")).get()!;
    expect(ok.headers.get("Location")).toBe(`/early-access/${row.id}`);
    expect(row).toMatchObject({ kind: "early_access", expiresAt: new Date("2099-12-31T23:59:59.999Z") });

    // Edited and then deleted through the editor, notifications with it.
    const id = String(row.id);
    const edit = (fields: Record<string, string>) => settle(() => editAction({ request: formRequest(`/early-access/${id}/edit`, fields), params: { id }, context: contextFor(db, mod.id) }));
    expect((await edit({ intent: "save", title: "Edited from the form", body: "A body that is long enough.", expiresOn: "" })).status).toBe(302);
    expect(db.select().from(announcements).where(eq(announcements.id, row.id)).get()).toMatchObject({ title: "Edited from the form", expiresAt: null });
    expect((await edit({ intent: "delete" })).status).toBe(302);
    expect(db.select().from(announcements).where(eq(announcements.id, row.id)).get()).toBeUndefined();
    expect(db.select().from(notifications).where(eq(notifications.announcementId, row.id)).all()).toEqual([]);
  });

  test("granting and revoking on /mod/early-access: clear errors, then done", async () => {
    const post = (fields: Record<string, string>) =>
      settle(() => grantsAction({ request: formRequest("/mod/early-access", fields), params: {}, context: contextFor(db, mod.id) }));
    const missing = await bodyOf(await post({ intent: "grant", username: "", reason: "" }));
    expect(missing.errors).toEqual({ username: "Whose access? Enter their username.", reason: "Say why, for the log." });
    const unknown = await bodyOf(await post({ intent: "grant", username: "@ghost_user", reason: "A fine helper" }));
    expect(unknown.errors.username).toContain("ghost_user");
    expect(unknown.values).toMatchObject({ reason: "A fine helper" });

    const done = await bodyOf(await post({ intent: "grant", username: `@${newcomer.username}`, reason: "Founding member" }));
    expect(done.message).toBe(`@${newcomer.username} now has early access.`);
    expect(earlyAccessPage(db, actor(newcomer)).eligible).toBe(true);

    const grantId = listAccessGrants(db, actor(mod)).active.find((g) => g.username === newcomer.username)!.id;
    const noReason = await post({ intent: "revoke", grantId: String(grantId), reason: "" });
    expect(noReason.status).toBe(400);
    expect((await bodyOf(noReason)).grantId).toBe(grantId);
    expect(earlyAccessPage(db, actor(newcomer)).eligible).toBe(true);
    expect((await bodyOf(await post({ intent: "revoke", grantId: String(grantId), reason: "Granted by mistake" }))).message).toBe(
      `@${newcomer.username} no longer has early access.`,
    );
    expect(earlyAccessPage(db, actor(newcomer)).eligible).toBe(false);
  });
});
