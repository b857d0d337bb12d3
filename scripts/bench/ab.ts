/**
 * tsx scripts/bench/ab.ts — a before/after comparison of server variants on the same data, taken
 * back to back and interleaved (A B A B ...), so a change in the machine's load falls on both
 * (docs/performance.md). The bench's core dataset (AB_PARTICIPANTS, 20,000 by default), each page
 * opened as the bench opens it, autocannon in this process against `npm run serve` in another.
 *
 * AB_VARIANTS: JSON list of { name, setup?, node?, env? }: `setup` is a shell command run before
 * each start of that variant (e.g. swapping a file), `node` extra node options for the server,
 * `env` extra environment. AB_PAGES: comma-separated paths (default /login,/home,/points),
 * AB_CONNECTIONS (8; a list such as "8,32" measures each), AB_SECONDS (5) per cell, AB_ROUNDS (2),
 * AB_LOCK (a file to hold with flock while measuring, after the data is in).
 * Prints per page and variant: requests/s, p50, p95, p99, and the server's CPU per request
 * (user + system time of the server process over the cell, from /proc) and PostgreSQL's.
 */
import { execSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import postgres from "postgres";
import { databaseUrl, startPostgres } from "../../tests/support/postgres";
import { cpuSeconds } from "../../tests/support/processes";
import { core } from "./core";
import { type LoadFigures, drive } from "./load";
import { startServer } from "./server";

type Variant = { name: string; setup?: string; node?: string[]; env?: Record<string, string> };
const variants: Variant[] = JSON.parse(process.env.AB_VARIANTS ?? '[{"name":"a"},{"name":"b"}]');
const paths = (process.env.AB_PAGES ?? "/login,/home,/points").split(",");
// "8,32" measures each page at both, one after the other in the same server.
const connectionList = (process.env.AB_CONNECTIONS ?? "8").split(",").map(Number);
const seconds = Number(process.env.AB_SECONDS ?? 5);
const rounds = Number(process.env.AB_ROUNDS ?? 2);

/** CPU seconds of PostgreSQL's processes (the postmaster's children: backends, writer, ...). */
function pgCpu(port: number): number {
  const out = execSync(`ss -ltnpH 'sport = :${port}'`, { encoding: "utf8" });
  const postmaster = Number(/pid=(\d+)/.exec(out)?.[1]);
  const children = readFileSync(`/proc/${postmaster}/task/${postmaster}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
  let total = 0;
  for (const pid of children) {
    total += cpuSeconds(Number(pid));
  }
  return total;
}
/** The node server under `npm run serve` (npm, then sh, then node): the youngest node process listening on the port. */
function serverPid(port: string): number {
  const out = execSync(`ss -ltnpH 'sport = :${port}'`, { encoding: "utf8" });
  const m = /pid=(\d+)/.exec(out);
  if (!m) throw new Error(`no process listens on ${port}`);
  return Number(m[1]);
}

const BROWSER = {
  "accept-encoding": "br, gzip",
  accept: "text/html,application/xhtml+xml",
  "user-agent": "Mozilla/5.0 (Linux; Android 14) bench",
};
const pg = startPostgres();
try {
  const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe("create database ab");
  await admin.end();
  const url = databaseUrl(pg.adminUrl, "ab");
  process.env.DATABASE_URL = url;
  const { migrate } = await import("../../db/migrate");
  const { getDb, closeDb } = await import("../../db/client");
  const { createSession } = await import("../../app/domain/auth/sessions.server");
  await migrate();
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const ctx = { sql, participants: Number(process.env.AB_PARTICIPANTS ?? 20_000) };
  await core.seed(ctx);
  await sql.unsafe("vacuum analyze");
  const pages = paths.map((p) => core.pages(ctx).find((x) => x.path === p) ?? { name: p, path: p, signedIn: false });
  const db = await getDb();
  const cookies = new Map<string, string>();
  for (const p of pages) if (p.as && !cookies.has(p.as)) cookies.set(p.as, `portal_session=${(await createSession(db, p.as)).token}`);
  await closeDb();
  await sql.end();

  // AB_LOCK=<file>: measure holding `flock <file>` (the machine's shared bench lock), taken only
  // now that the data is in, so filling the database does not keep others from measuring.
  // The shell holds the lock until its stdin closes: at the end, or when this process dies.
  const lock = process.env.AB_LOCK
    ? spawn("sh", ["-c", 'exec 9>>"$0"; flock 9 && echo locked && read x', process.env.AB_LOCK], { stdio: ["pipe", "pipe", "inherit"] })
    : null;
  if (lock) await new Promise((resolve) => lock.stdout?.once("data", resolve));
  console.log(
    `measuring from ${new Date().toISOString()}, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  const results = new Map<string, (LoadFigures & { cpuMs: number; pgMs: number })[]>();
  for (let round = 0; round < rounds; round++) {
    for (const v of variants) {
      if (v.setup) execSync(v.setup, { stdio: "inherit", shell: "/bin/bash" });
      const server = await startServer({ DATABASE_URL: url, NODE_ENV: "production", ...(v.env ?? {}) }, [
        process.execPath,
        ...(v.node ?? []),
        "build/server/serve.js",
      ]);
      const pid = serverPid(new URL(server.base).port);
      for (const p of pages) {
        const headers = { ...BROWSER, ...(p.as ? { cookie: cookies.get(p.as)! } : {}) };
        await drive(server.base + p.path, connectionList[0], 1, headers); // warm-up
        for (const connections of connectionList) {
          const before = cpuSeconds(pid, { children: true });
          const pgBefore = pgCpu(pg.port);
          const f = await drive(server.base + p.path, connections, seconds, headers);
          const cpuMs = ((cpuSeconds(pid, { children: true }) - before) * 1000) / Math.max(1, f.requests);
          const pgMs = ((pgCpu(pg.port) - pgBefore) * 1000) / Math.max(1, f.requests);
          const key = `${p.name}\t${v.name}\t${connections}`;
          results.set(key, [...(results.get(key) ?? []), { ...f, cpuMs, pgMs }]);
          console.log(
            `round ${round + 1} ${v.name.padEnd(12)} ${p.name.padEnd(28)} ${String(connections).padStart(3)} conn ${f.rps.toFixed(0).padStart(5)} req/s  p50 ${f.p50.toFixed(0)}  p95 ${f.p95.toFixed(0)}  p99 ${f.p99.toFixed(0)} ms  cpu ${cpuMs.toFixed(1)} ms/req  PostgreSQL ${pgMs.toFixed(1)} ms/req  failed ${f.failed}  load ${os.loadavg()[0].toFixed(1)}`,
          );
        }
      }
      await server.stop();
    }
  }
  console.log(
    `\npage\tvariant\tconnections\treq/s\tp50\tp95\tp99\tserver cpu ms/req\tPostgreSQL cpu ms/req (median of ${rounds} rounds, ${seconds} s)`,
  );
  lock?.stdin?.end();
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  for (const [key, rs] of results)
    console.log(
      `${key}\t${median(rs.map((r) => r.rps)).toFixed(0)}\t${median(rs.map((r) => r.p50)).toFixed(0)}\t${median(rs.map((r) => r.p95)).toFixed(0)}\t${median(rs.map((r) => r.p99)).toFixed(0)}\t${median(rs.map((r) => r.cpuMs)).toFixed(1)}\t${median(rs.map((r) => r.pgMs)).toFixed(1)}`,
    );
} finally {
  pg.stop();
}
