import { describe, expect, test } from "vitest";
import { can, refusal, type Actor } from "../app/policy";
import { assertCan } from "../app/policy.server";
import { translatorFor } from "../app/i18n/i18n";
import type { Role } from "../db/schema";

function actor(id: number, role: Role): Actor {
  return { id, role, reputation: 1, createdAt: new Date("2024-01-01T00:00:00Z") };
}

const visitor: Actor = null;
const member = actor(1, "member");
const moderator = actor(2, "moderator");
const admin = actor(3, "admin");
const otherAdmin = actor(4, "admin");

describe("can: areas", () => {
  test.each([
    { name: "visitor", who: visitor, adminAccess: false, adminSettings: false, modAccess: false },
    { name: "member", who: member, adminAccess: false, adminSettings: false, modAccess: false },
    { name: "moderator", who: moderator, adminAccess: false, adminSettings: false, modAccess: true },
    { name: "admin", who: admin, adminAccess: true, adminSettings: true, modAccess: true },
  ])("$name: admin.access=$adminAccess admin.settings=$adminSettings mod.access=$modAccess", ({ who, adminAccess, adminSettings, modAccess }) => {
    expect(can(who, "admin.access")).toBe(adminAccess);
    expect(can(who, "admin.settings")).toBe(adminSettings);
    expect(can(who, "mod.access")).toBe(modAccess);
  });
});

describe("can: user.changeRole", () => {
  const targets = [
    { id: 10, role: "member" as const },
    { id: 11, role: "moderator" as const },
    { id: 12, role: "admin" as const },
  ];

  test("an admin may change the role of any other person, whatever their role", () => {
    for (const target of targets) expect(can(admin, "user.changeRole", target)).toBe(true);
    expect(can(admin, "user.changeRole", { id: otherAdmin!.id, role: "admin" })).toBe(true);
  });

  test("an admin never changes their own role", () => {
    expect(can(admin, "user.changeRole", { id: admin!.id, role: "admin" })).toBe(false);
  });

  test("moderators, members and visitors never change a role, not even their own", () => {
    for (const who of [visitor, member, moderator]) {
      for (const target of targets) expect(can(who, "user.changeRole", target)).toBe(false);
    }
    expect(can(moderator, "user.changeRole", { id: moderator!.id, role: "moderator" })).toBe(false);
    expect(can(member, "user.changeRole", { id: member!.id, role: "member" })).toBe(false);
  });
});

describe("assertCan: the refusal a person sees", () => {
  function thrown(run: () => void): Response {
    try {
      run();
    } catch (error) {
      if (error instanceof Response) return error;
      throw error;
    }
    throw new Error("Expected a refusal");
  }

  test("a signed-in person without the right gets a 403 that says why", async () => {
    const response = thrown(() => assertCan(moderator, "admin.access"));
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/administrators/i);
    const changeRole = thrown(() => assertCan(moderator, "user.changeRole", { id: 10, role: "member" }));
    expect(changeRole.status).toBe(403);
    expect(await changeRole.text()).toMatch(/administrators/i);
  });

  test("a visitor gets a 401 asking them to sign in, as a key the error page words in the reader's language", async () => {
    const response = thrown(() => assertCan(visitor, "mod.access"));
    expect(response.status).toBe(401);
    const { message } = (await response.json()) as { message: string };
    expect(translatorFor("en")(message)).toMatch(/sign in/i);
    expect(translatorFor("fr")(message)).toMatch(/connecter/i);
  });

  test("a member is refused in the language their request speaks, numbers and dates in its own way", async () => {
    const answerByOther = { authorId: 99, kind: "answer" as const, threadAuthorId: 98 };
    const french = { ...moderator!, language: "fr" as const };
    expect(await thrown(() => assertCan(french, "admin.access")).text()).toBe("Seuls les administrateurs peuvent faire cela.");
    const member = { id: 5, role: "member" as const, reputation: 14, createdAt: new Date(), language: "fr" as const };
    expect(refusal({ ...member, reputation: 1 }, "post.edit", answerByOther)).toBe("Il faut 2\u202f000 points de réputation pour modifier les messages des autres.");
    const suspended = { ...member, suspendedUntil: new Date("2030-01-02T03:04:00Z"), suspendReason: "{{reason}} <b>spam</b>" };
    const said = refusal(suspended, "post.vote", { ...answerByOther, direction: "up" })!;
    expect(said).toMatch(/^Votre compte est suspendu jusqu’au .*2030.* : \{\{reason\}\} <b>spam<\/b>$/);
  });

  test("an admin changing their own role is refused with the reason", async () => {
    const response = thrown(() => assertCan(admin, "user.changeRole", { id: admin!.id, role: "admin" }));
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/own role|not their own/i);
  });

  test("an allowed action does not throw", () => {
    expect(() => assertCan(admin, "admin.settings")).not.toThrow();
    expect(() => assertCan(moderator, "mod.access")).not.toThrow();
    expect(() => assertCan(admin, "user.changeRole", { id: 99, role: "member" })).not.toThrow();
  });
});

