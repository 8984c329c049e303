// Requests an attacker would send, fired at every action through the real
// HTTP app (the edge, then the built Remix app) on a loopback port: bodies
// that are not forms, broken encodings, oversized and chunked bodies,
// unknown intents, control characters in every path segment. Each must be
// answered with a 4xx (or the route's own redirect to sign in), leave every
// table as it was, and leave a server that still answers.
//
// The routes are read from app/routes, so a new action is covered without a
// change here (unless its address needs a value below: the test says so).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { Agent, request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { isRouteErrorResponse } from "@remix-run/react";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { safeRedirect } from "../../app/auth/current-user.server";
import { startSession } from "../../app/auth/session.server";
import { createHttpApp } from "../../app/http.server";
import { createEarlyAccess } from "../../app/models/reputation/early-access.server";
import { openIncident } from "../../app/models/moderation/incident.server";
import { createArticle } from "../../app/models/kb/kb.server";
import { createKnownIssue } from "../../app/models/known-issues/known-issues.server";
import { createTeam } from "../../app/models/known-issues/teams.server";
import { proposeIdea } from "../../app/models/ideas/ideas.server";
import { MAX_FORM_BYTES, readForm } from "../../app/utils/form.server";
import { threadPath } from "../../app/utils/paths";
import { asCurrentUser, createTestDb } from "../support/db";
import { appSecret } from "../../app/models/site/app-secret.server";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestThread, createUser } from "../support/factories";
import { cookieHeaderFrom } from "../support/http-helpers";
import { snapshot } from "../support/model-helpers";
import { root } from "../support/source-files";

const buildPath = path.join(root, "build", "index.js");
const MIB = 1024 * 1024;

const db = createTestDb();
// The app's secret is made on first use (signed links, form stamps): made
// here, so that first use is not counted as a refused request's change.
appSecret(db);

// ---------------------------------------------------------------------------
// The actions, from the folder

/** Route ids ("routes/t.$id.($slug)") of every file in app/routes that exports an action. */
function actionRouteIds(): string[] {
  const folder = path.join(root, "app", "routes");
  return readdirSync(folder)
    .filter((file) => /\.(tsx?|jsx?)$/.test(file))
    .filter((file) => /export\s+(async\s+)?function\s+action\b|export\s+const\s+action\b|export\s*\{[^}]*\baction\b/.test(readFileSync(path.join(folder, file), "utf8")))
    .map((file) => `routes/${file.replace(/\.(tsx?|jsx?)$/, "")}`)
    .sort();
}

/** The route's address pattern ("/t/:id/:slug?"), joined from the build's manifest. */
function patternOf(build: ServerBuild, routeId: string): string {
  const segments: string[] = [];
  let route: (typeof build.routes)[string] | undefined = build.routes[routeId];
  while (route) {
    if (route.path) segments.unshift(route.path);
    route = route.parentId ? build.routes[route.parentId] : undefined;
  }
  return `/${segments.join("/")}`.replace(/\/+/g, "/");
}

// ---------------------------------------------------------------------------
// The community the requests are fired at

let thread: { id: number; slug: string };
let answerId: number;
let articleSlug: string;
let incidentId: number;
let announcementId: number;
let otherMember: { username: string };
let memberId: number;
let knownIssueId: number;
let teamId: number;
let ideaId: number;

/** A real value for each parameter of each address; a new one fails here until it is given one. */
function paramValue(routeId: string, name: string): string {
  const values: [RegExp, string, () => string | number][] = [
    [/^routes\/t\./, "id", () => thread.id],
    [/^routes\/t\./, "slug", () => thread.slug],
    [/^routes\/follow-up\./, "threadId", () => thread.id],
    [/^routes\/mod\.threads\./, "id", () => thread.id],
    [/^routes\/(mod\.)?posts\./, "id", () => answerId],
    [/^routes\/kb\./, "slug", () => articleSlug],
    [/^routes\/status\./, "id", () => incidentId],
    [/^routes\/early-access\./, "id", () => announcementId],
    [/^routes\/mod\.users\./, "username", () => otherMember.username],
    [/^routes\/(reset-password|verify-email)\./, "token", () => "A".repeat(43)],
    [/^routes\/auth\./, "provider", () => "nimbus"],
    [/^routes\/admin\.webhooks_\./, "id", () => 1],
    [/^routes\/admin\.teams_\./, "id", () => teamId],
    [/^routes\/known-issues\./, "id", () => knownIssueId],
    [/^routes\/ideas\./, "id", () => ideaId],
  ];
  const found = values.find(([route, param]) => route.test(routeId) && param === name);
  if (!found) throw new Error(`No value for :${name} in ${routeId}: give one in paramValue() so its action is fired at.`);
  return String(found[2]());
}

