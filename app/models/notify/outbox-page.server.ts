// The admins' email outbox (/admin/outbox) in one verb: one message (?id=N),
// or a page of the list filtered by status and kind; and which channels are
// configured to send. Admins only (listOutbox and getOutboxMessage check).
import type { Db } from "../../../db/client";
import type { OutboxKind, OutboxStatus } from "../../../db/schema";
import type { Actor } from "../../policy";
import { refusedWith } from "../../i18n/message";
import { configuredKinds, getOutboxMessage, listOutbox } from "./outbox.server";

export type OutboxPageQuery = { status?: OutboxStatus; kind?: OutboxKind; page?: number; id?: number };

/** Throws a 403 for anyone but an admin, and a 404 for a message number the outbox does not hold. */
export function outboxPageFor(db: Db, actor: Actor, query: OutboxPageQuery) {
  const configured = configuredKinds();
  if (query.id) {
    const found = getOutboxMessage(db, actor, query.id);
    if (!found) throw refusedWith(404, "forumServer.outbox.noSuchNumber");
    return { view: "message" as const, found, configured };
  }
  const list = listOutbox(db, actor, { status: query.status, kind: query.kind, page: query.page });
  return { view: "list" as const, list, query: { status: query.status ?? "", kind: query.kind ?? "" }, configured };
}
