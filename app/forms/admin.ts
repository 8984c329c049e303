import { z } from "zod";
import { ROLES } from "../../db/schema";

export const roleChangeSchema = z.object({
  userId: z.coerce.number().int().positive(),
  role: z.enum(ROLES, { errorMap: () => ({ message: "Choose member, moderator or admin." }) }),
  reason: z.string().trim().max(500, "A reason has at most 500 characters.").default(""),
});

export const siteSettingsSchema = z.object({
  brandName: z.string().trim().min(1, "Enter the brand's name.").max(60, "A brand name has at most 60 characters."),
  tagline: z.string().trim().max(160, "A tagline has at most 160 characters."),
});

export const userSearchSchema = z.object({
  q: z.string().trim().max(100).catch(""),
  role: z.enum(ROLES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).catch(1),
});
