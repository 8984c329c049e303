// A synthetic Stack Exchange data dump in the official XML format (Posts,
// Users, Comments, Votes, Tags, Badges, PostHistory, PostLinks), for the
// import benchmark (issue #16). Rows look like the real dumps in
// /work/shared/data/stackexchange: the same attributes in the same order, the
// same date format, bodies as HTML escaped into attributes, a byte-order mark,
// PostHistory texts in markdown, forward references (a question's
// AcceptedAnswerId names a later row).
//
//   tsx scripts/bench/stackexchange-dump.ts <folder> [--posts 100000] [--seed 16]
//
// `posts` counts the rows of Posts.xml and Comments.xml together: 22 % are
// questions, 33 % answers and 45 % comments (about the shares of the real
// dumps); votes come in proportion (3 per question or answer on average),
// users one per 12 posts. The same seed writes the same files.
//
// Memory stays small whatever the size: the plan (who answers what, when,
// with how many votes) is kept in typed arrays, each row's text is generated
// from its own seeded generator when it is written, and the files are
// streamed in chunks.
import { once } from "node:events";
import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { seededRandom } from "./seeded-random";

export const DEFAULT_SITE = "https://bench.stackexchange.com";

export type DumpOptions = {
  /** Rows of Posts.xml and Comments.xml together. */
  posts: number;
  seed?: number;
  /** The site's address, for the links between its questions. */
  site?: string;
  /** Called after each file is written (the benchmark prints progress). */
  onFile?: (file: string, rows: number) => void;
};

export type DumpCounts = {
  questions: number;
  answers: number;
  comments: number;
  users: number;
  votes: number;
  tags: number;
  badges: number;
  postHistory: number;
  postLinks: number;
  acceptedAnswers: number;
  duplicates: number;
};

const QUESTION_SHARE = 0.22;
const ANSWER_SHARE = 0.33;
const VOTES_PER_POST = 3;
const POSTS_PER_USER = 12;
const ACCEPT_RATE = 0.45;
const EDIT_RATE = 0.2;
const DUPLICATE_RATE = 0.015;
const CLOSE_RATE = 0.01;
const LOCK_RATE = 0.003;
const LINK_RATE = 0.03;
const ANONYMOUS_RATE = 0.02;

const DAY = 86_400_000;
const START = Date.UTC(2014, 0, 6, 9, 0, 0);
const SPAN = 8 * 365 * DAY;
const LICENCE_CHANGE = Date.UTC(2018, 4, 2);

// ---------------------------------------------------------------------------
// XML writing

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#xA;", "\r": "&#xD;", "\t": "&#x9;" };