/** The address's segments with real values in place of its parameters; `param` says which segments were parameters. */
function realSegments(routeId: string, pattern: string): { text: string; param: boolean }[] {
  return pattern
    .split("/")
    .filter(Boolean)
    .map((segment) => {
      const param = /^:(\w+)\??$/.exec(segment);
      if (param) return { text: encodeURIComponent(paramValue(routeId, param[1]!)), param: true };
      if (segment === "*") return { text: "anything", param: true };
      return { text: segment, param: false };
    });
}

// ---------------------------------------------------------------------------
// Requests, sent byte for byte (node:http, so nothing is repaired on the way)

type Sent = { path: string; body?: Buffer | string; contentType?: string; cookie?: string; chunked?: boolean; method?: string };
type Answer = { status: number; location: string | undefined; text: string; headers: IncomingHttpHeaders };

let port: number;
let origin: string;
const PIECE = 64 * 1024;
/** Connections are kept between ordinary requests; an oversized body gets a connection of its own, which the server may close. */
const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });

function send({ path: target, body, contentType, cookie, chunked, method = "POST" }: Sent): Promise<Answer> {
  const bytes = typeof body === "string" ? Buffer.from(body, "latin1") : body;
  const headers: Record<string, string> = { Origin: origin };
  if (contentType) headers["Content-Type"] = contentType;
  if (cookie) headers.Cookie = cookie;
  if (bytes && !chunked) headers["Content-Length"] = String(bytes.length);
  return new Promise<Answer>((resolve, reject) => {
    let answered = false;
    let closed = false;
    const big = (bytes?.length ?? 0) > PIECE;
    const request = httpRequest({ host: "127.0.0.1", port, method, path: target, headers, agent: big ? false : keepAlive }, (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      const finish = () => {
        resolve({ status: response.statusCode!, location: response.headers.location, text: Buffer.concat(chunks).toString("utf8"), headers: response.headers });
        if (big) request.destroy();
      };
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", finish);
      // The server may close the connection once it has answered (an oversized body).
      response.on("aborted", finish);
      response.on("error", finish);
    });
    request.on("error", (error) => {
      if (!answered) reject(new Error(`${method} ${target}: the connection failed before an answer: ${error.message}`));
    });
    request.on("close", () => (closed = true));
    // The body goes in pieces, and stops as soon as the server has answered (it may refuse before reading).
    void (async () => {
      if (bytes) {
        for (let offset = 0; offset < bytes.length && !answered && !closed; offset += PIECE) {
          if (!request.write(bytes.subarray(offset, offset + PIECE))) {
            await new Promise<void>((done) => {
              const settle = () => {
                request.off("drain", settle);
                request.off("close", settle);
                done();
              };
              request.on("drain", settle);
              request.on("close", settle);
            });
          }
        }
      }
      if (!answered && !closed) request.end();
    })();
  });
}

// ---------------------------------------------------------------------------
// What is fired

const FORM = "application/x-www-form-urlencoded";
const UNKNOWN = "intent=hostile-unknown-intent&postId=1";

type BodyCase = {
  name: string;
  body: Buffer | string;
  contentType?: string;
  chunked?: boolean;
  /** A form that parses: refused for what it says, not for how it is sent. */
  wellFormed?: boolean;
  /** Sent by every actor; the others (variations on a theme) by the member only, to keep the file fast. */
  core?: boolean;
  expect?: number;
};

