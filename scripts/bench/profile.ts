/**
 * tsx scripts/bench/profile.ts [path] — a CPU profile of the server under load: `npm run serve`
 * with the demo data on a throw-away PostgreSQL 15, run with --cpu-prof, one salesperson's page
 * (default /home) driven by autocannon at 8 connections for PROFILE_SECONDS (10), then the
 * profile's summary (scripts/bench/profile-summary.ts). Profiles land in bench/profiles/.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { databaseUrl, startPostgres } from "../../tests/support/postgres";
import { drive } from "./load";
import { startServer } from "./server";

const root = path.resolve(import.meta.dirname, "../..");
const dir = path.join(root, "bench/profiles");
const page = process.argv[2] ?? "/home";
const seconds = Number(process.env.PROFILE_SECONDS ?? 10);

const pg = startPostgres();
try {
  const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe("create database profile");
  await admin.end();
  const url = databaseUrl(pg.adminUrl, "profile");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // The server itself under --cpu-prof (not allowed in NODE_OPTIONS), as `npm run serve` runs it.
  const server = await startServer({ DATABASE_URL: url, SEED_DEMO: "1", NODE_ENV: "production" }, [
    process.execPath,
    "--cpu-prof",
    `--cpu-prof-dir=${dir}`,
    "build/server/serve.js",
  ]);
  process.env.DATABASE_URL = url;
  const { getDb, closeDb } = await import("../../db/client");
  const { actorByEmail } = await import("../../app/domain/auth/actor.server");
  const { createSession } = await import("../../app/domain/auth/sessions.server");
  const db = await getDb();
  const marta = await actorByEmail(db, "marta@baltictools.example");
  const { token } = await createSession(db, marta.id);
  await closeDb();
  const headers = { cookie: `portal_session=${token}`, "accept-encoding": "br, gzip", accept: "text/html" };
  await drive(server.base + page, 8, 2, headers); // warm-up
  const f = await drive(server.base + page, 8, seconds, headers);
  console.log(`${page} at 8 connections: ${f.rps.toFixed(0)} req/s, p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms`);
  await server.stop();
  // The server's profile is the largest.
  const largest = readdirSync(dir)
    .map((f) => path.join(dir, f))
    .sort((a, b) => statSync(b).size - statSync(a).size)[0];
  console.log(`profile: ${path.relative(root, largest)}`);
  console.log(execFileSync("npx", ["tsx", path.join(import.meta.dirname, "profile-summary.ts"), largest], { encoding: "utf8" }));
} finally {
  pg.stop();
}
