/**
 * npm run bench:mail — the announcement figures of issue 13 on their own, without the page load
 * bench: a throw-away PostgreSQL 15 with BENCH_MAIL_PEOPLE (50000) participants (the core dataset,
 * scripts/bench/core.ts), one announcement to all of them queued with one INSERT ... SELECT per
 * table, then drained by several outbox workers into a local SMTP server, next to the raw rate of
 * that server. `npm run bench` prints the same figures for its own participants.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { databaseUrl, startPostgres } from "../../tests/support/postgres";
import { core } from "./core";

const PEOPLE = Number(process.env.BENCH_MAIL_PEOPLE ?? 50_000);
const root = path.resolve(import.meta.dirname, "../..");

const pg = startPostgres();
try {
  const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe("create database bench_mail");
  await admin.end();
  process.env.DATABASE_URL = databaseUrl(pg.adminUrl, "bench_mail");
  const { migrate } = await import("../../db/migrate");
  const { getDb, closeDb } = await import("../../db/client");
  await migrate();
  const sql = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  const t = performance.now();
  await core.seed({ sql, participants: PEOPLE });
  await sql.unsafe("vacuum analyze");
  console.log(`Filled ${PEOPLE.toLocaleString("en")} participants in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const figures = await (await import("./communication")).benchCommunication(await getDb());
  mkdirSync(path.join(root, "bench"), { recursive: true });
  writeFileSync(
    path.join(root, "bench", "mail.json"),
    `${JSON.stringify({ at: new Date().toISOString(), people: PEOPLE, ...figures }, null, 2)}\n`,
  );
  console.log("Written bench/mail.json.");
  await sql.end();
  await closeDb();
} finally {
  pg.stop();
}
process.exit(0);
