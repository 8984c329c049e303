// The shapes the API answers with, shared by the operations, the webhooks'
// envelopes and the OpenAPI document (each registered under its name).
// Dates are ISO 8601 strings; ids are integers; links are absolute URLs.
import { z } from "./zod";

export const isoDate = z.string().datetime({ offset: true }).openapi({ example: "2026-03-14T09:26:53.589Z" });

export const idParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).openapi({ param: { name: "id", in: "path" }, example: 42 }) });

export const userRefSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    url: z.string().url().openapi({ description: "The member's profile page." }),
    bot: z.boolean().openapi({ description: "An integration's bot account, not a person." }),
  })
  .nullable()
  .openapi("UserRef", { description: "A post's author; null for a former member (a deleted account)." });

export const categorySchema = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    name: z.string().openapi({ description: "In the caller's language when the brand translated it." }),
    description: z.string(),
    threadCount: z.number().int(),
    url: z.string().url(),
  })
  .openapi("Category");

export const listOf = <T extends z.ZodTypeAny>(item: T, name: string) =>
  z
    .object({
      items: z.array(item),
      nextCursor: z.string().nullable().openapi({ description: "Pass as `cursor` for the next page; null on the last one." }),
    })
    .openapi(name);

export const meSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(["member", "moderator", "admin"]),
    reputation: z.number().int(),
    bot: z.boolean(),
    language: z.enum(["en", "fr"]),
    token: z.object({ kind: z.enum(["personal", "bot"]), scopes: z.array(z.enum(["read", "write", "moderate"])) }),
  })
  .openapi("Me");
