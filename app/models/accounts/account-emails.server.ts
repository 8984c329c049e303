// The words of the account emails: a password reset link, an address to
// confirm (after joining or for a change), and the notice an old address gets
// when a change is asked for. Written to the outbox by account-tokens.server.ts;
// they are about the account itself, so they carry no unsubscribe link.
import type { Db } from "../../../db/client";
import { siteUrl } from "../notify/notification-email.server";
import type { NewOutboxMessage } from "../notify/outbox.server";
import { getSiteSettings } from "../site/settings.server";

/** Where the links point and whose name the emails carry. */
export type AccountEmailContext = { origin: string; brand: string };

/** Read before the transaction that queues the email (the settings are memoised on the database handle). */
export function accountEmailContext(db: Db): AccountEmailContext {
  return { origin: siteUrl(), brand: getSiteSettings(db).brandName };
}

export type AccountRecipient = { id: number; username: string; displayName: string };

function accountEmail(context: AccountEmailContext, to: AccountRecipient, address: string, subject: string, lines: string[]): NewOutboxMessage {
  return {
    kind: "email",
    userId: to.id,
    toAddress: address,
    subject,
    body: [`Hello ${to.displayName},`, "", ...lines, "", "-- ", `The ${context.brand} Community`, context.origin].join("\n"),
    payload: { fromName: `${context.brand} Community` },
  };
}

export function passwordResetEmail(context: AccountEmailContext, to: AccountRecipient, address: string, token: string): NewOutboxMessage {
  return accountEmail(context, to, address, `Reset your password on the ${context.brand} Community`, [
    `Someone (we hope it was you) asked to reset the password of your account @${to.username} on the ${context.brand} Community.`,
    "",
    "Choose a new password here. The link works once, for one hour:",
    `${context.origin}/reset-password/${token}`,
    "",
    "Choosing a new password signs you out on every other device.",
    "If you did not ask for this, ignore this email: your password stays as it is.",
  ]);
}

export function emailConfirmationEmail(
  context: AccountEmailContext,
  to: AccountRecipient,
  address: string,
  token: string,
  change: boolean,
): NewOutboxMessage {
  const link = `${context.origin}/verify-email/${token}`;
  const lines = change
    ? [
        `You asked to use this address for your account @${to.username} on the ${context.brand} Community.`,
        "",
        "Confirm it here. Your address changes once you do; the link works for 48 hours:",
        link,
        "",
        "If you did not ask for this, ignore this email: nothing changes.",
      ]
    : [
        `Welcome to the ${context.brand} Community! Please confirm that this address is yours.`,
        "",
        "Confirm it here; the link works for 48 hours:",
        link,
        "",
        "Until you confirm it, we send you no notification emails.",
        "If you did not create an account, ignore this email.",
      ];
  return accountEmail(context, to, address, `Confirm your email address for the ${context.brand} Community`, lines);
}

export function emailChangeNotice(context: AccountEmailContext, to: AccountRecipient, oldAddress: string, newAddress: string): NewOutboxMessage {
  return accountEmail(context, to, oldAddress, `Your email address on the ${context.brand} Community is about to change`, [
    `Someone signed in to your account @${to.username} asked to change its email address to ${newAddress}.`,
    "",
    "Nothing changes until that new address is confirmed; until then we keep writing to this one.",
    "",
    "If this was not you, choose a new password now (it signs everyone else out):",
    `${context.origin}/forgot-password`,
  ]);
}
