/**
 * tsx scripts/bench/cold-start.ts — just the bench's cold-start line: `npm run serve` to the first
 * 200 from /healthz (startServer in scripts/bench/server.ts, the measurement `npm run bench`
 * reports) on an existing, migrated PostgreSQL 15 database, COLD_RUNS times (default 5), without
 * filling the database with the bench's 100,000 participants. Build first (`npx react-router
 * build`). With PORTAL_START_TIMING=1 each run also prints the server's own phases.
 */
import { startPostgres } from "../../tests/support/postgres";
import { migratedDatabase } from "../../tests/support/postgres";
import { BENCH_PROCESSES, startServer } from "./server";

const runs = Number(process.env.COLD_RUNS ?? 5);
const pg = startPostgres();
try {
  const url = await migratedDatabase(pg.adminUrl, "cold");
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const server = await startServer({ DATABASE_URL: url, WEB_CONCURRENCY: String(BENCH_PROCESSES) });
    times.push(server.coldStartMs);
    console.log(`run ${i + 1}: ${server.coldStartMs.toFixed(0)} ms`);
    for (const line of server.output().split("\n")) if (line.startsWith("[start]")) console.log(`  ${line}`);
    await server.stop();
  }
  const sorted = [...times].sort((a, b) => a - b);
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  console.log(
    `cold start (npm run serve to first 200): median ${ms(sorted[Math.floor(sorted.length / 2)])}, fastest ${ms(sorted[0])}, slowest ${ms(sorted[sorted.length - 1])}`,
  );
} finally {
  pg.stop();
}
