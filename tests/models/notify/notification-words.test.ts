// Notifications and their emails in the reader's language (#14): an email
// goes out in its recipient's language (their choice, else the site's
// default), whoever caused it; the list on /notifications speaks the page's
// language; what people wrote (titles, names) is never translated. And
// "Did the answers solve your problem?" goes away once the question is
// solved (#14.7).
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { translatorFor } from "../../../app/i18n/i18n";
import { acceptAnswer, unacceptAnswer } from "../../../app/models/forum/acceptance.server";
import { DIGEST_DELAY_MS, sendDailyDigests } from "../../../app/models/notify/notification-email.server";
import { countUnread, listNotifications, notify } from "../../../app/models/notify/notification.server";
import { runFollowUps } from "../../../app/models/notify/follow-up.server";
import { writeSiteSettings } from "../../../app/models/site/settings.server";
import { describeNotification } from "../../../app/utils/notification-text";
import { notifications, outboxMessages, users, type EmailFrequency } from "../../../db/schema";
import type { Language } from "../../../app/i18n/languages";
import { asCurrentUser, createTestDb } from "../../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestThread, createUser } from "../../support/factories";

const db = createTestDb();
const ORIGIN = "https://community.example";
const T0 = new Date("2030-03-01T08:00:00Z");
const DAY = 24 * 60 * 60_000;

type User = Awaited<ReturnType<typeof createUser>>;
let asker: User;
let thread: { id: number; title: string };

beforeAll(async () => {
  vi.stubEnv("PUBLIC_URL", ORIGIN);
  vi.stubEnv("APP_SECRET", "");
  createTestCategory(db, { slug: "billing", name: "Billing" });
  asker = await createUser(db, { displayName: "Asker" });
  // A title in English, with characters a template would mistake for its own.
  thread = createTestThread(db, asker, { title: "Why is my bill {{higher}} this month? $t(x)" });
});
afterAll(() => {
  vi.unstubAllEnvs();
});

async function member(frequency: EmailFrequency, language: Language | null, displayName: string) {
  const user = await createUser(db, { displayName });
  db.update(users).set({ emailNotifications: frequency, language }).where(eq(users.id, user.id)).run();
  return user;
}

function emailsTo(userId: number) {
  return db.select().from(outboxMessages).where(and(eq(outboxMessages.userId, userId), eq(outboxMessages.kind, "email"))).orderBy(outboxMessages.id).all();
}

describe("notification emails speak their recipient's language", () => {
  test("a rank reached is named in the recipient's language (the brand's words), the default name kept as the rank's identity", async () => {
    const claire = await member("immediate", "fr", "Claire");
    notify(db, claire.id, { kind: "rank_up", data: { rank: "Contributor" }, now: T0 });
    const [mail] = emailsTo(claire.id);
    expect(mail!.body).toContain("Contributeur");
    expect(mail!.body).not.toContain("Contributor");
    const english = await member("immediate", "en", "Eve");
    notify(db, english.id, { kind: "rank_up", data: { rank: "Contributor" }, now: T0 });
    expect(emailsTo(english.id)[0]!.body).toContain("Contributor");
  });

  test("a member who chose French gets the email in French; the title and the names stay as written", async () => {
    const amelie = await member("immediate", "fr", "Amélie");
    notify(db, amelie.id, { kind: "answer", actorId: asker.id, threadId: thread.id, now: T0 });
    const [mail] = emailsTo(amelie.id);
    expect(mail!.subject).toBe(`Asker a répondu à « ${thread.title} »`);
    const lines = mail!.body.split("\n");
    expect(lines[0]).toBe("Bonjour Amélie,");
    expect(lines).toContain(`Asker a répondu à « ${thread.title} ».`);
    expect(mail!.body).toContain(`Pour le lire : ${ORIGIN}/t/${thread.id}/`);
    expect(mail!.body).toContain("Vous recevez cet e-mail en raison de vos réglages de notification sur la communauté");
    expect(lines.at(-1)).toMatch(new RegExp(`^Pour ne plus recevoir aucun e-mail, en un clic : ${ORIGIN}/unsubscribe\\?token=`));
    expect(JSON.parse(mail!.payload).fromName).toMatch(/^Communauté /);
    // No English sentence of ours is left in it.
    expect(mail!.body).not.toMatch(/Hello|Read it|You get this email|Stop all emails/);
  });

  test("a member with no choice gets the site's default language; an English member's email stays English", async () => {
    const noChoice = await member("immediate", null, "Noé");
    const english = await member("immediate", "en", "Ellen");
    writeSiteSettings(db, { defaultLanguage: "fr" });
    try {
      notify(db, [noChoice.id, english.id], { kind: "follow_up", threadId: thread.id, now: T0 });
    } finally {
      writeSiteSettings(db, { defaultLanguage: "en" });
    }
    const [french] = emailsTo(noChoice.id);
    expect(french!.subject).toBe(`Les réponses à « ${thread.title} » ont-elles résolu votre problème ?`);
    // A question keeps its own mark: no full stop after it.
    expect(french!.body).toContain(`Les réponses à « ${thread.title} » ont-elles résolu votre problème ?\n`);
    const [englishMail] = emailsTo(english.id);
    expect(englishMail!.subject).toBe(`Did the answers to “${thread.title}” solve your problem?`);
    expect(englishMail!.body.startsWith("Hello Ellen,")).toBe(true);
  });

  test("the daily digest is in French for a French member, with the count in its plural", async () => {
    const daily = await member("daily", "fr", "Dani");
    notify(db, daily.id, { kind: "answer", actorId: asker.id, threadId: thread.id, now: T0 });
    notify(db, daily.id, { kind: "mention", actorId: asker.id, threadId: thread.id, now: new Date(T0.getTime() + 60_000) });
    expect(sendDailyDigests(db, new Date(T0.getTime() + DIGEST_DELAY_MS + 120_000))).toBeGreaterThanOrEqual(1);
    const [digest] = emailsTo(daily.id);
    expect(digest!.subject).toMatch(/^Votre résumé quotidien de la communauté .+ : 2 notifications$/);
    expect(digest!.body).toContain(`- Asker a répondu à « ${thread.title} »`);
    expect(digest!.body).toContain(`- Asker vous a mentionné dans « ${thread.title} »`);
    expect(digest!.body).toContain(`Toutes vos notifications : ${ORIGIN}/notifications`);
  });

  test("the sentence follows the reader's language, and a missing value never shows a raw placeholder", () => {
    const view = {
      id: 1,
      kind: "badge" as const,
      data: { badge: "first_answer" },
      createdAt: T0.toISOString(),
      read: false,
      username: "amelie",
      actorName: null,
      thread: null,
      postId: null,
      announcementId: null,
      statusTitle: null,
    };
    expect(describeNotification(view, "Nimbus", translatorFor("fr")).text).toBe("Vous avez obtenu le badge « Première réponse »");
    expect(describeNotification(view, "Nimbus").text).toBe("You earned the “First answer” badge");
    const status = describeNotification({ ...view, kind: "status_opened" }, "Nimbus", translatorFor("fr")).text;
    expect(status).toBe("Nimbus signale un problème : une mise à jour de l'état du service");
    const answer = describeNotification({ ...view, kind: "answer" }, "Nimbus", translatorFor("fr")).text;
    expect(answer).toBe("Quelqu'un a répondu à une discussion");
    expect(answer).not.toMatch(/\{\{|\}\}/);
  });
});

