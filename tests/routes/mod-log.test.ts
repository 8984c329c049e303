// The moderators' audit log (/mod/log): who did what, on what, why and when,
// filtered by moderator, action and date; refused to members and visitors.
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { listAuditLog, type AuditEntry } from "../../app/models/moderation/audit.server";
import { deletePost, restorePost } from "../../app/models/forum/post.server";
import { addSynonyms } from "../../app/models/search/synonym.server";
import { thankAnswer } from "../../app/models/reputation/thanks.server";
import AuditLog, { loader } from "../../app/routes/mod.log";
import { renderIn, textOf } from "./render-in-language";
import { AUDIT_ACTIONS, auditLabel, auditLabelKey, hasAuditLabel } from "../../app/utils/audit-labels";
import { serverT } from "../../app/i18n/i18n.server";
import { auditEvents } from "../../db/schema";
import { contextFor, createTestDb, getRequest, settle } from "../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestThread, createUser } from "../support/factories";
import { bodyOf } from "../support/http-helpers";
import { expectRefused } from "../support/model-helpers";

const db = createTestDb();
createTestCategory(db, { slug: "billing", name: "Billing" });

const kim = await createUser(db, { username: "mod_kim", displayName: "Kim", role: "moderator" });
const lea = await createUser(db, { username: "mod_lea", displayName: "Léa", role: "moderator" });
const member = await createEstablishedMember(db);
const thread = createTestThread(db, member, { title: "Charged twice for the same month" });
const answer = createTestAnswer(db, await createEstablishedMember(db), thread.id);
thankAnswer(db, kim, answer.id);
addSynonyms(db, lea, { term: "box", synonyms: "router" });
// One entry dated last month, to filter by date.
db.update(auditEvents).set({ createdAt: new Date("2026-10-05T10:00:00Z") }).where(eq(auditEvents.action, "synonym.add")).run();

async function page(search: string, userId: number | null = kim.id) {
  return settle(() => loader({ request: getRequest(`/mod/log${search}`), params: {}, context: contextFor(db, userId) }));
}

describe("the audit log", () => {
  test("shows who did what, on what, newest first, with the thread of a post", async () => {
    const data = await bodyOf(await page(""));
    expect(data.entries.map((e: { action: string }) => e.action)).toEqual(["answer.thank", "synonym.add"]);
    const thanks = data.entries[0];
    expect(thanks).toMatchObject({ actorUsername: "mod_kim", targetType: "post", targetId: answer.id, threadTitle: thread.title, threadSlug: thread.slug });
    expect(data.moderators.map((m: { username: string }) => m.username)).toEqual(["mod_kim", "mod_lea"]);
    expect(data.actions).toEqual(["answer.thank", "synonym.add"]);
  });

  test("filters by moderator, by action and by dates (the 'to' day included)", async () => {
    const actions = async (search: string) => (await bodyOf(await page(search))).entries.map((e: { action: string }) => e.action);
    expect(await actions("?moderator=mod_lea")).toEqual(["synonym.add"]);
    expect(await actions("?moderator=MOD_KIM")).toEqual(["answer.thank"]);
    expect(await actions("?action=answer.thank")).toEqual(["answer.thank"]);
    expect(await actions("?from=2026-10-01&to=2026-10-05")).toEqual(["synonym.add"]);
    expect(await actions("?to=2026-10-04")).toEqual([]);
    expect(await actions("?from=not-a-date&page=-3")).toEqual(["answer.thank", "synonym.add"]);
  });

  test("is refused to members and asks visitors to sign in", async () => {
    expect((await page("", member.id)).status).toBe(403);
    const visitor = await page("", null);
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toContain("/login");
    expectRefused(db, () => listAuditLog(db, member));
  });
});

describe("every recorded action reads in words", () => {
  // The actions a model may record are the labels' keys (AuditAction in
  // app/utils/audit-labels.ts): recording one without a label does not
  // compile. What remains to check at run time is the log itself.
  test("each action recorded in the log has its label, and an unknown one still reads from its key", () => {
    const entry: AuditEntry = { actorId: 1, action: "flag.dismissed", targetType: "flag" };
    expect(auditLabel(serverT("en"), entry.action)).toBe("Dismissed a flag");
    expect(auditLabel(serverT("en"), "thread.explode")).toBe("thread explode");
    const recorded = db.selectDistinct({ action: auditEvents.action }).from(auditEvents).all().map((row) => row.action);
    expect(recorded.length).toBeGreaterThan(0);
    expect(recorded.filter((action) => !hasAuditLabel(action))).toEqual([]);
  });
});

describe("the audit log in the reader's language (#14)", () => {
  test("every action the log records has its words in English and in French, and they differ", () => {
    const [en, fr] = [serverT("en"), serverT("fr")];
    for (const action of AUDIT_ACTIONS) {
      const key = auditLabelKey(action)!;
      expect(en(key), action).not.toBe(key);
      expect(fr(key), action).not.toBe(key);
      expect(fr(key), action).not.toBe(en(key));
    }
    expect(auditLabelKey("thread.explode")).toBeNull();
    // A flagged post deleted says so, in both languages.
    expect(auditLabel(en, "flag.actioned", { decision: "delete" })).toBe("Deleted a flagged post");
    expect(auditLabel(fr, "flag.actioned", { decision: "delete" })).toBe("A supprimé un message signalé");
    expect(auditLabel(en, "flag.actioned", {})).toBe("Acted on a flag");
  });

  test("the page reads in French for a French moderator: actions, columns and filters; what people wrote stays as written", async () => {
    const context = contextFor(db, lea.id);
    const route = { id: "routes/mod.log", path: "mod/log", loader, Component: AuditLog };
    const french = textOf((await renderIn("fr", context, "/mod/log", [route])).html);
    expect(french).toContain("A remercié un contributeur");
    expect(french).toContain("A ajouté un synonyme");
    expect(french).toContain("Toutes les actions");
    expect(french).toContain("Sur quoi");
    expect(french).toContain(`un message dans « ${thread.title} »`);
    for (const english of ["Thanked a contributor", "Added a synonym", "Any action", "On what"]) expect(french).not.toContain(english);
    const english = textOf((await renderIn("en", context, "/mod/log", [route])).html);
    expect(english).toContain("Thanked a contributor");
    expect(english).toContain("Any action");
  });
});

describe("deleting and restoring someone else's post", () => {
  test("is recorded for a moderator; a member deleting their own post is not a moderation action", async () => {
    const writer = await createEstablishedMember(db);
    const target = createTestAnswer(db, writer, thread.id, "An answer a moderator will remove, then put back.", new Date(Date.now() - 120_000));
    const own = createTestAnswer(db, writer, thread.id, "An answer its author will remove themselves.", new Date(Date.now() - 60_000));
    deletePost(db, kim, target.id);
    restorePost(db, kim, target.id);
    deletePost(db, writer, own.id);
    const rows = db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetType, "post"), inArray(auditEvents.targetId, [target.id, own.id])))
      .all();
    expect(rows.map((r) => [r.action, r.actorId, r.targetId])).toEqual([
      ["post.delete", kim.id, target.id],
      ["post.restore", kim.id, target.id],
    ]);
  });
});
