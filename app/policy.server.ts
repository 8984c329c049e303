import { can, refusal, type Action, type Actor, type UserResource } from "./policy";

/** Throws a 403 response unless the policy allows the action. */
export function assertCan(actor: Actor, action: "user.changeRole", resource: UserResource): void;
export function assertCan(actor: Actor, action: Exclude<Action, "user.changeRole">): void;
export function assertCan(actor: Actor, action: Action, resource?: UserResource): void {
  const allowed = action === "user.changeRole" ? can(actor, action, resource!) : can(actor, action);
  if (!allowed) {
    throw new Response(refusal(actor, action), { status: actor ? 403 : 401, statusText: actor ? "Forbidden" : "Unauthorized" });
  }
}
