// The API's list of status incidents (what /status shows, to everyone):
// newest first, open or resolved ones or both, by cursor.
import { and, desc, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { announcements } from "../../../db/schema";
import { isStatus } from "../../models/moderation/incident.server";
import { apiIncidentColumns, presentIncidentSummaries, type ApiViewer } from "../present.server";
import type { ApiIncidentSummary } from "../schemas";
import { afterDescending, decodeCursor, pageOf } from "./cursor.server";

export type IncidentListQuery = { status?: "open" | "resolved"; cursor?: string; limit: number };

export function listIncidentsForApi(db: Db, viewer: ApiViewer, query: IncidentListQuery): { items: ApiIncidentSummary[]; nextCursor: string | null } {
  const listName = ["incidents", query.status ?? ""].join(":");
  const after = query.cursor ? decodeCursor(query.cursor, listName, ["number", "number"], viewer.language) : null;
  const rows = db
    .select(apiIncidentColumns(db))
    .from(announcements)
    .where(
      and(
        isStatus,
        query.status === "open" ? isNull(announcements.resolvedAt) : query.status === "resolved" ? isNotNull(announcements.resolvedAt) : undefined,
        after ? afterDescending([announcements.createdAt, announcements.id], after) : undefined,
      ),
    )
    .orderBy(desc(announcements.createdAt), desc(announcements.id))
    .limit(query.limit + 1)
    .all();
  const page = pageOf(rows, query.limit, listName, (row) => [row.createdAt.getTime(), row.id]);
  return { items: presentIncidentSummaries(db, viewer, page.items), nextCursor: page.nextCursor };
}
