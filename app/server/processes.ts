import cluster, { type Worker } from "node:cluster";

/**
 * Several HTTP processes on one machine (`WEB_CONCURRENCY`, decision 030). One Node.js process
 * renders on one core; on a machine with more, a request waits behind another's rendering while
 * the other cores idle. `npm run serve` with WEB_CONCURRENCY=N starts N processes sharing one
 * port (node:cluster: the first process accepts connections and hands them round-robin to the
 * others). Each runs scripts/serve-process.ts whole: its own database pool, its own jobs. That is
 * safe because no process keeps state of its own (decision 022), the same as processes behind a
 * reverse proxy.
 */

export const MAX_WEB_CONCURRENCY = 32;

/**
 * How many server processes to run: WEB_CONCURRENCY, 1 when unset. The embedded database
 * (PGlite, no DATABASE_URL) is one process's files, so it always runs one.
 * Throws a message for the operator when the value is not a whole number from 1 to 32.
 */
export function serverProcessCount(env: NodeJS.ProcessEnv): number {
  const raw = env.WEB_CONCURRENCY?.trim();
  if (!raw) return 1;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > MAX_WEB_CONCURRENCY)
    throw new Error(`WEB_CONCURRENCY must be a whole number from 1 to ${MAX_WEB_CONCURRENCY} (got "${raw.slice(0, 40)}").`);
  if (n > 1 && !env.DATABASE_URL) {
    console.log("WEB_CONCURRENCY is ignored without DATABASE_URL: the embedded database serves one process.");
    return 1;
  }
  return n;
}

/** In a server process: true for the one that prints the start-up banner (the first, or the only one). */
export function isFirstServerProcess(): boolean {
  return !cluster.isWorker || cluster.worker?.id === 1;
}

/**
 * The supervising process: starts `count` server processes and keeps that many running.
 * - A process that stops after it was serving is replaced (after a second, so a crash loop does
 *   not spin the CPU), and the supervisor says so in the log.
 * - A process that stops before it ever listened (bad configuration, database unreachable at
 *   start, a failed migration) stops all of them: starting it again would fail the same way, and
 *   the operator's process manager should see the failure.
 * - SIGTERM or SIGINT is passed to every process, each drains its requests and jobs as one
 *   process alone does, and the supervisor exits when the last has gone: 0 when all stopped
 *   cleanly, 1 otherwise.
 */
export function superviseServerProcesses(count: number): void {
  const served = new WeakSet<Worker>();
  let stopping = false;
  let exitCode = 0;
  const running = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
  const stopAll = (code: number) => {
    if (code !== 0) exitCode = code;
    if (stopping) return;
    stopping = true;
    const left = running();
    if (left.length === 0) process.exit(exitCode);
    for (const w of left) w.process.kill("SIGTERM");
  };

  const replacing = new Map<Worker, number>();
  cluster.on("listening", (worker) => {
    served.add(worker);
    const old = replacing.get(worker);
    if (old !== undefined) console.log(`Server process ${worker.process.pid} is serving in place of ${old}.`);
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      // A process still starting has no SIGTERM handler yet and ends by the signal itself.
      if (code !== 0 && signal !== "SIGTERM") exitCode = 1;
      if (running().length === 0) process.exit(exitCode);
      return;
    }
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (!served.has(worker)) {
      console.error(`A server process stopped while starting (${how}); stopping the others.`);
      stopAll(code || 1);
      return;
    }
    console.error(`Server process ${worker.process.pid} stopped (${how}); starting another in 1 s.`);
    setTimeout(() => {
      if (!stopping) replacing.set(cluster.fork(), worker.process.pid ?? 0);
    }, 1000);
  });
  process.on("SIGTERM", () => stopAll(0));
  process.on("SIGINT", () => stopAll(0));

  console.log(`Starting ${count} server processes (WEB_CONCURRENCY=${count}).`);
  // The first alone, the others once it listens: it applies the migrations and answers the first
  // request as soon as one process alone would (cold start), instead of N processes loading the
  // app on the same cores at once and then queueing on the start-up lock.
  const first = cluster.fork();
  first.once("listening", () => {
    for (let i = 1; i < count && !stopping; i++) cluster.fork();
  });
}
