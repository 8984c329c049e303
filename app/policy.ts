// Who may do what. Pure functions of the actor and the resource: no database
// access, so the UI uses them to hide buttons and the models use them
// (through assertCan) to refuse. One rule per action, in one place.
import type { IdeaStatus, PostKind, Role } from "../db/schema";
import { translatorFor } from "./i18n/i18n";
import { DEFAULT_LANGUAGE, type Language } from "./i18n/languages";
import type { Message } from "./i18n/message";
import { exactTime } from "./utils/time";

/**
 * The reputation each privilege needs (the admins' reward rules). `earlyAccess`
 * is the threshold of the early-access rank, derived from the rules when read.
 */
export type Privileges = { upvote: number; downvote: number; comment: number; editOthers: number; earlyAccess?: number };
export const DEFAULT_PRIVILEGES: Privileges = { upvote: 15, downvote: 125, comment: 50, editOthers: 2_000, earlyAccess: 1_000 };

export type Actor = {
  id: number;
  role: Role;
  reputation: number;
  createdAt: Date | string;
  /** The thresholds in force (set per request from the reward rules); the defaults when absent. */
  privileges?: Privileges;
  /** The language the request speaks to them in (refusals are said in it). */
  language?: Language | null;
  /** A suspended user reads but writes nothing until this moment. */
  suspendedUntil?: Date | string | null;
  suspendReason?: string;
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
  /** For a vote: which way. */
  direction?: "up" | "down";
  /** Hidden by a moderator. */
  hidden?: boolean;
  /** The thread is locked: no new comments. */
  threadLocked?: boolean;
};

export type ThreadResource = {
  authorId: number;
  deleted?: boolean;
  /** Locked by a moderator: no new answers or comments. */
  locked?: boolean;
  /** Closed as a duplicate of another thread: answers go there. */
  duplicate?: boolean;
};

/** Watching or muting something: the level the actor asks for. */
export type WatchResource = { level: "watching" | "muted" | "none" };

/** A product idea to vote for: votes close once it is done or declined, or gone. */
export type IdeaResource = { authorId: number; deleted?: boolean; status: IdeaStatus };

/** A personal API token asked for: the scopes it would carry. */
export type ApiTokenResource = { scopes: readonly string[] };

/** Early access for one reader: whether a moderator granted it, and the rank's name (for the refusal's words). */
export type EarlyAccessResource = { granted: boolean; rank?: string };

