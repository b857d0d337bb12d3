/**
 * npm run bench:sellout — the sell-out matching goal alone (the same measurement `npm run bench`
 * makes among the others): 100,000 claim lines against 1,000,000 sell-out rows on a throw-away
 * PostgreSQL 15, goal under 30 s. Exits non-zero when the goal is missed.
 */
import postgres from "postgres";
import { databaseUrl, startPostgres } from "../tests/support/postgres";
import { seedSellout, timeSellout } from "./bench/sellout";

const GOAL_MS = 30_000;
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
  let t = performance.now();
  await seedSellout(sql);
  await sql.unsafe("vacuum analyze");
  console.log(`filled in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const figures = await timeSellout(sql, await getDb());
  failed = figures.ms >= GOAL_MS;
  console.log(
    `sell-out matching: ${figures.claimLines.toLocaleString("en")} claim lines vs ${figures.selloutRows.toLocaleString("en")} rows in ${(figures.ms / 1000).toFixed(1)} s (goal < ${GOAL_MS / 1000} s: ${failed ? "MISSED" : "met"}); outcome ${JSON.stringify(figures.byStatus)}`,
  );
  t = performance.now();
  await timeSellout(sql, await getDb());
  console.log(`  again (every claim already compared): ${((performance.now() - t) / 1000).toFixed(1)} s`);
  await sql.end();
  await closeDb();
} finally {
  pg.stop();
}
process.exit(failed ? 1 : 0);
