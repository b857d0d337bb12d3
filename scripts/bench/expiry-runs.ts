/**
 * The bench's expiry line alone, repeatable: `tsx scripts/bench/expiry-runs.ts`.
 *
 * Fills a template database once with what `npm run bench` gives the job (the core dataset's
 * 100,000 participants and 1,000,000 open lots, 500,000 past lots closed long ago, 1,000 lots due
 * now), then for each run copies it (CREATE DATABASE ... TEMPLATE, so every run starts from the
 * same 1,000 due lots) and times the job's first run and a second with nothing due, as the bench
 * does (`timeExpiry`). Prints each run with the load average, and the median.
 *
 * BENCH_EXPIRY_ADMIN_URL: a PostgreSQL 15 server of your own (its `postgres` database); the
 * template `bench_expiry_template_<newest migration>` is kept there and reused by later runs (drop it to rebuild).
 * Without it a throw-away server is started and the template is built every time.
 * BENCH_EXPIRY_RUNS (5), BENCH_PARTICIPANTS (100000), BENCH_PAST_LOTS (500000).
 * BENCH_EXPIRY_TEMPLATE: run against another kept template (e.g. `bench_expiry_template_0045`, the
 * schema before a migration), to pair a schema change before/after with the same code.
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import postgres from "postgres";
import { databaseUrl, startPostgres } from "../../tests/support/postgres";
import { core } from "./core";
import { seedExpiry, timeExpiry } from "./expiry";

const RUNS = Number(process.env.BENCH_EXPIRY_RUNS ?? 5);
const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 100_000);
const PAST_LOTS = Number(process.env.BENCH_PAST_LOTS ?? PARTICIPANTS * 5);
// Named after the newest migration, so a branch with another schema builds a template of its own
// instead of timing the job against tables it does not have.
const journal = JSON.parse(readFileSync(new URL("../../db/migrations/meta/_journal.json", import.meta.url), "utf8")) as {
  entries: Array<{ idx: number }>;
};
const TEMPLATE = process.env.BENCH_EXPIRY_TEMPLATE ?? `bench_expiry_template_${String(journal.entries.at(-1)?.idx ?? 0).padStart(4, "0")}`;

const pg = process.env.BENCH_EXPIRY_ADMIN_URL ? undefined : startPostgres();
const adminUrl = process.env.BENCH_EXPIRY_ADMIN_URL ?? pg?.adminUrl ?? "";
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
const load = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");
try {
  const [{ exists }] = await admin`select exists (select 1 from pg_database where datname = ${TEMPLATE}) as exists`;
  if (!exists) {
    const t = performance.now();
    console.log(`Filling ${TEMPLATE}: ${PARTICIPANTS.toLocaleString("en")} participants, ${PAST_LOTS.toLocaleString("en")} past lots...`);
    await admin.unsafe(`create database ${TEMPLATE}`);
    process.env.DATABASE_URL = databaseUrl(adminUrl, TEMPLATE);
    const { migrate } = await import("../../db/migrate");
    const { closeDb } = await import("../../db/client");
    await migrate();
    await closeDb();
    const sql = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    const ctx = { sql, participants: PARTICIPANTS };
    await core.seed(ctx);
    await seedExpiry(ctx, PAST_LOTS);
    await sql.unsafe("vacuum analyze");
    await sql.end();
    console.log(`  filled in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }

  const { getDb, closeDb } = await import("../../db/client");
  const first: number[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const name = `bench_expiry_run_${process.pid}`;
    await admin.unsafe(`drop database if exists ${name}`);
    await admin.unsafe(`create database ${name} template ${TEMPLATE}`);
    process.env.DATABASE_URL = databaseUrl(adminUrl, name);
    const sql = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    // The copy starts with cold caches for its own files; read the tables the job touches once,
    // as the bench's run finds them right after its seeding and VACUUM.
    await sql.unsafe(
      "select count(*) from lot_expiry_queue; select count(*) from point_accounts; select count(*) from ledger_entries where id > 0",
    );
    const db = await getDb();
    const f = await timeExpiry({ sql, participants: PARTICIPANTS }, db);
    first.push(f.firstRunMs);
    console.log(
      `run ${run}: ${f.due} due of ${f.lots.toLocaleString("en")} lots: ${f.firstRunMs.toFixed(0)} ms (${f.expiredLots} expired); again with none due ${f.secondRunMs.toFixed(0)} ms   load average ${load()}`,
    );
    await closeDb();
    await sql.end();
    await admin.unsafe(`drop database ${name}`);
  }
  first.sort((a, b) => a - b);
  // BENCH_EXPIRY_RUNS=0 only builds the template.
  if (first.length) console.log(`median of ${RUNS}: ${first[Math.floor(first.length / 2)].toFixed(0)} ms (goal < 200 ms)`);
} finally {
  await admin.end();
  pg?.stop();
}
