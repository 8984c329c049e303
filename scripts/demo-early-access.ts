// The demo's early access: one announcement from the moderator, no grants.
// Written through the same model functions as the site, so its readers (the
// top contributors and staff) are notified as they would be.
import type { Db } from "../db/client";
import type { users } from "../db/schema";
import { createEarlyAccess } from "../app/models/reputation/early-access.server";

type Person = typeof users.$inferSelect;
const DAY = 24 * 60 * 60 * 1000;

export const DEMO_EARLY_ACCESS = {
  title: "Nimbus Box 2: be among the first to try it",
  body: [
    "The next Nimbus Box is nearly ready, and you helped shape it: many of the fixes you suggested here are in it.",
    "",
    "- **Wi-Fi 7** with a mesh mode that pairs with your current box",
    "- **Quiet mode**: no lights after 10 pm, no nightly restart",
    "- **Faster setup**: scan the code on the box with the app and you are online",
    "",
    "We are looking for 50 testers before the launch. Reply to the email we will send you next week, or tell Morgan here.",
    "",
    "Please keep this to yourselves until the launch: thank you for everything you do in this community.",
  ].join("\n"),
};

/**
 * Publishes the demo's early-access announcement as the moderator (`morgan`),
 * a day before `now`, with no expiry. Grants nothing: readers are the members
 * at the early-access rank and staff. Run it after the reputation is in place,
 * so the readers of that moment are the ones notified.
 */
export function seedDemoEarlyAccess(db: Db, people: Map<string, Person>, now = Date.now()) {
  const moderator = people.get("morgan");
  if (!moderator) throw new Error("The demo early access needs the moderator morgan");
  const result = createEarlyAccess(db, moderator, { ...DEMO_EARLY_ACCESS, expiresAt: null }, new Date(now - DAY));
  if (!result.ok) throw new Error(`The demo early-access announcement was refused: ${JSON.stringify(result.errors)}`);
  return result.announcement;
}
