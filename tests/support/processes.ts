import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

export type PortalProcess = { child: ChildProcess; url: string; output: string[]; exit: Promise<number | null> };

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/**
 * The portal as production runs it (`npm run serve`: build/server/serve.js, scripts/serve.ts built
 * with the app) in a child process, against this test file's database unless `env` says otherwise;
 * no demo seed. Started with `node` itself, not through npm: a SIGKILL must hit the server.
 */
export async function startPortalProcess(env: Record<string, string> = {}): Promise<PortalProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["build/server/serve.js"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", SEED_DEMO: "0", HOST: "127.0.0.1", PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout!.on("data", (d) => output.push(String(d)));
  child.stderr!.on("data", (d) => output.push(String(d)));
  const exit = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  return { child, url: `http://127.0.0.1:${port}`, output, exit };
}

/** The processes whose parent is `pid` (by /proc): the server processes under WEB_CONCURRENCY's supervisor. */
export function childPids(pid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) out.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return out.sort((a, b) => a - b);
}

/**
 * CPU seconds (user + system, every thread) a process has used, from /proc (clock ticks of 1/100 s,
 * USER_HZ, fixed in that interface); 0 once it is gone. With `children`, plus its child processes'
 * (the server processes under WEB_CONCURRENCY's supervisor).
 */
export function cpuSeconds(pid: number, opts: { children?: boolean } = {}): number {
  let ticks = 0;
  for (const p of opts.children ? [pid, ...childPids(pid)] : [pid]) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // gone meanwhile
    }
  }
  return ticks / 100;
}

/** Polls until `probe` gives something truthy; on timeout the error carries the processes' output. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  procs: PortalProcess[] = [],
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}\n${procs.map((p, i) => `--- process ${i}:\n${p.output.join("")}`).join("\n")}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