const BODY_CASES: BodyCase[] = [
  { name: "a JSON body", core: true, body: JSON.stringify({ intent: "vote", postId: 1, direction: "up" }), contentType: "application/json" },
  {
    name: "a broken multipart boundary",
    core: true,
    body: '--AaB03x\r\nContent-Disposition: form-data; name="intent"\r\n\r\nvote\r\n--ZzZ99--\r\n',
    contentType: "multipart/form-data; boundary=AaB03x",
  },
  { name: "multipart without a boundary", body: "intent=vote", contentType: "multipart/form-data" },
  { name: "no content type", core: true, body: "intent=vote&postId=1&direction=up" },
  { name: "a text/plain body", body: "intent=vote&postId=1&direction=up", contentType: "text/plain" },
  { name: "bad percent-encoding", core: true, body: "intent=%zz&postId=%&title=%E4%B8", contentType: FORM },
  { name: "invalid UTF-8 bytes", core: true, body: Buffer.concat([Buffer.from("intent=vote&title="), Buffer.from([0xff, 0xfe, 0xc3, 0x28])]), contentType: FORM },
  { name: "percent-encoded invalid UTF-8", body: "intent=vote&title=%FF%FE%C3%28", contentType: FORM },
  // Readable once the control characters are taken out: well formed, as far as a route can tell.
  { name: "control characters in a field", body: "intent=vote%00&title=a%00b&note=x%1Bz", contentType: FORM, wellFormed: true },
  {
    name: "a file in a multipart form",
    body: '--AaB03x\r\nContent-Disposition: form-data; name="body"; filename="x.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--AaB03x--\r\n',
    contentType: "multipart/form-data; boundary=AaB03x",
  },
  { name: "an unknown intent", core: true, body: UNKNOWN, contentType: FORM, wellFormed: true },
  { name: "a form that names no intent", body: "postId=1&x=1", contentType: FORM, wellFormed: true },
  { name: "numbers out of range", body: "intent=vote&postId=1e308&direction=up&id=99999999999999999999&threadId=-1&number=NaN", contentType: FORM, wellFormed: true },
  { name: "a chunked 2 MiB body", body: `a=${"x".repeat(2 * MIB)}`, contentType: FORM, chunked: true, expect: 413 },
  { name: "a 2 MiB body with its Content-Length", body: `a=${"x".repeat(2 * MIB)}`, contentType: FORM, expect: 413 },
];

/** Put after (or in place of) a path segment: control characters, and escapes that decode to nothing valid. */
const CONTROL_BYTES = ["%00", "%0d%0a", "%7f"];
const BAD_ESCAPES = ["%zz", "%ff"];

type Actor = "visitor" | "member" | "admin";
const cookies: Record<Actor, string | undefined> = { visitor: undefined, member: undefined, admin: undefined };

/** Routes only a visitor uses: a signed-in person is sent home before the form is read. */
const VISITOR_ONLY = new Set(["routes/login", "routes/join", "routes/login_.two-factor"]);
/** Takes no form: a well-formed post from a signed-in person signs out, which is its job, not a hostile success. */
const TAKES_NO_FORM = new Set(["routes/logout"]);

/** Whether an answer is a refusal this route may give this actor: a 4xx, or its redirect to sign in (or home). */
function isRefusal(routeId: string, actor: Actor, answer: Answer): boolean {
  if (answer.status >= 400 && answer.status < 500) return true;
  if (answer.status < 300 || answer.status >= 400) return false;
  const location = answer.location ?? "";
  if (actor === "visitor") return location.startsWith("/login") || (TAKES_NO_FORM.has(routeId) && location === "/");
  return VISITOR_ONLY.has(routeId) && location === "/";
}

// ---------------------------------------------------------------------------

let build: ServerBuild;
let server: Server;

