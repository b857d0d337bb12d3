/**
 * tsx scripts/bench/start-profile.ts [node options...] — one cold start of the built server
 * (build/server/serve.js) on a migrated throw-away PostgreSQL 15, with the given node options
 * (e.g. --cpu-prof --cpu-prof-dir=bench/profiles/start), to the first 200 from /healthz; prints
 * the server's own start phases (PORTAL_START_TIMING=1). For what a start spends (docs/performance.md).
 */
import { startPostgres } from "../../tests/support/postgres";
import { migratedDatabase } from "../../tests/support/postgres";
import { startServer } from "./server";

const pg = startPostgres();
try {
  const url = await migratedDatabase(pg.adminUrl, "cold");
  for (let i = 0; i < Number(process.env.COLD_RUNS ?? 1); i++) {
    const server = await startServer({ DATABASE_URL: url, PORTAL_START_TIMING: "1", NODE_ENV: "production" }, [
      process.execPath,
      ...process.argv.slice(2),
      "build/server/serve.js",
    ]);
    console.log(`first 200 after ${server.coldStartMs.toFixed(0)} ms`);
    for (const line of server.output().split("\n")) if (line.startsWith("[start]")) console.log(`  ${line}`);
    await server.stop();
  }
} finally {
  pg.stop();
}