/** Escapes text for an attribute value, as the dumps do (newlines as &#xA;). */
function attr(text: string): string {
  return text.replace(/[&<>"\r\n\t]/g, (c) => XML_ESCAPES[c]);
}

/** Escapes text inside HTML (what Stack Exchange's renderer does before the dump escapes it again). */
function html(text: string): string {
  return text.replace(/[&<>]/g, (c) => XML_ESCAPES[c]);
}

/** The dumps' date format: ISO 8601 without the zone, to the millisecond. */
function date(ms: number): string {
  return new Date(Math.round(ms)).toISOString().slice(0, 23);
}

/** Votes carry the day only. */
function day(ms: number): string {
  return `${new Date(Math.floor(ms / DAY) * DAY).toISOString().slice(0, 10)}T00:00:00.000`;
}

type Value = string | number | undefined | null | false;

/** One dump file, written row by row through a buffer, waiting when the disk is slower than the generator. */
class XmlFile {
  rows = 0;
  private buffer = "";
  private failed: Error | null = null;

  private constructor(
    private readonly stream: WriteStream,
    private readonly root: string,
  ) {
    stream.on("error", (error) => {
      this.failed = error;
    });
  }

  static open(folder: string, name: string, root: string) {
    const file = new XmlFile(createWriteStream(path.join(folder, name)), root);
    file.buffer = `\ufeff<?xml version="1.0" encoding="utf-8"?>\n<${root}>\n`;
    return file;
  }

  async row(attributes: Record<string, Value>) {
    let line = "  <row";
    for (const name in attributes) {
      const value = attributes[name];
      if (value === undefined || value === null || value === false) continue;
      line += ` ${name}="${typeof value === "number" ? value : attr(value)}"`;
    }
    this.buffer += `${line} />\n`;
    this.rows++;
    if (this.buffer.length > 1 << 16) await this.flush();
  }

  private async flush() {
    if (this.failed) throw this.failed;
    const chunk = this.buffer;
    this.buffer = "";
    if (!this.stream.write(chunk)) await once(this.stream, "drain");
  }

  async close() {
    this.buffer += `</${this.root}>`;
    await this.flush();
    this.stream.end();
    await once(this.stream, "close");
    if (this.failed) throw this.failed;
    return this.rows;
  }
}

// ---------------------------------------------------------------------------
// Words

const TOOLS = ["JavaScript", "TypeScript", "Python", "SQLite", "PostgreSQL", "Nginx", "Docker", "Git", "Bash", "React", "Node.js", "Rust", "Go", "systemd", "Vim", "CSS", "Redis", "Kubernetes"];
const OBJECTS = ["query", "request", "config file", "container", "branch", "migration", "index", "cookie", "session", "router", "build", "test suite", "cron job", "log file", "certificate", "dependency", "form", "service worker", "table", "timezone"];
const PROBLEMS = ["returns a 404", "hangs forever", "throws a TypeError", "is very slow", "leaks memory", "times out after 30 seconds", "shows the wrong encoding", "fails only in production", "works once and then stops", "ignores my settings", "crashes on start", "gives a permission error"];
const ACTIONS = ["read a file line by line", "retry a failed request", "rename a column", "run a command at boot", "cache the results", "stream a large upload", "parse a date with a time zone", "sort by two keys", "escape user input", "debug a deadlock", "limit the memory", "rotate the logs", "undo the last commit", "split a string on commas", "compare two lists"];
const VERSIONS = ["2.0", "3.11", "14", "5.4", "1.22", "20.04", "7", "0.9"];
const FIRST_NAMES = ["Ana", "Bruno", "Chloé", "Dmitri", "Emeka", "Fatima", "Gustavo", "Hana", "Ivan", "Jun", "Kofi", "Lena", "Mateo", "Nadia", "Olu", "Priya", "Quentin", "Rosa", "Sven", "Tariq", "Uma", "Viktor", "Wen", "Yara", "Zoé"];
const LAST_NAMES = ["Almeida", "Becker", "Chen", "Dubois", "Eriksen", "Farouk", "García", "Haddad", "Ito", "Jansen", "Kowalski", "Lefèvre", "Mensah", "Novak", "O'Brien", "Petrov", "Quispe", "Rossi", "Singh", "Tanaka", "Uddin", "Varga", "Weber", "Yilmaz", "Zhou"];
const PLACES = ["Lyon, France", "Lagos, Nigeria", "Montréal, Canada", "Pune, India", "São Paulo, Brazil", "Berlin, Germany", "Osaka, Japan", "Nairobi, Kenya", "Kraków, Poland", "Austin, TX"];
const TAG_WORDS = ["javascript", "python", "sqlite", "postgresql", "nginx", "docker", "git", "bash", "reactjs", "node.js", "rust", "go", "systemd", "vim", "css", "redis", "kubernetes", "regex", "json", "http", "unicode", "performance", "security", "testing", "linux", "windows", "macos", "ssh", "ssl", "cron", "logging", "memory", "networking", "csv", "datetime", "encoding", "async", "caching", "sql", "html"];
const TAG_SUFFIXES = ["", "-api", "-config", "-errors", "-3", "-cli", "-migration", "-performance"];
const BADGES: [string, number][] = [
  ["Autobiographer", 3], ["Student", 3], ["Supporter", 3], ["Teacher", 3], ["Editor", 3], ["Scholar", 3], ["Commentator", 3], ["Critic", 3],
  ["Nice Question", 3], ["Nice Answer", 3], ["Popular Question", 3], ["Yearling", 2], ["Good Answer", 2], ["Notable Question", 2], ["Enlightened", 2], ["Great Answer", 1], ["Famous Question", 1],
];

type Random = () => number;

const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];
const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
/** An exponential delay with the given mean: most things happen soon, a few much later. */
const delay = (random: Random, mean: number) => -Math.log(1 - random()) * mean;
/** A count with the given mean, most of them small (geometric). */
function geometric(random: Random, mean: number) {
  const p = 1 / (mean + 1);
  return Math.floor(Math.log(1 - random()) / Math.log(1 - p));
}

// ---------------------------------------------------------------------------
// Bodies: a list of blocks, written both as Stack Exchange's HTML (Posts.xml)
// and as the markdown its author typed (PostHistory.xml).

type Inline = { text: string } | { code: string } | { link: string; href: string } | { strong: string } | { em: string };
type Block =
  | { kind: "p"; parts: Inline[] }
  | { kind: "code"; language: string; lines: string[] }
  | { kind: "list"; ordered: boolean; items: Inline[][] }
  | { kind: "quote"; parts: Inline[] }
  | { kind: "table"; head: string[]; rows: string[][] }
  | { kind: "image"; src: string; alt: string }
  | { kind: "rule" };

const LANGUAGES: Record<string, { class: string; samples: ((r: Random) => string[])[] }> = {
  javascript: {
    class: "lang-js",
    samples: [
      (r) => {
        const name = pick(r, ["loadUser", "fetchOrders", "readConfig", "saveDraft"]);
        return [
          `async function ${name}(id) {`,
          `  const response = await fetch(\`/api/${name.toLowerCase()}/\${id}\`);`,
          "  if (!response.ok && response.status !== 404) {",
          `    throw new Error("HTTP " + response.status);`,
          "  }",
          "  return response.json();",
          "}",
          "",
          `${name}(${between(r, 1, 999)}).then((data) => console.log(data.items.length > 0 && data.items[0]));`,
        ];
      },
      (r) => [
        `const limit = ${between(r, 2, 50)};`,
        "const queue = [];",
        "for (let i = 0; i < items.length; i++) {",
        "  if (queue.length >= limit) await Promise.race(queue);",
        "  queue.push(work(items[i]).finally(() => queue.splice(queue.indexOf(p), 1)));",
        "}",
      ],
    ],
  },
  python: {
    class: "lang-py",
    samples: [
      (r) => [
        "import csv",
        "",
        `with open("export-${between(r, 1, 99)}.csv", newline="", encoding="utf-8") as f:`,
        "    for row in csv.DictReader(f):",
        `        if row["status"] != "done" and int(row["retries"]) < ${between(r, 2, 9)}:`,
        "            print(row['id'], row.get('owner', '<none>'))",
      ],
      (r) => [
        "def chunks(items, size):",
        '    """Yield successive chunks of `size` items."""',
        "    for i in range(0, len(items), size):",
        "        yield items[i:i + size]",
        "",
        `print(list(chunks(list(range(${between(r, 10, 40)})), ${between(r, 2, 7)})))`,
      ],
    ],
  },
  sql: {
    class: "lang-sql",
    samples: [
      (r) => [
        "SELECT u.id, u.name, count(o.id) AS orders",
        "FROM users u",
        "LEFT JOIN orders o ON o.user_id = u.id AND o.created_at > date('now', '-30 days')",
        `WHERE u.score >= ${between(r, 1, 500)}`,
        "GROUP BY u.id",
        "HAVING orders > 0",
        "ORDER BY orders DESC, u.name;",
      ],
      (r) => [`CREATE INDEX orders_user_idx ON orders (user_id, created_at);`, `EXPLAIN QUERY PLAN SELECT * FROM orders WHERE user_id = ${between(r, 1, 9999)};`],
    ],
  },
  bash: {
    class: "lang-bash",
    samples: [
      (r) => [
        "#!/usr/bin/env bash",
        "set -euo pipefail",
        `for f in /var/log/app/*.log; do`,
        `  gzip -${between(r, 1, 9)} "$f" && echo "compressed $f" >> /tmp/rotate.log`,
        "done",
      ],
      () => ["$ git log --oneline -3", "a1b2c3d Fix the <title> escaping", "d4e5f6a Merge branch 'main' into feature/x", "0a9b8c7 Initial commit"],
    ],
  },
  html: {
    class: "lang-html",
    samples: [
      (r) => [
        `<form method="post" action="/settings">`,
        `  <label for="name">Name</label>`,
        `  <input id="name" name="name" maxlength="${between(r, 20, 80)}" required>`,
        `  <button type="submit">Save &amp; continue</button>`,
        "</form>",
      ],
    ],
  },
  json: {
    class: "lang-json",
    samples: [(r) => ["{", `  "name": "app",`, `  "version": "${between(r, 1, 9)}.${between(r, 0, 20)}.0",`, `  "scripts": { "start": "node server.js" },`, `  "private": true`, "}"]],
  },
};
const LANGUAGE_NAMES = Object.keys(LANGUAGES);

/** The sentence of a question that links to an earlier one (PostLinks' "linked" rows). */
function linkSentence(site: string, linkTo: number): Inline[] {
  return [{ text: "This looks related to " }, { link: "this question", href: `${site}/questions/${linkTo}` }, { text: ", but the accepted answer there does not help." }];
}

function sentence(r: Random): Inline[] {
  const tool = pick(r, TOOLS);
  const object = pick(r, OBJECTS);
  switch (between(r, 0, 11)) {
    case 0:
      return [{ text: `I am trying to ${pick(r, ACTIONS)} with ${tool}, but the ${object} ${pick(r, PROBLEMS)}.` }];
    case 1:
      return [{ text: "When I run " }, { code: `${tool.toLowerCase().replace(/[^a-z]/g, "")} --${pick(r, ["verbose", "dry-run", "force", "config=prod.yml"])}` }, { text: ` the ${object} ${pick(r, PROBLEMS)}.` }];
    case 2:
      return [{ text: `The ` }, { link: "documentation", href: `https://docs.example.org/${tool.toLowerCase().replace(/[^a-z]/g, "")}/${object.replace(/ /g, "-")}` }, { text: ` says the ${object} should work out of the box, but it does not.` }];
    case 3:
      return [{ text: `This happens because ${tool} keeps the ${object} in a cache until the process restarts.` }];
    case 4:
      return [{ text: "You can fix it by setting " }, { code: `${object.replace(/ /g, "_")}_timeout = ${between(r, 5, 120)}` }, { text: " and restarting the service." }];
    case 5:
      return [{ strong: "Note:" }, { text: ` this changed in version ${pick(r, VERSIONS)}, so older answers may not apply.` }];
    case 6:
      return [{ text: `Is there a way to ${pick(r, ACTIONS)} without touching the ${object}?` }];
    case 7:
      return [{ text: `I have read several answers here, and none of them covers the ${object} case.` }];
    case 8:
      return [{ text: "It is " }, { em: "much" }, { text: ` faster once the ${object} is indexed: from ${between(r, 2, 90)} s down to ${between(r, 10, 900)} ms.` }];
    case 9:
      return [{ text: "Compare " }, { code: "a < b" }, { text: " and " }, { code: "a <= b && b > 0" }, { text: ": they differ when the value is empty." }];
    case 10:
      return [{ text: `Any idea what I am missing? I use ${tool} ${pick(r, VERSIONS)} on ${pick(r, ["Debian", "Windows 11", "macOS", "Alpine"])}.` }];
    default:
      return [{ text: `Thanks in advance, and sorry if this is obvious: I am new to ${tool}.` }];
  }
}

function paragraph(r: Random, site: string, linkTo: number): Inline[] {
  const parts: Inline[] = [];
  const count = between(r, 1, 3);
  for (let i = 0; i < count; i++) {
    if (i) parts.push({ text: " " });
    parts.push(...sentence(r));
  }
  if (linkTo) parts.push({ text: " " }, ...linkSentence(site, linkTo));
  return parts;
}

function blocks(r: Random, site: string, question: boolean, linkTo: number): Block[] {
  const list: Block[] = [{ kind: "p", parts: paragraph(r, site, linkTo) }];
  const more = between(r, question ? 1 : 0, question ? 5 : 4);
  for (let i = 0; i < more; i++) {
    const choice = r();
    if (choice < 0.3) {
      const language = pick(r, LANGUAGE_NAMES);
      list.push({ kind: "code", language, lines: pick(r, LANGUAGES[language].samples)(r) });
    } else if (choice < 0.55) list.push({ kind: "p", parts: paragraph(r, site, 0) });
    else if (choice < 0.7) {
      const items = Array.from({ length: between(r, 2, 5) }, () => sentence(r));
      list.push({ kind: "list", ordered: r() < 0.4, items });
    } else if (choice < 0.8) list.push({ kind: "quote", parts: sentence(r) });
    else if (choice < 0.88) {
      const head = ["Setting", "Before", "After"];
      const rows = Array.from({ length: between(r, 2, 4) }, () => [pick(r, OBJECTS), `${between(r, 1, 500)} ms`, `${between(r, 1, 50)} ms`]);
      list.push({ kind: "table", head, rows });
    } else if (choice < 0.94) {
      const key = Math.floor(r() * 2 ** 32).toString(36);
      list.push({ kind: "image", src: `https://i.stack.imgur.com/${key}.png`, alt: pick(r, ["screenshot of the error", "the settings page", "enter image description here"]) });
    } else list.push({ kind: "rule" });
  }
  return list;
}

function inlineHtml(parts: Inline[]): string {
  return parts
    .map((part) => {
      if ("text" in part) return html(part.text);
      if ("code" in part) return `<code>${html(part.code)}</code>`;
      if ("link" in part) return `<a href="${html(part.href)}" rel="nofollow noreferrer">${html(part.link)}</a>`;
      if ("strong" in part) return `<strong>${html(part.strong)}</strong>`;
      return `<em>${html(part.em)}</em>`;
    })
    .join("");
}

function inlineMarkdown(parts: Inline[]): string {
  return parts
    .map((part) => {
      if ("text" in part) return part.text;
      if ("code" in part) return `\`${part.code}\``;
      if ("link" in part) return `[${part.link}](${part.href})`;
      if ("strong" in part) return `**${part.strong}**`;
      return `*${part.em}*`;
    })
    .join("");
}

/** The HTML Stack Exchange stores for a body. */
function bodyHtml(list: Block[]): string {
  let out = "";
  for (const block of list) {
    switch (block.kind) {
      case "p":
        out += `<p>${inlineHtml(block.parts)}</p>\n`;
        break;
      case "code": {
        const code = html(block.lines.join("\n"));
        out += block.language === "bash" ? `<pre><code>${code}\n</code></pre>\n` : `<pre class="${LANGUAGES[block.language].class} s-code-block"><code class="hljs language-${block.language}">${code}\n</code></pre>\n`;
        break;
      }
      case "list": {
        const tag = block.ordered ? "ol" : "ul";
        out += `<${tag}>\n${block.items.map((item) => `<li>${inlineHtml(item)}</li>\n`).join("")}</${tag}>\n`;
        break;
      }
      case "quote":
        out += `<blockquote>\n<p>${inlineHtml(block.parts)}</p>\n</blockquote>\n`;
        break;
      case "table":
        out += `<div class="s-table-container">\n<table class="s-table">\n<thead>\n<tr>\n${block.head.map((cell) => `<th>${html(cell)}</th>\n`).join("")}</tr>\n</thead>\n<tbody>\n`;
        out += block.rows.map((row) => `<tr>\n${row.map((cell) => `<td>${html(cell)}</td>\n`).join("")}</tr>\n`).join("");
        out += "</tbody>\n</table>\n</div>\n";
        break;
      case "image":
        out += `<p><a href="${block.src}" rel="nofollow noreferrer"><img src="${block.src}" alt="${html(block.alt)}" /></a></p>\n`;
        break;
      case "rule":
        out += "<hr />\n";
        break;
    }
  }
  return out;
}

/** The markdown the author typed for the same body (PostHistory's Text, with Windows line ends as in the dumps). */
function bodyMarkdown(list: Block[]): string {
  const out: string[] = [];
  for (const block of list) {
    switch (block.kind) {
      case "p":
        out.push(inlineMarkdown(block.parts));
        break;
      case "code":
        out.push(block.language === "bash" ? block.lines.map((line) => `    ${line}`).join("\n") : `\`\`\`${block.language}\n${block.lines.join("\n")}\n\`\`\``);
        break;
      case "list":
        out.push(block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : "-"} ${inlineMarkdown(item)}`).join("\n"));
        break;
      case "quote":
        out.push(`> ${inlineMarkdown(block.parts)}`);
        break;
      case "table":
        out.push([`| ${block.head.join(" | ")} |`, `| ${block.head.map(() => "---").join(" | ")} |`, ...block.rows.map((row) => `| ${row.join(" | ")} |`)].join("\n"));
        break;
      case "image":
        out.push(`[![${block.alt}](${block.src})](${block.src})`);
        break;
      case "rule":
        out.push("---");
        break;
    }
  }
  return out.join("\n\n").replace(/\n/g, "\r\n");
}

function title(r: Random): string {
  const tool = pick(r, TOOLS);
  const object = pick(r, OBJECTS);
  switch (between(r, 0, 4)) {
    case 0:
      return `How do I ${pick(r, ACTIONS)} in ${tool}?`;
    case 1:
      return `My ${object} ${pick(r, PROBLEMS)}: what am I doing wrong?`;
    case 2:
      return `${tool}: ${object} ${pick(r, PROBLEMS)} after upgrading to ${pick(r, VERSIONS)}`;
    case 3:
      return `What is the difference between "${object}" and "${pick(r, OBJECTS)}" in ${tool}?`;
    default:
      return `Is it possible to ${pick(r, ACTIONS)} without a ${object} & without root?`;
  }
}

function commentText(r: Random, site: string, names: (id: number) => string, someone: number): string {
  switch (between(r, 0, 6)) {
    case 0:
      return `Did you try to ${pick(r, ACTIONS)} first?`;
    case 1:
      return `@${names(someone).replace(/ /g, "")} thanks, that fixed it for me.`;
    case 2:
      return `Which version of ${pick(r, TOOLS)} are you using? The \`${pick(r, OBJECTS).replace(/ /g, "_")}\` option is newer than that.`;
    case 3:
      return "Could you post the full error message, and the output of `env | sort`?";
    case 4:
      return `Possible duplicate of [another question](${site}/questions/${between(r, 1, 50)}) - the *second* answer there covers this.`;
    case 5:
      return `This is **not** safe if the ${pick(r, OBJECTS)} comes from user input: escape it (<, > & quotes).`;
    default:
      return `+1, I hit the same thing with ${pick(r, TOOLS)} ${pick(r, VERSIONS)}.`;
  }
}

function displayName(seed: number, id: number): string {
  const r = seededRandom(mix(seed, 7, id));
  if (r() < 0.15) return `user${id * 7 + 1000}`;
  return `${pick(r, FIRST_NAMES)} ${pick(r, LAST_NAMES)}`;
}

/** A seed for one row's own generator: the same row gets the same text whenever it is written. */
function mix(seed: number, kind: number, id: number): number {
  let h = Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) ^ Math.imul(kind, 0x85ebca6b) ^ Math.imul(id, 0xc2b2ae35);
  h ^= h >>> 15;
  return Math.imul(h, 0x27d4eb2d) ^ (h >>> 13);
}

const KIND = { body: 1, tags: 2, comment: 3, votes: 4, user: 5, edit: 6, badge: 8, question: 9 } as const;

function tagNames(count: number): string[] {
  const names: string[] = [];
  for (const suffix of TAG_SUFFIXES) for (const word of TAG_WORDS) if (names.length < count) names.push(`${word}${suffix}`);
  for (let i = 0; names.length < count; i++) names.push(`${TAG_WORDS[i % TAG_WORDS.length]}-${Math.floor(i / TAG_WORDS.length) + 2}`);
  return names;
}

/** A question's tags (indexes into the tag list), from the question's own generator. */
function questionTags(seed: number, id: number, tagCount: number): number[] {
  const r = seededRandom(mix(seed, KIND.tags, id));
  const wanted = between(r, 1, 5);
  const tags: number[] = [];
  for (let tries = 0; tags.length < wanted && tries < 20; tries++) {
    // A few tags are on many questions, most on a few (as on real sites).
    const tag = Math.floor(tagCount * r() ** 2.5);
    if (!tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

function guid(r: Random): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join("");
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(r, ["8", "9", "a", "b"])}${hex(3)}-${hex(12)}`;
}

const licence = (ms: number) => (ms < LICENCE_CHANGE ? "CC BY-SA 3.0" : "CC BY-SA 4.0");

// ---------------------------------------------------------------------------
// The plan, then the files

/** Writes a dump of `options.posts` rows (Posts.xml and Comments.xml together) into `folder`. */
export async function writeStackExchangeDump(folder: string, options: DumpOptions): Promise<DumpCounts> {
  const total = Math.max(3, Math.floor(options.posts));
  const seed = options.seed ?? 16;
  const site = (options.site ?? DEFAULT_SITE).replace(/\/$/, "");
  const random = seededRandom(seed);
  mkdirSync(folder, { recursive: true });

  const questionCount = Math.max(1, Math.round(total * QUESTION_SHARE));
  const answerCount = Math.max(1, Math.round(total * ANSWER_SHARE));
  const commentCount = total - questionCount - answerCount;
  const postCount = questionCount + answerCount;
  const userCount = Math.max(10, Math.round(total / POSTS_PER_USER));
  const tagCount = Math.min(2_000, Math.max(8, Math.round(questionCount / 40)));

  // Users join over the site's life, more of them early on.
  const userJoined = new Float64Array(userCount + 1);
  for (let u = 1; u <= userCount; u++) userJoined[u] = START - 30 * DAY + SPAN * 0.95 * ((u - 1) / userCount) ** 1.5;
  /** Someone who had joined by `ms`; the oldest members post the most. */
  const memberAt = (ms: number) => {
    const share = Math.min(1, Math.max(0, (ms - START + 30 * DAY) / (SPAN * 0.95)));
    const joined = Math.max(1, Math.min(userCount, Math.floor(userCount * share ** (1 / 1.5))));
    return 1 + Math.floor(joined * random() ** 2);
  };

  // Questions spread over the span; answers come after their question.
  const created = new Float64Array(postCount);
  const parentIndex = new Int32Array(postCount).fill(-1);
  for (let q = 0; q < questionCount; q++) created[q] = START + (SPAN * (q + random())) / questionCount;
  for (let a = 0; a < answerCount; a++) {
    const q = Math.floor(random() * questionCount);
    parentIndex[questionCount + a] = q;
    created[questionCount + a] = created[q] + 60_000 + delay(random, 2 * DAY);
  }
  // Ids follow time, as on the real sites.
  const order = Uint32Array.from({ length: postCount }, (_, i) => i).sort((a, b) => created[a] - created[b]);
  const idOf = new Int32Array(postCount);
  order.forEach((index, rank) => (idOf[index] = rank + 1));

  // Per post, by id - 1.
  const time = new Float64Array(postCount);
  const parent = new Int32Array(postCount);
  const owner = new Int32Array(postCount);
  const answers = new Uint16Array(postCount);
  const accepted = new Int32Array(postCount);
  const acceptedAt = new Float64Array(postCount);
  const lastActivity = new Float64Array(postCount);
  const editedAt = new Float64Array(postCount);
  const editor = new Int32Array(postCount);
  const comments = new Uint16Array(postCount);
  const ups = new Uint16Array(postCount);
  const downs = new Uint16Array(postCount);
  const favourites = new Uint16Array(postCount);
  const closedAt = new Float64Array(postCount);
  const duplicateOf = new Int32Array(postCount);
  const closeReason = new Uint8Array(postCount);
  const lockedAt = new Float64Array(postCount);
  const linkTo = new Int32Array(postCount);
  const reputation = new Int32Array(userCount + 1).fill(1);
  const questionIds: number[] = [];

  for (let i = 0; i < postCount; i++) {
    const id = idOf[i];
    time[id - 1] = created[i];
    parent[id - 1] = parentIndex[i] >= 0 ? idOf[parentIndex[i]] : 0;
  }
  for (let id = 1; id <= postCount; id++) {
    const at = time[id - 1];
    owner[id - 1] = random() < ANONYMOUS_RATE ? 0 : memberAt(at);
    lastActivity[id - 1] = at;
    const q = parent[id - 1];
    if (q) {
      answers[q - 1]++;
      // Reservoir sampling: each answer has the same chance to be the accepted one.
      if (random() < 1 / answers[q - 1]) accepted[q - 1] = id;
      lastActivity[q - 1] = Math.max(lastActivity[q - 1], at);
    } else {
      if (questionIds.length && random() < DUPLICATE_RATE) {
        duplicateOf[id - 1] = questionIds[Math.floor(random() * questionIds.length)];
        closedAt[id - 1] = at + delay(random, 2 * DAY);
        closeReason[id - 1] = 101;
      } else if (random() < CLOSE_RATE) {
        closedAt[id - 1] = at + delay(random, 3 * DAY);
        closeReason[id - 1] = between(random, 102, 105);
      }
      if (questionIds.length && random() < LINK_RATE) linkTo[id - 1] = questionIds[Math.floor(random() * questionIds.length)];
      if (random() < LOCK_RATE) lockedAt[id - 1] = at + delay(random, 30 * DAY);
      questionIds.push(id);
    }
    if (random() < EDIT_RATE) {
      editedAt[id - 1] = at + 60_000 + delay(random, 10 * DAY);
      const roll = random();
      editor[id - 1] = roll < 0.05 ? -1 : roll < 0.65 && owner[id - 1] ? owner[id - 1] : memberAt(editedAt[id - 1]);
      lastActivity[id - 1] = Math.max(lastActivity[id - 1], editedAt[id - 1]);
      if (q) lastActivity[q - 1] = Math.max(lastActivity[q - 1], editedAt[id - 1]);
    }
    const votes = geometric(random, VOTES_PER_POST);
    for (let v = 0; v < votes; v++) {
      const roll = random();
      if (!q && roll < 0.05) favourites[id - 1]++;
      else if (roll < 0.88) ups[id - 1]++;
      else downs[id - 1]++;
    }
    const who = owner[id - 1];
    if (who) reputation[who] += ups[id - 1] * (q ? 10 : 5) - downs[id - 1] * 2;
  }
  let acceptedAnswers = 0;
  for (const q of questionIds) {
    if (!accepted[q - 1] || random() >= ACCEPT_RATE) {
      accepted[q - 1] = 0;
      continue;
    }
    acceptedAnswers++;
    const answer = accepted[q - 1];
    acceptedAt[q - 1] = time[answer - 1] + delay(random, DAY);
    if (owner[answer - 1]) reputation[owner[answer - 1]] += 15;
    if (owner[q - 1]) reputation[owner[q - 1]] += 2;
  }

  // Comments come after the post they are under; ids follow time too.
  const commentPost = new Int32Array(commentCount);
  const commentCreated = new Float64Array(commentCount);
  for (let c = 0; c < commentCount; c++) {
    const post = 1 + Math.floor(random() * postCount);
    commentPost[c] = post;
    commentCreated[c] = time[post - 1] + 30_000 + delay(random, DAY);
    comments[post - 1]++;
  }
  const commentOrder = Uint32Array.from({ length: commentCount }, (_, i) => i).sort((a, b) => commentCreated[a] - commentCreated[b]);

  const tags = tagNames(tagCount);
  const tagUses = new Uint32Array(tagCount);
  for (const q of questionIds) for (const tag of questionTags(seed, q, tagCount)) tagUses[tag]++;

  const names = (id: number) => (id === -1 ? "Community" : displayName(seed, id));
  const counts: DumpCounts = {
    questions: questionCount,
    answers: answerCount,
    comments: commentCount,
    users: 0,
    votes: 0,
    tags: tagCount,
    badges: 0,
    postHistory: 0,
    postLinks: 0,
    acceptedAnswers,
    duplicates: 0,
  };
  const done = (file: string, rows: number) => options.onFile?.(file, rows);

  // Posts.xml, with the same body generators PostHistory.xml uses below.
  const bodyBlocks = (id: number) => blocks(seededRandom(mix(seed, KIND.body, id)), site, !parent[id - 1], linkTo[id - 1]);
  const editedBlocks = (id: number, first: Block[]): Block[] => {
    const r = seededRandom(mix(seed, KIND.edit, id));
    return [...first, { kind: "p", parts: [{ strong: "Edit:" }, { text: " " }, ...sentence(r)] }];
  };
  const titleOf = (id: number) => title(seededRandom(mix(seed, KIND.question, id)));
  {
    const file = XmlFile.open(folder, "Posts.xml", "posts");
    for (let id = 1; id <= postCount; id++) {
      const i = id - 1;
      const first = bodyBlocks(id);
      const body = bodyHtml(editedAt[i] ? editedBlocks(id, first) : first);
      const r = seededRandom(mix(seed, KIND.question, -id));
      const ownerAttributes = owner[i] ? { OwnerUserId: owner[i] } : { OwnerDisplayName: `user${between(r, 10_000, 99_999)}` };
      const edit = editedAt[i] ? { LastEditorUserId: editor[i], LastEditDate: date(editedAt[i]) } : {};
      if (parent[i]) {
        await file.row({
          Id: id,
          PostTypeId: "2",
          ParentId: parent[i],
          CreationDate: date(time[i]),
          Score: ups[i] - downs[i],
          Body: body,
          ...ownerAttributes,
          ...edit,
          LastActivityDate: date(lastActivity[i]),
          CommentCount: comments[i],
          ContentLicense: licence(time[i]),
        });
      } else {
        await file.row({
          Id: id,
          PostTypeId: "1",
          AcceptedAnswerId: accepted[i] || undefined,
          CreationDate: date(time[i]),
          Score: ups[i] - downs[i],
          ViewCount: 20 + Math.floor(5_000 * r() ** 3) + (ups[i] + favourites[i]) * 40,
          Body: body,
          ...ownerAttributes,
          ...edit,
          LastActivityDate: date(lastActivity[i]),
          Title: titleOf(id),
          Tags: questionTags(seed, id, tagCount)
            .map((tag) => `<${tags[tag]}>`)
            .join(""),
          AnswerCount: answers[i],
          CommentCount: comments[i],
          FavoriteCount: favourites[i] || undefined,
          ClosedDate: closedAt[i] ? date(closedAt[i]) : undefined,
          ContentLicense: licence(time[i]),
        });
      }
    }
    done("Posts.xml", await file.close());
  }

  {
    const file = XmlFile.open(folder, "Comments.xml", "comments");
    for (let rank = 0; rank < commentCount; rank++) {
      const c = commentOrder[rank];
      const id = rank + 1;
      const r = seededRandom(mix(seed, KIND.comment, id));
      const at = commentCreated[c];
      const post = commentPost[c];
      const anonymous = r() < ANONYMOUS_RATE;
      await file.row({
        Id: id,
        PostId: post,
        Score: Math.floor(4 * r() ** 4),
        Text: commentText(r, site, names, owner[post - 1] || 1),
        CreationDate: date(at),
        UserId: anonymous ? undefined : memberAt(at),
        UserDisplayName: anonymous ? `user${between(r, 10_000, 99_999)}` : undefined,
        ContentLicense: licence(at),
      });
    }
    done("Comments.xml", await file.close());
  }

  {
    const file = XmlFile.open(folder, "Votes.xml", "votes");
    let id = 0;
    const end = START + SPAN + 60 * DAY;
    for (let post = 1; post <= postCount; post++) {
      const i = post - 1;
      const r = seededRandom(mix(seed, KIND.votes, post));
      const when = () => time[i] + Math.min(delay(r, 20 * DAY), end - time[i]);
      for (let v = 0; v < ups[i]; v++) await file.row({ Id: ++id, PostId: post, VoteTypeId: "2", CreationDate: day(when()) });
      for (let v = 0; v < downs[i]; v++) await file.row({ Id: ++id, PostId: post, VoteTypeId: "3", CreationDate: day(when()) });
      for (let v = 0; v < favourites[i]; v++) await file.row({ Id: ++id, PostId: post, VoteTypeId: "5", UserId: memberAt(time[i] + DAY), CreationDate: day(when()) });
      if (accepted[i]) await file.row({ Id: ++id, PostId: accepted[i], VoteTypeId: "1", CreationDate: day(acceptedAt[i]) });
      if (closedAt[i]) await file.row({ Id: ++id, PostId: post, VoteTypeId: "6", CreationDate: day(closedAt[i]) });
    }
    counts.votes = await file.close();
    done("Votes.xml", counts.votes);
  }

  {
    const file = XmlFile.open(folder, "PostHistory.xml", "posthistory");
    let id = 0;
    for (let post = 1; post <= postCount; post++) {
      const i = post - 1;
      const r = seededRandom(mix(seed, KIND.edit, -post));
      const author = owner[i] ? { UserId: owner[i] } : { UserDisplayName: `user${between(r, 10_000, 99_999)}` };
      const revision = guid(r);
      const at = date(time[i]);
      const first = bodyBlocks(post);
      const firstText = bodyMarkdown(first);
      if (!parent[i]) {
        await file.row({ Id: ++id, PostHistoryTypeId: "2", PostId: post, RevisionGUID: revision, CreationDate: at, ...author, Text: firstText, ContentLicense: licence(time[i]) });
        await file.row({ Id: ++id, PostHistoryTypeId: "1", PostId: post, RevisionGUID: revision, CreationDate: at, ...author, Text: titleOf(post), ContentLicense: licence(time[i]) });
        const tagText = questionTags(seed, post, tagCount)
          .map((tag) => `<${tags[tag]}>`)
          .join("");
        await file.row({ Id: ++id, PostHistoryTypeId: "3", PostId: post, RevisionGUID: revision, CreationDate: at, ...author, Text: tagText, ContentLicense: licence(time[i]) });
      } else {
        await file.row({ Id: ++id, PostHistoryTypeId: "2", PostId: post, RevisionGUID: revision, CreationDate: at, ...author, Text: firstText, ContentLicense: licence(time[i]) });
      }
      if (editedAt[i]) {
        const text = bodyMarkdown(editedBlocks(post, first));
        await file.row({
          Id: ++id,
          PostHistoryTypeId: "5",
          PostId: post,
          RevisionGUID: guid(r),
          CreationDate: date(editedAt[i]),
          UserId: editor[i],
          Comment: `added ${text.length - firstText.length} characters in body`,
          Text: text,
          ContentLicense: licence(editedAt[i]),
        });
      }
      if (closedAt[i]) {
        const voter = memberAt(closedAt[i]);
        const voters = { Voters: [{ Id: voter, DisplayName: names(voter) }] };
        await file.row({
          Id: ++id,
          PostHistoryTypeId: "10",
          PostId: post,
          RevisionGUID: guid(r),
          CreationDate: date(closedAt[i]),
          UserId: voter,
          Comment: String(closeReason[i]),
          Text: JSON.stringify(duplicateOf[i] ? { OriginalQuestionIds: [duplicateOf[i]], ...voters } : voters),
        });
      }
      if (lockedAt[i]) {
        await file.row({ Id: ++id, PostHistoryTypeId: "14", PostId: post, RevisionGUID: guid(r), CreationDate: date(lockedAt[i]), UserId: -1, Text: JSON.stringify({ Voters: [{ Id: -1, DisplayName: "Community" }] }) });
      }
    }
    counts.postHistory = await file.close();
    done("PostHistory.xml", counts.postHistory);
  }

  {
    const file = XmlFile.open(folder, "PostLinks.xml", "postlinks");
    let id = 0;
    for (let post = 1; post <= postCount; post++) {
      const i = post - 1;
      if (linkTo[i]) await file.row({ Id: ++id, CreationDate: date(time[i]), PostId: post, RelatedPostId: linkTo[i], LinkTypeId: "1" });
      if (duplicateOf[i]) {
        counts.duplicates++;
        await file.row({ Id: ++id, CreationDate: date(closedAt[i]), PostId: post, RelatedPostId: duplicateOf[i], LinkTypeId: "3" });
      }
    }
    counts.postLinks = await file.close();
    done("PostLinks.xml", counts.postLinks);
  }

  {
    const file = XmlFile.open(folder, "Users.xml", "users");
    await file.row({
      Id: -1,
      Reputation: 1,
      CreationDate: date(START - 31 * DAY),
      DisplayName: "Community",
      LastAccessDate: date(START - 31 * DAY),
      WebsiteUrl: "https://meta.stackexchange.com/",
      Location: "on the server farm",
      AboutMe: "<p>Hi, I'm not really a person.</p>\n\n<p>I'm a background process that keeps this site tidy.</p>\n",
      Views: 0,
      UpVotes: 0,
      DownVotes: 0,
      AccountId: -1,
    });
    for (let u = 1; u <= userCount; u++) {
      const r = seededRandom(mix(seed, KIND.user, u));
      const name = names(u);
      const about = r() < 0.35 ? bodyHtml([{ kind: "p", parts: [{ text: `I work with ${pick(r, TOOLS)} and ${pick(r, TOOLS)} & like ` }, { em: pick(r, OBJECTS) }, { text: "s." }] }, ...(r() < 0.4 ? [{ kind: "p" as const, parts: [{ link: "My blog", href: `https://blog.example.net/${u}` }] }] : [])]) : undefined;
      await file.row({
        Id: u,
        Reputation: Math.max(1, reputation[u]),
        CreationDate: date(userJoined[u]),
        DisplayName: name,
        LastAccessDate: date(Math.max(userJoined[u], START + SPAN * r())),
        WebsiteUrl: r() < 0.3 ? `https://${name.toLowerCase().replace(/[^a-z]+/g, "")}.example.net` : undefined,
        Location: r() < 0.5 ? pick(r, PLACES) : undefined,
        AboutMe: about,
        Views: Math.floor(200 * r() ** 3),
        UpVotes: Math.floor(100 * r() ** 3),
        DownVotes: Math.floor(20 * r() ** 4),
        AccountId: 100_000 + u * 3,
      });
    }
    counts.users = (await file.close()) - 1;
    done("Users.xml", counts.users + 1);
  }

  {
    const file = XmlFile.open(folder, "Badges.xml", "badges");
    let id = 0;
    for (let u = 1; u <= userCount; u++) {
      const r = seededRandom(mix(seed, KIND.badge, u));
      const earned = geometric(r, 1.5);
      for (let b = 0; b < earned; b++) {
        const [name, badgeClass]: [string, number] = r() < 0.1 ? [tags[Math.floor(tagCount * r() ** 2)], 3] : pick(r, BADGES);
        const tagBased = !BADGES.some(([badge]) => badge === name);
        await file.row({ Id: ++id, UserId: u, Name: name, Date: date(userJoined[u] + delay(r, 120 * DAY)), Class: badgeClass, TagBased: tagBased ? "True" : "False" });
      }
    }
    counts.badges = await file.close();
    done("Badges.xml", counts.badges);
  }

  {
    const file = XmlFile.open(folder, "Tags.xml", "tags");
    for (let t = 0; t < tagCount; t++) await file.row({ Id: t + 1, TagName: tags[t], Count: tagUses[t] });
    done("Tags.xml", await file.close());
  }

  return counts;
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    strict: true,
    options: { posts: { type: "string", default: "100000" }, seed: { type: "string", default: "16" }, site: { type: "string", default: DEFAULT_SITE } },
  });
  const posts = Number(values.posts);
  const seed = Number(values.seed);
  if (positionals.length !== 1 || !Number.isInteger(posts) || posts < 3 || !Number.isInteger(seed)) {
    console.error("Usage: tsx scripts/bench/stackexchange-dump.ts <folder> [--posts 100000] [--seed 16] [--site URL]");
    process.exit(2);
  }
  const started = performance.now();
  const counts = await writeStackExchangeDump(positionals[0], { posts, seed, site: values.site, onFile: (file, rows) => console.log(`${file}: ${rows} rows`) });
  console.log(JSON.stringify(counts));
  console.log(`Written in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
