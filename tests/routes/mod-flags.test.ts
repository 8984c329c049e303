// The flag queue (/mod/flags, issue #14.7): hiding or deleting a flagged post
// is a second step that asks why (without JavaScript: a <details> holding the
// reason and the confirming button), a deletion's reason goes to the audit
// log, each decision is confirmed in words, and a card says "on an answer",
// in English and in French.
import { and, desc, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { decideFlag, flagPost } from "../../app/models/moderation/flag.server";
import FlagQueue, { action, loader } from "../../app/routes/mod.flags";
import { auditEvents, flags, posts } from "../../db/schema";
import { contextFor, createTestDb, formRequest, settle } from "../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestComment, createTestThread, createUser } from "../support/factories";
import { bodyOf } from "../support/http-helpers";
import { expectRefused, snapshot } from "../support/model-helpers";
import { renderIn, textOf } from "./render-in-language";

const db = createTestDb();
createTestCategory(db, { slug: "billing", name: "Billing" });
const kim = await createUser(db, { username: "mod_kim", displayName: "Kim", role: "moderator" });
const asker = await createEstablishedMember(db, { username: "asker_ann" });
const writer = await createEstablishedMember(db, { username: "writer_wes" });
const reporter = await createEstablishedMember(db, { username: "reporter_ria" });
const other = await createEstablishedMember(db, { username: "other_oz" });

let clock = Date.now() - 10 * 60 * 60 * 1000;
const tick = () => new Date((clock += 3 * 60 * 1000));

const thread = createTestThread(db, asker, { title: "My router reboots every night", at: tick() });

function flaggedAnswer(body: string) {
  const answer = createTestAnswer(db, writer, thread.id, body, tick());
  expect(flagPost(db, reporter, { postId: answer.id, reason: "spam", note: "" })).toEqual({ ok: true });
  expect(flagPost(db, other, { postId: answer.id, reason: "offensive", note: "" })).toEqual({ ok: true });
  const flag = db.select().from(flags).where(eq(flags.postId, answer.id)).get()!;
  return { answer, flag };
}

const decide = (fields: Record<string, string>, userId = kim.id, language: "en" | "fr" = "en") => {
  const context = contextFor(db, userId);
  context.language = language;
  if (context.user) context.user = { ...context.user, language };
  return settle(() => action({ request: formRequest("/mod/flags", fields), params: {}, context }));
};

const route = { id: "routes/mod.flags", path: "mod/flags", loader, Component: FlagQueue };
const postOf = (id: number) => db.select().from(posts).where(eq(posts.id, id)).get()!;

describe("deleting a flagged post", () => {
  test("is a second step: the queue's delete button is inside a closed <details> that asks why", async () => {
    const { flag } = flaggedAnswer("Buy followers cheap at followers.example!");
    const html = (await renderIn("en", contextFor(db, kim.id), "/mod/flags", [route])).html;
    const card = html.slice(html.indexOf(`name="flagId" value="${flag.id}"`) - 2000);
    const details = /<details class="flag-confirm flag-delete">([\s\S]*?)<\/details>/.exec(card);
    expect(details, "the delete step").not.toBeNull();
    expect(details![1]).toContain('value="delete"');
    expect(details![1]).toContain("Why is it deleted? (kept in the audit log)");
    expect(details![1]).toContain("Delete this answer");
    // No delete button outside its confirmation step.
    expect(html.replace(/<details[\s\S]*?<\/details>/g, "")).not.toContain('value="delete"');
    decideFlag(db, kim, flag.id, "dismiss");
  });

  test("without a reason is refused beside the field, its step open again, and nothing is deleted", async () => {
    const { answer, flag } = flaggedAnswer("Visit casino.example for free spins!");
    const before = snapshot(db);
    const refused = await decide({ flagId: String(flag.id), decision: "delete", reason: "  " });
    expect(refused.status).toBe(400);
    const reply = await bodyOf(refused);
    expect(reply).toMatchObject({ flagId: flag.id, decision: "delete", errors: { reason: "Say why the post is deleted: the reason is kept in the audit log." } });
    expect(snapshot(db)).toBe(before);
    // The model says the same to a caller that skipped the form.
    expect(decideFlag(db, kim, flag.id, "delete", "")).toMatchObject({ ok: false, errors: { reason: expect.stringContaining("Say why") } });
    expect(decideFlag(db, kim, flag.id, "delete", "x".repeat(501))).toMatchObject({ ok: false, errors: { reason: "A reason has at most 500 characters." } });
    expect(snapshot(db)).toBe(before);
    expect(postOf(answer.id).deletedAt).toBeNull();
  });

  test("with a reason deletes the post, closes its flags, records the reason in the audit log and says what was done", async () => {
    const { answer, flag } = flaggedAnswer("Cheap pills at pills.example, best price!");
    const response = await decide({ flagId: String(flag.id), decision: "delete", reason: "Advertising, third time this week" });
    expect(response.status).toBe(200);
    expect((await bodyOf(response)).message).toBe(
      "The answer by @writer_wes is deleted. Its flags are closed and your reason is in the audit log.",
    );
    expect(postOf(answer.id).deletedAt).not.toBeNull();
    expect(db.select({ status: flags.status }).from(flags).where(eq(flags.postId, answer.id)).all()).toEqual([{ status: "actioned" }, { status: "actioned" }]);
    const entry = db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "flag.actioned"), eq(auditEvents.targetId, answer.id)))
      .get()!;
    expect(entry).toMatchObject({ actorId: kim.id, reason: "Advertising, third time this week" });
    expect(JSON.parse(entry.details)).toMatchObject({ decision: "delete", flagId: flag.id });
    // The page after the decision: the confirmation at its top, the queue without the post.
    const html = (await renderIn("en", contextFor(db, kim.id), "/mod/flags", [route])).html;
    expect(html).not.toContain("pills.example");
  });

  test("in French, the refusal and the confirmation are in French", async () => {
    const { flag } = flaggedAnswer("Crypto gains guaranteed at coins.example");
    const refused = await decide({ flagId: String(flag.id), decision: "delete", reason: "" }, kim.id, "fr");
    expect((await bodyOf(refused)).errors.reason).toBe("Dites pourquoi le message est supprimé : le motif est consigné au journal d'audit.");
    const done = await decide({ flagId: String(flag.id), decision: "delete", reason: "Publicité" }, kim.id, "fr");
    expect((await bodyOf(done)).message).toBe(
      "La réponse de @writer_wes est supprimée. Ses signalements sont clos et votre motif est consigné au journal d'audit.",
    );
  });
});

