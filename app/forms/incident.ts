import { z } from "zod";
import { SEVERITIES } from "../../db/enums";

export const INCIDENT_TITLE_MIN = 5;
export const INCIDENT_TITLE_MAX = 150;
export const INCIDENT_BODY_MIN = 10;
export const INCIDENT_BODY_MAX = 20_000;
export const UPDATE_BODY_MAX = 10_000;
/** The category field's value for an incident that affects every category. */
export const ALL_CATEGORIES = "all";

export { SEVERITY_HINTS, SEVERITY_LABELS } from "./incident-labels";

/** The :id of /status/:id: "12" → 12; anything else is no incident at all (404). */
export function incidentIdFrom(params: { id?: string }) {
  const raw = params.id ?? "";
  const id = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(id) || id <= 0) {
    throw new Response("No such status update.", { status: 404, statusText: "Not Found" });
  }
  return id;
}

/** Opening or editing an incident. */
export const incidentSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, "Give the incident a title.")
    .min(INCIDENT_TITLE_MIN, `A title needs at least ${INCIDENT_TITLE_MIN} characters.`)
    .max(INCIDENT_TITLE_MAX, `A title has at most ${INCIDENT_TITLE_MAX} characters.`),
  severity: z.enum(SEVERITIES, { errorMap: () => ({ message: "Choose how serious it is." }) }),
  category: z.string().trim().min(1, "Choose the affected category, or all of them.").max(100, "Choose one of the categories."),
  body: z
    .string()
    .trim()
    .min(1, "Say what is happening and who is affected.")
    .min(INCIDENT_BODY_MIN, `Please write at least ${INCIDENT_BODY_MIN} characters.`)
    .max(INCIDENT_BODY_MAX, `This is longer than ${INCIDENT_BODY_MAX.toLocaleString("en")} characters; please shorten it.`),
});

const updateBody = (empty: string) =>
  z
    .string()
    .trim()
    .min(1, empty)
    .max(UPDATE_BODY_MAX, `An update has at most ${UPDATE_BODY_MAX.toLocaleString("en")} characters.`);

/** An update on an open incident. */
export const incidentUpdateSchema = z.object({ body: updateBody("Write the update here.") });

/** Resolving an incident: the closing note is its last update. */
export const resolveSchema = z.object({ note: updateBody("Say what was fixed: it is shown as the last update.") });

/** Linking a thread: its address (/t/12/…, full or not) or its number. */
export const linkThreadSchema = z.object({
  thread: z.string().trim().min(1, "Paste the thread's address or type its number.").max(2_000, "That address is too long."),
});

export const unlinkThreadSchema = z.object({ threadId: z.coerce.number().int().positive() });
