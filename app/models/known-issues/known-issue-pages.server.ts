// What the known issues' pages read: the public list (/known-issues), an
// issue's page (/known-issues/:id, with a staff section for staff only), the
// staff list (/mod/known-issues) and the "new known issue" form with its
// suggested duplicates (/mod/known-issues/new). Nothing staff-only (the team,
// the internal note, routing, the askers' answers) is read for anyone else.
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { announcements, articles, categories, knownIssueChecks, knownIssueUpdates, knownIssues, teams, threads, type KnownIssueStatus } from "../../../db/schema";
import { KNOWN_ISSUE_STATUSES } from "../../../db/enums";
import { can, type Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { refusedWith } from "../../i18n/message";
import { threadIdFromReference } from "../../utils/paths";
import { risingTopics } from "../insights/rising-topics.server";
import { findSimilar } from "../search/search.server";
import { liveThreads, PUBLIC_SIGHT, sightOf, visibleArticles, visibleThreads } from "../visibility.server";
import { fixCheckEvidence } from "./fix-checks.server";
import { mergeTargets, saidMeToo } from "./known-issues.server";

/** How many issues a list shows per status. */
export const ISSUES_PER_STATUS = 100;
/** How many suggested duplicates the "new known issue" form offers. */
export const SUGGESTIONS_MAX = 20;

/** The linked threads the public sees, counted per issue (the page's list and count agree, whatever was deleted since). */
// The outer issue's id, qualified: in a select from known_issues alone drizzle writes a bare "id", which inside
// this subquery would name the thread's own.
const outerIssueId = sql`${knownIssues}.${sql.identifier(knownIssues.id.name)}`;
const publicThreadCount = sql<number>`(select count(*) from ${threads} where ${threads.knownIssueId} = ${outerIssueId} and ${visibleThreads(PUBLIC_SIGHT, threads)})`;

const listColumns = {
  id: knownIssues.id,
  title: knownIssues.title,
  status: knownIssues.status,
  threadCount: publicThreadCount,
  meTooCount: knownIssues.meTooCount,
  createdAt: knownIssues.createdAt,
  updatedAt: knownIssues.updatedAt,
  fixedAt: knownIssues.fixedAt,
};

/** The status order of the lists: what is still wrong first. */
const STATUS_ORDER = sql`case ${knownIssues.status} when 'investigating' then 0 when 'fix_planned' then 1 when 'fixed' then 2 else 3 end`;

function countsByStatus(db: DbOrTx) {
  const counts = Object.fromEntries(KNOWN_ISSUE_STATUSES.map((status) => [status, 0])) as Record<KnownIssueStatus, number>;
  for (const row of db
    .select({ status: knownIssues.status, n: sql<number>`count(*)` })
    .from(knownIssues)
    .where(isNull(knownIssues.mergedIntoId))
    .groupBy(knownIssues.status)
    .all()) {
    counts[row.status] = row.n;
  }
  return counts;
}

/** /known-issues: the issues (merged ones left out), what is still wrong first, each status newest first; one status when asked. */
export function knownIssuesListPage(db: Db, viewer: Actor, filter: { status: KnownIssueStatus | null }) {
  const issues = db
    .select(listColumns)
    .from(knownIssues)
    .where(and(isNull(knownIssues.mergedIntoId), filter.status ? eq(knownIssues.status, filter.status) : undefined))
    .orderBy(STATUS_ORDER, desc(knownIssues.updatedAt), desc(knownIssues.id))
    .limit(ISSUES_PER_STATUS * KNOWN_ISSUE_STATUSES.length)
    .all();
  return { issues, counts: countsByStatus(db), canManage: can(viewer, "knownIssue.manage") };
}

/** The teams, incidents and articles a staff form offers (a known issue's owner and links). */
export function knownIssueChoices(db: DbOrTx) {
  return {
    teams: db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(asc(teams.name)).all(),
    incidents: db
      .select({ id: announcements.id, title: announcements.title, resolvedAt: announcements.resolvedAt })
      .from(announcements)
      .where(eq(announcements.kind, "status"))
      .orderBy(desc(announcements.createdAt), desc(announcements.id))
      .limit(100)
      .all(),
    articles: db
      .select({ id: articles.id, title: articles.title, status: articles.status })
      .from(articles)
      .orderBy(asc(articles.title))
      .limit(1_000)
      .all(),
  };
}

/** /mod/known-issues: every open issue with its team and the askers' answers so far (staff only). */
export function knownIssuesStaffList(db: Db, actor: Actor, filter: { status: KnownIssueStatus | null; teamId: number | null }) {
  assertCan(actor, "knownIssue.manage");
  const answered = (answer: "solved" | "not_solved" | null) =>
    sql<number>`(select count(*) from ${knownIssueChecks} where ${knownIssueChecks.knownIssueId} = ${outerIssueId} and ${
      answer === null ? sql`${knownIssueChecks.answer} is null` : sql`${knownIssueChecks.answer} = ${answer}`
    })`;
  const issues = db
    .select({
      ...listColumns,
      teamId: knownIssues.teamId,
      teamName: teams.name,
      solved: answered("solved"),
      notSolved: answered("not_solved"),
      waiting: answered(null),
    })
    .from(knownIssues)
    .leftJoin(teams, eq(teams.id, knownIssues.teamId))
    .where(
      and(
        isNull(knownIssues.mergedIntoId),
        filter.status ? eq(knownIssues.status, filter.status) : undefined,
        filter.teamId ? eq(knownIssues.teamId, filter.teamId) : undefined,
      ),
    )
    .orderBy(STATUS_ORDER, desc(knownIssues.updatedAt), desc(knownIssues.id))
    .limit(ISSUES_PER_STATUS * KNOWN_ISSUE_STATUSES.length)
    .all();
  return { issues, counts: countsByStatus(db), teams: knownIssueChoices(db).teams };
}

/** Where a merged issue's page leads: the issue it ended in (following earlier merges, a few at most). */
function finalIssueId(db: DbOrTx, mergedIntoId: number): number {
  let id = mergedIntoId;
  for (let hops = 0; hops < 10; hops += 1) {
    const next = db.select({ mergedIntoId: knownIssues.mergedIntoId }).from(knownIssues).where(eq(knownIssues.id, id)).get();
    if (!next || next.mergedIntoId === null) return id;
    id = next.mergedIntoId;
  }
  return id;
}

export type KnownIssuePage = ReturnType<typeof readKnownIssuePage>;

/**
 * /known-issues/:id. A merged issue answers `{ mergedInto }` (its page
 * redirects); otherwise the public page (title, status, description, public
 * history, linked incident and article, the threads the viewer may open,
 * "me too"), and for staff a `staff` part with the rest.
 */
export function knownIssuePage(db: Db, viewer: Actor, id: number): { mergedInto: number } | { mergedInto: null; page: KnownIssuePage } {
  const issue = db.select().from(knownIssues).where(eq(knownIssues.id, id)).get();
  if (!issue) throw refusedWith(404, "knownIssues.errors.notFound");
  if (issue.mergedIntoId !== null) return { mergedInto: finalIssueId(db, issue.mergedIntoId) };
  return { mergedInto: null, page: readKnownIssuePage(db, viewer, issue) };
}

function readKnownIssuePage(db: Db, viewer: Actor, issue: typeof knownIssues.$inferSelect) {
  const sight = sightOf(viewer);
  const updates = db
    .select({ id: knownIssueUpdates.id, status: knownIssueUpdates.status, note: knownIssueUpdates.note, createdAt: knownIssueUpdates.createdAt })
    .from(knownIssueUpdates)
    .where(eq(knownIssueUpdates.knownIssueId, issue.id))
    .orderBy(desc(knownIssueUpdates.createdAt), desc(knownIssueUpdates.id))
    .all();
  const incident = issue.incidentId
    ? (db
        .select({ id: announcements.id, title: announcements.title, resolvedAt: announcements.resolvedAt })
        .from(announcements)
        .where(and(eq(announcements.id, issue.incidentId), eq(announcements.kind, "status")))
        .get() ?? null)
    : null;
  const article = issue.articleId
    ? (db
        .select({ slug: articles.slug, title: articles.title })
        .from(articles)
        .where(and(eq(articles.id, issue.articleId), visibleArticles(sight)))
        .get() ?? null)
    : null;
  const linked = db
    .select({
      id: threads.id,
      title: threads.title,
      slug: threads.slug,
      answerCount: threads.answerCount,
      acceptedAnswerId: threads.acceptedAnswerId,
      hiddenAt: threads.hiddenAt,
      createdAt: threads.createdAt,
    })
    .from(threads)
    .where(and(eq(threads.knownIssueId, issue.id), liveThreads(), visibleThreads(sight)))
    .orderBy(desc(threads.createdAt), desc(threads.id))
    .all()
    .map(({ acceptedAnswerId, hiddenAt, ...thread }) => ({ ...thread, solved: acceptedAnswerId !== null, hidden: hiddenAt !== null }));
  const mine = saidMeToo(db, viewer, issue.id);
  const manages = can(viewer, "knownIssue.manage");
  return {
    issue: {
      id: issue.id,
      title: issue.title,
      status: issue.status,
      descriptionHtml: issue.descriptionHtml,
      createdAt: issue.createdAt,
      updatedAt: issue.updatedAt,
      fixedAt: issue.fixedAt,
    },
    updates,
    incident: incident ? { id: incident.id, title: incident.title, resolved: incident.resolvedAt !== null } : null,
    article,
    threads: linked,
    meToo: { count: issue.meTooCount, mine, canSay: !!viewer && !mine && can(viewer, "knownIssue.meToo") },
    signedIn: !!viewer,
    staff: manages ? staffPart(db, issue) : null,
  };
}

/** The staff section: team, internal note, the editor's values and choices, merge targets, the askers' answers. */
function staffPart(db: Db, issue: typeof knownIssues.$inferSelect) {
  const team = issue.teamId ? db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.id, issue.teamId)).get() : undefined;
  return {
    team: team ?? null,
    internalNote: issue.internalNote,
    values: {
      title: issue.title,
      description: issue.description,
      team: issue.teamId ? String(issue.teamId) : "",
      incident: issue.incidentId ? String(issue.incidentId) : "",
      article: issue.articleId ? String(issue.articleId) : "",
      internalNote: issue.internalNote,
    },
    choices: knownIssueChoices(db),
    mergeTargets: mergeTargets(db, issue.id),
    checks: fixCheckEvidence(db, issue.id),
  };
}

