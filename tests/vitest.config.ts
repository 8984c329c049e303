import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("..", import.meta.url));
const alias = { "~": fileURLToPath(new URL("../app", import.meta.url)) };

export default defineConfig({
  root,
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          root,
          include: ["tests/**/*.test.ts"],
          exclude: ["tests/e2e/**", "node_modules/**"],
          environment: "node",
          // The catalogues, as the server registers them at start.
          setupFiles: ["tests/support/catalogues.ts"],
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "browser",
          root,
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          // The longest journeys (six people signing in, voting, publishing) take
          // 25 s alone and close to a minute beside another file on a busy 2-core machine.
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // A client-side navigation changes the URL a moment before React renders the new page,
          // so texts are read with expect.poll until they match (or this long has passed).
          expect: { poll: { timeout: 10_000 } },
          // Each file starts its own server and browser; two at a time suits 2 cores.
          maxWorkers: 2,
          // Runs after the unit project, as its own group.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
