import { type ChildProcess, spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * Server processes `npm run bench` measures its pages and dashboards with (`WEB_CONCURRENCY`,
 * decision 030): one per core unless BENCH_WEB_CONCURRENCY says otherwise, as README recommends
 * for a machine that serves the portal. The diagnostics (ab.ts, profile.ts, report-cost.ts) read
 * one process's CPU, so startServer runs one unless told.
 */
export const BENCH_PROCESSES = Number(process.env.BENCH_WEB_CONCURRENCY ?? os.availableParallelism());

export type RunningServer = { base: string; coldStartMs: number; stop: () => Promise<void>; output: () => string };

/**
 * `npm run serve` in its own process group on an existing (migrated, filled) database, timed from
 * the spawn to the first 200 from /healthz: the cold start a deploy or a crash restart costs.
 * Jobs are held back (JOBS_INTERVAL_MS) so they do not run inside the measured load.
 */
export async function startServer(env: Record<string, string>, command = ["npm", "run", "--silent", "serve"]): Promise<RunningServer> {
  const port = 30000 + Math.floor(Math.random() * 20000);
  const t0 = performance.now();
  const child: ChildProcess = spawn(command[0], command.slice(1), {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      SEED_DEMO: "0",
      JOBS_INTERVAL_MS: "86400000",
      WEB_CONCURRENCY: "1",
      ...env,
    },
  });
  let log = "";
  child.stdout?.on("data", (c) => (log += c));
  child.stderr?.on("data", (c) => (log += c));
  const base = `http://127.0.0.1:${port}`;
  let exited = false;
  child.once("exit", () => (exited = true));
  for (;;) {
    if (exited) throw new Error(`the server stopped before answering:\n${log}`);
    if (performance.now() - t0 > 60_000) throw new Error(`no 200 from /healthz within a minute:\n${log}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const coldStartMs = performance.now() - t0;
  return {
    base,
    coldStartMs,
    output: () => log,
    stop: () =>
      new Promise((resolve) => {
        if (exited) return resolve();
        child.once("exit", () => resolve());
        // The whole group we started: npm, its shell and the node server under it.
        if (child.pid) process.kill(-child.pid, "SIGTERM");
      }),
  };
}
