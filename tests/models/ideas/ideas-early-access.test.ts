// A status told to early-access readers first: they (and staff) read it and
// are told at once; members and visitors read the previous status on the
// list, through its filter and on the idea's panel, and hear nothing until a
// moderator tells everyone, when those not told yet are told once.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { ideaPanelFor } from "../../../app/models/ideas/idea-panel.server";
import { ideasPageFor } from "../../../app/models/ideas/ideas-page.server";
import { proposeIdea, publishIdeaStatus, setIdeaStatus, voteForIdea } from "../../../app/models/ideas/ideas.server";
import { listNotifications } from "../../../app/models/notify/notification.server";
import { grantEarlyAccess } from "../../../app/models/reputation/early-access.server";
import { accessGrants, notifications, threads } from "../../../db/schema";
import { createTestDb } from "../../support/db";
import { createEstablishedMember, createTestCategory, createUser, giveReputation } from "../../support/factories";

const db = createTestDb();
type User = Awaited<ReturnType<typeof createUser>>;

let proposer: User;
let member: User;
let granted: User;
let expert: User;
let mod: User;
let ideaId: number;

const told = (userId: number) =>
  db
    .select()
    .from(notifications)
    .where(and(eq(notifications.threadId, ideaId), eq(notifications.kind, "idea_status"), eq(notifications.userId, userId)))
    .all()
    .map((n) => JSON.parse(n.data).status as string);

const listed = (viewer: User | null, status: "planned" | "under_review" | null = null) =>
  ideasPageFor(db, viewer, { sort: "votes", status, page: 1 });
const rowsOf = (page: ReturnType<typeof listed>) => (page.category ? page.ideas : []);

beforeAll(async () => {
  createTestCategory(db, { slug: "ideas", name: "Ideas", kind: "ideas" });
  proposer = await createEstablishedMember(db);
  member = await createEstablishedMember(db);
  granted = await createEstablishedMember(db);
  expert = await createEstablishedMember(db);
  // The early-access rank (Expert, 1,000 points by default) reads early access; so does a member a moderator granted it.
  giveReputation(db, expert, 1_000);
  mod = await createEstablishedMember(db, { role: "moderator" });
  expect(grantEarlyAccess(db, mod, { username: granted.username, reason: "Beta tester" }).ok).toBe(true);
  const result = proposeIdea(db, proposer, { title: "Let the router wake the Wi-Fi at 7 every morning", body: "A schedule in the app would save power at night." });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  ideaId = result.id;
  for (const voter of [member, granted, expert]) voteForIdea(db, voter, { threadId: ideaId });
  expect(setIdeaStatus(db, mod, { threadId: ideaId, status: "under_review", reason: "We are looking at it.", earlyAccess: false }).ok).toBe(true);
});

describe("a status told to early access first", () => {
  test("keeps the public status as it was and marks the early one", () => {
    expect(setIdeaStatus(db, mod, { threadId: ideaId, status: "planned", reason: "For the spring release.", earlyAccess: true }).ok).toBe(true);
    const row = db.select().from(threads).where(eq(threads.id, ideaId)).get()!;
    expect(row).toMatchObject({ ideaStatus: "planned", ideaPublicStatus: "under_review", ideaStatusReason: "For the spring release." });
    expect(row.ideaEarlyAccessAt).toBeInstanceOf(Date);
  });

  test("early-access readers are told now; members and the proposer are not", () => {
    expect(told(granted.id)).toEqual(["under_review", "planned"]);
    expect(told(expert.id)).toEqual(["under_review", "planned"]);
    expect(told(member.id)).toEqual(["under_review"]);
    expect(told(proposer.id)).toEqual(["under_review"]);
    expect(listNotifications(db, member).notifications.map((n) => n.data.status)).toEqual(["under_review"]);
  });

  test("the panel: members and visitors read the public status, without the early reason; early readers and staff read the early one", () => {
    for (const viewer of [member, proposer, null]) {
      expect(ideaPanelFor(db, viewer, ideaId)).toMatchObject({ status: "under_review", reason: "", earlyAccess: false, canSetStatus: false });
      expect(ideaPanelFor(db, viewer, ideaId)).not.toHaveProperty("publicStatus");
    }
    for (const viewer of [granted, expert]) {
      expect(ideaPanelFor(db, viewer, ideaId)).toMatchObject({ status: "planned", reason: "For the spring release.", earlyAccess: true, canSetStatus: false });
    }
    expect(ideaPanelFor(db, mod, ideaId)).toMatchObject({ status: "planned", earlyAccess: true, canSetStatus: true, publicStatus: "under_review" });
  });

  test("the list shows each reader the status they may read, and its filter finds the idea only by that status", () => {
    for (const viewer of [member, null]) {
      expect(rowsOf(listed(viewer)).find((r) => r.id === ideaId)?.status).toBe("under_review");
      expect(rowsOf(listed(viewer, "planned"))).toEqual([]);
      expect(rowsOf(listed(viewer, "under_review")).map((r) => r.id)).toEqual([ideaId]);
    }
    for (const viewer of [granted, mod]) {
      expect(rowsOf(listed(viewer)).find((r) => r.id === ideaId)?.status).toBe("planned");
      expect(rowsOf(listed(viewer, "planned")).map((r) => r.id)).toEqual([ideaId]);
      expect(rowsOf(listed(viewer, "under_review"))).toEqual([]);
    }
  });

  test("a member whose grant is revoked reads the public status again", async () => {
    const reader = await createEstablishedMember(db);
    grantEarlyAccess(db, mod, { username: reader.username, reason: "For a week" });
    expect(ideaPanelFor(db, reader, ideaId)?.status).toBe("planned");
    db.update(accessGrants).set({ revokedAt: new Date(), revokedById: mod.id }).where(eq(accessGrants.userId, reader.id)).run();
    expect(ideaPanelFor(db, reader, ideaId)?.status).toBe("under_review");
  });

  test("telling everyone: the public status becomes the early one, and those not told yet are told once", () => {
    expect(publishIdeaStatus(db, mod, { threadId: ideaId }).ok).toBe(true);
    const row = db.select().from(threads).where(eq(threads.id, ideaId)).get()!;
    expect(row).toMatchObject({ ideaStatus: "planned", ideaPublicStatus: "planned", ideaEarlyAccessAt: null });
    expect(told(member.id)).toEqual(["under_review", "planned"]);
    expect(told(proposer.id)).toEqual(["under_review", "planned"]);
    expect(told(granted.id)).toEqual(["under_review", "planned"]);
    expect(told(expert.id)).toEqual(["under_review", "planned"]);
    for (const viewer of [member, null]) expect(ideaPanelFor(db, viewer, ideaId)).toMatchObject({ status: "planned", reason: "For the spring release.", earlyAccess: false });
    expect(rowsOf(listed(null, "planned")).map((r) => r.id)).toEqual([ideaId]);
    // Nothing is pending any more.
    expect(publishIdeaStatus(db, mod, { threadId: ideaId }).ok).toBe(false);
  });

  test("a status set for everyone while an early one is pending tells each reader whose status changes, once", () => {
    setIdeaStatus(db, mod, { threadId: ideaId, status: "in_progress", reason: "", earlyAccess: true });
    expect(told(granted.id).at(-1)).toBe("in_progress");
    expect(told(member.id).at(-1)).toBe("planned");
    setIdeaStatus(db, mod, { threadId: ideaId, status: "in_progress", reason: "Building it now.", earlyAccess: false });
    expect(told(member.id)).toEqual(["under_review", "planned", "in_progress"]);
    expect(told(granted.id)).toEqual(["under_review", "planned", "in_progress"]);
  });
});
