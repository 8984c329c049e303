// The accounts' server-made words in both languages (#14.1/#14.2): form
// errors, the models' refusals, and the account emails, which are written in
// their RECIPIENT's language (their choice, else the site's default; on
// joining, the page's). The data export carries the chosen language and the
// member's comments on announcements; deleting an account keeps those
// comments, under "a former member".
import { readFileSync } from "node:fs";
import path from "node:path";
import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { Secret, TOTP } from "otpauth";
import { translatorFor } from "../../../app/i18n/i18n";
import { CATALOGUES } from "../../../app/i18n/i18n.server";
import { LANGUAGES } from "../../../app/i18n/languages";
import { deleteOwnAccount } from "../../../app/models/accounts/account-deletion.server";
import { requestPasswordReset, sendEmailConfirmation } from "../../../app/models/accounts/account-tokens.server";
import { buildDataExport, prepareDataExports, requestDataExport } from "../../../app/models/accounts/data-export.server";
import { setChosenLanguage } from "../../../app/models/accounts/language.server";
import { enableTwoFactor, startTwoFactorSetup } from "../../../app/models/accounts/two-factor.server";
import { authenticate, changeEmail, changePassword, registerUser } from "../../../app/models/accounts/user.server";
import { THROTTLE_LIMIT, recordFailure } from "../../../app/models/accounts/throttle.server";
import { DEFAULT_SETTINGS, getSiteSettings, writeSiteSettings } from "../../../app/models/site/settings.server";
import { action as joinAction } from "../../../app/routes/join";
import { action as loginAction } from "../../../app/routes/login";
import { FORMER_MEMBER_NAME, shownAuthorName } from "../../../app/utils/former-member";
import { announcementComments, announcements, outboxMessages, users } from "../../../db/schema";
import { asCurrentUser, contextFor, createTestDb, formRequest, personForm, settle } from "../../support/db";
import { createUser, TEST_PASSWORD } from "../../support/factories";
import { bodyOf, contextFrom, freshAddress } from "../../support/http-helpers";
import { root, sourceFiles } from "../../support/source-files";

const db = createTestDb();
const ORIGIN = "https://community.example";
const FAST = { floorMs: 0 };
const BRAND = DEFAULT_SETTINGS.brandName;

beforeAll(() => vi.stubEnv("PUBLIC_URL", ORIGIN));
afterAll(() => vi.unstubAllEnvs());

function emailsTo(address: string) {
  return db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, address)).orderBy(outboxMessages.id).all();
}

/** The member as a request in French sees them (their language is the request's). */
function inFrench(userId: number) {
  return { ...asCurrentUser(db, userId), language: "fr" as const };
}

function userRow(id: number) {
  return db.select().from(users).where(eq(users.id, id)).get()!;
}

describe("every accountsServer key the code names is in both catalogues", () => {
  test("keys in string literals, and the emails' keys under accountsServer.mail", () => {
    const named = new Set<string>();
    for (const file of sourceFiles(path.join(root, "app"))) {
      const source = readFileSync(file, "utf8");
      for (const match of source.matchAll(/"(accountsServer\.[A-Za-z0-9_.]+)"/g)) named.add(match[1]!);
      if (source.includes('const K = "accountsServer.mail"')) {
        for (const match of source.matchAll(/`\$\{K\}\.([A-Za-z0-9_.]+)`/g)) named.add(`accountsServer.mail.${match[1]}`);
      }
    }
    expect(named.size).toBeGreaterThan(100);
    for (const language of LANGUAGES) {
      const t = translatorFor(language);
      // i18next gives back the key itself when it has no such message (plurals: the _other form exists).
      const missing = [...named].filter((key) => t(key, { count: 2 }) === key);
      expect(missing, language).toEqual([]);
    }
    expect(Object.keys(CATALOGUES.fr)).toContain("accountsServer");
  });
});

