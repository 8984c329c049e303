// Every operation of the API, in the order the reference lists them. An
// operation module exports an array of operations; add it here.
import type { RouteConfig } from "@asteasolutions/zod-to-openapi";
import type { AnyOperation } from "./operation.server";
import { accountOperations } from "./operations/account.server";
import { readOperations } from "./operations/reads.server";
import { writeOperations } from "./operations/writes.server";

export const API_OPERATIONS: readonly AnyOperation[] = [...accountOperations, ...readOperations, ...writeOperations];

/** The webhooks' events, described in the document's `webhooks` section. */
export const API_WEBHOOK_EVENTS_DOC: readonly (RouteConfig & { path: string })[] = [];