describe("hiding and dismissing from the queue", () => {
  test("hiding needs its reason, then says what was done; dismissing says so too", async () => {
    const { answer, flag } = flaggedAnswer("You are all idiots, read the manual.");
    const refused = await decide({ flagId: String(flag.id), decision: "hide", reason: "" });
    expect(await bodyOf(refused)).toMatchObject({ decision: "hide", errors: { reason: "Say why the post is hidden: its author will read it." } });
    const hidden = await decide({ flagId: String(flag.id), decision: "hide", reason: "Insults" });
    expect((await bodyOf(hidden)).message).toBe("The answer by @writer_wes is hidden: only its author and staff see it, and its author reads your reason.");
    expect(postOf(answer.id).hiddenReason).toBe("Insults");

    const second = flaggedAnswer("Restart it twice, then it works.");
    const dismissed = await decide({ flagId: String(second.flag.id), decision: "dismiss" });
    expect((await bodyOf(dismissed)).message).toBe("The flag was dismissed: the post stays as it is.");
    expect(postOf(second.answer.id).hiddenAt).toBeNull();
    const french = await decide({ flagId: String(flaggedAnswer("Works for me").flag.id), decision: "dismiss" }, kim.id, "fr");
    expect((await bodyOf(french)).message).toBe("Le signalement a été rejeté : le message reste tel quel.");
  });

  test("a refused step opens again with the reason typed kept", async () => {
    const { flag } = flaggedAnswer("Another ad: deals.example");
    const context = contextFor(db, kim.id);
    const closed = (await renderIn("en", context, "/mod/flags", [route])).html;
    expect(closed).toContain('<details class="flag-confirm flag-delete">');
    // The page a browser without JavaScript gets back from the refused form.
    const sent = formRequest("/mod/flags", { flagId: String(flag.id), decision: "delete", reason: "Ad <b>spam</b>" + "x".repeat(500) });
    const page = await renderIn("en", context, "/mod/flags", [{ ...route, action }], sent);
    expect(page.status).toBe(400);
    expect(page.html).toContain('<details class="flag-confirm flag-delete" open="">');
    expect(page.html).toContain("A reason has at most 500 characters.");
    expect(page.html).toContain("Ad &lt;b&gt;spam&lt;/b&gt;xxx");
    // The hide step of that card stays closed.
    expect(page.html).not.toContain('<details class="flag-confirm flag-hide" open="">');
    // And after a decision, the confirmation is said at the top of the queue.
    const done = await renderIn("en", context, "/mod/flags", [{ ...route, action }], formRequest("/mod/flags", { flagId: String(flag.id), decision: "dismiss" }));
    expect(done.html).toContain('role="status">The flag was dismissed: the post stays as it is.');
  });
});

