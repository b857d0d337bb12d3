import { writeFileSync } from "node:fs";
import { isRouteErrorResponse } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import routes from "../../app/routes";
import { getDb, type Db } from "../../db/client";
import { DEMO_PASSWORD, seedDemo } from "../../scripts/seed/index";
import { formatReport, routeInfos, runFuzz } from "../support/fuzz";
import { startPortal } from "../support/portal";

/**
 * Every loader and action in app/routes.ts, as every role and anonymously, with malformed
 * bodies, content types, ids, intents, query strings, headers and cookies (tests/support/fuzz.ts).
 * CI runs 2,000 cases from a fixed seed; `npm run fuzz` runs 20,000. FUZZ_CASES and FUZZ_SEED
 * override, FUZZ_ONLY=12,345 replays single cases, FUZZ_REPORT=file keeps the report.
 */
const CASES = Number(process.env.FUZZ_CASES ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const ONLY = process.env.FUZZ_ONLY?.split(",").map(Number);
// Generous: the machine may be busy. The run stops short of it and says so, rather than
// letting the portal close under the cases still running.
const TIMEOUT = Math.max(180_000, CASES * 150);

let portal: Awaited<ReturnType<typeof startPortal>>;
let db: Db;

beforeAll(async () => {
  db = await getDb();
  // With the demo activity: balances, orders, attempts and certificates give the ids real rows.
  await seedDemo(db, { activity: true });
  // Errors the portal handled into a 500 page reach the report (tests/support/fuzz.ts hears console.error).
  // Refusals (404, 405 ...) are answers, not errors.
  portal = await startPortal({
    onError: (error) => (isRouteErrorResponse(error) && error.status < 500 ? undefined : console.error(error)),
  });
});
afterAll(async () => {
  await portal?.close();
});

describe("the fuzzer", () => {
  it(
    `answers ${ONLY ? ONLY.length : CASES} malformed requests with no server error and no stack or SQL`,
    async () => {
      const report = await runFuzz({
        base: portal.url,
        db,
        routes: routeInfos(routes),
        password: DEMO_PASSWORD,
        seed: SEED,
        cases: CASES,
        only: ONLY,
        deadlineMs: TIMEOUT - 15_000,
      });
      const text = formatReport(report);
      console.log(text);
      if (process.env.FUZZ_REPORT) writeFileSync(process.env.FUZZ_REPORT, `${text}\n`);
      expect(report.cases).toBe(ONLY ? ONLY.length : CASES);
      expect(report.failures.map((f) => `case ${f.n} ${f.route} -> ${f.status}: ${f.problems.join("; ")}`)).toEqual([]);
    },
    TIMEOUT,
  );
});
