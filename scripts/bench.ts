/**
 * npm run bench — the portal's speed goals, measured side by side in one run on a throw-away
 * PostgreSQL 15 with production-sized data (scripts/bench/core.ts), by autocannon in this process
 * against `npm run serve` in another. Prints a table, writes bench/results.json and exits non-zero
 * when a goal is missed. Goals are ratios and counts, so they hold on a noisy machine.
 *
 * BENCH_PARTICIPANTS (100000), BENCH_SECONDS per measurement (5), BENCH_CONNECTIONS ("1,8,32"),
 * BENCH_PAST_LOTS (500000, expired lots the expiry job must not rescan).
 *
 * A new dataset (e.g. reports) lives in its own scripts/bench/<name>.ts exporting a BenchDataset,
 * and is added to DATASETS below.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { databaseUrl, startPostgres } from "../tests/support/postgres";
import { SALESPERSON_ROUTES, firstLoadBudgets } from "./bench/budget";
import { core, viewer } from "./bench/core";
import { seedExpiry, timeExpiry } from "./bench/expiry";
import { seedSellout, timeSellout } from "./bench/sellout";
import { type LoadFigures, drive } from "./bench/load";
import { BENCH_PROCESSES, startServer } from "./bench/server";
import type { BenchContext, BenchDataset, BenchPage } from "./bench/types";

const DATASETS: BenchDataset[] = [core];

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? "1,8,32").split(",").map(Number);
const PAST_LOTS = Number(process.env.BENCH_PAST_LOTS ?? PARTICIPANTS * 5);
const root = path.resolve(import.meta.dirname, "..");

const GOALS = {
  throughputVsLogin: 0.5, // every signed-in page at 32 connections, against /login
  p95At8Ms: 100,
  floorStatements: 2,
  pageStatements: 5,
  expiryMs: 200,
  selloutMs: 30_000, // 100,000 claim lines against 1,000,000 sell-out rows
  coldStartMs: 2000,
  firstLoadKB: 120,
};

const BROWSER = {
  "accept-encoding": "br, gzip",
  accept: "text/html,application/xhtml+xml",
  "user-agent": "Mozilla/5.0 (Linux; Android 14) bench",
};

const pg = startPostgres();
let failed = false;
try {
  const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe("create database bench");
  await admin.end();
  process.env.DATABASE_URL = databaseUrl(pg.adminUrl, "bench");
  const { migrate } = await import("../db/migrate");
  const { getDb, closeDb } = await import("../db/client");
  await migrate();
  const sql = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  const ctx: BenchContext = { sql, participants: PARTICIPANTS };

  const t = performance.now();
  console.log(
    `Filling the database: ${PARTICIPANTS.toLocaleString("en")} participants, ${(PARTICIPANTS * 10).toLocaleString("en")} ledger lots...`,
  );
  for (const d of DATASETS) await d.seed(ctx);
  await seedExpiry(ctx, PAST_LOTS);
  // What autovacuum would have done by now on a live system: statistics and the visibility map.
  await sql.unsafe("vacuum analyze");
  // And what the checkpointer would have written by then: without it, the seeding's dirty pages are
  // written out in the background during the first minutes of measuring, unevenly across them.
  await sql.unsafe("checkpoint");
  console.log(`  filled in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const db = await getDb();
  const expiry = await timeExpiry(ctx, db);
  console.log(
    `Expiry job over ${expiry.lots.toLocaleString("en")} lots, ${expiry.due} due: ${expiry.firstRunMs.toFixed(0)} ms (${expiry.expiredLots} expired); again with none due: ${expiry.secondRunMs.toFixed(0)} ms`,
  );

  const pages: BenchPage[] = DATASETS.flatMap((d) => d.pages(ctx));
  const { createSession } = await import("../app/domain/auth/sessions.server");
  const cookies = new Map<string, string>();
  for (const who of new Set(pages.map((p) => p.as).filter((x): x is string => !!x)))
    cookies.set(who, `portal_session=${(await createSession(db, who)).token}`);
  const headersFor = (p: BenchPage) => ({ ...BROWSER, ...(p.as ? { cookie: cookies.get(p.as)! } : {}) });

  // Pass 1: a server that counts statements per answer (X-Statement-Count). Each page must answer
  // 200 with its content; the count is what one view of it costs.
  const counting = await startServer({ PORTAL_COUNT_STATEMENTS: "1", WEB_CONCURRENCY: String(BENCH_PROCESSES) });
  const statements = new Map<string, number>();
  let floor = Number.NaN;
  try {
    for (const p of pages) {
      const res = await fetch(counting.base + p.path, { headers: headersFor(p), redirect: "manual" });
      const body = await res.text();
      const ok = res.status === 200 && (typeof p.expect === "string" ? body.includes(p.expect) : (p.expect?.test(body) ?? true));
      if (!ok) throw new Error(`${p.name} (${p.path}) answered ${res.status} without its content:\n${body.slice(0, 500)}`);
      statements.set(p.name, Number(res.headers.get("x-statement-count") ?? Number.NaN));
    }
    // The floor: the signed-in frame's own data (session, person, organisation, the bell's count).
    const shell = await fetch(`${counting.base}/home.data?_routes=routes/shell`, { headers: { cookie: cookies.get(viewer(ctx))! } });
    floor = Number(shell.headers.get("x-statement-count"));
  } finally {
    await counting.stop();
  }

  // Pass 2: a plain production server (no counting) under autocannon.
  const server = await startServer({ WEB_CONCURRENCY: String(BENCH_PROCESSES) });
  const load = new Map<string, LoadFigures[]>();
  // /login at 32 connections again right after each signed-in page: the throughput goal compares
  // the page with the /login beside it, so a drift of the machine over the minutes between /login's
  // own row and a page's (other processes, the page cache, PostgreSQL's background work) falls on
  // both sides of the ratio.
  const login = pages.find((p) => p.path === "/login");
  const loginBeside = new Map<string, LoadFigures>();
  try {
    for (const p of pages) {
      await drive(server.base + p.path, 8, 1, headersFor(p)); // warm-up, not counted
      const figures: LoadFigures[] = [];
      for (const c of CONNECTIONS) figures.push(await drive(server.base + p.path, c, SECONDS, headersFor(p)));
      load.set(p.name, figures);
      if (p.signedIn && login) loginBeside.set(p.name, await drive(server.base + login.path, 32, SECONDS, headersFor(login)));
      console.log(`  measured ${p.name}`);
    }
  } finally {
    await server.stop();
  }

  const budgets = firstLoadBudgets();

  // Sell-out matching, after the pages so its 50,000 waiting claims do not change what they show.
  console.log("Filling sell-out data: 100,000 claim lines, 1,000,000 sell-out rows...");
  await seedSellout(sql);
  await sql.unsafe("vacuum analyze");
  const sellout = await timeSellout(sql, db);
  console.log(
    `Sell-out matching: ${sellout.claimLines.toLocaleString("en")} claim lines vs ${sellout.selloutRows.toLocaleString("en")} rows in ${(sellout.ms / 1000).toFixed(1)} s ${JSON.stringify(sellout.byStatus)}`,
  );

  // Goals.
  const at = (name: string, c: number) => load.get(name)?.find((f) => f.connections === c);
  const goals: Array<{ goal: string; value: string; met: boolean }> = [];
  for (const p of pages.filter((x) => x.signedIn)) {
    const f32 = at(p.name, 32);
    const f8 = at(p.name, 8);
    const loginAt32 = loginBeside.get(p.name)?.rps ?? at("/login", 32)?.rps ?? Number.NaN;
    if (f32)
      goals.push({
        goal: `${p.name}: req/s at 32 >= ${GOALS.throughputVsLogin} x /login (measured right after)`,
        value: `${(f32.rps / loginAt32).toFixed(2)} x (${f32.rps.toFixed(0)} / ${loginAt32.toFixed(0)})`,
        met: f32.rps >= GOALS.throughputVsLogin * loginAt32,
      });
    if (f8)
      goals.push({ goal: `${p.name}: p95 at 8 < ${GOALS.p95At8Ms} ms`, value: `${f8.p95.toFixed(0)} ms`, met: f8.p95 < GOALS.p95At8Ms });
    const n = statements.get(p.name) ?? Number.NaN;
    goals.push({ goal: `${p.name}: statements <= ${GOALS.pageStatements}`, value: String(n), met: n <= GOALS.pageStatements });
  }
  for (const [name, figures] of load)
    for (const f of figures)
      if (f.failed) goals.push({ goal: `${name}: every answer 200 at ${f.connections}`, value: `${f.failed} not 200`, met: false });
  goals.push({ goal: `request floor statements <= ${GOALS.floorStatements}`, value: String(floor), met: floor <= GOALS.floorStatements });
  goals.push({
    goal: `sell-out matching, ${sellout.claimLines.toLocaleString("en")} claim lines vs ${sellout.selloutRows.toLocaleString("en")} rows < ${GOALS.selloutMs / 1000} s`,
    value: `${(sellout.ms / 1000).toFixed(1)} s`,
    met: sellout.ms < GOALS.selloutMs,
  });
  goals.push({
    goal: `expiry job, ${expiry.due} due of ${expiry.lots.toLocaleString("en")} lots < ${GOALS.expiryMs} ms`,
    value: `${expiry.firstRunMs.toFixed(0)} ms`,
    met: expiry.firstRunMs < GOALS.expiryMs && expiry.expiredLots === expiry.due,
  });
  goals.push({
    goal: `cold start to first 200 < ${GOALS.coldStartMs} ms`,
    value: `${server.coldStartMs.toFixed(0)} ms`,
    met: server.coldStartMs < GOALS.coldStartMs,
  });
  for (const b of budgets.filter((x) => SALESPERSON_ROUTES.includes(x.route)))
    goals.push({
      goal: `first load of ${b.route} <= ${GOALS.firstLoadKB} KB (brotli, JS + CSS)`,
      value: `${b.totalKB.toFixed(1)} KB`,
      met: b.totalKB <= GOALS.firstLoadKB,
    });

  // The table.
  const pad = (s: string, n: number) => s.padEnd(n);
  const num = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "-").padStart(8);
  console.log(
    `\nLoad (autocannon, ${SECONDS} s each, separate process; ${BENCH_PROCESSES} server processes, ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)}):`,
  );
  console.log(
    `${pad("page", 16)} ${"conns".padStart(5)} ${"req/s".padStart(8)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"stmts".padStart(6)}`,
  );
  const row = (name: string, f: LoadFigures, stmts: string) =>
    console.log(
      `${pad(name, 16)} ${String(f.connections).padStart(5)} ${num(f.rps, 0)} ${num(f.p50)} ${num(f.p95)} ${num(f.p99)} ${stmts.padStart(6)}`,
    );
  for (const p of pages) {
    for (const f of load.get(p.name) ?? []) row(p.name, f, String(statements.get(p.name) ?? ""));
    const beside = loginBeside.get(p.name);
    if (beside) row("  /login after", beside, "0");
  }
  console.log(
    `\ncold start (npm run serve to first 200): ${server.coldStartMs.toFixed(0)} ms (counting server: ${counting.coldStartMs.toFixed(0)} ms)`,
  );
  console.log("\nFirst load per route (JS + CSS as sent with brotli, KB):");
  for (const b of budgets)
    console.log(`  ${pad(b.route, 40)} ${b.totalKB.toFixed(1).padStart(7)}  (JS ${b.jsKB.toFixed(1)}, ${b.scripts} files)`);
  console.log("\nGoals:");
  for (const g of goals) console.log(`  ${g.met ? "met    " : "NOT MET"}  ${pad(g.goal, 70)} ${g.value}`);
  failed = goals.some((g) => !g.met);

  mkdirSync(path.join(root, "bench"), { recursive: true });
  writeFileSync(
    path.join(root, "bench/results.json"),
    `${JSON.stringify(
      {
        when: new Date().toISOString(),
        machine: {
          cores: os.cpus().length,
          serverProcesses: BENCH_PROCESSES,
          loadAverage: os.loadavg(),
          note: "figures taken on a shared machine under load; read the ratios",
        },
        participants: PARTICIPANTS,
        seconds: SECONDS,
        pages: pages.map((p) => ({
          name: p.name,
          path: p.path,
          statements: statements.get(p.name),
          load: load.get(p.name),
          loginBeside: loginBeside.get(p.name),
        })),
        floorStatements: floor,
        coldStartMs: server.coldStartMs,
        expiry,
        firstLoad: budgets,
        goals,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nWritten bench/results.json. ${failed ? "Some goals were NOT met." : "Every goal met."}`);
  // Communication (its own file): announcement queueing and outbox drain next to raw SMTP.
  await (await import("./bench/communication")).benchCommunication(db);
  await sql.end();
  await closeDb();
} finally {
  pg.stop();
}

// The reports dataset (issue 15) on its own database and server process: scripts/bench/reports.ts.
if (process.env.BENCH_SKIP_REPORTS !== "1") await (await import("./bench/reports")).benchReports();
process.exit(failed ? 1 : 0);
