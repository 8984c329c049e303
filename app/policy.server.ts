import { refusal, type Action, type Actor, type ResourceArgs } from "./policy";

/** Throws a 403 response (401 for visitors) that says why, unless the policy allows the action. */
export function assertCan<A extends Action>(actor: Actor, action: A, ...args: ResourceArgs<A>): void {
  const reason = refusal(actor, action, ...args);
  if (reason !== null) {
    throw new Response(reason, { status: actor ? 403 : 401, statusText: actor ? "Forbidden" : "Unauthorized" });
  }
}
