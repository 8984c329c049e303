// The known issues' forms (issue #17): making and editing one, its status,
// linking and unlinking threads, merging, "me too" and the fix check. Messages
// are catalogue keys (knownIssues.form.*): parseForm puts them into the
// reader's language, with the bounds as values.
import { z } from "zod";
import { FIX_CHECK_ANSWERS, KNOWN_ISSUE_STATUSES, type KnownIssueStatus } from "../../db/enums";
import { safeRedirect } from "../auth/current-user.server";

import {
  INTERNAL_NOTE_MAX,
  KNOWN_ISSUE_DESCRIPTION_MAX,
  KNOWN_ISSUE_DESCRIPTION_MIN,
  KNOWN_ISSUE_TITLE_MAX,
  KNOWN_ISSUE_TITLE_MIN,
  STATUS_NOTE_MAX,
} from "./known-issue-limits";

export * from "./known-issue-limits";
/** How many threads one "new known issue" form may link at once. */
export const THREADS_PER_FORM_MAX = 100;

/** An optional choice of a select ("" for none) → a positive id or null. */
const optionalId = (message: string) =>
  z
    .string()
    .trim()
    .max(20, message)
    .refine((value) => value === "" || /^\d{1,15}$/.test(value), message)
    .transform((value) => (value === "" ? null : Number(value)));

/** Making or editing a known issue: what the public reads, and what staff keep to themselves. */
export const knownIssueSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, "knownIssues.form.titleRequired")
    .min(KNOWN_ISSUE_TITLE_MIN, "knownIssues.form.titleShort")
    .max(KNOWN_ISSUE_TITLE_MAX, "knownIssues.form.titleLong"),
  description: z
    .string()
    .trim()
    .min(1, "knownIssues.form.descriptionRequired")
    .min(KNOWN_ISSUE_DESCRIPTION_MIN, "knownIssues.form.descriptionShort")
    .max(KNOWN_ISSUE_DESCRIPTION_MAX, "knownIssues.form.descriptionLong"),
  team: optionalId("knownIssues.form.teamUnknown").default(""),
  incident: optionalId("knownIssues.form.incidentUnknown").default(""),
  article: optionalId("knownIssues.form.articleUnknown").default(""),
  internalNote: z.string().trim().max(INTERNAL_NOTE_MAX, "knownIssues.form.internalNoteLong").default(""),
});
export type KnownIssueForm = z.infer<typeof knownIssueSchema>;

/** A status change: the status, and the public note that goes with it (the page's history, the notification). */
export const statusSchema = z.object({
  status: z.enum(KNOWN_ISSUE_STATUSES, { errorMap: () => ({ message: "knownIssues.form.statusUnknown" }) }),
  note: z.string().trim().max(STATUS_NOTE_MAX, "knownIssues.form.noteLong").default(""),
});

/** Linking a thread: its address (/t/12/…, full or not) or its number; "move" takes it from the issue it is linked to. */
export const linkSchema = z.object({
  thread: z.string().trim().min(1, "knownIssues.form.threadRequired").max(2_000, "knownIssues.form.threadUnknown"),
  move: z.literal("1").optional(),
});

export const unlinkSchema = z.object({ threadId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** Merging into another issue: its number, "#12", or its address (/known-issues/12). */
export const mergeSchema = z.object({
  into: z.string().trim().min(1, "knownIssues.form.mergeRequired").max(2_000, "knownIssues.form.mergeUnknown"),
});

/** "Me too", from a linked thread's banner or the issue's page. */
export const meTooSchema = z.object({
  // The form's own name: a post meant for another form is refused, never counted as a "me too".
  intent: z.literal("me-too"),
  threadId: z
    .string()
    .trim()
    .regex(/^\d{0,15}$/, "knownIssues.form.threadUnknown")
    .transform((value) => (value === "" ? undefined : Number(value)))
    .optional(),
});

/** The asker's answer to "Did the fix solve your problem?". */
export const fixCheckSchema = z.object({
  threadId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  answer: z.enum(FIX_CHECK_ANSWERS, { errorMap: () => ({ message: "knownIssues.form.answerChoose" }) }),
});

/** "12", "#12", "/known-issues/12" or a whole address of this forum → 12; null when it names none. */
export function knownIssueIdFromReference(reference: string): number | null {
  const value = reference.trim();
  let digits = /^#?(\d{1,12})$/.exec(value)?.[1];
  if (!digits) {
    try {
      digits = /^\/known-issues\/(\d{1,12})(?:\/|$)/.exec(new URL(value, "http://localhost").pathname)?.[1];
    } catch {
      return null;
    }
  }
  const id = Number(digits);
  return digits && Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** The threads ticked on the "new known issue" form (each checkbox is a `threadId`); unreadable values are left out. */
export function threadIdsFrom(form: FormData): number[] {
  const ids = new Set<number>();
  for (const value of form.getAll("threadId")) {
    if (typeof value === "string" && /^\d{1,15}$/.test(value.trim())) ids.add(Number(value.trim()));
    if (ids.size >= THREADS_PER_FORM_MAX) break;
  }
  return [...ids];
}

/**
 * The ?status= filter of the lists: absent or "all" → every status; a known
 * status → it; anything else → an error (a catalogue key) shown beside the filter.
 */
export function statusFilterFrom(raw: string | null): { status: KnownIssueStatus | null; error: string | null } {
  if (raw === null || raw === "" || raw === "all") return { status: null, error: null };
  return (KNOWN_ISSUE_STATUSES as readonly string[]).includes(raw)
    ? { status: raw as KnownIssueStatus, error: null }
    : { status: null, error: "knownIssues.list.statusUnknown" };
}

/** Where a "me too" or a fix-check answer goes back to: a path on this site, or the issue's page. */
export function returnPath(raw: FormDataEntryValue | null, issueId: number): string {
  return safeRedirect(raw, `/known-issues/${issueId}`);
}
