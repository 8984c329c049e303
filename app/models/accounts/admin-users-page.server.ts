// The admins' users and roles page (/admin) in one verb: the members found by
// name, email or role, the admin's own account (they cannot change their own
// role) and the latest role changes and suspensions. Admins only (listUsers checks).
import type { Db } from "../../../db/client";
import type { Role } from "../../../db/schema";
import type { CurrentUser } from "../../auth/session.server";
import { listUserAuditEvents } from "../moderation/audit.server";
import { listUsers } from "./user.server";

export type UserSearch = { q: string; role?: Role; page: number };

export function adminUsersPageFor(db: Db, actor: CurrentUser, query: UserSearch) {
  const result = listUsers(db, actor, query);
  return {
    ...result,
    query,
    me: { id: actor.id, role: actor.role, reputation: actor.reputation, createdAt: actor.createdAt },
    audit: listUserAuditEvents(db),
  };
}