describe("a flag's card", () => {
  test("names the kind of post grammatically, in English and in French", async () => {
    const answer = flaggedAnswer("An answer someone did not like.");
    const comment = createTestComment(db, writer, answer.answer.id, "A comment someone did not like either.", tick());
    flagPost(db, reporter, { postId: comment.id, reason: "off-topic", note: "" });
    const english = textOf((await renderIn("en", contextFor(db, kim.id), "/mod/flags", [route])).html);
    expect(english).toContain("on an answer by @writer_wes");
    expect(english).toContain("on a comment by @writer_wes");
    expect(english).not.toContain("on a answer");
    const french = textOf((await renderIn("fr", contextFor(db, kim.id), "/mod/flags", [route])).html);
    expect(french).toContain("sur une réponse de @writer_wes");
    expect(french).toContain("sur un commentaire de @writer_wes");
    expect(french).toContain("Supprimer le message");
    expect(french).not.toContain("Delete the post");
    for (const open of db.select().from(flags).where(eq(flags.status, "open")).all()) decideFlag(db, kim, open.id, "dismiss");
  });
});

describe("refusals and hostile input", () => {
  test("a member's forged decision is refused before anything is read or changed; an unknown flag is a 404", async () => {
    const { answer, flag } = flaggedAnswer("Spam again: spam.example");
    const before = snapshot(db);
    expect((await decide({ flagId: String(flag.id), decision: "delete", reason: "Forged" }, other.id)).status).toBe(403);
    expect((await decide({ flagId: String(flag.id), decision: "delete", reason: "Forged" }, writer.id)).status).toBe(403);
    expect(snapshot(db)).toBe(before);
    expect(postOf(answer.id).deletedAt).toBeNull();
    expectRefused(db, () => decideFlag(db, other, flag.id, "delete", "Forged"));
    const unknown = await decide({ flagId: "999999", decision: "delete", reason: "Gone" });
    expect(unknown.status).toBe(404);
    expect(await bodyOf(unknown)).toEqual({ message: "staffServer.notFound.flag" });
    for (const fields of [{ flagId: "abc", decision: "delete", reason: "x" }, { flagId: String(flag.id), decision: "explode", reason: "x" }]) {
      expect((await decide(fields)).status).toBe(400);
    }
    expect(snapshot(db)).toBe(before);
    // A reason is kept as written in the audit log, markup and all, never run.
    const hostile = '<script>alert("x")</script> {{count}}';
    expect((await decide({ flagId: String(flag.id), decision: "delete", reason: hostile })).status).toBe(200);
    const entry = db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1).get()!;
    expect(entry.reason).toBe(hostile);
  });
});
