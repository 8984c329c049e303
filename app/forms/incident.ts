// The incident editor's forms. Messages are catalogue keys (staffServer.incident.*):
// parseForm puts them into the moderator's language, with the bounds as values.
import { z } from "zod";
import { refusedWith } from "../i18n/message";
import { SEVERITIES } from "../../db/enums";

export const INCIDENT_TITLE_MIN = 5;
export const INCIDENT_TITLE_MAX = 150;
export const INCIDENT_BODY_MIN = 10;
export const INCIDENT_BODY_MAX = 20_000;
export const UPDATE_BODY_MAX = 10_000;
/** The category field's value for an incident that affects every category. */
export const ALL_CATEGORIES = "all";

export { SEVERITY_HINT_KEYS, SEVERITY_LABEL_KEYS } from "./incident-labels";

/** The :id of /status/:id: "12" → 12; anything else is no incident at all (404). */
export function incidentIdFrom(params: { id?: string }) {
  const raw = params.id ?? "";
  const id = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(id) || id <= 0) {
    throw refusedWith(404, "staffServer.notFound.incident");
  }
  return id;
}

/** Opening or editing an incident. */
export const incidentSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, "staffServer.incident.titleRequired")
    .min(INCIDENT_TITLE_MIN, "staffServer.incident.titleShort")
    .max(INCIDENT_TITLE_MAX, "staffServer.incident.titleLong"),
  severity: z.enum(SEVERITIES, { errorMap: () => ({ message: "staffServer.incident.severity" }) }),
  category: z.string().trim().min(1, "staffServer.incident.category").max(100, "staffServer.incident.categoryUnknown"),
  body: z
    .string()
    .trim()
    .min(1, "staffServer.incident.bodyRequired")
    .min(INCIDENT_BODY_MIN, "staffServer.incident.bodyShort")
    .max(INCIDENT_BODY_MAX, "staffServer.incident.bodyLong"),
});

const updateBody = (empty: string) =>
  z
    .string()
    .trim()
    .min(1, empty)
    .max(UPDATE_BODY_MAX, "staffServer.incident.updateLong");

/** An update on an open incident. */
export const incidentUpdateSchema = z.object({ body: updateBody("staffServer.incident.updateRequired") });

/** Resolving an incident: the closing note is its last update. */
export const resolveSchema = z.object({ note: updateBody("staffServer.incident.resolveRequired") });

/** Linking a thread: its address (/t/12/…, full or not) or its number. */
export const linkThreadSchema = z.object({
  thread: z.string().trim().min(1, "staffServer.incident.threadRequired").max(2_000, "staffServer.incident.threadLong"),
});

export const unlinkThreadSchema = z.object({ threadId: z.coerce.number().int().positive() });
