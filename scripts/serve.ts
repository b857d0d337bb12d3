import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "react-router";
import { closeDb, getDb, getHandle, pgliteDir } from "../db/client";
import { migrate } from "../db/migrate";
import { runDueJobs } from "../app/jobs/run.server";
import { createHttpApp } from "../app/server/http";
import { DEMO_PASSWORD, demoLogins, seedDemo } from "./seed/index";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";

const handle = await getHandle();
await migrate();
const db = await getDb();
if (process.env.SEED_DEMO !== "0") await seedDemo(db, { activity: true });

const build = (await import(pathToFileURL(path.join(root, "build/server/index.js")).href)) as ServerBuild;
const app = createHttpApp(build, { clientDir: path.join(root, "build/client"), trustProxy: process.env.TRUST_PROXY });

const server = app.listen(port, host, async () => {
  const where = handle.kind === "pglite" ? `embedded PostgreSQL (PGlite) in ${pgliteDir()}` : "PostgreSQL from DATABASE_URL";
  console.log(`\nPartner portal on http://localhost:${port}  (database: ${where})`);
  if (!process.env.SMTP_URL) console.log("No SMTP_URL: emails wait in the outbox, readable at /admin/outbox.");
  if (process.env.SEED_DEMO !== "0") {
    console.log(`\nDemo logins (password for all: ${DEMO_PASSWORD}):`);
    for (const l of await demoLogins(db)) console.log(`  ${l.role.padEnd(16)} ${l.email.padEnd(34)} ${l.organisation}`);
  }
  console.log("");
});

// Background jobs (mail delivery, expiry, reminders) on a timer; one run at a time.
const every = Number(process.env.JOBS_INTERVAL_MS ?? 5000);
let running = false;
const timer = setInterval(async () => {
  if (running) return;
  running = true;
  try {
    await runDueJobs(db);
  } catch (error) {
    console.error("background jobs failed:", error);
  } finally {
    running = false;
  }
}, every);

async function shutdown() {
  clearInterval(timer);
  server.close();
  await closeDb();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
