// An incident's editor (/status/:id/edit) in one verb: the incident as it is
// now and the categories it may affect. Staff only (getIncidentForEdit checks).
import type { Db } from "../../../db/client";
import type { Actor } from "../../policy";
import { listCategories } from "../forum/category.server";
import { getIncidentForEdit } from "./incident.server";

/** Throws a 403 for anyone else and a 404 when there is no such incident. */
export function editIncidentPageFor(db: Db, actor: Actor, id: number) {
  const incident = getIncidentForEdit(db, actor, id);
  return {
    incident: { id: incident.id, title: incident.title, severity: incident.severity ?? "information", category: incident.category, body: incident.body },
    categories: listCategories(db).map((c) => ({ slug: c.slug, name: c.name })),
  };
}
