import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { childPids, freePort } from "./processes";

const root = path.resolve(import.meta.dirname, "../..");

function rssOf(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return Number(kb ?? 0) * 1024;
  } catch {
    return 0; // gone meanwhile
  }
}
export type ServerProcess = { url: string; pid: number; output: () => string; rssBytes: () => number; stop: () => Promise<void> };

/**
 * The portal as it runs in production (`npm run serve`: build/server/serve.js, NODE_ENV=production)
 * in a child process of its own, so a test can measure its memory and see what it logs.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["build/server/serve.js"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      SEED_DEMO: "0",
      JOBS_INTERVAL_MS: "3600000",
      HOST: "127.0.0.1",
      PORT: String(port),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    if (output.includes("Partner portal on")) break;
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const pid = child.pid!;
  return {
    url,
    pid,
    output: () => output,
    /** Resident memory of the server: the process, plus its server processes under WEB_CONCURRENCY. */
    rssBytes() {
      return [pid, ...childPids(pid)].reduce((sum, p) => sum + rssOf(p), 0);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.exitCode === null && child.kill("SIGKILL"), 5000).unref();
      }),
  };
}