describe("form errors and refusals in the reader's language", () => {
  test("joining from a French page: zod's messages and the model's refusals are French", async () => {
    await createUser(db, { username: "deja_pris", email: "deja@example.test" });
    const context = contextFor(db);
    context.language = "fr";
    const join = (fields: Record<string, string>) => settle(() => joinAction({ request: formRequest("/join", personForm(db, fields)), params: {}, context }));
    const empty = await bodyOf(await join({ username: "", email: "pas-une-adresse", password: "court" }));
    expect(empty.errors).toEqual({
      username: "Choisissez un nom d'utilisateur.",
      email: "Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.",
      password: "Un mot de passe compte au moins 10 caractères.",
    });
    const taken = await join({ username: "Deja_Pris", email: "DEJA@example.test", password: "une phrase assez longue" });
    expect(taken.status).toBe(400);
    expect((await bodyOf(taken)).errors).toEqual({
      username: "Ce nom d'utilisateur est déjà pris. Choisissez-en un autre.",
      email: "Un compte existe déjà avec cet e-mail. Essayez de vous connecter.",
    });
    // The English page still says it in English.
    const english = await bodyOf(await settle(() => joinAction({ request: formRequest("/join", personForm(db, { username: "x" })), params: {}, context: contextFor(db) })));
    expect(english.errors.username).toBe("A username has at least 3 characters.");
    expect(english.errors.email).toBe("Enter your email address.");
  });

  test("signing in from a French page: a wrong password, then the throttle, in French (plural by Intl's rules)", async () => {
    const member = await createUser(db, { username: "connexion_fr" });
    const address = freshAddress();
    const context = contextFrom(db, address);
    context.language = "fr";
    const wrong = await settle(() => loginAction({ request: formRequest("/login", { login: "connexion_fr", password: "pas le bon" }), params: {}, context }));
    expect(wrong.status).toBe(400);
    expect((await bodyOf(wrong)).errors.form).toBe("Ce nom d'utilisateur ou cet e-mail ne correspond pas à ce mot de passe.");
    recordFailure(db, [`account:${member.id}`], Date.now() - 14.5 * 60_000);
    recordFailure(db, Array(THROTTLE_LIMIT).fill(`account:${member.id}`), Date.now());
    const throttled = await settle(() => loginAction({ request: formRequest("/login", { login: "connexion_fr", password: TEST_PASSWORD }), params: {}, context }));
    expect(throttled.status).toBe(429);
    expect((await bodyOf(throttled)).errors.form).toMatch(/^Trop de tentatives de connexion\. Réessayez dans \d+ minutes?\.$/);
    const one = await authenticate(db, { login: "connexion_fr", password: TEST_PASSWORD, address, language: "fr" }, Date.now() + 14.5 * 60_000);
    expect(one).toMatchObject({ ok: false, throttled: true, errors: { form: "Trop de tentatives de connexion. Réessayez dans 1 minute." } });
  });

  test("a member's own refusals follow their request's language: changing the password, the email, two-factor", async () => {
    const member = await createUser(db, { username: "refus_fr" });
    expect(await changePassword(db, inFrench(member.id), null, { currentPassword: "faux mot de passe", newPassword: "une autre phrase longue" })).toEqual({
      ok: false,
      errors: { currentPassword: "Ce n'est pas votre mot de passe actuel." },
    });
    expect(await changePassword(db, inFrench(member.id), null, { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD })).toEqual({
      ok: false,
      errors: { newPassword: "Choisissez un mot de passe différent de l'actuel." },
    });
    expect(await changeEmail(db, inFrench(member.id), { email: member.email, currentPassword: TEST_PASSWORD })).toEqual({
      ok: false,
      errors: { email: "C'est déjà votre adresse e-mail." },
    });
    expect(startTwoFactorSetup(db, inFrench(member.id)).ok).toBe(true);
    const wrong = enableTwoFactor(db, inFrench(member.id), { code: "000000" === currentCode(member.id) ? "111111" : "000000" });
    expect(wrong).toEqual({ ok: false, errors: { code: "Ce code n'est pas le bon. Vérifiez votre application d'authentification et réessayez." } });
    // The same member in English.
    expect(startTwoFactorSetup(db, asCurrentUser(db, member.id)).ok).toBe(true);
    expect(enableTwoFactor(db, asCurrentUser(db, member.id), { code: "12345" })).toMatchObject({ ok: false, errors: { code: /^That code is not right/ } });
  });
});

function currentCode(userId: number) {
  const secret = userRow(userId).totpSecret;
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate();
}

