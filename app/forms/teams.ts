// The admins' team form (/admin/teams), shared by the page and the server: a name, a description, where known
// issues are routed (nowhere, an email address, or a webhook's address) and
// how many "me too" in a day send an issue to the team again. The messages
// are catalogue keys (teams.form.*), put into the admin's language where
// they are shown. The model (app/models/known-issues/teams.server.ts)
// validates with the same schema, whoever calls it.
import { z } from "zod";
import { TEAM_ROUTES, type TeamRoute } from "../../db/enums";
import { WEBHOOK_URL_MAX, webhookUrlProblem } from "./webhooks";

export const TEAM_NAME_MAX = 80;
export const TEAM_DESCRIPTION_MAX = 500;
export const TEAM_EMAIL_MAX = 254;
export const ME_TOO_THRESHOLD_MIN = 1;
export const ME_TOO_THRESHOLD_MAX = 1000;
export const DEFAULT_ME_TOO_THRESHOLD = 5;

const threshold = z.preprocess(
  (value) => (typeof value === "string" ? (/^\s*\d{1,9}\s*$/.test(value) ? Number(value) : value.trim() === "" ? undefined : Number.NaN) : value),
  z
    .number({ required_error: "teams.form.thresholdRequired", invalid_type_error: "teams.form.thresholdNumber" })
    .int("teams.form.thresholdNumber")
    .min(ME_TOO_THRESHOLD_MIN, "teams.form.thresholdRange")
    .max(ME_TOO_THRESHOLD_MAX, "teams.form.thresholdRange"),
);

// Two parts checked side by side, so that every field's message is found in
// one pass: an object's refinement runs only once its own fields are valid.
const teamFieldsSchema = z.object({
  name: z.string({ required_error: "teams.form.nameRequired" }).trim().min(1, "teams.form.nameRequired").max(TEAM_NAME_MAX, "teams.form.nameLong"),
  description: z.string().trim().max(TEAM_DESCRIPTION_MAX, "teams.form.descriptionLong").default(""),
  meTooThreshold: threshold,
});

const teamRouteSchema = z
  .object({
    route: z.enum(TEAM_ROUTES, { errorMap: () => ({ message: "teams.form.routeUnknown" }) }).default("none"),
    routeEmail: z.string().trim().max(TEAM_EMAIL_MAX, "teams.form.emailLong").default(""),
    routeUrl: z.string().trim().max(WEBHOOK_URL_MAX, "teams.form.urlLong").default(""),
  })
  .superRefine((team, ctx) => {
    if (team.route === "email") {
      if (!team.routeEmail) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["routeEmail"], message: "teams.form.emailRequired" });
      else if (!z.string().email().safeParse(team.routeEmail).success) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["routeEmail"], message: "teams.form.emailInvalid" });
    }
    if (team.route === "webhook") {
      if (!team.routeUrl) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["routeUrl"], message: "teams.form.urlRequired" });
      else {
        // The webhooks' own messages (webhooks.form.*): the same rule, the same words.
        const problem = webhookUrlProblem(team.routeUrl);
        if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["routeUrl"], message: problem });
      }
    }
  });

export const teamSchema = teamFieldsSchema.and(teamRouteSchema);

/** A team as its callers give it: a form's text is fine (the model validates it with teamSchema). */
export type TeamInput = {
  name: string;
  description?: string;
  route?: TeamRoute | (string & {});
  routeEmail?: string;
  routeUrl?: string;
  meTooThreshold: number | string;
};
/** A team once validated: trimmed, the threshold a number. */
export type TeamFields = z.output<typeof teamSchema>;

export const teamIdSchema = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** A form's fields as typed, to show again beside their messages. */
export type TeamFormValues = { name: string; description: string; route: string; routeEmail: string; routeUrl: string; meTooThreshold: string };

export function teamFormValues(form: FormData): TeamFormValues {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  return {
    name: text("name"),
    description: text("description"),
    route: text("route") || "none",
    routeEmail: text("routeEmail"),
    routeUrl: text("routeUrl"),
    meTooThreshold: text("meTooThreshold"),
  };
}
