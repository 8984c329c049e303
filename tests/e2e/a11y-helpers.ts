// What the accessibility journeys share (issue #14, point 6): the demo
// community on a test server, axe-core run in the page, and the checks a
// person makes with their eyes (a visible focus ring, big enough targets).
import { createRequire } from "node:module";
import { eq } from "drizzle-orm";
import type { Locator, Page } from "playwright-core";
import { categories } from "../../db/schema";
import { seedDemoCommunity, type DemoLogin } from "../../scripts/demo-community";
import type { Db } from "../../db/client";
import { startApp, type RunningApp } from "./harness";

const require = createRequire(import.meta.url);
export const AXE_PATH = require.resolve("axe-core/axe.min.js");

/**
 * Starts the app on the whole demo community (its people, threads, articles,
 * incident and early access). The harness writes the demo's categories
 * first; the demo seeds its own, so they are taken out before it runs.
 */
export async function startDemoApp(prepare?: (db: Db, logins: DemoLogin[]) => Promise<void> | void) {
  let logins: DemoLogin[] = [];
  const app: RunningApp = await startApp(async (db) => {
    for (const { id } of db.select({ id: categories.id }).from(categories).all()) db.delete(categories).where(eq(categories.id, id)).run();
    logins = await seedDemoCommunity(db);
    await prepare?.(db, logins);
  });
  const password = (username: string) => {
    const login = logins.find((l) => l.username === username);
    if (!login) throw new Error(`No demo login for ${username}`);
    return login.password;
  };
  return { app, password };
}

export type AxeNode = { target: string[]; html: string; failureSummary?: string };
export type AxeViolation = { id: string; impact: string | null; help: string; nodes: AxeNode[] };

// WCAG 2.0, 2.1 and 2.2 at levels A and AA...
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
// ...and three best-practice rules issue #14 names as defects a person met:
// skipped heading levels, landmarks sharing a name, content outside landmarks.
export const BEST_PRACTICE_RULES = ["heading-order", "landmark-unique", "region"];

/**
 * Runs axe-core on the page as it is now. The page's Content-Security-Policy
 * forbids injected scripts, so the context running this must be made with
 * `bypassCSP: true` (the app's own scripts are unaffected).
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as { axe?: unknown }).axe !== "undefined");
  if (!loaded) await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(
    async ({ tags, rules }) => {
      const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
      const result = await axe.run(document, {
        runOnly: { type: "tag", values: tags },
        rules: Object.fromEntries(rules.map((rule) => [rule, { enabled: true }])),
        resultTypes: ["violations"],
      });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.map(String), html: n.html.slice(0, 200), failureSummary: n.failureSummary })),
      }));
    },
    { tags: WCAG_TAGS, rules: BEST_PRACTICE_RULES },
  );
}

/** A violation that fails the suite: serious or critical, or one of the named best-practice rules. */
export function blocking(violation: AxeViolation): boolean {
  return violation.impact === "serious" || violation.impact === "critical" || BEST_PRACTICE_RULES.includes(violation.id);
}

/** The focused element's ring, as the eye sees it: an outline or a box-shadow, not none. */
export async function focusRingOf(locator: Locator): Promise<{ focused: boolean; outline: string; boxShadow: string; visible: boolean }> {
  return locator.evaluate((el) => {
    const style = getComputedStyle(el);
    const outline = style.outlineStyle === "none" || parseFloat(style.outlineWidth) === 0 ? "none" : `${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`;
    const boxShadow = style.boxShadow;
    return { focused: document.activeElement === el, outline, boxShadow, visible: outline !== "none" || (boxShadow !== "none" && boxShadow !== "") };
  });
}

/** What has the keyboard's focus, described for a failure message. */
export async function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return "nothing";
    const name = el.getAttribute("aria-label") ?? el.textContent?.trim().slice(0, 40) ?? "";
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.getAttribute("name") ? `[name=${el.getAttribute("name")}]` : ""} "${name}"`;
  });
}

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus, as a keyboard
 * user would, and fails if it is not reached within `max` presses.
 */
export async function tabTo(page: Page, target: Locator, { max = 60, backwards = false } = {}): Promise<void> {
  await target.first().waitFor({ state: "visible" });
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
    if (await target.first().evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Could not reach the control by keyboard in ${max} presses; focus is on ${await describeFocus(page)}`);
}

/**
 * The page's controls smaller than 24 by 24 CSS pixels (WCAG 2.2, 2.5.8).
 * Buttons, fields, tags and the like must be that big. A text link inside a
 * sentence is exempt, as the criterion says (its size is the text's); a
 * short link on its own (a word in a table) may be narrower when the
 * criterion's spacing allows it: a 24 px circle on its centre touches no
 * other target.
 */
export async function smallTargets(page: Page): Promise<string[]> {
  // No named functions inside: the test runner's transform would wrap them in a helper the page lacks.
  return page.evaluate(() => {
    const controls = [
      ...document.querySelectorAll<HTMLElement>("a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])"),
    ].filter((el) => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== "hidden" && !el.closest(".visually-hidden, .skip-link");
    });
    const boxes = controls.map((el) => el.getBoundingClientRect());
    const small: string[] = [];
    controls.forEach((el, i) => {
      const box = boxes[i]!;
      if (box.width >= 24 && box.height >= 24) return;
      const style = getComputedStyle(el);
      // A checkbox or radio is labelled: its label is part of the target.
      if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio") && el.labels?.length) {
        if (el.labels[0]!.getBoundingClientRect().height >= 24) return;
      }
      const inline = style.display === "inline";
      const own = (el.textContent ?? "").trim().length;
      const around = (el.parentElement?.textContent ?? "").trim().length;
      if (inline && around > own + 2) return;
      if (inline && box.height >= 24) {
        const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
        const clear = boxes.every((other, j) => j === i || other.width === 0 || el.contains(controls[j]!) || controls[j]!.contains(el) || Math.hypot(Math.max(other.left - x, 0, x - other.right), Math.max(other.top - y, 0, y - other.bottom)) >= 12);
        if (clear) return;
      }
      const classes = typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
      small.push(`${el.tagName.toLowerCase()}${classes} "${(el.textContent ?? el.getAttribute("aria-label") ?? "").trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
    });
    return small;
  });
}

/**
 * How many CSS pixels the page is wider than its window (0 when it fits): a
 * wide table or a long word that makes a phone's whole page scroll sideways.
 * A table inside its own scrolling box (.table-wrap) does not count.
 */
export async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth));
}
