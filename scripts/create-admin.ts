// npm run create-admin -- --username NAME --email EMAIL
// Creates an admin with a one-time password that must be changed at first sign-in.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { readConfig } from "../app/config.server";
import { parseForm } from "../app/utils/form.server";
import { email, username } from "../app/forms/account";
import { registerUser } from "../app/models/accounts/user.server";
import { createDb } from "../db/client";
import { migrateDb } from "../db/migrate";

const { values } = parseArgs({
  options: { username: { type: "string" }, email: { type: "string" } },
  strict: true,
});
// The form's own check, its messages in English (the operator's console).
const form = new FormData();
for (const [name, value] of Object.entries(values)) if (typeof value === "string") form.set(name, value);
const parsed = parseForm(z.object({ username, email }), form, "en");
if (!parsed.ok) {
  for (const [field, message] of Object.entries(parsed.errors)) console.error(`--${field}: ${message}`);
  console.error("Usage: npm run create-admin -- --username NAME --email EMAIL");
  process.exit(2);
}

const config = readConfig();
const db = createDb(path.resolve(config.DATABASE_PATH));
migrateDb(db);
const password = randomBytes(15).toString("base64url");
const result = await registerUser(db, {
  username: parsed.data.username,
  email: parsed.data.email,
  password,
  role: "admin",
  mustChangePassword: true,
  // The operator typed this address on the server: taken as theirs.
  emailVerified: true,
});
db.$client.close();
if (!result.ok) {
  for (const [field, message] of Object.entries(result.errors)) console.error(`--${field}: ${message}`);
  process.exit(1);
}
console.log(`Admin @${result.user.username} created.`);
console.log(`One-time password: ${password}`);
console.log("Sign in with it; you will be asked to choose your own password straight away.");