describe("privileges by reputation", () => {
  const withRep = (reputation: number, extra: Partial<NonNullable<Actor>> = {}): Actor => ({ id: 10, role: "member", reputation, createdAt: new Date(0), ...extra });
  const answerByOther = { authorId: 99, kind: "answer" as const, threadAuthorId: 98 };

  test("upvote from 15, downvote from 125, each refusal saying what it takes", () => {
    expect(refusal(withRep(14), "post.vote", { ...answerByOther, direction: "up" })).toBe("You need 15 reputation to upvote.");
    expect(can(withRep(15), "post.vote", { ...answerByOther, direction: "up" })).toBe(true);
    expect(refusal(withRep(124), "post.vote", { ...answerByOther, direction: "down" })).toBe("You need 125 reputation to downvote.");
    expect(can(withRep(125), "post.vote", { ...answerByOther, direction: "down" })).toBe(true);
  });

  test("comment on other people's posts from 50; on your own post and anywhere in your own thread, always", () => {
    expect(refusal(withRep(49), "comment.create", answerByOther)).toBe("You need 50 reputation to comment on other people's posts.");
    expect(can(withRep(50), "comment.create", answerByOther)).toBe(true);
    expect(can(withRep(1), "comment.create", { ...answerByOther, authorId: 10 })).toBe(true);
    expect(can(withRep(1), "comment.create", { ...answerByOther, threadAuthorId: 10 })).toBe(true);
    expect(can(withRep(1), "comment.create", { authorId: 10, kind: "question" })).toBe(true);
  });

  test("edit other people's posts from 2,000; your own always; staff always", () => {
    expect(refusal(withRep(1_999), "post.edit", answerByOther)).toBe("You need 2,000 reputation to edit other people's posts.");
    expect(can(withRep(2_000), "post.edit", answerByOther)).toBe(true);
    expect(can(withRep(1), "post.edit", { ...answerByOther, authorId: 10 })).toBe(true);
    expect(can(withRep(1, { role: "moderator" }), "post.edit", answerByOther)).toBe(true);
  });

  test("the thresholds are the admins': an actor carries the ones in force", () => {
    const privileges = { upvote: 1, downvote: 10, comment: 5, editOthers: 100 };
    expect(can(withRep(10, { privileges }), "post.vote", { ...answerByOther, direction: "down" })).toBe(true);
    expect(refusal(withRep(9, { privileges }), "post.vote", { ...answerByOther, direction: "down" })).toBe("You need 10 reputation to downvote.");
  });
});

describe("early access", () => {
  const withRep = (reputation: number, extra: Partial<NonNullable<Actor>> = {}): Actor => ({ id: 10, role: "member", reputation, createdAt: new Date(0), ...extra });
  const notGranted = { granted: false, rank: "Expert" };

  test("a member reads it from the Expert rank (1,000 by default); below it the refusal says where it opens", () => {
    expect(refusal(withRep(999), "earlyAccess.read", notGranted)).toBe("Early access opens at the Expert rank (1,000 reputation).");
    expect(can(withRep(1_000), "earlyAccess.read", notGranted)).toBe(true);
    expect(refusal(withRep(999), "earlyAccess.read", { granted: false })).toBe("Early access opens at 1,000 reputation.");
  });

  test("a grant opens it whatever the reputation; staff always read it; visitors never", () => {
    expect(can(withRep(1), "earlyAccess.read", { granted: true })).toBe(true);
    expect(can(withRep(1, { role: "moderator" }), "earlyAccess.read", notGranted)).toBe(true);
    expect(can(withRep(1, { role: "admin" }), "earlyAccess.read", notGranted)).toBe(true);
    expect(refusal(null, "earlyAccess.read", notGranted)).toBe("Please sign in first.");
  });

  test("the threshold is the admins': the actor carries the early-access rank's reputation", () => {
    const privileges = { upvote: 15, downvote: 125, comment: 50, editOthers: 2_000, earlyAccess: 3_000 };
    expect(refusal(withRep(2_999, { privileges }), "earlyAccess.read", { granted: false, rank: "Champion" })).toBe(
      "Early access opens at the Champion rank (3,000 reputation).",
    );
    expect(can(withRep(3_000, { privileges }), "earlyAccess.read", { granted: false, rank: "Champion" })).toBe(true);
    // Thresholds carried without an early-access one fall back to the default.
    expect(can(withRep(1_000, { privileges: { upvote: 1, downvote: 1, comment: 1, editOthers: 1 } }), "earlyAccess.read", notGranted)).toBe(true);
  });

  test("publishing and granting are the moderators' alone, whatever a member's reputation or grant", () => {
    expect(refusal(withRep(1_000_000), "earlyAccess.manage")).toBe("Only moderators can do that.");
    expect(can(withRep(1, { role: "moderator" }), "earlyAccess.manage")).toBe(true);
    expect(can(withRep(1, { role: "admin" }), "earlyAccess.manage")).toBe(true);
    expect(can(null, "earlyAccess.manage")).toBe(false);
  });
});
