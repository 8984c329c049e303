// The markdown the pages benchmark's community writes: questions, answers,
// comments and knowledge-base articles with paragraphs, lists, code, links and
// emphasis, as customers and moderators write them. The sentences come from
// the search benchmark's vocabulary and seeded stream, so the same calls in
// the same order give the same text.
import {
  ANSWER_SENTENCES,
  QUESTION_SENTENCES,
  between,
  chance,
  makeSentences,
  makeSubject,
  makeTitle,
  pick,
} from "../bench-search-text";

export type Subject = ReturnType<typeof makeSubject>;
export { makeSubject, makeTitle };

const STEPS: ((s: Subject) => string)[] = [
  (s) => `Unplug the **${s.device}** for thirty seconds, then plug it back in`,
  (s) => `Wait until the light on the ${s.device} is steady white (about ${between(2, 5)} minutes)`,
  () => `Open the Nimbus app and go to *My account › Services*`,
  (s) => `Check the ${s.topics[0]} settings and note what they say`,
  () => `Run a speed test with a cable, not over Wi-Fi`,
  (s) => `Look for error \`${s.code}\` in the box's event log`,
  () => `Change the Wi-Fi channel to ${pick(["1", "6", "11", "36", "44"])} and save`,
  () => `Sign out of the app, then sign in again`,
  (s) => `Call support and quote reference \`NMB-${between(10_000, 99_999)}\` for the ${s.topics[0]}`,
  () => `Do a factory reset: hold the reset button for ${between(10, 30)} seconds`,
];

/** A numbered or bulleted list of what was tried or what to do. */
function stepList(s: Subject, count: number, numbered: boolean): string {
  const steps = new Set<(s: Subject) => string>();
  while (steps.size < count) steps.add(pick(STEPS));
  return [...steps].map((step, i) => `${numbered ? `${i + 1}.` : "-"} ${step(s)}`).join("\n");
}

const ip = () => `192.168.${pick(["0", "1", "1", "178"])}.${between(1, 254)}`;

/** What customers paste: ping output, the box's log, their settings. */
function codeBlock(s: Subject): string {
  const host = ip();
  const kinds = [
    () => [
      `$ ping -c 4 ${host}`,
      ...Array.from({ length: 4 }, (_, i) =>
        chance(0.3) ? `Request timeout for icmp_seq ${i}` : `64 bytes from ${host}: icmp_seq=${i} ttl=64 time=${between(1, 900)}.${between(0, 9)} ms`,
      ),
    ],
    () =>
      Array.from({ length: between(3, 6) }, (_, i) => {
        const event = pick(["WAN link down", "PPP session lost", `DSL sync failed (${s.code})`, "DHCP lease renewed", "Wi-Fi radio restarted"]);
        return `2025-05-${String(between(1, 28)).padStart(2, "0")} ${String(18 + (i % 6)).padStart(2, "0")}:${String(between(0, 59)).padStart(2, "0")} ${event}`;
      }),
    () => [`Band: ${pick(["2.4 GHz", "5 GHz"])}`, `Channel: ${between(1, 13)}`, `DNS: ${pick(["1.1.1.1", "9.9.9.9", "automatic"])}`, `Firmware: ${between(3, 7)}.${between(0, 20)}.${between(0, 9)}`],
  ];
  return ["```", ...pick(kinds)(), "```"].join("\n");
}

/** Error codes and references read better (and are copied more easily) as code. */
function withInlineCode(text: string, s: Subject): string {
  return text.split(s.code).join(`\`${s.code}\``).replace(/\bNMB-\d{5}\b/g, (ref) => `\`${ref}\``);
}

function paragraph(s: Subject, templates: () => string, count: number): string {
  return withInlineCode(makeSentences(count, templates, s).join(" "), s);
}

const slugOf = (text: string) => text.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

function link(s: Subject): string {
  return pick([
    `The [status page for ${s.place}](https://status.nimbus.example/${slugOf(s.place)}) says nothing about it.`,
    `I followed <https://help.nimbus.example/${slugOf(s.topics[0])}> but it did not help.`,
    `There is a guide on [the help centre](https://help.nimbus.example/guides/${slugOf(s.device)}) for the ${s.device}.`,
  ]);
}

/** A question: what happens, what was tried (a list), sometimes a log, sometimes a link. */
export function questionMarkdown(s: Subject): string {
  const blocks = [paragraph(s, QUESTION_SENTENCES, between(2, 4))];
  if (chance(0.45)) blocks.push(`What I tried so far:\n\n${stepList(s, between(2, 4), false)}`);
  if (chance(0.25)) blocks.push(codeBlock(s));
  if (chance(0.3)) blocks.push(link(s));
  blocks.push(paragraph(s, QUESTION_SENTENCES, between(1, 3)));
  return blocks.join("\n\n");
}

/** An answer: advice, often as steps, sometimes settings or a link. */
export function answerMarkdown(s: Subject): string {
  const blocks = [paragraph(s, ANSWER_SENTENCES, between(1, 3))];
  if (chance(0.4)) blocks.push(stepList(s, between(3, 5), true));
  if (chance(0.15)) blocks.push(codeBlock(s));
  if (chance(0.2)) blocks.push(link(s));
  if (chance(0.5)) blocks.push(paragraph(s, ANSWER_SENTENCES, between(1, 2)));
  return blocks.join("\n\n");
}

const COMMENT_OPENINGS = ["Same here", "Thanks", "Good point", "Did that, no change", "Worked for me", "Not for me", "Any news?", "Confirmed"];

/** A comment: one line of inline markdown. */
export function commentMarkdown(s: Subject): string {
  const sentence = makeSentences(1, ANSWER_SENTENCES, s)[0];
  return withInlineCode(`${chance(0.3) ? `*${pick(COMMENT_OPENINGS)}.* ` : ""}${sentence}`, s);
}

/** A moderator's article: an introduction, what to check, the steps, settings, where to go next. */
export function articleMarkdown(s: Subject): string {
  return [
    paragraph(s, ANSWER_SENTENCES, 3),
    "## Before you start",
    stepList(s, 3, false),
    "## Step by step",
    stepList(s, between(5, 7), true),
    "## Checking that it worked",
    codeBlock(s),
    "## Still stuck?",
    `${paragraph(s, ANSWER_SENTENCES, 2)} ${link(s)}`,
  ].join("\n\n");
}
