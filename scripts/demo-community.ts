// The demo community: a fictional phone and internet provider, its topics and
// its people. Seeded on the first start with an empty database, and by
// `npm run seed`.
import { randomBytes } from "node:crypto";
import { count } from "drizzle-orm";
import { createCategory } from "../app/models/category.server";
import { writeSiteSettings } from "../app/models/settings.server";
import type { Db } from "../db/client";
import { categories, users, type Role } from "../db/schema";
import { createUser } from "../tests/factories";

export const DEMO_BRAND = {
  brandName: "Nimbus Telecom",
  tagline: "Real answers from Nimbus customers and the Nimbus team: billing, your box, your phone and the network.",
};

export const DEMO_CATEGORIES = [
  { slug: "billing", name: "Billing", description: "Bills, payments, refunds, plans and prices." },
  { slug: "account", name: "Account & sign-in", description: "Your Nimbus account, passwords, the app and personal details." },
  { slug: "devices", name: "Devices", description: "The Nimbus Box, phones, SIM cards and accessories." },
  { slug: "network", name: "Network & outages", description: "Coverage, speed, Wi-Fi, fibre and known outages." },
  { slug: "tips", name: "Tips & tricks", description: "Get more out of your plan, your box and your phone." },
];

type DemoPerson = { key: string; username: string; displayName: string; role: Role; bio: string; label: string };

export const DEMO_PEOPLE: DemoPerson[] = [
  { key: "member", username: "sam", displayName: "Sam Rivera", role: "member", label: "a member", bio: "Fibre customer since last spring." },
  {
    key: "contributor",
    username: "priya",
    displayName: "Priya Nair",
    role: "member",
    label: "a top contributor",
    bio: "Network engineer by day, I like untangling router settings for neighbours.",
  },
  { key: "moderator", username: "morgan", displayName: "Morgan Lee", role: "moderator", label: "a moderator", bio: "Community team at Nimbus." },
  { key: "admin", username: "alex", displayName: "Alex Martin", role: "admin", label: "the admin", bio: "Runs the Nimbus community." },
];

export type DemoLogin = { username: string; password: string; label: string };

export function isEmptyCommunity(db: Db): boolean {
  const userCount = db.select({ n: count() }).from(users).get()!.n;
  const categoryCount = db.select({ n: count() }).from(categories).get()!.n;
  return userCount === 0 && categoryCount === 0;
}

function demoPassword() {
  // 96 random bits, readable: e.g. "nimbus-k3Jd9x0QpLz2aB7c"
  return `nimbus-${randomBytes(12).toString("base64url")}`;
}

export async function seedDemoCommunity(db: Db): Promise<DemoLogin[]> {
  writeSiteSettings(db, DEMO_BRAND);
  DEMO_CATEGORIES.forEach((category, position) => createCategory(db, { ...category, position }));
  const logins: DemoLogin[] = [];
  for (const person of DEMO_PEOPLE) {
    const password = demoPassword();
    await createUser(db, {
      username: person.username,
      email: `${person.username}@nimbus.example`,
      displayName: person.displayName,
      role: person.role,
      password,
      bio: person.bio,
    });
    logins.push({ username: person.username, password, label: person.label });
  }
  return logins;
}

export function printDemoLogins(logins: DemoLogin[]) {
  const lines = [
    "",
    "  The demo community is ready. Demo logins (shown only this once):",
    "",
    ...logins.map((l) => `    ${l.label.padEnd(18)} username: ${l.username.padEnd(8)} password: ${l.password}`),
    "",
  ];
  console.log(lines.join("\n"));
}
