/**
 * npm run bench:lighthouse — Lighthouse 12.2.3 (pinned; 13 needs Node 22), mobile, simulated slow
 * 4G, against /usr/bin/chromium (CHROME_PATH to change), on a built portal with the demo data:
 * the login page, a salesperson's home, the claim form and the shop. Not in CI (minutes, and
 * scores move with the machine's load). Prints the scores and writes bench/lighthouse.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import postgres from "postgres";
import { databaseUrl, startPostgres } from "../../tests/support/postgres";
import { startServer } from "./server";

const root = path.resolve(import.meta.dirname, "../..");
const GOAL = 90;
// LIGHTHOUSE_PAGES=/claims/new,/shop to measure a few; LIGHTHOUSE_DETAILS=1 prints where each page's main thread went.
const PAGES = process.env.LIGHTHOUSE_PAGES?.split(",") ?? ["/login", "/home", "/claims/new", "/shop"];

const pg = startPostgres();
let failed = false;
try {
  const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe("create database lighthouse");
  await admin.end();
  const url = databaseUrl(pg.adminUrl, "lighthouse");
  // The demo data (seeded by the server at start), then a salesperson's session for the signed-in pages.
  const server = await startServer({ DATABASE_URL: url, SEED_DEMO: "1" });
  process.env.DATABASE_URL = url;
  const { getDb, closeDb } = await import("../../db/client");
  const { actorByEmail } = await import("../../app/domain/auth/actor.server");
  const { createSession } = await import("../../app/domain/auth/sessions.server");
  const { shopProfiles } = await import("../../db/schema");
  const db = await getDb();
  const marta = await actorByEmail(db, "marta@baltictools.example");
  await db.insert(shopProfiles).values({ userId: marta.id }).onConflictDoNothing();
  const { token } = await createSession(db, marta.id);
  const profile = mkdtempSync(path.join(os.tmpdir(), "portal-lighthouse-"));
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", `--user-data-dir=${profile}`],
  });
  const results: Array<{ page: string; performance: number; fcpMs: number; lcpMs: number; tbtMs: number; transferKB: number }> = [];
  try {
    for (const page of PAGES) {
      const run = await lighthouse(`${server.base}${page}`, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: ["performance"],
        extraHeaders: page === "/login" ? {} : { Cookie: `portal_session=${token}` },
      });
      const lhr = run?.lhr;
      if (!lhr) throw new Error(`no Lighthouse result for ${page}`);
      // A page Lighthouse could not measure (no paint, a failed load) scores 0: say why.
      if (lhr.runtimeError) console.log(`${page}: Lighthouse could not measure it: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      const fcpError = lhr.audits["first-contentful-paint"]?.errorMessage;
      if (fcpError) console.log(`${page}: no first paint measured: ${fcpError}; ${lhr.runWarnings.join("; ")}`);
      const audit = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
      if (process.env.LIGHTHOUSE_DETAILS) {
        for (const id of ["mainthread-work-breakdown", "bootup-time", "long-tasks"]) {
          const items = (lhr.audits[id]?.details as { items?: Array<Record<string, unknown>> } | undefined)?.items ?? [];
          console.log(`${page} ${id}:`);
          for (const item of items.slice(0, 8)) console.log(`  ${JSON.stringify(item)}`);
        }
      }
      results.push({
        page,
        performance: Math.round((lhr.categories.performance.score ?? 0) * 100),
        fcpMs: audit("first-contentful-paint"),
        lcpMs: audit("largest-contentful-paint"),
        tbtMs: audit("total-blocking-time"),
        transferKB: audit("total-byte-weight") / 1024,
      });
    }
  } finally {
    await chrome.kill();
    rmSync(profile, { recursive: true, force: true });
    await server.stop();
    await closeDb();
  }
  console.log("\nLighthouse 12.2.3, mobile, simulated slow 4G (shared machine: scores move with its load):");
  for (const r of results)
    console.log(
      `  ${r.page.padEnd(12)} performance ${String(r.performance).padStart(3)}  FCP ${(r.fcpMs / 1000).toFixed(1)} s  LCP ${(r.lcpMs / 1000).toFixed(1)} s  TBT ${r.tbtMs.toFixed(0)} ms  ${r.transferKB.toFixed(0)} KB`,
    );
  failed = results.some((r) => r.performance < GOAL);
  mkdirSync(path.join(root, "bench"), { recursive: true });
  writeFileSync(
    path.join(root, "bench/lighthouse.json"),
    `${JSON.stringify({ when: new Date().toISOString(), goal: GOAL, results }, null, 2)}\n`,
  );
  console.log(failed ? `\nSome pages score under ${GOAL}.` : `\nEvery page scores ${GOAL} or more.`);
} finally {
  pg.stop();
}
process.exit(failed ? 1 : 0);
