// /admin/export and its download through their loaders and actions with real
// Requests: admins only (a forged form from anyone else queues nothing), the
// secrets only when confirmed, one export at a time, the worker's job
// prepares the file, the download streams it to admins, and the audit log
// records the start and the download. The page in both languages.
import { existsSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import AdminExport, { action as exportAction, loader as exportLoader } from "../../app/routes/admin.export";
import { loader as downloadLoader } from "../../app/routes/admin.export.$id";
import { exportsFolder, prepareSiteExports } from "../../app/models/portability/site-export-jobs.server";
import { scheduledJobs } from "../../app/worker.server";
import { auditEvents, siteExports } from "../../db/schema";
import { contextFor, createTestDb, formRequest, getRequest, settle } from "../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestThread, createUser } from "../support/factories";
import { bodyOf } from "../support/http-helpers";
import { snapshot } from "../support/model-helpers";
import { renderIn, textOf } from "./render-in-language";

const db = createTestDb();
type User = Awaited<ReturnType<typeof createUser>>;
let admin: User;
let moderator: User;
let member: User;

beforeAll(async () => {
  admin = await createUser(db, { username: "admin_ada", role: "admin" });
  moderator = await createEstablishedMember(db, { username: "mod_milo", role: "moderator" });
  member = await createEstablishedMember(db, { username: "member_meg" });
  createTestCategory(db, { slug: "billing", name: "Billing" });
  const thread = createTestThread(db, member, { title: "Why did my bill double this month?" });
  createTestAnswer(db, moderator, thread.id, "A one-off installation fee: it goes away next month.");
});

const page = { id: "routes/admin.export", path: "admin/export", loader: exportLoader, action: exportAction, Component: AdminExport };
const load = (userId: number | null) => settle(() => exportLoader({ request: getRequest("/admin/export"), params: {}, context: contextFor(db, userId) }));
const start = (userId: number | null, fields: Record<string, string> = {}) =>
  settle(() => exportAction({ request: formRequest("/admin/export", { intent: "start", ...fields }), params: {}, context: contextFor(db, userId) }));
const download = (userId: number | null, id: string) =>
  settle(() => downloadLoader({ request: getRequest(`/admin/export/${id}`), params: { id }, context: contextFor(db, userId) }));

describe("admins only", () => {
  test("members and moderators are refused the page, the form and the download, and nothing is queued; visitors are sent to sign in", async () => {
    const before = snapshot(db);
    for (const userId of [moderator.id, member.id]) {
      expect((await load(userId)).status).toBe(403);
      expect((await start(userId, { withSecrets: "on", confirmSecrets: "on" })).status).toBe(403);
      expect((await download(userId, "1")).status).toBe(403);
    }
    const visitor = await start(null);
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toMatch(/^\/login/);
    expect(snapshot(db)).toBe(before);
    expect(db.select().from(siteExports).all()).toEqual([]);
  });
});

describe("an admin's export", () => {
  test("secrets need the confirmation; one export at a time; the worker prepares it; the download streams it; both are audited", async () => {
    // A form without its intent is a 400 and queues nothing.
    expect((await settle(() => exportAction({ request: formRequest("/admin/export", {}), params: {}, context: contextFor(db, admin.id) }))).status).toBe(400);
    const unconfirmed = await start(admin.id, { withSecrets: "on" });
    expect(unconfirmed.status).toBe(400);
    expect((await bodyOf(unconfirmed)).errors.confirmSecrets).toBe("Confirm that you will keep a file with secrets safe.");
    expect(db.select().from(siteExports).all()).toEqual([]);

    const started = await start(admin.id);
    expect(started.status).toBe(302);
    expect(started.headers.get("Location")).toBe("/admin/export?started=1#exports");
    const busy = await start(admin.id);
    expect(busy.status).toBe(409);
    expect((await bodyOf(busy)).errors.form).toMatch(/already being prepared/);
    const row = db.select().from(siteExports).get()!;
    expect(row).toMatchObject({ status: "pending", withSecrets: false, requestedById: admin.id });
    expect((await bodyOf(await load(admin.id))).busy).toBe(true);
    // Not ready yet: nothing to download.
    expect((await download(admin.id, String(row.id))).status).toBe(404);

    // The worker's job, as it runs every few seconds.
    expect(scheduledJobs(db, {} as never).map((job) => job.name)).toContain("site-exports");
    expect(await prepareSiteExports(db, new Date())).toMatchObject({ prepared: 1, failed: 0 });
    const ready = db.select().from(siteExports).where(eq(siteExports.id, row.id)).get()!;
    expect(ready.status).toBe("ready");
    expect(existsSync(path.join(exportsFolder(db), ready.fileName))).toBe(true);
    expect(path.dirname(exportsFolder(db))).toBe(path.dirname(db.$client.name));
    const view = (await bodyOf(await load(admin.id))).exports[0];
    expect(view).toMatchObject({ id: row.id, status: "ready", bytes: ready.bytes, requestedBy: "admin_ada" });
    expect(view.done).toBe(view.total);
    expect(view.total).toBeGreaterThan(5);

    const file = await download(admin.id, String(row.id));
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Type")).toBe("application/gzip");
    expect(file.headers.get("Content-Disposition")).toBe(`attachment; filename="${ready.fileName}"`);
    expect(file.headers.get("Cache-Control")).toBe("private, no-store");
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.length).toBe(ready.bytes);
    const lines = gunzipSync(bytes).toString("utf8").trimEnd().split("\n");
    expect(JSON.parse(lines[0])).toMatchObject({ format: "entraide-export", version: 1, withSecrets: false });
    expect(lines.some((line) => line.includes("Why did my bill double this month?"))).toBe(true);
    expect(JSON.parse(lines.at(-1)!).trailer).toBeTruthy();

    for (const bad of ["abc", "-1", "0", "1e3", "99999999999999999999999", "999999"]) expect((await download(admin.id, bad)).status, bad).toBe(404);

    const audit = db.select().from(auditEvents).where(eq(auditEvents.targetType, "site_export")).all();
    expect(audit.map((a) => [a.action, a.actorId, a.targetId])).toEqual([
      ["site.export", admin.id, row.id],
      ["site.export_download", admin.id, row.id],
    ]);
    expect(JSON.parse(audit[0].details)).toEqual({ withSecrets: false });
  });

  test("with secrets, confirmed: the file holds the password hashes, and its name says so", async () => {
    expect((await start(admin.id, { withSecrets: "on", confirmSecrets: "on" })).status).toBe(302);
    await prepareSiteExports(db, new Date());
    const row = db.select().from(siteExports).where(eq(siteExports.withSecrets, true)).get()!;
    expect(row.status).toBe("ready");
    expect(row.fileName).toMatch(/-with-secrets\.jsonl\.gz$/);
    const text = gunzipSync(Buffer.from(await (await download(admin.id, String(row.id))).arrayBuffer())).toString("utf8");
    expect(text).toContain("$argon2id$");
    const audited = db.select().from(auditEvents).where(eq(auditEvents.action, "site.export")).all().map((a) => JSON.parse(a.details));
    expect(audited).toEqual([{ withSecrets: false }, { withSecrets: true }]);
  });

  test("the page, without JavaScript, in both languages: the form, the list, the download link and “Check again” while preparing", async () => {
    const en = textOf((await renderIn("en", contextFor(db, admin.id), "/admin/export", [page])).html);
    expect(en).toContain("Start the export");
    expect(en).toContain("Include secrets");
    expect(en).toContain("Download");
    expect(en).toContain("@admin_ada");
    const { html } = await renderIn("fr", contextFor(db, admin.id), "/admin/export", [page]);
    expect(textOf(html)).toContain("Lancer l'export");
    expect(html).toMatch(/href="\/admin\/export\/\d+"/);

    expect((await start(admin.id)).status).toBe(302);
    const preparing = textOf((await renderIn("en", contextFor(db, admin.id), "/admin/export", [page])).html);
    expect(preparing).toContain("Waiting to start");
    expect(preparing).toContain("Check again");
    await prepareSiteExports(db, new Date());
  });
});