beforeAll(async () => {
  if (!existsSync(buildPath)) throw new Error("No build found: run `npm run build` first (the test fires at the built app).");
  build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;

  createTestCategory(db, { slug: "billing", name: "Billing" });
  const admin = await createUser(db, { role: "admin" });
  const member = await createEstablishedMember(db);
  memberId = member.id;
  const asker = await createEstablishedMember(db);
  const answerer = await createEstablishedMember(db);
  otherMember = answerer;
  thread = createTestThread(db, asker, { title: "My router blinks orange after the update" });
  answerId = createTestAnswer(db, answerer, thread.id).id;
  const staff = asCurrentUser(db, admin.id);
  const article = createArticle(db, staff, { title: "Reset your router", body: "Hold the button for ten seconds.", category: "billing", tags: [], note: "", publish: true });
  if (!article.ok) throw new Error(JSON.stringify(article.errors));
  articleSlug = article.article.slug;
  const incident = openIncident(db, staff, { title: "Payments are slow", severity: "degraded", category: "billing", body: "We are on it." });
  if (!incident.ok) throw new Error(JSON.stringify(incident.errors));
  incidentId = incident.incident.id;
  const announcement = createEarlyAccess(db, staff, { title: "A new box next month", body: "Top contributors hear it first.", expiresAt: null });
  if (!announcement.ok) throw new Error(JSON.stringify(announcement.errors));
  announcementId = announcement.announcement.id;
  const team = createTeam(db, staff, { name: "Firmware", route: "email", routeEmail: "firmware@brand.example", meTooThreshold: 5 });
  if (!team.ok) throw new Error(JSON.stringify(team.errors));
  teamId = team.id;
  const issue = createKnownIssue(db, staff, { title: "Orange light after the update", description: "We are on it.", teamId, threadIds: [thread.id] });
  if (!issue.ok) throw new Error(JSON.stringify(issue.errors));
  knownIssueId = issue.id;
  createTestCategory(db, { slug: "ideas", name: "Ideas", kind: "ideas" });
  const idea = proposeIdea(db, asCurrentUser(db, member.id), { title: "Let me schedule the box's updates", body: "Updates at night would suit everyone." });
  if (!idea.ok) throw new Error(JSON.stringify(idea.errors));
  ideaId = idea.id;

  cookies.member = cookieHeaderFrom(await startSession(db, member.id, { secure: false }));
  cookies.admin = cookieHeaderFrom(await startSession(db, admin.id, { secure: false }));

  server = createHttpApp({ db, build, publicDir: path.join(root, "public") }).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  keepAlive.destroy();
  await new Promise((resolve) => server?.close(resolve));
});

/**
 * Collects what the server logs while hostile requests are fired. Remix logs
 * the 405 of a post to an address without an action (a mangled one lands on
 * the catch-all page) and warns that no route matched; anything else logged
 * as an error is a failure.
 */
function captureServerErrors() {
  const unexpected: string[] = [];
  const errors = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    const [first] = args;
    if (isRouteErrorResponse(first) && first.status < 500) return;
    unexpected.push(args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(" ").slice(0, 500));
  });
  const warnings = vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => {
    if (!String(args[0]).startsWith("No routes matched location")) unexpected.push(args.map(String).join(" ").slice(0, 500));
  });
  return {
    unexpected,
    stop: () => {
      errors.mockRestore();
      warnings.mockRestore();
    },
  };
}

async function expectServerAnswers() {
  for (const actor of ["visitor", "member"] as const) {
    const home = await send({ path: "/", method: "GET", cookie: cookies[actor] });
    expect(home.status, `GET / as ${actor} after the hostile requests`).toBe(200);
  }
}

const ROUTES = actionRouteIds();

test("the actions are found in app/routes, and the build has each of them", () => {
  expect(ROUTES.length).toBeGreaterThan(20);
  expect(ROUTES).toContain("routes/t.$id.($slug)");
  expect(ROUTES).toContain("routes/notifications");
  const stale = ROUTES.filter((id) => !build.routes[id]?.module.action);
  expect(stale, "route files with an action missing from build/ (run `npm run build`)").toEqual([]);
});

