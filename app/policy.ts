// Who may do what. Pure functions of the actor and the resource: no database
// access, so the UI uses them to hide buttons and the models use them
// (through assertCan) to refuse. One rule per action, in one place.
import type { PostKind, Role } from "../db/schema";

export type Actor = {
  id: number;
  role: Role;
  reputation: number;
  createdAt: Date | string;
} | null;

export type UserResource = { id: number; role: Role };

/** What the policy needs to know about a post (question, answer or comment). */
export type PostResource = {
  authorId: number;
  kind: PostKind;
  deleted?: boolean;
  /** For answers and comments: who asked the thread's question. */
  threadAuthorId?: number;
  /** For a question: how many (visible) answers it has. */
  answerCount?: number;
  threadDeleted?: boolean;
};

export type ThreadResource = { authorId: number; deleted?: boolean };

type Resources = {
  "admin.access": undefined;
  "admin.settings": undefined;
  "mod.access": undefined;
  "user.changeRole": UserResource;
  "thread.create": undefined;
  "answer.create": ThreadResource;
  "comment.create": PostResource;
  "post.edit": PostResource;
  "post.delete": PostResource;
  "post.restore": PostResource;
  "post.viewDeleted": undefined;
  "post.vote": PostResource;
  "post.flag": PostResource;
  "answer.accept": PostResource;
  "flag.review": undefined;
};

export type Action = keyof Resources;
export type ResourceArgs<A extends Action> = Resources[A] extends undefined ? [] : [Resources[A]];

const RANK: Record<Role, number> = { member: 0, moderator: 1, admin: 2 };

export function isStaff(actor: Actor): boolean {
  return !!actor && RANK[actor.role] >= RANK.moderator;
}

export function isAdmin(actor: Actor): boolean {
  return !!actor && actor.role === "admin";
}

function owns(actor: Actor, resource: { authorId: number }) {
  return !!actor && actor.id === resource.authorId;
}

export function can<A extends Action>(actor: Actor, action: A, ...args: ResourceArgs<A>): boolean {
  return decide(actor, action, args[0] as Resources[Action]) === null;
}

/**
 * The reason an action is refused, in words for the person refused; null when
 * it is allowed. `can` is this function's yes or no.
 */
export function refusal<A extends Action>(actor: Actor, action: A, ...args: ResourceArgs<A>): string | null {
  return decide(actor, action, args[0] as Resources[Action]);
}

function decide(actor: Actor, action: Action, resource: Resources[Action]): string | null {
  if (!actor) return "Please sign in first.";
  switch (action) {
    case "admin.access":
    case "admin.settings":
      return isAdmin(actor) ? null : "Only administrators can do that.";
    case "mod.access":
    case "flag.review":
    case "post.viewDeleted":
      return isStaff(actor) ? null : "Only moderators can do that.";
    case "user.changeRole": {
      const target = resource as UserResource;
      // Nobody changes their own role, so an admin cannot lock the site out
      // of administration by accident.
      if (!isAdmin(actor)) return "Only administrators can change roles.";
      return actor.id === target.id ? "You can't change your own role." : null;
    }
    case "thread.create":
      return null;
    case "answer.create": {
      const thread = resource as ThreadResource;
      return thread.deleted ? "This question was deleted." : null;
    }
    case "comment.create": {
      const post = resource as PostResource;
      if (post.deleted || post.threadDeleted) return "You can't comment on a deleted post.";
      return post.kind === "comment" ? "Comments can't have comments of their own." : null;
    }
    case "post.edit": {
      const post = resource as PostResource;
      if (isStaff(actor)) return null;
      if (post.deleted) return "This post was deleted.";
      return owns(actor, post) ? null : "You can only edit your own posts.";
    }
    case "post.delete": {
      const post = resource as PostResource;
      if (post.deleted) return "This post is already deleted.";
      if (isStaff(actor)) return null;
      if (!owns(actor, post)) return "You can only delete your own posts.";
      if (post.kind === "question" && (post.answerCount ?? 0) > 0) {
        return "A question that has answers can only be deleted by a moderator.";
      }
      return null;
    }
    case "post.restore": {
      const post = resource as PostResource;
      if (!isStaff(actor)) return "Only moderators can restore posts.";
      return post.deleted ? null : "This post is not deleted.";
    }
    case "post.vote": {
      const post = resource as PostResource;
      if (post.kind === "comment") return "Comments can't be voted on.";
      if (post.deleted || post.threadDeleted) return "You can't vote on a deleted post.";
      return owns(actor, post) ? "You can't vote on your own post." : null;
    }
    case "post.flag": {
      const post = resource as PostResource;
      if (post.deleted) return "This post was deleted.";
      return owns(actor, post) ? "You can't flag your own post." : null;
    }
    case "answer.accept": {
      const answer = resource as PostResource;
      if (answer.kind !== "answer") return "Only answers can be accepted.";
      if (answer.deleted || answer.threadDeleted) return "A deleted answer can't be accepted.";
      if (isStaff(actor) || actor.id === answer.threadAuthorId) return null;
      return "Only the person who asked can accept an answer.";
    }
  }
}
