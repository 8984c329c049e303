// The words of the account emails: a password reset link, an address to
// confirm (after joining or for a change), the notice an old address gets
// when a change is asked for, an admin turning two-factor off, and a data
// export ready to download. Written to the outbox by the models that cause
// them, in the RECIPIENT's language (recipientLanguage: theirs, else the
// site's; on joining, the page's). They are about the account itself, so
// they carry no unsubscribe link.
import type { Db } from "../../../db/client";
import type { Language } from "../../i18n/languages";
import { exactTime } from "../../utils/time";
import { siteUrl } from "../notify/notification-email.server";
import type { NewOutboxMessage } from "../notify/outbox.server";
import { getSiteSettings } from "../site/settings.server";
import { wordsIn } from "./account-words.server";

/** Where the links point and whose name the emails carry. */
export type AccountEmailContext = { origin: string; brand: string };

/** Read before the transaction that queues the email (the settings are memoised on the database handle). */
export function accountEmailContext(db: Db): AccountEmailContext {
  return { origin: siteUrl(), brand: getSiteSettings(db).brandName };
}

export type AccountRecipient = { id: number; username: string; displayName: string };

const K = "accountsServer.mail";

function accountEmail(
  context: AccountEmailContext,
  language: Language,
  to: AccountRecipient,
  address: string,
  subject: string,
  lines: string[],
): NewOutboxMessage {
  const t = wordsIn(language);
  return {
    kind: "email",
    userId: to.id,
    toAddress: address,
    subject,
    body: [t(`${K}.greeting`, { name: to.displayName }), "", ...lines, "", "-- ", t(`${K}.signature`, { brand: context.brand }), context.origin].join("\n"),
    payload: { fromName: t(`${K}.fromName`, { brand: context.brand }) },
  };
}

export function passwordResetEmail(
  context: AccountEmailContext,
  language: Language,
  to: AccountRecipient,
  address: string,
  token: string,
): NewOutboxMessage {
  const t = wordsIn(language);
  const values = { brand: context.brand, username: to.username };
  return accountEmail(context, language, to, address, t(`${K}.reset.subject`, values), [
    t(`${K}.reset.intro`, values),
    "",
    t(`${K}.reset.action`),
    `${context.origin}/reset-password/${token}`,
    "",
    t(`${K}.reset.signsOut`),
    t(`${K}.reset.ignore`),
  ]);
}

export function emailConfirmationEmail(
  context: AccountEmailContext,
  language: Language,
  to: AccountRecipient,
  address: string,
  token: string,
  change: boolean,
): NewOutboxMessage {
  const t = wordsIn(language);
  const values = { brand: context.brand, username: to.username };
  const link = `${context.origin}/verify-email/${token}`;
  const lines = change
    ? [t(`${K}.confirmChange.intro`, values), "", t(`${K}.confirmChange.action`), link, "", t(`${K}.confirmChange.ignore`)]
    : [t(`${K}.confirmJoin.intro`, values), "", t(`${K}.confirmJoin.action`), link, "", t(`${K}.confirmJoin.until`), t(`${K}.confirmJoin.ignore`)];
  return accountEmail(context, language, to, address, t(`${K}.confirm.subject`, values), lines);
}

export function emailChangeNotice(
  context: AccountEmailContext,
  language: Language,
  to: AccountRecipient,
  oldAddress: string,
  newAddress: string,
): NewOutboxMessage {
  const t = wordsIn(language);
  const values = { brand: context.brand, username: to.username, address: newAddress };
  return accountEmail(context, language, to, oldAddress, t(`${K}.change.subject`, values), [
    t(`${K}.change.intro`, values),
    "",
    t(`${K}.change.until`),
    "",
    t(`${K}.change.notYou`),
    `${context.origin}/forgot-password`,
  ]);
}

/** An admin turned off the member's two-factor sign-in (they lost their authenticator). */
export function twoFactorResetEmail(context: AccountEmailContext, language: Language, to: AccountRecipient, address: string): NewOutboxMessage {
  const t = wordsIn(language);
  const values = { brand: context.brand, username: to.username };
  return accountEmail(context, language, to, address, t(`${K}.twoFactorReset.subject`, values), [
    t(`${K}.twoFactorReset.intro`, values),
    t(`${K}.twoFactorReset.again`, { link: `${context.origin}/settings/security` }),
    "",
    t(`${K}.twoFactorReset.notYou`),
  ]);
}

/** The member's own data export is ready: where to download it, and until when. */
export function dataExportReadyEmail(
  context: AccountEmailContext,
  language: Language,
  to: AccountRecipient,
  address: string,
  expiresAt: Date,
): NewOutboxMessage {
  const t = wordsIn(language);
  const values = { brand: context.brand, username: to.username };
  return accountEmail(context, language, to, address, t(`${K}.exportReady.subject`, values), [
    t(`${K}.exportReady.intro`, values),
    "",
    t(`${K}.exportReady.action`, { date: exactTime(expiresAt, language) }),
    `${context.origin}/settings/data#download`,
    "",
    t(`${K}.exportReady.notYou`),
  ]);
}