describe("“Did the answers solve your problem?” once the question is solved (#14.7)", () => {
  test("accepting an answer takes the follow-up out of the asker's list and bell; taking it back brings it back, read", async () => {
    const askerMember = await createEstablishedMember(db);
    const helper = await createEstablishedMember(db);
    const start = new Date(Date.now() - 40 * DAY);
    const question = createTestThread(db, askerMember, { title: "My router reboots every night at three", at: start });
    const answer = createTestAnswer(db, helper, question.id, "Turn off the nightly maintenance in the box's settings.", new Date(start.getTime() + 60_000));
    runFollowUps(db, new Date(start.getTime() + 30 * DAY));
    const followUps = () => listNotifications(db, askerMember).notifications.filter((n) => n.kind === "follow_up" && n.thread?.id === question.id);
    expect(followUps()).toHaveLength(1);
    const unreadBefore = countUnread(db, askerMember.id);

    acceptAnswer(db, asCurrentUser(db, askerMember.id), answer.id);
    expect(followUps()).toEqual([]);
    expect(countUnread(db, askerMember.id)).toBe(unreadBefore - 1);
    // Marked done too, not only hidden.
    const row = db.select().from(notifications).where(and(eq(notifications.threadId, question.id), eq(notifications.kind, "follow_up"))).get()!;
    expect(row.readAt).not.toBeNull();

    unacceptAnswer(db, asCurrentUser(db, askerMember.id), answer.id);
    expect(followUps()).toHaveLength(1);
    expect(followUps()[0]!.read).toBe(true);
  });

  test("a moderator's acceptance counts too, and a solved thread's follow-up never reaches a digest", async () => {
    const askerMember = await createEstablishedMember(db);
    db.update(users).set({ emailNotifications: "daily" }).where(eq(users.id, askerMember.id)).run();
    const helper = await createEstablishedMember(db);
    const mod = await createEstablishedMember(db, { role: "moderator" });
    const start = new Date(Date.now() - 40 * DAY);
    const question = createTestThread(db, askerMember, { title: "Invoice shows a charge I never made", at: start });
    const answer = createTestAnswer(db, helper, question.id, "It is a third-party purchase: dispute it in the app.", new Date(start.getTime() + 60_000));
    const askedAt = new Date(start.getTime() + 30 * DAY);
    runFollowUps(db, askedAt);
    acceptAnswer(db, asCurrentUser(db, mod.id), answer.id);
    expect(listNotifications(db, askerMember).notifications.filter((n) => n.kind === "follow_up")).toEqual([]);
    sendDailyDigests(db, new Date(askedAt.getTime() + 2 * DAY));
    const digests = emailsTo(askerMember.id);
    for (const digest of digests) expect(digest.body).not.toContain("solve your problem");
  });
});