export type Suggestion = { id: number; title: string; slug: string; answerCount: number; createdAt: Date; checked: boolean; source: boolean };

/**
 * /mod/known-issues/new: the form, its title prefilled from the thread it
 * starts from (?thread=) or the rising topic (?term=), and the open threads
 * (not solved, not deleted or hidden, linked to no issue) that similar-question
 * search finds for it, the starting thread ticked. A thread or term that
 * names nothing is said in `problem` (a catalogue key), beside the form.
 */
export function newKnownIssuePage(db: Db, actor: Actor, input: { thread?: string | null; term?: string | null; now?: Date }) {
  assertCan(actor, "knownIssue.manage");
  const now = input.now ?? new Date();
  let problem: string | null = null;
  let title = "";
  let sourceId: number | null = null;
  let sourceLinkedTo: { id: number; title: string } | null = null;
  const candidates: number[] = [];

  if (input.thread) {
    const id = threadIdFromReference(input.thread);
    const source = id ? db.select().from(threads).where(eq(threads.id, id)).get() : undefined;
    if (!source || source.deletedAt || source.hiddenAt) {
      problem = "knownIssues.new.threadUnknown";
    } else {
      title = source.title;
      if (source.knownIssueId !== null) {
        sourceLinkedTo = db.select({ id: knownIssues.id, title: knownIssues.title }).from(knownIssues).where(eq(knownIssues.id, source.knownIssueId)).get() ?? null;
      } else {
        sourceId = source.id;
        candidates.push(source.id);
      }
    }
  }
  const term = (input.term ?? "").trim().slice(0, 100);
  if (term) {
    const folded = term.toLowerCase();
    const rising = risingTopics(db, actor, { now }).terms.find((t) => t.term.toLowerCase() === folded || t.key === folded);
    if (rising) candidates.push(...rising.sampleThreads.map((t) => t.id));
    if (!title) title = term;
  }
  const searchFor = title || term;
  if (searchFor) {
    for (const hit of findSimilar(db, searchFor, SUGGESTIONS_MAX, {})) if (hit.kind === "thread" && !hit.solved) candidates.push(hit.id);
  }
  const ids = [...new Set(candidates)];
  const rows = ids.length
    ? db
        .select({ id: threads.id, title: threads.title, slug: threads.slug, answerCount: threads.answerCount, createdAt: threads.createdAt })
        .from(threads)
        .where(
          and(
            inArray(threads.id, ids),
            visibleThreads(PUBLIC_SIGHT),
            isNull(threads.knownIssueId),
            // Questions only: a product idea is not a report of a problem.
            sql`${threads.categoryId} not in (select ${categories.id} from ${categories} where ${categories.kind} = 'ideas')`,
            // The starting thread is offered even when solved: the moderator came from it.
            sourceId === null ? isNull(threads.acceptedAnswerId) : sql`(${threads.acceptedAnswerId} is null or ${threads.id} = ${sourceId})`,
          ),
        )
        .all()
    : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const suggestions: Suggestion[] = ids
    .map((id) => byId.get(id))
    .filter((row) => row !== undefined)
    .slice(0, SUGGESTIONS_MAX + 1)
    .map((row) => ({ ...row, checked: row.id === sourceId, source: row.id === sourceId }));
  return { values: { title, term, thread: input.thread ?? "" }, suggestions, sourceLinkedTo, problem, choices: knownIssueChoices(db) };
}
