import "./i18n/i18n.server";
import { refusedWith } from "./i18n/message";
import { refusal, refusalMessage, type Action, type Actor, type ResourceArgs } from "./policy";

/**
 * Throws a 403 response (401 for visitors) that says why, unless the policy
 * allows the action: in the member's language, or for a visitor as a key the
 * error page puts into the reader's words.
 */
export function assertCan<A extends Action>(actor: Actor, action: A, ...args: ResourceArgs<A>): void {
  if (!actor) {
    const reason = refusalMessage(actor, action, ...args);
    if (reason) throw refusedWith(401, reason.message, reason.values);
    return;
  }
  const reason = refusal(actor, action, ...args);
  if (reason !== null) throw new Response(reason, { status: 403, statusText: "Forbidden" });
}
