/**
 * tsx scripts/bench/profile.ts [path ...] — a CPU profile of the server under load, one page at a
 * time: `npm run serve` on a throw-away PostgreSQL 15, run with --cpu-prof, the page driven by
 * autocannon at 8 connections for PROFILE_SECONDS (10), then the profile's summary over the load
 * window only (scripts/bench/profile-summary.ts). Profiles land in bench/profiles/<page>/.
 *
 * Data: the demo data as marta (a salesperson) by default; PROFILE_DATASET=core fills the bench's
 * core dataset instead (scripts/bench/core.ts, PROFILE_PARTICIPANTS people, 20,000 by default:
 * the review queue's 10,000 claims, the 200 rewards and the 500-person team are there at any
 * scale) and each page is opened as the person the bench opens it as.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { databaseUrl, startPostgres } from "../../tests/support/postgres";
import { core, viewer } from "./core";
import { drive } from "./load";
import { startServer } from "./server";

const root = path.resolve(import.meta.dirname, "../..");
const dir = path.join(root, "bench/profiles");
const paths = process.argv.slice(2).length ? process.argv.slice(2) : ["/home"];
const seconds = Number(process.env.PROFILE_SECONDS ?? 10);
const dataset = process.env.PROFILE_DATASET === "core" ? "core" : "demo";

const pg = startPostgres();
try {
  const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe("create database profile");
  await admin.end();
  const url = databaseUrl(pg.adminUrl, "profile");
  process.env.DATABASE_URL = url;
  rmSync(dir, { recursive: true, force: true });
  const { getDb, closeDb } = await import("../../db/client");
  const { createSession } = await import("../../app/domain/auth/sessions.server");
  const who = new Map<string, string>(); // path -> user id
  if (dataset === "core") {
    const { migrate } = await import("../../db/migrate");
    await migrate();
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    const ctx = { sql, participants: Number(process.env.PROFILE_PARTICIPANTS ?? 20_000) };
    await core.seed(ctx);
    await sql.unsafe("vacuum analyze");
    // As the bench opens each page (signed out for /login and /healthz), else as the viewer.
    for (const p of paths) {
      const bench = core.pages(ctx).find((x) => x.path === p);
      if (!bench || bench.as) who.set(p, bench?.as ?? viewer(ctx));
    }
    await sql.end();
  } else {
    // The demo data is seeded by the first server start (SEED_DEMO=1).
    const first = await startServer({ DATABASE_URL: url, SEED_DEMO: "1", NODE_ENV: "production" });
    await first.stop();
    const { actorByEmail } = await import("../../app/domain/auth/actor.server");
    const marta = await actorByEmail(await getDb(), "marta@baltictools.example");
    for (const p of paths) if (p !== "/login" && p !== "/healthz") who.set(p, marta.id);
  }
  const db = await getDb();
  const cookies = new Map<string, string>();
  for (const id of new Set(who.values())) cookies.set(id, `portal_session=${(await createSession(db, id)).token}`);
  await closeDb();

  for (const page of paths) {
    const out = path.join(dir, page.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "") || "root");
    mkdirSync(out, { recursive: true });
    // The server itself under --cpu-prof (not allowed in NODE_OPTIONS), as `npm run serve` runs it.
    const server = await startServer({ DATABASE_URL: url, SEED_DEMO: "0", NODE_ENV: "production" }, [
      process.execPath,
      "--cpu-prof",
      `--cpu-prof-dir=${out}`,
      "build/server/serve.js",
    ]);
    const cookie = cookies.get(who.get(page) ?? "");
    const headers = { ...(cookie ? { cookie } : {}), "accept-encoding": "br, gzip", accept: "text/html" };
    await drive(server.base + page, 8, 2, headers); // warm-up
    const f = await drive(server.base + page, 8, seconds, headers);
    // The page itself next to its profile, to see what its bytes are.
    const html = await fetch(server.base + page, { headers }).then((r) => r.text());
    writeFileSync(path.join(out, "page.html"), html);
    const bytes = Buffer.from(html);
    console.log(
      `\n${page} at 8 connections: ${f.rps.toFixed(0)} req/s, p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms; ${(bytes.byteLength / 1024).toFixed(1)} KB of HTML`,
    );
    await server.stop();
    // tsx writes small profiles too; the server's is the largest.
    const largest = readdirSync(out)
      .map((f) => path.join(out, f))
      .sort((a, b) => statSync(b).size - statSync(a).size)[0];
    console.log(`profile: ${path.relative(root, largest)}`);
    // The load window only (start-up and shutdown left out).
    console.log(
      execFileSync("npx", ["tsx", path.join(import.meta.dirname, "profile-summary.ts"), largest, String(seconds + 0.5)], {
        encoding: "utf8",
      }),
    );
  }
} finally {
  pg.stop();
}