describe("the account emails speak their recipient's language", () => {
  test("joining from a French page: the confirmation email is French, and the account keeps no language (it follows the browser)", async () => {
    const result = await registerUser(db, { username: "nouvelle", email: "nouvelle@example.test", password: "une phrase assez longue", language: "fr" });
    expect(result.ok).toBe(true);
    const [email] = emailsTo("nouvelle@example.test");
    expect(email!.subject).toBe(`Confirmez votre adresse e-mail pour la communauté ${BRAND}`);
    expect(email!.body).toContain("Bonjour nouvelle,");
    expect(email!.body).toContain(`Bienvenue dans la communauté ${BRAND} !`);
    expect(email!.body).toMatch(new RegExp(`${ORIGIN}/verify-email/[A-Za-z0-9_-]{43}`));
    expect(email!.body).not.toMatch(/\b(Hello|Welcome|Confirm|Community|link)\b/);
    expect(JSON.parse(email!.payload!)).toMatchObject({ fromName: `Communauté ${BRAND}` });
    expect(result.ok && userRow(result.user.id).language).toBeNull();
    // Joining from an English page: English.
    await registerUser(db, { username: "newbie", email: "newbie@example.test", password: "a long enough passphrase", language: "en" });
    expect(emailsTo("newbie@example.test")[0]!.subject).toBe(`Confirm your email address for the ${BRAND} Community`);
  });

  test("a password reset is written in the account's language, whatever the page it was asked from", async () => {
    const french = await createUser(db, { username: "reset_fr" });
    setChosenLanguage(db, asCurrentUser(db, french.id), "fr");
    await requestPasswordReset(db, { login: "reset_fr", address: freshAddress(), language: "en" }, FAST);
    const [mail] = emailsTo(french.email);
    expect(mail!.subject).toBe(`Réinitialisez votre mot de passe sur la communauté ${BRAND}`);
    expect(mail!.body).toContain("Quelqu'un (vous, nous l'espérons) a demandé à réinitialiser le mot de passe de votre compte @reset_fr");
    expect(mail!.body).toMatch(new RegExp(`${ORIGIN}/reset-password/[A-Za-z0-9_-]{43}`));

    // No choice: the site's default, English until the admins choose French.
    const automatic = await createUser(db, { username: "reset_auto" });
    await requestPasswordReset(db, { login: "reset_auto", address: freshAddress(), language: "fr" }, FAST);
    expect(emailsTo(automatic.email)[0]!.subject).toBe(`Reset your password on the ${BRAND} Community`);
    writeSiteSettings(db, { defaultLanguage: "fr" });
    try {
      expect(getSiteSettings(db).defaultLanguage).toBe("fr");
      await requestPasswordReset(db, { login: "reset_auto", address: freshAddress() }, FAST);
      expect(emailsTo(automatic.email)[1]!.subject).toBe(`Réinitialisez votre mot de passe sur la communauté ${BRAND}`);
    } finally {
      writeSiteSettings(db, { defaultLanguage: "en" });
    }
  });

  test("a change of address: the link to the new address and the notice to the old one are in the member's language", async () => {
    const member = await createUser(db, { username: "change_fr" });
    setChosenLanguage(db, asCurrentUser(db, member.id), "fr");
    // Asked from an English page: the emails are still French (theirs), the answer English (the page's).
    const result = await changeEmail(db, asCurrentUser(db, member.id), { email: "nouvelle-adresse@example.test", currentPassword: TEST_PASSWORD, address: freshAddress() });
    expect(result.ok).toBe(true);
    expect(emailsTo("nouvelle-adresse@example.test")[0]!.body).toContain("Vous avez demandé à utiliser cette adresse pour votre compte @change_fr");
    const notice = emailsTo(member.email).at(-1)!;
    expect(notice.subject).toBe(`Votre adresse e-mail sur la communauté ${BRAND} va changer`);
    expect(notice.body).toContain("nouvelle-adresse@example.test");
    expect(notice.body).toContain(`${ORIGIN}/forgot-password`);
    // Resending: French too; the refusal to resend is in the request's language.
    expect(sendEmailConfirmation(db, asCurrentUser(db, member.id), { address: freshAddress() }).ok).toBe(true);
    expect(emailsTo("nouvelle-adresse@example.test")).toHaveLength(2);
    expect(emailsTo("nouvelle-adresse@example.test")[1]!.subject).toBe(`Confirmez votre adresse e-mail pour la communauté ${BRAND}`);
  });
});

