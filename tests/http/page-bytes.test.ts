// Every page is valid UTF-8 with no NUL byte, whatever its text. React 18's
// Node stream writer broke a multi-byte character that straddled its 2 KiB
// chunk boundary and sent uninitialised bytes (NULs) in its place; pages are
// now rendered to a string (app/entry.server.tsx). This test plants text full
// of accents, emoji, CJK and combining marks, renders pages longer than 32 KiB
// through the real HTTP app, and shifts everything on them byte by byte (the
// brand name heads every page) so the multi-byte characters cross every
// offset around the 2, 4, 8, 16 and 32 KiB boundaries.
import { existsSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startSession } from "../../app/auth/session.server";
import { createHttpApp } from "../../app/http.server";
import { createEarlyAccess, grantEarlyAccess } from "../../app/models/reputation/early-access.server";
import { openIncident, postIncidentUpdate } from "../../app/models/moderation/incident.server";
import { writeSiteSettings } from "../../app/models/site/settings.server";
import { createViewCounter } from "../../app/models/forum/thread-views.server";
import { updateProfile } from "../../app/models/accounts/user.server";
import { threadPath } from "../../app/utils/paths";
import { asCurrentUser, createTestDb } from "../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestComment, createTestThread, createUser } from "../support/factories";
import { cookieHeaderFrom } from "../support/http-helpers";
import { root } from "../support/source-files";

const buildPath = path.join(root, "build", "index.js");
const KIB = 1024;

const db = createTestDb();
const views = createViewCounter(db, { flushEveryMs: 60_000 });

// Accented letters, a middle dot, emoji (4 bytes), CJK (3 bytes), combining
// marks, Hangul, a musical symbol outside the BMP: 2-, 3- and 4-byte characters.
const PIECES = ["é", "·", "😀", "請求書", "e\u0301", "Zoë", "n\u0303", "한국어", "𝄞", "Ça", "—", "ß", "日本語", "🇫🇷", "Ω"];

/** Text of about `length` characters mixing French words with multi-byte pieces; `seed` varies the mix. */
function mixedText(length: number, seed: number): string {
  const words = ["facture", "problème", "réseau", "box", "débit", "prélèvement", "à", "été", "reçu", "hier", "où"];
  let text = "";
  for (let i = seed; text.length < length; i++) {
    text += `${words[i % words.length]} ${PIECES[(i * 7 + seed) % PIECES.length]}${i % 5 === 0 ? ". " : " "}`;
  }
  return clip(text, length).trim();
}

/** At most `max` UTF-16 units (what a form's length limit counts), never cutting a character in two. */
function clip(text: string, max: number): string {
  let clipped = "";
  for (const character of text) {
    if (clipped.length + character.length > max) break;
    clipped += character;
  }
  return clipped;
}

let build: ServerBuild;
let server: Server;
let base: string;
let memberCookie: string;
const pages: { name: string; path: string; signedIn: boolean; minBytes: number; marker: string }[] = [];

beforeAll(async () => {
  if (!existsSync(buildPath)) throw new Error("No build found: run `npm run build` first (the test renders the built app).");
  build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;

  const categoryName = "Facturation · 請求書 😀";
  createTestCategory(db, { slug: "billing", name: categoryName, description: mixedText(180, 1) });
  const admin = await createUser(db, { role: "admin", displayName: "Équipe · サポート" });
  const staff = asCurrentUser(db, admin.id);
  const reader = await createEstablishedMember(db, { displayName: "Zoë 😀 山田" });
  memberCookie = cookieHeaderFrom(await startSession(db, reader.id, { secure: false }));

  // Members with multi-byte display names and bios, who ask and answer.
  const people = [];
  for (let i = 0; i < 6; i++) {
    const person = await createEstablishedMember(db, { displayName: clip(mixedText(20 + i * 4, i), 50) });
    updateProfile(db, asCurrentUser(db, person.id), { displayName: clip(mixedText(24 + i * 3, i + 3), 50), bio: mixedText(300 + i * 37, i) });
    people.push(person);
  }

  // Questions whose titles are of every length from 60 to 149 characters, a minute apart (past the posting limits).
  const start = Date.now() - 3 * 24 * 60 * 60 * 1000;
  let at = start;
  const next = () => new Date((at += 60_000));
  const threads = [];
  for (let i = 0; i < 36; i++) {
    const title = clip(mixedText(60 + ((i * 7) % 90), i), 149);
    threads.push(createTestThread(db, people[i % people.length]!, { title, body: mixedText(400 + i * 13, i), at: next() }));
  }

  // One long thread: a question, answers and comments of many lengths.
  const asker = people[0]!;
  const thread = createTestThread(db, asker, { title: clip(`Ma facture a doublé — 請求書が二重 😀 ${mixedText(60, 9)}`, 149), body: mixedText(6_000, 2), at: next() });
  for (let i = 0; i < 8; i++) {
    const answerer = people[1 + (i % (people.length - 1))]!;
    const answer = createTestAnswer(db, answerer, thread.id, mixedText(1_500 + i * 311, i + 4), next());
    for (let j = 0; j < 3; j++) createTestComment(db, people[(i + j) % people.length]!, answer.id, mixedText(120 + j * 97 + i, i + j), next());
  }

  // A status announcement: its banner heads every page, its own page lists the updates.
  const incident = openIncident(db, staff, { title: clip(`Paiements lents · 支払い遅延 😀 ${mixedText(40, 5)}`, 149), severity: "degraded", category: "billing", body: mixedText(3_000, 6) });
  if (!incident.ok) throw new Error(JSON.stringify(incident.errors));
  for (let i = 0; i < 6; i++) postIncidentUpdate(db, staff, { incidentId: incident.incident.id, body: mixedText(700 + i * 173, i + 7) });

  // An early-access announcement, for a member given access.
  const announcement = createEarlyAccess(db, staff, { title: `Nouvelle box · 新しいルーター 😀`, body: mixedText(9_000, 8), expiresAt: null });
  if (!announcement.ok) throw new Error(JSON.stringify(announcement.errors));
  const grant = grantEarlyAccess(db, staff, { username: reader.username, reason: "Répond à tout · 全部に答える" });
  if (!grant.ok) throw new Error(JSON.stringify(grant.errors));

  const profile = people[1]!;
  pages.push(
    { name: "home", path: "/", signedIn: false, minBytes: 33 * KIB, marker: threads[threads.length - 1]!.title },
    { name: "thread", path: threadPath(thread), signedIn: false, minBytes: 33 * KIB, marker: thread.title },
    { name: "category", path: "/c/billing", signedIn: false, minBytes: 33 * KIB, marker: categoryName },
    { name: "search", path: `/search?q=${encodeURIComponent("facture réseau")}`, signedIn: false, minBytes: 16 * KIB, marker: "facture" },
    { name: "status", path: `/status/${incident.incident.id}`, signedIn: false, minBytes: 16 * KIB, marker: "支払い遅延" },
    { name: "early access", path: "/early-access", signedIn: true, minBytes: 8 * KIB, marker: "新しいルーター" },
    { name: "early-access announcement", path: `/early-access/${announcement.announcement.id}`, signedIn: true, minBytes: 16 * KIB, marker: "新しいルーター" },
    { name: "profile", path: `/u/${profile.username}`, signedIn: false, minBytes: 8 * KIB, marker: asCurrentUser(db, profile.id).displayName },
  );

  server = createHttpApp({ db, build, publicDir: path.join(root, "public"), viewCounter: views }).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  views.stop();
  await new Promise((resolve) => server?.close(resolve));
});

