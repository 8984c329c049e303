// Sign-in throttling: per account and per address, 10 failures in 15 minutes.
import { describe, expect, test } from "vitest";
import { authenticate, BAD_LOGIN_MESSAGE } from "../../../app/models/accounts/user.server";
import { THROTTLE_LIMIT, THROTTLE_WINDOW_MS } from "../../../app/models/accounts/throttle.server";
import { action as loginAction } from "../../../app/routes/login";
import { createTestDb, formRequest, settle } from "../../support/db";
import { createUser, TEST_PASSWORD } from "../../support/factories";
import { actionArgs, bodyOf, contextFrom, freshAddress } from "../../support/http-helpers";

const db = createTestDb();
const MINUTE = 60 * 1000;
const WRONG = "not the right password";

function attempt(login: string, password: string, address: string, now: number) {
  return authenticate(db, { login, password, address }, now);
}

async function failTimes(times: number, login: (i: number) => string, address: (i: number) => string, now: (i: number) => number) {
  for (let i = 0; i < times; i += 1) {
    const result = await attempt(login(i), WRONG, address(i), now(i));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.form).toBe(BAD_LOGIN_MESSAGE);
  }
}

describe("per account", () => {
  test("the limit and window are 10 failures in 15 minutes", () => {
    expect(THROTTLE_LIMIT).toBe(10);
    expect(THROTTLE_WINDOW_MS).toBe(15 * MINUTE);
  });

  test("after 10 failures the 11th attempt, even with the right password, is refused and says how many minutes to wait", async () => {
    await createUser(db, { username: "lena", email: "lena@example.test" });
    const t0 = Date.now() - 5 * MINUTE;
    // Ten failures from ten different addresses: only the account limit applies.
    await failTimes(THROTTLE_LIMIT, () => "lena", () => freshAddress(), (i) => t0 + i);

    const refused = await attempt("lena", TEST_PASSWORD, freshAddress(), t0 + MINUTE);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.errors.form).not.toBe(BAD_LOGIN_MESSAGE);
      // The oldest failure (t0) leaves the window at t0 + 15 min: 14 minutes from t0 + 1 min.
      expect(refused.errors.form).toMatch(/try again in 14 minutes/);
    }
    // Any spelling of the same login is the same account.
    const shouted = await attempt("  LENA ", TEST_PASSWORD, freshAddress(), t0 + MINUTE);
    expect(shouted.ok).toBe(false);

    // Once the oldest failure is older than 15 minutes, the right password works again.
    const later = await attempt("lena", TEST_PASSWORD, freshAddress(), t0 + 15 * MINUTE + 1);
    expect(later.ok).toBe(true);
  });

  test("nine failures do not lock the account", async () => {
    await createUser(db, { username: "milo", email: "milo@example.test" });
    const t0 = Date.now();
    await failTimes(THROTTLE_LIMIT - 1, () => "milo", () => freshAddress(), (i) => t0 + i);
    const result = await attempt("milo", TEST_PASSWORD, freshAddress(), t0 + 100);
    expect(result.ok).toBe(true);
  });

  test("a failure older than 15 minutes no longer counts", async () => {
    await createUser(db, { username: "nora", email: "nora@example.test" });
    const now = Date.now();
    // Nine recent failures and one 16 minutes old: nine count, the account is open.
    await failTimes(1, () => "nora", () => freshAddress(), () => now - 16 * MINUTE);
    await failTimes(THROTTLE_LIMIT - 1, () => "nora", () => freshAddress(), (i) => now - 5 * MINUTE + i);
    const result = await attempt("nora", TEST_PASSWORD, freshAddress(), now);
    expect(result.ok).toBe(true);
  });

  test("a successful sign-in clears the account's failures", async () => {
    await createUser(db, { username: "omar", email: "omar@example.test" });
    const t0 = Date.now();
    await failTimes(THROTTLE_LIMIT - 1, () => "omar", () => freshAddress(), (i) => t0 + i);
    expect((await attempt("omar", TEST_PASSWORD, freshAddress(), t0 + 100)).ok).toBe(true);
    await failTimes(THROTTLE_LIMIT - 1, () => "omar", () => freshAddress(), (i) => t0 + 200 + i);
    expect((await attempt("omar", TEST_PASSWORD, freshAddress(), t0 + 300)).ok).toBe(true);
  });

  test("failures count against the account whether the username or the email was typed", async () => {
    await createUser(db, { username: "dora", email: "dora@example.test" });
    const t0 = Date.now();
    // Five failures by username and five by email, each from its own address.
    await failTimes(5, () => "dora", () => freshAddress(), (i) => t0 + i);
    await failTimes(5, () => "dora@example.test", () => freshAddress(), (i) => t0 + 10 + i);
    const result = await attempt("dora", TEST_PASSWORD, freshAddress(), t0 + MINUTE);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.form).toMatch(/try again in \d+ minutes?/);
  });
});

describe("per address", () => {
  test("10 failures from one address, across different accounts, block the 11th attempt from it", async () => {
    await createUser(db, { username: "pia", email: "pia@example.test" });
    const address = freshAddress();
    const t0 = Date.now();
    await failTimes(THROTTLE_LIMIT, (i) => `ghost-${i}`, () => address, (i) => t0 + i);

    const refused = await attempt("pia", TEST_PASSWORD, address, t0 + 2 * MINUTE);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors.form).toMatch(/try again in 13 minutes/);

    // The account itself is not blocked: the same person elsewhere signs in.
    const elsewhere = await attempt("pia", TEST_PASSWORD, freshAddress(), t0 + 2 * MINUTE);
    expect(elsewhere.ok).toBe(true);
  });
});

describe("through the sign-in page", () => {
  test("the throttled attempt gets a 429 with the wait in minutes, and no session", async () => {
    await createUser(db, { username: "quinn", email: "quinn@example.test" });
    const address = freshAddress();
    const post = (password: string) =>
      settle(() => loginAction(actionArgs(formRequest("/login", { login: "quinn", password }), contextFrom(db, address))));

    for (let i = 0; i < THROTTLE_LIMIT; i += 1) expect((await post(WRONG)).status).toBe(400);
    const refused = await post(TEST_PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Set-Cookie")).toBeNull();
    const reply = await bodyOf<{ errors: Record<string, string>; values: Record<string, string> }>(refused);
    expect(reply.errors.form).toMatch(/Too many sign-in attempts\. Please try again in 15 minutes\./);
    expect(reply.values).toEqual({ login: "quinn" });
  });
});