describe.each(ROUTES)("POST to %s", (routeId) => {
  test("every malformed request is refused with a 4xx, changes nothing, and the server still answers", async () => {
    const segments = realSegments(routeId, patternOf(build, routeId));
    // A form in an index route posts to "?index" (without it, the layout's action is asked).
    const query = build.routes[routeId]!.index ? "?index" : "";
    const address = `/${segments.map((s) => s.text).join("/")}${query}`;
    /** The address with `text` in place of segment i. */
    const at = (i: number, text: string) => `/${segments.map((s, j) => (j === i ? text : s.text)).join("/")}${query}`;
    const after = (bytes: string[], paramsOnly: boolean) => segments.flatMap((s, i) => (s.param || !paramsOnly ? bytes.map((bad) => at(i, `${s.text}${bad}`)) : []));
    const instead = (bytes: string[]) => segments.flatMap((s, i) => (s.param ? bytes.map((bad) => at(i, bad)) : []));
    // A spoilt static segment misses the route whoever asks: the member tries those. Parameters are
    // read after the session, so the signed-in actors try them; a visitor is mostly sent to sign in first.
    const mangledFor: Record<Actor, string[]> = {
      visitor: after(["%00"], true),
      member: [...after(CONTROL_BYTES, false), ...instead(CONTROL_BYTES), ...after(BAD_ESCAPES, true)],
      admin: after(CONTROL_BYTES, true),
    };

    const before = snapshot(db);
    const failures: string[] = [];
    const logged = captureServerErrors();
    for (const actor of ["visitor", "member", "admin"] as Actor[]) {
      const cookie = cookies[actor];
      const fire: (Sent & { name: string; expect?: number })[] = [];
      for (const c of BODY_CASES) {
        if (c.wellFormed && cookie && TAKES_NO_FORM.has(routeId)) continue;
        // The edge refuses an oversized body whoever sends it: a visitor and a member are enough.
        if (c.expect === 413 ? actor === "admin" : !c.core && actor !== "member") continue;
        fire.push({ name: c.name, path: address, body: c.body, contentType: c.contentType, chunked: c.chunked, cookie, expect: c.expect });
      }
      for (const target of new Set(mangledFor[actor])) fire.push({ name: "bad bytes in the address", path: target, body: UNKNOWN, contentType: FORM, cookie });

      for (const { name, expect: status, ...request } of fire) {
        const what = `${actor}: ${name} → POST ${request.path}`;
        let answer: Answer;
        try {
          answer = await send(request);
        } catch (error) {
          failures.push(`${what}: ${(error as Error).message}`);
          continue;
        }
        if (status !== undefined ? answer.status !== status : !isRefusal(routeId, actor, answer)) {
          failures.push(`${what}: answered ${answer.status}${answer.location ? ` → ${answer.location}` : ""} ${answer.text.slice(0, 120).replace(/\s+/g, " ")}`);
        }
        if (snapshot(db) !== before) {
          logged.stop();
          failures.push(`${what}: changed the database (answered ${answer.status})`);
          return expect(failures).toEqual([]);
        }
      }
    }
    logged.stop();
    failures.push(...logged.unexpected.map((error) => `the server logged an error: ${error}`));
    expect(failures).toEqual([]);
    await expectServerAnswers();
  });
});

test("a chunked body over 1 MiB to a thread, /ask, /login, /join, /watch or /unsubscribe is a 413 for a visitor, and nothing is saved", async () => {
  const before = snapshot(db);
  const body = `title=${"x".repeat(MIB)}&body=${"y".repeat(MIB / 2)}`;
  for (const target of [threadPath(thread), "/ask", "/login", "/join", "/watch", "/unsubscribe?token=1.x"]) {
    const answer = await send({ path: target, body, contentType: FORM, chunked: true });
    expect(answer.status, `POST ${target}`).toBe(413);
    expect(snapshot(db)).toBe(before);
  }
  await expectServerAnswers();
});

// ---------------------------------------------------------------------------
// The one reader every action's form goes through, and the way back