/** The page's bytes exactly as sent (no compression, so nothing is repaired or hidden by decoding). */
async function pageBytes(pathname: string, cookie?: string) {
  const response = await fetch(`${base}${pathname}`, { headers: { "Accept-Encoding": "identity", ...(cookie ? { Cookie: cookie } : {}) } });
  return { status: response.status, type: response.headers.get("content-type"), bytes: new Uint8Array(await response.arrayBuffer()) };
}

/** Where the bytes stop being UTF-8, or -1 when they are valid throughout. */
function firstInvalidByte(bytes: Uint8Array): number {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return -1;
  } catch {
    // Narrow it down, so the failure says where.
    let low = 0;
    let high = bytes.length;
    while (high - low > 1) {
      const middle = (low + high) >> 1;
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, middle), { stream: true });
        low = middle;
      } catch {
        high = middle;
      }
    }
    return low;
  }
}

// The brand name heads every page (its title, header and footer): growing it
// one byte at a time moves everything after it across each boundary.
const SHIFTS = [0, 1, 2, 3, 4, 5, 6, 7];

describe.each(SHIFTS)("with everything shifted by %i bytes", (shift) => {
  test("every page is valid UTF-8 and holds no NUL byte", async () => {
    writeSiteSettings(db, { brandName: `Entraide${"x".repeat(shift)}`, tagline: `Entraide · 互助 😀${"y".repeat(shift)}` });
    for (const page of pages) {
      for (const cookie of page.signedIn ? [memberCookie] : [undefined, memberCookie]) {
        const who = cookie ? "a member" : "a visitor";
        const { status, type, bytes } = await pageBytes(page.path, cookie);
        expect(status, `${page.name} for ${who}`).toBe(200);
        expect(type).toMatch(/^text\/html; charset=utf-8/i);
        expect(bytes.length, `${page.name} for ${who} is long enough to cross the boundaries`).toBeGreaterThanOrEqual(page.minBytes);
        expect(bytes.indexOf(0), `${page.name} for ${who}: a NUL byte`).toBe(-1);
        expect(firstInvalidByte(bytes), `${page.name} for ${who}: invalid UTF-8 from this byte`).toBe(-1);
        const html = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        expect(html, `${page.name} for ${who} shows the planted text`).toContain(escapeHtml(page.marker));
      }
    }
  });
});

test("the checks above catch a page that is broken the way React 18's stream broke it", () => {
  // A character cut in two at a chunk boundary, then zeros where its bytes should be.
  const good = new TextEncoder().encode(`<p>${mixedText(3_000, 1)}</p>`);
  const cut = good.findIndex((byte, i) => i > 2_040 && byte >= 0xc0);
  const broken = new Uint8Array(good);
  broken.fill(0, cut + 1, cut + 4);
  expect(good.indexOf(0)).toBe(-1);
  expect(firstInvalidByte(good)).toBe(-1);
  expect(broken.indexOf(0)).toBeGreaterThan(-1);
  expect(firstInvalidByte(broken)).toBeGreaterThanOrEqual(cut - 1);
});

function escapeHtml(text: string) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
}