describe("the data export: the language, the announcement comments, and the email that says it is ready", () => {
  let announcementId: number;
  beforeAll(async () => {
    const staff = await createUser(db, { username: "annonceuse", role: "moderator" });
    announcementId = db
      .insert(announcements)
      .values({ kind: "early_access", title: "Nouvelle box en avant-première", body: "Dites-le à Morgan ici.", bodyHtml: "<p>Dites-le à Morgan ici.</p>", authorId: staff.id })
      .returning({ id: announcements.id })
      .get().id;
  });

  function comment(authorId: number, body: string, deletedAt: Date | null = null) {
    return db
      .insert(announcementComments)
      .values({ announcementId, authorId, body, bodyHtml: `<p>${body}</p>`, deletedAt })
      .returning({ id: announcementComments.id })
      .get().id;
  }

  test("the export holds the chosen language and the member's own live comments on announcements, and nobody else's", async () => {
    const member = await createUser(db, { username: "export_fr" });
    const other = await createUser(db, { username: "export_other" });
    setChosenLanguage(db, asCurrentUser(db, member.id), "fr");
    const kept = comment(member.id, "La nouvelle box chauffe un peu.");
    comment(member.id, "Message retiré", new Date());
    comment(other.id, "Pas le mien");
    const doc = buildDataExport(db, member.id);
    expect(doc.profile.language).toBe("fr");
    expect(doc.announcementComments).toEqual([{ id: kept, announcementId, body: "La nouvelle box chauffe un peu.", createdAt: expect.any(String) }]);
    // The notes are read by the member: in their language.
    expect(doc.notes.announcementComments).toMatch(/^Vos commentaires sur les annonces/);
    expect(JSON.stringify(doc)).not.toContain("Pas le mien");
    // Automatic is said as null.
    expect(buildDataExport(db, other.id).profile.language).toBeNull();
  });

  test("a member's own export, once prepared, is announced by email in their language; an admin's is not, nor an unconfirmed address", async () => {
    const member = await createUser(db, { username: "pret_fr" });
    setChosenLanguage(db, asCurrentUser(db, member.id), "fr");
    const unconfirmed = await createUser(db, { username: "pret_unconfirmed", emailVerified: false });
    expect(requestDataExport(db, asCurrentUser(db, member.id)).ok).toBe(true);
    expect(requestDataExport(db, asCurrentUser(db, unconfirmed.id)).ok).toBe(true);
    const before = emailsTo(unconfirmed.email).length;
    expect(prepareDataExports(db).prepared).toBeGreaterThanOrEqual(2);
    const ready = emailsTo(member.email).filter((m) => /prêtes/.test(m.subject));
    expect(ready).toHaveLength(1);
    expect(ready[0]!.subject).toBe(`Vos données de la communauté ${BRAND} sont prêtes`);
    expect(ready[0]!.body).toContain(`${ORIGIN}/settings/data#download`);
    expect(ready[0]!.body).toMatch(/jusqu'au \d{1,2} \p{L}+ \d{4} à \d{2}:\d{2} UTC/u);
    expect(emailsTo(unconfirmed.email)).toHaveLength(before);
    // A second run sends nothing more.
    prepareDataExports(db);
    expect(emailsTo(member.email).filter((m) => /prêtes/.test(m.subject))).toHaveLength(1);
  });

  test("a refusal to export again says the time in the member's language", async () => {
    const member = await createUser(db, { username: "encore_fr" });
    expect(requestDataExport(db, inFrench(member.id)).ok).toBe(true);
    expect(requestDataExport(db, inFrench(member.id))).toEqual({ ok: false, errors: { form: "Vos données sont déjà en cours de préparation. Elles seront prêtes dans quelques minutes." } });
    prepareDataExports(db);
    const again = requestDataExport(db, inFrench(member.id));
    expect(again.ok).toBe(false);
    expect(!again.ok && again.errors.form).toMatch(/^Vous avez demandé vos données il y a moins d'une heure\. Vous pourrez les redemander après le \d{1,2} \p{L}+ \d{4} à \d{2}:\d{2} UTC\.$/u);
  });

  test("deleting the account keeps its announcement comments, under “a former member”, in the reader's words", async () => {
    const member = await createUser(db, { username: "parti_fr" });
    const id = comment(member.id, "Merci pour l'avant-première !");
    const deleted = await deleteOwnAccount(db, inFrench(member.id), null, { password: TEST_PASSWORD, confirmation: "parti_fr" });
    expect(deleted).toEqual({ ok: true });
    const row = db.select().from(announcementComments).where(eq(announcementComments.id, id)).get()!;
    expect(row).toMatchObject({ authorId: member.id, body: "Merci pour l'avant-première !", deletedAt: null });
    const author = userRow(member.id);
    expect(author.displayName).toBe(FORMER_MEMBER_NAME);
    expect(author.language).toBeNull();
    expect(shownAuthorName(author, translatorFor("fr"))).toBe("un ancien membre");
    expect(shownAuthorName(author, translatorFor("en"))).toBe("a former member");
    // A live member who merely calls themselves that keeps their own words.
    expect(shownAuthorName({ username: "sly", displayName: FORMER_MEMBER_NAME }, translatorFor("fr"))).toBe(FORMER_MEMBER_NAME);
    // Nothing was emailed to the address that is gone.
    expect(db.select().from(outboxMessages).where(and(eq(outboxMessages.userId, member.id), like(outboxMessages.subject, "%"))).all()).toEqual([]);
  });

  test("deleting refuses in the member's language, and a wrong confirmation names their username", async () => {
    const member = await createUser(db, { username: "reste_fr" });
    expect(await deleteOwnAccount(db, inFrench(member.id), null, { password: "faux", confirmation: "quelqu_un" })).toEqual({
      ok: false,
      errors: { confirmation: "Saisissez votre nom d'utilisateur, reste_fr, pour confirmer.", password: "Ce n'est pas votre mot de passe actuel." },
    });
    expect(userRow(member.id).deletedAt).toBeNull();
  });
});
