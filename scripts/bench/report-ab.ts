/**
 * tsx scripts/bench/report-ab.ts <build dir A> <build dir B> ... — a dashboard's before/after on
 * the reports bench's database (`BENCH_REPORTS_DATABASE_URL`), interleaved A B A B (`ROUNDS`, 3),
 * so a change in the shared machine's load falls on both. Each build (a copy of a `build/` made
 * by `npx react-router build` at the commit to compare) is copied over ./build in turn and served
 * in a process of its own; after a warm-up, `PAGE` (executive, channel or login) is driven at 8
 * connections for `SECONDS` (10). Prints req/s, p50, p95 and the server's CPU per request (from
 * /proc over the load window, which is what queues 8 concurrent requests on one thread).
 */
import { execFileSync, execSync } from "node:child_process";
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { cpuSeconds } from "../../tests/support/processes";
import { drive } from "./load";
import { startServer } from "./server";
const url = process.env.BENCH_REPORTS_DATABASE_URL;
if (!url) throw new Error("set BENCH_REPORTS_DATABASE_URL to the database reports.ts built");
const variants = process.argv.slice(2); // build dirs
const rounds = Number(process.env.ROUNDS ?? 3);
const page = process.env.PAGE ?? "executive";
const cpuMs = (pid: number) => cpuSeconds(pid, { children: true }) * 1000;
process.env.DATABASE_URL = url;
const { getDb, closeDb } = await import("../../db/client");
const { createSession } = await import("../../app/domain/auth/sessions.server");
const sql = postgres(url, { max: 1, onnotice: () => {} });
const email = page === "executive" ? "p1@bench.example" : "channel@bench.example";
const [u] = await sql<{ id: string }[]>`select id from users where email = ${email}`;
await sql.end();
const cookie = `portal_session=${(await createSession(await getDb(), u.id)).token}`;
await closeDb();
const at = new Date(Date.now() - 31 * 86_400_000).toISOString().slice(0, 10);
const path =
  page === "executive" ? `/reports?period=month&at=${at}` : page === "login" ? "/login" : `/reports/programme?period=month&at=${at}`;
const headers = { "accept-encoding": "br", accept: "text/html", cookie };
for (let r = 0; r < rounds; r++)
  for (const v of variants) {
    execSync(`rm -rf build && cp -r ${v} build`);
    const server = await startServer({ DATABASE_URL: url, SEED_DEMO: "0", NODE_ENV: "production" }, [
      process.execPath,
      "build/server/serve.js",
    ]);
    const pid = Number(execFileSync("pgrep", ["-n", "-f", "build/server/serve.js"], { encoding: "utf8" }).trim());
    try {
      for (let i = 0; i < 40; i++) await (await fetch(server.base + path, { headers })).text();
      const c0 = cpuMs(pid);
      const f = await drive(server.base + path, 8, Number(process.env.SECONDS ?? 10), headers);
      const cpu = (cpuMs(pid) - c0) / f.requests;
      const load = readFileSync("/proc/loadavg", "utf8").split(" ")[0];
      console.log(
        `${v.padEnd(26)} ${page} ${f.rps.toFixed(1)} req/s p50 ${f.p50.toFixed(0)} p95 ${f.p95.toFixed(0)} ms, server CPU ${cpu.toFixed(1)} ms/req, load ${load}`,
      );
    } finally {
      await server.stop();
    }
  }