describe("readForm", () => {
  const post = (body: BodyInit | null, contentType?: string) =>
    new Request("http://localhost/x", { method: "POST", body, headers: contentType ? { "Content-Type": contentType } : {} });
  const refusal = async (request: Request) => {
    try {
      await readForm(request);
    } catch (thrown) {
      if (thrown instanceof Response) return { status: thrown.status, message: await thrown.text() };
      throw thrown;
    }
    throw new Error("The form was read");
  };

  test("reads urlencoded and multipart forms, UTF-8 and escapes included", async () => {
    const form = await readForm(post("title=Caf%C3%A9+%F0%9F%98%80&body=a%2Bb%0D%0Ac&tag=%E8%AB%8B%E6%B1%82%E6%9B%B8", `${FORM}; charset=UTF-8`));
    expect(Object.fromEntries(form)).toEqual({ title: "Café 😀", body: "a+b\r\nc", tag: "請求書" });
    const multipart = new FormData();
    multipart.append("title", "Zoë · 山田");
    multipart.append("intent", "post");
    const sent = new Request("http://localhost/x", { method: "POST", body: multipart });
    expect(Object.fromEntries(await readForm(sent))).toEqual({ title: "Zoë · 山田", intent: "post" });
    expect([...(await readForm(post("", FORM))).entries()]).toEqual([]);
  });

  test.each([
    ["a JSON body", post('{"intent":"vote"}', "application/json")],
    ["no content type", post("intent=vote")],
    ["no body and no content type", post(null)],
    ["a broken multipart boundary", post('--AaB03x\r\nContent-Disposition: form-data; name="intent"\r\n\r\nvote\r\n--ZzZ--\r\n', "multipart/form-data; boundary=AaB03x")],
    ["bad percent-encoding", post("intent=%zz", FORM)],
    ["a lone percent sign", post("intent=50%", FORM)],
    ["invalid UTF-8", post(new Uint8Array([0x61, 0x3d, 0xff]), FORM)],
    ["percent-encoded invalid UTF-8", post("a=%C3%28", FORM)],
    ["an escape character in a name", post("b%1Bdy=x", FORM)],
    ["a file", post('--AaB03x\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\n\r\nhi\r\n--AaB03x--\r\n', "multipart/form-data; boundary=AaB03x")],
  ])("%s is a 400 with a message", async (_name, request) => {
    const { status, message } = await refusal(request);
    expect(status).toBe(400);
    expect(message.length).toBeGreaterThan(10);
  });

  test("control characters nobody types are taken out of a value, and the rest of what was typed is kept", async () => {
    const form = await readForm(post("body=a%00b%0Cc%1Bd%7Fe%09f%0D%0Ag", FORM));
    expect(form.get("body")).toBe("abcde\tf\r\ng");
  });

  test("stops reading past the limit, however the body arrives", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 64 * 1024;
        controller.enqueue(new TextEncoder().encode("a".repeat(64 * 1024)));
      },
    });
    const request = new Request("http://localhost/x", { method: "POST", body: endless, headers: { "Content-Type": FORM }, duplex: "half" } as RequestInit);
    expect((await refusal(request)).status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(MAX_FORM_BYTES + 2 * 64 * 1024);
  });
});

