import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    alias: { "~": here("./app"), "@db": here("./db"), "@emails": here("./emails") },
  },
  test: {
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/setup.ts"],
    pool: "forks",
    maxWorkers: 2,
    // A browser test walks several pages in Chromium: 20-30 s when the 2-core machine also runs
    // the other worker's tests and PostgreSQL (partner-roles-phone: 27.5 s in one CI run, over 30 s
    // in the next). A hang still fails, after 90 s.
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // expect.poll waits for what a person would wait for (a badge, a count); a loaded machine
    // needs more than the default second, and a correct page still passes at once.
    expect: { poll: { timeout: 10_000 } },
  },
});
