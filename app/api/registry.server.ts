// Every operation of the API, in the order the reference lists them. An
// operation module exports an array of operations; add it here.
import type { RouteConfig } from "@asteasolutions/zod-to-openapi";
import { WEBHOOK_EVENTS } from "../../db/enums";
import { isStaffEvent } from "../forms/webhooks";
import type { AnyOperation } from "./operation.server";
import { articleSchema, escalationSchema, flagObjectSchema, incidentSchema, isoDate, postSchema, threadSchema, userSchema } from "./schemas";
import { z } from "./zod";
import { accountOperations } from "./operations/account.server";
import { readOperations } from "./operations/reads.server";
import { writeOperations } from "./operations/writes.server";

export const API_OPERATIONS: readonly AnyOperation[] = [...accountOperations, ...readOperations, ...writeOperations];

/**
 * The webhooks' events, described in the document's `webhooks` section: for
 * each event, the envelope POSTed to a subscribed webhook, its `data` the
 * object as the API shows it to a visitor (to staff for the staff-only
 * events), and the headers that sign it (app/models/notify/webhook-delivery.server.ts).
 */
export const API_WEBHOOK_EVENTS_DOC: readonly (RouteConfig & { path: string })[] = (() => {
  const rankReachedSchema = z
    .object({ rank: z.string().openapi({ description: "The rank's name, in the site's language." }), user: z.object(userSchema.shape) })
    .openapi({ description: "A member reached a rank for the first time." });
  const pingSchema = z
    .object({ webhookId: z.number().int(), url: z.string().url(), events: z.array(z.enum(WEBHOOK_EVENTS)) })
    .openapi({ description: "An admin's \"Send a test ping\": the webhook, its address and its events." });
  // The presenters' schemas, written out in place: zod-to-openapi (7.3) puts
  // in `components` only the named schemas the paths reach, so a name only a
  // webhook reaches (Flag, Escalation) would be a dangling $ref.
  const inPlace = <T extends z.AnyZodObject>(schema: T, title: string) => z.object(schema.shape).openapi({ title });
  const data: Record<(typeof WEBHOOK_EVENTS)[number] | "ping", z.ZodTypeAny> = {
    "thread.created": inPlace(threadSchema, "Thread"),
    "answer.posted": inPlace(postSchema, "Post"),
    "answer.accepted": inPlace(postSchema, "Post"),
    "post.hidden": inPlace(postSchema, "Post"),
    "post.deleted": inPlace(postSchema, "Post"),
    "flag.raised": inPlace(flagObjectSchema, "Flag"),
    "escalation.opened": inPlace(escalationSchema, "Escalation"),
    "escalation.closed": inPlace(escalationSchema, "Escalation"),
    "incident.opened": inPlace(incidentSchema, "Incident"),
    "incident.updated": inPlace(incidentSchema, "Incident"),
    "incident.resolved": inPlace(incidentSchema, "Incident"),
    "article.published": inPlace(articleSchema, "Article"),
    "user.joined": inPlace(userSchema, "User"),
    "rank.reached": rankReachedSchema,
    ping: pingSchema,
  };
  const headers = z.object({
    "X-Entraide-Event": z.string().openapi({ description: "The event's name." }),
    "X-Entraide-Delivery": z.string().uuid().openapi({ description: "The event's id (the envelope's id): the same on every retry and redelivery; ignore a repeat." }),
    "X-Entraide-Timestamp": z.string().openapi({ description: "When this attempt was signed, in Unix seconds. Refuse a delivery more than 300 seconds away from your clock." }),
    "X-Entraide-Signature": z.string().openapi({
      description: "sha256= followed by the hex HMAC-SHA256 of `${timestamp}.${body}` (the timestamp header, a dot, the exact body), keyed with the webhook's secret.",
      example: "sha256=5d41402abc4b2a76b9719d911017c592ae2b9b8d7c7c1e5e5c5d3f5e5b5a5c5d",
    }),
  });
  const pascal = (event: string) => event.replace(/(^|[._])(\w)/g, (_match, _sep, letter: string) => letter.toUpperCase());
  return (["ping", ...WEBHOOK_EVENTS] as const).map((event) => {
    const staff = isStaffEvent(event);
    const envelope = z
      .object({
        id: z.string().uuid().openapi({ description: "The event's id (also in X-Entraide-Delivery)." }),
        event: z.literal(event),
        occurredAt: isoDate,
        data: data[event],
      })
      .openapi({ title: `${pascal(event)}Event` });
    return {
      method: "post" as const,
      path: event,
      operationId: `webhook.${event}`,
      summary: event === "ping" ? "A test ping" : `The event ${event}`,
      description:
        (event === "ping"
          ? "Sent when an admin presses \"Send a test ping\"."
          : staff
            ? "`data` is the object as staff see it."
            : "`data` is the object as a visitor sees it; an event whose object a visitor may no longer see when it is sent is not sent.") +
        " Only a 2xx answer within 10 seconds counts as delivered; a failed delivery is retried after 1 min, 5 min, 30 min, 2 h and 8 h.",
      tags: ["Webhooks"],
      request: { headers, body: { required: true, content: { "application/json": { schema: envelope } } } },
      responses: { 200: { description: "Any 2xx answer: delivered." } },
    };
  });
})();