describe("safeRedirect", () => {
  test.each([
    ["/t/1/slug#post-2", "/t/1/slug#post-2"],
    ["/search?q=a+b", "/search?q=a+b"],
    ["/t/1/中文?q=é#ü", "/t/1/%E4%B8%AD%E6%96%87?q=%C3%A9#%C3%BC"],
    ["/a b", "/a%20b"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["/\t/evil.example", "/"],
    ["/.//evil.example", "/"],
    ["/%2e//evil.example", "/"],
    ["/t/1/\u0000", "/"],
    ["/t/1/\r\nSet-Cookie: x=1", "/"],
    ["https://evil.example/", "/"],
    ["t/1", "/"],
  ])("%j → %j", (to, expected) => {
    expect(safeRedirect(to, "/")).toBe(expected);
  });
});

// ---------------------------------------------------------------------------
// Valid actions at mangled addresses: refused without a change, or done once
// and answered with a redirect to our own address. Never done and then a 500.

describe("a valid action sent to a mangled address", () => {
  /** Refused with nothing changed, or applied with a redirect to a same-site path in plain ASCII. */
  function expectRefusedOrRedirected(answer: Answer, changed: boolean, canonical: RegExp) {
    if (answer.status >= 400 && answer.status < 500) {
      expect(changed, `refused with ${answer.status}, but the change was saved`).toBe(false);
      return "refused";
    }
    expect([302, 303], `answered ${answer.status}: ${answer.text.slice(0, 200)}`).toContain(answer.status);
    expect(changed, "redirected, but nothing was saved").toBe(true);
    expect(answer.location).toMatch(canonical);
    expect(answer.location).toMatch(/^\/(?!\/)[\x21-\x7e]*$/);
    return "applied";
  }

  const voteOf = () => db.$client.prepare("SELECT value FROM votes WHERE post_id = ? AND user_id = ?").pluck().get(answerId, memberId) as number | undefined;

  test.each(["%00", "%0d%0a", "%7f", "%zz", "%c3%28", "x%00y"])("an upvote at /t/<id>/%s is applied once with a redirect to the thread's own address, or refused", async (slug) => {
    const before = voteOf() ?? 0;
    const answer = await send({ path: `/t/${thread.id}/${slug}`, body: `intent=vote&postId=${answerId}&direction=up`, contentType: FORM, cookie: cookies.member });
    const after = voteOf() ?? 0;
    const outcome = expectRefusedOrRedirected(answer, after !== before, new RegExp(`^${escape(threadPath(thread))}#post-${answerId}$`));
    // An upvote toggles: applied exactly once means on when it was off, off when it was on.
    if (outcome === "applied") expect(after).toBe(before === 1 ? 0 : 1);
    await expectServerAnswers();
  });

  test.each(["%0d%0a", "%00", "%7f"])("a thread id with %s after it is refused, or applied once with a redirect to the thread's own address", async (bad) => {
    const before = voteOf() ?? 0;
    const answer = await send({ path: `/t/${thread.id}${bad}/${thread.slug}`, body: `intent=vote&postId=${answerId}&direction=up`, contentType: FORM, cookie: cookies.member });
    const after = voteOf() ?? 0;
    expectRefusedOrRedirected(answer, after !== before, new RegExp(`^${escape(threadPath(thread))}#post-${answerId}$`));
    await expectServerAnswers();
  });

  test("a flag at /t/<id>/%00 is saved once with a redirect to the thread's own address; sent again, it is refused", async () => {
    const flags = () => db.$client.prepare("SELECT count(*) FROM flags WHERE post_id = ?").pluck().get(answerId) as number;
    const first = await send({ path: `/t/${thread.id}/%00`, body: `intent=flag&postId=${answerId}&reason=spam&note=`, contentType: FORM, cookie: cookies.member });
    expectRefusedOrRedirected(first, flags() === 1, new RegExp(`^${escape(threadPath(thread))}#post-${answerId}$`));
    expect(flags()).toBe(1);
    const before = snapshot(db);
    const again = await send({ path: `/t/${thread.id}/%0d%0a`, body: `intent=flag&postId=${answerId}&reason=spam&note=`, contentType: FORM, cookie: cookies.member });
    // The action answers 409; rendering that reply at a wrong slug, the page's loader sends the reader to the right one.
    if (again.status !== 409) {
      expect(again.status).toBe(301);
      expect(again.location).toBe(threadPath(thread));
    }
    expect(snapshot(db)).toBe(before);
    await expectServerAnswers();
  });

  test("a post of another question, sent to this question's address, is refused", async () => {
    const other = createTestThread(db, await createEstablishedMember(db), { title: "Another question about my invoice" });
    const before = snapshot(db);
    const answer = await send({ path: `/t/${other.id}/${other.slug}`, body: `intent=vote&postId=${answerId}&direction=up`, contentType: FORM, cookie: cookies.member });
    expect(answer.status).toBe(404);
    expect(snapshot(db)).toBe(before);
  });

  test("a moderator's lock whose way back is mangled locks once and goes back to the thread's own address", async () => {
    const locked = () => db.$client.prepare("SELECT locked_at IS NOT NULL FROM threads WHERE id = ?").pluck().get(thread.id) as number;
    expect(locked()).toBe(0);
    const answer = await send({ path: `/mod/threads/${thread.id}`, body: `intent=lock&redirectTo=${encodeURIComponent(`/t/${thread.id}/中文?q=é#ü`)}`, contentType: FORM, cookie: cookies.admin });
    expectRefusedOrRedirected(answer, locked() === 1, new RegExp(`^${escape(threadPath(thread))}$`));
    const unlock = await send({ path: `/mod/threads/${thread.id}`, body: `intent=unlock&redirectTo=${encodeURIComponent("/.//evil.example")}`, contentType: FORM, cookie: cookies.admin });
    // "/.//evil.example" would leave the site once normalised: the thread tools' own address instead.
    expect(unlock.status).toBe(302);
    expect(unlock.location).toBe(`/mod/threads/${thread.id}`);
    expect(locked()).toBe(0);
    await expectServerAnswers();
  });

  test("Watch with a way back beyond Latin-1 is saved once and redirects to the escaped address", async () => {
    const watches = () => db.$client.prepare("SELECT count(*) FROM watches WHERE target_type = 'thread' AND target_id = ?").pluck().get(thread.id) as number;
    const before = watches();
    const answer = await send({
      path: "/watch",
      body: `targetType=thread&targetId=${thread.id}&level=muted&redirectTo=${encodeURIComponent("/c/billing?q=😀")}`,
      contentType: FORM,
      cookie: cookies.member,
    });
    expectRefusedOrRedirected(answer, watches() !== before, /^\/c\/billing\?q=%F0%9F%98%80$/);
    await expectServerAnswers();
  });
});

function escape(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
