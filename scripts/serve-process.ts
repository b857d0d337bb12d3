import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "react-router";
import { closeDb, getDb, getHandle, pgliteDir } from "../db/client";
import { migrate, underStartupLock } from "../db/migrate";
import { createHttpApp } from "../app/server/http";
import { startDraining } from "../app/lib/lifecycle.server";
import { isFirstServerProcess } from "../app/server/processes";

// One server process: migrations (under the start-up lock), the optional demo seed, HTTP and the
// background jobs. scripts/serve.ts runs it alone or as one of WEB_CONCURRENCY processes.

// The project folder (build/ is in it), the nearest folder above with a package.json: this file runs
// from scripts/ through tsx, or built into a chunk under build/server/ (serverEntry in
// vite.config.ts: build/server/serve.js is what `npm run serve` starts).
const root = ["..", "../..", "../../.."]
  .map((up) => path.resolve(import.meta.dirname, up))
  .find((dir) => existsSync(path.join(dir, "package.json")))!;
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";

// PORTAL_START_TIMING=1: where a cold start goes, in ms since the process began (docs/performance.md).
// The CPU time beside it is what the start costs on an idle machine, whatever the load.
const mark = (what: string) => {
  if (process.env.PORTAL_START_TIMING !== "1") return;
  const { user, system } = process.cpuUsage();
  console.log(`[start] ${performance.now().toFixed(0)} ms (cpu ${((user + system) / 1000).toFixed(0)} ms) ${what}`);
};
mark("server modules loaded");
// The app's build loads while the database opens and the migrations are checked, so its files are
// read and compiled during those round trips. Loading it touches no table; an error loading it
// is thrown where it is awaited, after the migrations.
const buildLoaded = import(pathToFileURL(path.join(root, "build/server/index.js")).href) as Promise<ServerBuild>;
buildLoaded.catch(() => undefined);
const handle = await getHandle();
const db = await getDb();
mark("database opened");
await underStartupLock(async () => {
  await migrate();
  mark("migrations checked");
  // Loaded only when seeding: the demo data's modules are a good part of a cold start otherwise.
  if (process.env.SEED_DEMO !== "0") await (await import("./seed/index")).seedDemo(db, { activity: true });
});

const build = await buildLoaded;
mark("app build loaded");
const app = createHttpApp(build, { clientDir: path.join(root, "build/client"), trustProxy: process.env.TRUST_PROXY });

const server = app.listen(port, host, async () => {
  mark("listening");
  // With several processes, the first prints the banner for all of them.
  if (!isFirstServerProcess()) return;
  const where = handle.kind === "pglite" ? `embedded PostgreSQL (PGlite) in ${pgliteDir()}` : "PostgreSQL from DATABASE_URL";
  console.log(`\nPartner portal on http://localhost:${port}  (database: ${where})`);
  if (!process.env.SMTP_URL) console.log("No SMTP_URL: emails wait in the outbox, readable at /admin/outbox.");
  if (process.env.SEED_DEMO !== "0") {
    const { DEMO_PASSWORD, demoLogins } = await import("./seed/index");
    console.log(`\nDemo logins (password for all: ${DEMO_PASSWORD}):`);
    for (const l of await demoLogins(db)) console.log(`  ${l.role.padEnd(16)} ${(l.email ?? "").padEnd(34)} ${l.organisation}`);
  }
  console.log("");
});

// Background jobs (mail delivery, expiry, reminders) on a timer; one run at a time in this
// process. Other processes may run them at the same moment: every job claims its work in the
// database (app/jobs/run.server.ts), so nothing is done twice.
const every = Number(process.env.JOBS_INTERVAL_MS ?? 5000);
let stopping = false;
let currentRun: Promise<void> | null = null;
const timer = setInterval(() => {
  if (currentRun || stopping) return;
  // Loaded on the first run, seconds after the start: the jobs' modules are not on the way to
  // the first answer (cold start, docs/performance.md).
  currentRun = import("../app/jobs/run.server")
    .then(({ runDueJobs }) => runDueJobs(db, { shouldStop: () => stopping }))
    .then(() => undefined)
    .catch((error) => console.error("background jobs failed:", error))
    .finally(() => {
      currentRun = null;
    });
}, every);

/**
 * SIGTERM (or Ctrl-C): /readyz turns 503 so a load balancer stops sending requests, the server
 * stops accepting connections, requests in flight finish, the job run in hand finishes its
 * current piece (a mail, a participant's expiry), then the database closes. Whatever has not
 * finished after SHUTDOWN_TIMEOUT_MS (default 20 s) is cut off: every job piece is a transaction
 * or a lease, so another process picks it up.
 */
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  startDraining();
  clearInterval(timer);
  console.log(`${signal}: finishing requests and jobs in hand, then stopping.`);
  const cap = setTimeout(
    () => {
      console.log("Shutdown took too long; stopping now.");
      process.exit(1);
    },
    Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 20_000),
  );
  cap.unref();
  // Optional pause while still serving, for load balancers that only notice /readyz on their next probe.
  const delay = Number(process.env.SHUTDOWN_DELAY_MS ?? 0);
  if (delay > 0) await new Promise((r) => setTimeout(r, delay));
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Keep-alive connections with no request in flight would otherwise hold close() open.
  server.closeIdleConnections();
  const idle = setInterval(() => server.closeIdleConnections(), 250);
  await Promise.all([closed, currentRun]);
  clearInterval(idle);
  await closeDb();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
