/**
 * Where a dashboard request's time goes through HTTP (issue 15), on the database the reports
 * bench built (`BENCH_REPORTS_DATABASE_URL`): the built server in a process of its own, each
 * dashboard opened `REPORT_COST_RUNS` (20) times one at a time, and per request: wall time, the
 * server process's CPU (user + system from /proc) and PostgreSQL's (every backend's, from /proc),
 * the HTML's size raw and as sent (brotli), and how much of it is the hydration data.
 * `REPORT_COST_PROFILE=1` runs the server under --cpu-prof and prints the load window's summary
 * (scripts/bench/profile-summary.ts) after driving each page at 8 connections.
 * A diagnostic, not a goal: the goal is reports.ts's p95 at 8 concurrent requests.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants } from "node:zlib";
import postgres from "postgres";
import { cpuSeconds } from "../../tests/support/processes";
import { drive } from "./load";
import { startServer } from "./server";

const root = path.resolve(import.meta.dirname, "../..");
const url = process.env.BENCH_REPORTS_DATABASE_URL;
if (!url) throw new Error("set BENCH_REPORTS_DATABASE_URL to the database reports.ts built");
const runs = Number(process.env.REPORT_COST_RUNS ?? 20);
const profile = process.env.REPORT_COST_PROFILE === "1";
const only = process.argv.slice(2);

const cpuMs = (pid: number, children = false) => cpuSeconds(pid, { children }) * 1000;
function postgresCpuMs(): number {
  let sum = 0;
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/comm`, "utf8").trim() !== "postgres") continue;
      const cmd = readFileSync(`/proc/${d}/cmdline`, "utf8");
      if (!cmd.includes("reports")) continue; // this database's backends only
      sum += cpuMs(Number(d));
    } catch {}
  }
  return sum;
}

process.env.DATABASE_URL = url;
const { getDb, closeDb } = await import("../../db/client");
const { createSession } = await import("../../app/domain/auth/sessions.server");
const sql = postgres(url, { max: 1, onnotice: () => {} });
const users = await sql<
  { id: string; email: string }[]
>`select id, email from users where email in ('p1@bench.example', 'channel@bench.example')`;
await sql.end();
const db = await getDb();
const cookie = new Map<string, string>();
for (const u of users) cookie.set(u.email, `portal_session=${(await createSession(db, u.id)).token}`);
await closeDb();

const at = new Date(Date.now() - 31 * 86_400_000).toISOString().slice(0, 10);
const pages = [
  { name: "login", path: "/login", as: null },
  { name: "executive", path: `/reports?period=month&at=${at}`, as: "p1@bench.example" },
  { name: "channel", path: `/reports/programme?period=month&at=${at}`, as: "channel@bench.example" },
].filter((p) => !only.length || only.includes(p.name));

const dir = path.join(root, "bench/profiles/reports");
if (profile) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}
const command = profile
  ? [process.execPath, "--cpu-prof", `--cpu-prof-dir=${dir}`, "build/server/serve.js"]
  : [process.execPath, "build/server/serve.js"];
const server = await startServer({ DATABASE_URL: url, SEED_DEMO: "0", NODE_ENV: "production", PORTAL_COUNT_STATEMENTS: "1" }, command);
const pid = Number(execFileSync("pgrep", ["-n", "-f", "build/server/serve.js"], { encoding: "utf8" }).trim());
try {
  for (const page of pages) {
    const headers: Record<string, string> = { "accept-encoding": "br", accept: "text/html" };
    const c = page.as ? cookie.get(page.as) : undefined;
    if (c) headers.cookie = c;
    let statements = "";
    const get = () =>
      fetch(server.base + page.path, { headers, redirect: "manual" }).then((r) => {
        statements = r.headers.get("x-statement-count") ?? "?";
        return r.text();
      });
    // Warm-up: every pool connection prepares each statement on its first use (two round trips).
    for (let i = 0; i < 30; i++) await get();
    const html = await get();
    const wall: number[] = [];
    // REPORT_COST_STRACE=1: the server's socket system calls during the runs (strace -c).
    const strace =
      process.env.REPORT_COST_STRACE === "1"
        ? spawn("strace", ["-c", "-f", "-e", "trace=write,writev,read,epoll_wait", "-p", String(pid)], {
            stdio: ["ignore", "ignore", "pipe"],
          })
        : null;
    let straced = "";
    strace?.stderr?.on("data", (d) => (straced += d));
    if (strace) await new Promise((r) => setTimeout(r, 500));
    const s0 = cpuMs(pid, true);
    const p0 = postgresCpuMs();
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await get();
      wall.push(performance.now() - t);
    }
    const server_ = (cpuMs(pid, true) - s0) / runs;
    if (strace) {
      strace.kill("SIGINT");
      await new Promise((r) => strace.once("exit", r));
    }
    const pg = (postgresCpuMs() - p0) / runs;
    wall.sort((a, b) => a - b);
    const data = /window\.__reactRouterContext\.streamController\.enqueue\((.*?)\);<\/script>/s.exec(html)?.[1] ?? "";
    const sent = brotliCompressSync(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 3 } }).length;
    console.log(
      `${page.name.padEnd(10)} median ${wall[Math.floor(runs / 2)].toFixed(0).padStart(5)} ms  server CPU ${server_.toFixed(0).padStart(4)} ms  postgres CPU ${pg
        .toFixed(0)
        .padStart(
          4,
        )} ms  HTML ${(html.length / 1024).toFixed(0)} KB (hydration data ${(data.length / 1024).toFixed(0)} KB), brotli ${(sent / 1024).toFixed(0)} KB, ${statements} statements`,
    );
    if (strace) console.log(straced);
    if (profile) {
      const f = await drive(server.base + page.path, 8, 8, headers);
      console.log(`  at 8 connections: ${f.rps.toFixed(1)} req/s, p50 ${f.p50.toFixed(0)} ms, p95 ${f.p95.toFixed(0)} ms`);
    }
  }
} finally {
  await server.stop();
}
if (profile) {
  const largest = readdirSync(dir)
    .map((f) => path.join(dir, f))
    .sort((a, b) => statSync(b).size - statSync(a).size)[0];
  // The last page's load window only (start-up and the one-at-a-time runs left out).
  console.log(execFileSync("npx", ["tsx", path.join(import.meta.dirname, "profile-summary.ts"), largest, "8.5"], { encoding: "utf8" }));
}
