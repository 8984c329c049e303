// Who may do what. Pure functions of the actor and the resource: no database
// access, so the UI can use them to hide buttons and the models use them
// (through assertCan) to refuse. One rule per action, in one place.
import type { Role } from "../db/schema";

export type Actor = {
  id: number;
  role: Role;
  reputation: number;
  createdAt: Date | string;
} | null;

export type Action =
  | "admin.access"
  | "admin.settings"
  | "user.changeRole"
  | "mod.access";

export type UserResource = { id: number; role: Role };

const RANK: Record<Role, number> = { member: 0, moderator: 1, admin: 2 };

export function isStaff(actor: Actor): boolean {
  return !!actor && RANK[actor.role] >= RANK.moderator;
}

export function isAdmin(actor: Actor): boolean {
  return !!actor && actor.role === "admin";
}

export function can(actor: Actor, action: "user.changeRole", resource: UserResource): boolean;
export function can(actor: Actor, action: Exclude<Action, "user.changeRole">): boolean;
export function can(actor: Actor, action: Action, resource?: unknown): boolean {
  switch (action) {
    case "admin.access":
    case "admin.settings":
      return isAdmin(actor);
    case "mod.access":
      return isStaff(actor);
    case "user.changeRole": {
      const target = resource as UserResource;
      // Admins change other people's roles; nobody changes their own, so an
      // admin cannot lock the site out of administration by accident.
      return isAdmin(actor) && actor!.id !== target.id;
    }
  }
}

// The sentence shown to someone who is refused, so a refusal always says why.
export function refusal(actor: Actor, action: Action): string {
  if (!actor) return "Please sign in first.";
  switch (action) {
    case "admin.access":
    case "admin.settings":
      return "Only administrators can do that.";
    case "mod.access":
      return "Only moderators can do that.";
    case "user.changeRole":
      return "Only administrators can change roles, and not their own.";
  }
}
