// The forms of /settings/data (download my data, delete my account) and of
// the admins' account tools on /mod/users/<username>. Messages are catalogue
// keys (accountsServer.data.*).
import { z } from "zod";
import { PASSWORD_MAX, USERNAME_MAX } from "./account";
import { MOD_REASON_MAX } from "./moderation";

// A confirmation longer than any username can only be wrong: said beside the field, not a 500.
const confirmation = (message: string) =>
  z
    .string({ required_error: message, invalid_type_error: message })
    .trim()
    .min(1, message)
    .max(USERNAME_MAX + 20, message);

/** Deleting one's own account: the password (for an account that has one) and the username, typed. */
export const deleteAccountSchema = z.object({
  // Required for accounts with a password; the model says so beside the field.
  password: z.string().max(PASSWORD_MAX, "accountsServer.password.tooLong").default(""),
  confirmation: confirmation("accountsServer.data.typeUsername"),
});

/** An admin deleting a member's account: the member's username, typed, and why (for the audit log). */
export const adminDeleteAccountSchema = z.object({
  confirmation: confirmation("accountsServer.data.typeMemberUsername"),
  reason: z.string().trim().max(MOD_REASON_MAX, "accountsServer.data.reasonLong").default(""),
});

/** The export asked for in a download address. */
export const exportIdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
