// The demo's known issue: the evening Wi-Fi drops since the box's firmware
// 4.2 (the rising topic of demo-history.ts), owned by the Firmware team
// (routed by email to an address that goes nowhere). The moderator opened it
// once the reports piled up, linked the threads as they came, customers said
// "me too", and a fix is now planned: it stays open (the browser journey
// fixes one of its own). Written through the site's own verbs, each at the
// moment it happened.
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { threads, type users } from "../db/schema";
import type { Language } from "../app/i18n/languages";
import { createKnownIssue, linkThread, sayMeToo, setKnownIssueStatus } from "../app/models/known-issues/known-issues.server";
import { createTeam } from "../app/models/known-issues/teams.server";

type Person = typeof users.$inferSelect;
const HOUR = 60 * 60 * 1000;

export const DEMO_TEAM: Record<Language, { name: string; description: string }> = {
  en: { name: "Firmware", description: "The Nimbus Box software: Wi-Fi, updates and the box's settings." },
  fr: { name: "Firmware", description: "Le logiciel de la Nimbus Box : wifi, mises à jour et réglages de la box." },
};
/** Where the team's known issues are sent: an address of the reserved .example domain, which reaches nobody. */
export const DEMO_TEAM_EMAIL = "firmware-team@nimbus.example";

export const DEMO_KNOWN_ISSUE: Record<Language, { title: string; description: string; internalNote: string; fixPlanned: string }> = {
  en: {
    title: "Wi-Fi drops in the evening after firmware 4.2",
    description: [
      "Since the Nimbus Box installed firmware 4.2, the Wi-Fi of some boxes drops for a minute or two several times each evening, usually between 7 and 11 pm. Devices on a cable are not affected.",
      "",
      "**Until it is fixed:** in the box settings, *Wi-Fi → Advanced*, set the 5 GHz channel by hand (36 or 44) and turn off *Smart band steering*.",
    ].join("\n"),
    internalNote: "Reproduced in the lab with 4.2.0 on the 2023 boxes: the automatic channel change loops when neighbouring networks are busy.",
    fixPlanned:
      "Found it: the automatic channel choice of firmware 4.2 misbehaves when the neighbours' networks are busy. Firmware 4.2.1 fixes it and will be rolled out to every box over the next two weeks, at night.",
  },
  fr: {
    title: "Coupures du wifi le soir depuis le firmware 4.2",
    description: [
      "Depuis que la Nimbus Box a installé le firmware 4.2, le wifi de certaines box coupe une minute ou deux plusieurs fois chaque soir, en général entre 19 h et 23 h. Les appareils branchés en câble ne sont pas touchés.",
      "",
      "**En attendant le correctif :** dans les réglages de la box, *Wi-Fi → Avancé*, fixez le canal 5 GHz à la main (36 ou 44) et désactivez *Répartition intelligente des bandes*.",
    ].join("\n"),
    internalNote: "Reproduit au labo avec la 4.2.0 sur les box de 2023 : le changement de canal automatique boucle quand les réseaux voisins sont chargés.",
    fixPlanned:
      "Trouvé : le choix automatique du canal du firmware 4.2 se dérègle quand les réseaux des voisins sont chargés. Le firmware 4.2.1 corrige le problème et sera installé sur toutes les box dans les deux semaines à venir, la nuit.",
  },
};

/** Who said "me too" (none of them asked), when (hours after the issue was opened), and on which of its threads (an index into the linked ones). */
const ME_TOOS: { username: string; hoursAfter: number; thread: number }[] = [
  { username: "tomasz", hoursAfter: 3, thread: 1 },
  { username: "beatriz", hoursAfter: 20, thread: 0 },
  { username: "dev_ollie", hoursAfter: 31, thread: 3 },
  { username: "marco_r", hoursAfter: 50, thread: 2 },
  { username: "claire_v", hoursAfter: 66, thread: 0 },
];

/** How long after the fourth report the moderator opened the issue, and how long before `now` the fix was planned. */
const OPENED_AFTER_FOURTH = 8 * HOUR;
const FIX_PLANNED_BEFORE_NOW = 30 * HOUR;
const TEAM_CREATED_BEFORE_NOW = 100 * 24 * HOUR;

/**
 * The Firmware team (by the admin) and the known issue (by the moderator),
 * opened with the reports of the burst that came before it, then linked to
 * each new one an hour after it came; "me too"s; "fix planned" with a public
 * note a day ago. Returns the issue's id.
 */
export function seedDemoKnownIssues(db: Db, people: Map<string, Person>, now: number, language: Language, burstThreadIds: number[]): number {
  const person = (username: string) => {
    const found = people.get(username);
    if (!found) throw new Error(`The demo's known issue needs ${username}`);
    return found;
  };
  const moderator = person("morgan");
  const team = createTeam(db, person("alex"), {
    ...DEMO_TEAM[language],
    route: "email",
    routeEmail: DEMO_TEAM_EMAIL,
    routeUrl: "",
    meTooThreshold: 5,
    // The admin set the teams up when the community opened.
    now: new Date(now - TEAM_CREATED_BEFORE_NOW),
  });
  if (!team.ok) throw new Error(`The demo's team was refused: ${JSON.stringify(team.errors)}`);

  const reports = burstThreadIds.map((id) => ({ id, at: db.select({ at: threads.createdAt }).from(threads).where(eq(threads.id, id)).get()!.at.getTime() }));
  reports.sort((a, b) => a.at - b.at);
  const opened = reports[Math.min(3, reports.length - 1)]!.at + OPENED_AFTER_FOURTH;
  const words = DEMO_KNOWN_ISSUE[language];
  const created = createKnownIssue(db, moderator, {
    title: words.title,
    description: words.description,
    internalNote: words.internalNote,
    teamId: team.id,
    threadIds: reports.filter((report) => report.at < opened).map((report) => report.id),
    now: new Date(opened),
  });
  if (!created.ok) throw new Error(`The demo's known issue was refused: ${JSON.stringify(created.errors)}`);
  const issueId = created.id;

  const later = reports.filter((report) => report.at >= opened);
  const events: { at: number; run: () => void }[] = [
    ...later.map((report) => ({
      at: Math.min(report.at + HOUR, now - 10 * 60 * 1000),
      run: () => {
        const result = linkThread(db, moderator, { issueId, threadId: report.id, now: new Date(Math.min(report.at + HOUR, now - 10 * 60 * 1000)) });
        if (!result.ok) throw new Error(`The demo's known issue refused a thread: ${JSON.stringify(result.errors)}`);
      },
    })),
    ...ME_TOOS.map((meToo) => ({
      at: opened + meToo.hoursAfter * HOUR,
      run: () =>
        sayMeToo(db, person(meToo.username), { issueId, threadId: reports[meToo.thread]?.id ?? null, now: new Date(opened + meToo.hoursAfter * HOUR) }),
    })),
    {
      at: now - FIX_PLANNED_BEFORE_NOW,
      run: () => {
        const result = setKnownIssueStatus(db, moderator, {
          issueId,
          status: "fix_planned",
          note: words.fixPlanned,
          now: new Date(now - FIX_PLANNED_BEFORE_NOW),
        });
        if (!result.ok) throw new Error(`The demo's known issue refused its status: ${JSON.stringify(result.errors)}`);
      },
    },
  ];
  events.sort((a, b) => a.at - b.at);
  for (const event of events) {
    if (event.at < now) event.run();
  }
  return issueId;
}