type Resources = {
  "admin.access": undefined;
  "admin.settings": undefined;
  "admin.outbox": undefined;
  /** Bot tokens and every member's tokens (/admin/api). */
  "admin.api": undefined;
  /** Webhooks, their deliveries and test pings (/admin/webhooks). */
  "admin.webhooks": undefined;
  /** The full export of the community: start one, follow it, download it (/admin/export). */
  "admin.export": undefined;
  /** Make a personal API token with these scopes (moderate: staff only). */
  "apiToken.create": ApiTokenResource;
  "mod.access": undefined;
  "user.changeRole": UserResource;
  "thread.create": undefined;
  /** Comment under an early-access announcement the member reads (readsEarlyAccess decides that). */
  "announcement.comment": undefined;
  /** Watch or mute a thread, watch a category or a tag: anyone signed in, for themselves. */
  watch: WatchResource;
  /** Change one's own public display name and bio. */
  "profile.edit": undefined;
  /** Answer "Was this helpful?" on an article as a signed-in member (it credits reputation). */
  "kb.feedback": undefined;
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
  "search.insights": undefined;
  "search.synonyms": undefined;
  "kb.manage": undefined;
  "answer.thank": PostResource;
  "earlyAccess.read": EarlyAccessResource;
  "earlyAccess.manage": undefined;
  "incident.manage": undefined;
  "thread.escalate": ThreadResource;
  "escalation.close": undefined;
  "thread.followUp": ThreadResource;
  "thread.moderate": undefined;
  "post.hide": PostResource;
  "post.viewHidden": PostResource;
  "user.suspend": UserResource;
  /** The brand's teams and where known issues are routed to them (/admin/teams). */
  "admin.teams": undefined;
  /** Make, edit, link threads to, merge and change the status of known issues. */
  "knownIssue.manage": undefined;
  /** Say "me too" on a known issue: anyone signed in. */
  "knownIssue.meToo": undefined;
  /** Vote for a product idea (one vote per member). */
  "idea.vote": IdeaResource;
  /** Set an idea's status (under review, planned...), with its reason. */
  "idea.setStatus": undefined;
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

/** Null when the actor's reputation reaches the privilege; else the reason, in words. */
function needs(actor: NonNullable<Actor>, privilege: Exclude<keyof Privileges, "earlyAccess">): Message | null {
  const required = (actor.privileges ?? DEFAULT_PRIVILEGES)[privilege];
  return actor.reputation >= required ? null : m(`needs.${privilege}`, { points: required });
}

/** A refusal's catalogue key (under "policy") and its values. */
function m(key: string, values?: Message["values"]): Message {
  return values ? { message: `policy.${key}`, values } : { message: `policy.${key}` };
}

export function can<A extends Action>(actor: Actor, action: A, ...args: ResourceArgs<A>): boolean {
  return decide(actor, action, args[0] as Resources[Action]) === null;
}

/**
 * The reason an action is refused, in words for the person refused (in the
 * language their request speaks); null when it is allowed. `can` is this
 * function's yes or no.
 */
export function refusal<A extends Action>(actor: Actor, action: A, ...args: ResourceArgs<A>): string | null {
  const reason = decide(actor, action, args[0] as Resources[Action]);
  return reason && refusalWords(reason, actor?.language ?? DEFAULT_LANGUAGE);
}

/** The reason, as a key and values (for a refusal thrown to whoever reads the error page). */
export function refusalMessage<A extends Action>(actor: Actor, action: A, ...args: ResourceArgs<A>): Message | null {
  return decide(actor, action, args[0] as Resources[Action]);
}

/** A refusal in words: numbers and the suspension's end in the language's own way. */
export function refusalWords({ message, values }: Message, language: Language): string {
  const t = translatorFor(language);
  if (!values) return t(message);
  const shown: Record<string, string | number> = { ...values };
  if (typeof values.points === "number") shown.points = values.points.toLocaleString(language);
  if (typeof values.until === "string") shown.until = exactTime(values.until, language);
  return t(message, shown);
}

// ---------------------------------------------------------------------------
// What a viewer may see. The SQL scope in models/visibility.server.ts decides
// the same for whole lists; a test checks the two agree on every kind of
// viewer and every state of thread, post and parent.

/** What seeing a thread depends on: deleted threads are for staff; a thread whose question is hidden, for staff and its asker. */
export type SeenThread = { authorId: number; deleted: boolean; hidden: boolean };
/** What seeing a post depends on: deleted posts are for staff; hidden ones, for staff and their author. */
export type SeenPost = { authorId: number; deleted: boolean; hidden: boolean };

export function canSeeThread(viewer: Actor, thread: SeenThread): boolean {
  if (isStaff(viewer)) return true;
  return !thread.deleted && (!thread.hidden || owns(viewer, thread));
}

/** A post, in its thread; a comment goes with the post it is under (its parent). */
export function canSeePost(viewer: Actor, post: SeenPost, thread: SeenThread, parent?: SeenPost | null): boolean {
  if (!canSeeThread(viewer, thread)) return false;
  if (isStaff(viewer)) return true;
  const own = (p: SeenPost) => !p.deleted && (!p.hidden || owns(viewer, p));
  return own(post) && (!parent || own(parent));
}

/** A knowledge-base article: published ones are for everyone; drafts and archived ones for those who manage the knowledge base. */
export function canSeeArticle(viewer: Actor, article: { status: string }): boolean {
  return article.status === "published" || isStaff(viewer);
}

/** Until when the actor is suspended, if they are now. */
export function suspendedUntil(actor: Actor, now = Date.now()): Date | null {
  if (!actor?.suspendedUntil) return null;
  const until = new Date(actor.suspendedUntil);
  return until.getTime() > now ? until : null;
}

// What a suspended user may still do: read. Every other action writes.
const READS: ReadonlySet<Action> = new Set<Action>([
  "admin.access",
  "mod.access",
  "post.viewDeleted",
  "post.viewHidden",
  "earlyAccess.read",
  "search.insights",
]);

/**
 * Whether a suspended user may still do this. Besides reading, they may stop
 * watching or mute: quieting their own notifications touches nobody else.
 */
function allowedWhileSuspended(action: Action, resource: Resources[Action]): boolean {
  if (READS.has(action)) return true;
  return action === "watch" && (resource as WatchResource).level !== "watching";
}

function decide(actor: Actor, action: Action, resource: Resources[Action]): Message | null {
  if (!actor) return m("signIn");
  const suspended = suspendedUntil(actor);
  if (suspended && !allowedWhileSuspended(action, resource)) {
    return actor.suspendReason
      ? m("suspendedBecause", { until: suspended.toISOString(), reason: actor.suspendReason })
      : m("suspended", { until: suspended.toISOString() });
  }
  switch (action) {
    case "admin.access":
    case "admin.settings":
    case "admin.outbox":
    case "admin.api":
    case "admin.webhooks":
    case "admin.export":
    case "admin.teams":
      return isAdmin(actor) ? null : m("adminsOnly");
    case "apiToken.create":
      return (resource as ApiTokenResource).scopes.includes("moderate") && !isStaff(actor) ? m("staffOnly") : null;
    case "mod.access":
    case "flag.review":
    case "post.viewDeleted":
    case "search.insights":
    case "search.synonyms":
    case "kb.manage":
    case "earlyAccess.manage":
    case "incident.manage":
      return isStaff(actor) ? null : m("staffOnly");
    case "earlyAccess.read": {
      const access = resource as EarlyAccessResource;
      if (isStaff(actor) || access.granted) return null;
      const required = actor.privileges?.earlyAccess ?? DEFAULT_PRIVILEGES.earlyAccess!;
      if (actor.reputation >= required) return null;
      return access.rank ? m("earlyAccessRank", { rank: access.rank, points: required }) : m("earlyAccess", { points: required });
    }
    case "user.changeRole": {
      const target = resource as UserResource;
      // Nobody changes their own role, so an admin cannot lock the site out
      // of administration by accident.
      if (!isAdmin(actor)) return m("changeRoleAdmins");
      return actor.id === target.id ? m("ownRole") : null;
    }
    case "thread.create":
    case "announcement.comment":
      return null;
    case "watch":
    case "profile.edit":
    case "kb.feedback":
      // Only a suspension (above) refuses these.
      return null;
    case "answer.create": {
      const thread = resource as ThreadResource;
      if (thread.deleted) return m("questionDeleted");
      // Staff may still post, to say why a thread was closed.
      if (isStaff(actor)) return null;
      if (thread.locked) return m("lockedAnswers");
      return thread.duplicate ? m("duplicate") : null;
    }
    case "comment.create": {
      const post = resource as PostResource;
      if (post.deleted || post.threadDeleted) return m("commentDeleted");
      if (post.kind === "comment") return m("commentOnComment");
      if (post.threadLocked && !isStaff(actor)) return m("lockedComments");
      // Anyone may comment on their own post, and an asker anywhere in their own thread.
      const asker = (post.kind === "question" ? post.authorId : post.threadAuthorId) === actor.id;
      if (isStaff(actor) || owns(actor, post) || asker) return null;
      return needs(actor, "comment");
    }
    case "post.edit": {
      const post = resource as PostResource;
      if (isStaff(actor)) return null;
      if (post.deleted) return m("postDeleted");
      if (owns(actor, post)) return null;
      return needs(actor, "editOthers");
    }
    case "post.delete": {
      const post = resource as PostResource;
      if (post.deleted) return m("alreadyDeleted");
      if (isStaff(actor)) return null;
      if (!owns(actor, post)) return m("deleteOwn");
      if (post.kind === "question" && (post.answerCount ?? 0) > 0) {
        return m("deleteAnswered");
      }
      return null;
    }
    case "post.restore": {
      const post = resource as PostResource;
      if (!isStaff(actor)) return m("restoreStaff");
      return post.deleted ? null : m("notDeleted");
    }
    case "answer.thank": {
      const answer = resource as PostResource;
      if (!isStaff(actor)) return m("thankStaff");
      if (answer.kind !== "answer") return m("thankAnswers");
      if (answer.deleted || answer.threadDeleted) return m("thankDeleted");
      if (answer.hidden) return m("thankHidden");
      return owns(actor, answer) ? m("thankSelf") : null;
    }
    case "post.vote": {
      const post = resource as PostResource;
      if (post.kind === "comment") return m("voteComment");
      if (post.deleted || post.threadDeleted) return m("voteDeleted");
      if (owns(actor, post)) return m("voteOwn");
      return post.direction === "down" ? needs(actor, "downvote") : needs(actor, "upvote");
    }
    case "post.flag": {
      const post = resource as PostResource;
      if (post.deleted) return m("postDeleted");
      return owns(actor, post) ? m("flagOwn") : null;
    }
    case "thread.escalate": {
      const thread = resource as ThreadResource;
      if (!isStaff(actor)) return m("escalateStaff");
      return thread.deleted ? m("questionDeleted") : null;
    }
    case "escalation.close":
      return isStaff(actor) ? null : m("closeEscalationStaff");
    case "thread.moderate":
    case "knownIssue.manage":
    case "idea.setStatus":
      return isStaff(actor) ? null : m("staffOnly");
    case "knownIssue.meToo":
      return null;
    case "idea.vote": {
      const idea = resource as IdeaResource;
      if (idea.deleted) return m("questionDeleted");
      return idea.status === "done" || idea.status === "declined" ? m("ideaVotesClosed") : null;
    }
    case "post.hide": {
      const post = resource as PostResource;
      if (!isStaff(actor)) return m("hideStaff");
      return post.deleted ? m("postDeleted") : null;
    }
    case "post.viewHidden":
      // A hidden post stays visible to its author (with the reason) and to staff.
      return isStaff(actor) || owns(actor, resource as PostResource) ? null : m("hidden");
    case "user.suspend": {
      const target = resource as UserResource;
      if (!isStaff(actor)) return m("suspendStaff");
      if (actor.id === target.id) return m("suspendSelf");
      if (target.role !== "member" && !isAdmin(actor)) return m("suspendStaffAdmins");
      return null;
    }
    case "thread.followUp": {
      // "Did this solve your problem?" is the asker's question to answer.
      const thread = resource as ThreadResource;
      if (thread.deleted) return m("questionDeleted");
      return owns(actor, thread) ? null : m("followUpAsker");
    }
    case "answer.accept": {
      const answer = resource as PostResource;
      if (answer.kind !== "answer") return m("acceptAnswers");
      if (answer.deleted || answer.threadDeleted) return m("acceptDeleted");
      if (isStaff(actor) || actor.id === answer.threadAuthorId) return null;
      return m("acceptAsker");
    }
  }
}
