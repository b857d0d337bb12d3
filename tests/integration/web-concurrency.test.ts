import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "../../app/domain/auth/sessions.server";
import { getDb } from "../../db/client";
import { seedDemo } from "../../scripts/seed/index";
import { freshPerson } from "../support/people";
import { childPids, cpuSeconds, startPortalProcess, waitFor, type PortalProcess } from "../support/processes";

/**
 * `WEB_CONCURRENCY=2 npm run serve` (decision 030): two server processes on one port under a
 * supervisor. Both serve requests (a signed-in person's pages keep working whichever answers),
 * a process that dies is replaced while the other keeps serving, SIGTERM stops them all cleanly,
 * and a wrong value stops the start with a message instead of a crash.
 */

let portal: PortalProcess;
let cookie: string;
const get = (path: string, headers: Record<string, string> = {}) =>
  // A new connection per request: the supervisor hands connections out round-robin.
  fetch(portal.url + path, { redirect: "manual", headers: { connection: "close", ...headers }, signal: AbortSignal.timeout(10_000) });

beforeAll(async () => {
  const db = await getDb();
  await seedDemo(db);
  const person = await freshPerson({ tag: "webconc" });
  cookie = `portal_session=${(await createSession(db, person.id)).token}`;
  portal = await startPortalProcess({ WEB_CONCURRENCY: "2", JOBS_INTERVAL_MS: "60000", SHUTDOWN_TIMEOUT_MS: "10000" });
  await waitFor(
    "two ready server processes",
    async () => (await get("/readyz")).status === 200 && childPids(portal.child.pid!).length === 2,
    [portal],
    60_000,
  );
});
afterAll(async () => {
  if (portal && portal.child.exitCode === null && portal.child.signalCode === null) {
    for (const pid of childPids(portal.child.pid!)) process.kill(pid, "SIGKILL");
    portal.child.kill("SIGKILL");
  }
  await portal?.exit;
});

describe("WEB_CONCURRENCY: several server processes on one port", () => {
  it("serves a signed-in person's pages from both processes", { timeout: 60_000 }, async () => {
    const workers = childPids(portal.child.pid!);
    expect(workers).toHaveLength(2);
    const before = workers.map((pid) => cpuSeconds(pid));
    for (let i = 0; i < 40; i++) {
      const res = await get("/points", { cookie });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("webconc-");
    }
    // Each of the two processes did part of the work (rendering 20 pages costs well over a tick).
    const after = workers.map((pid) => cpuSeconds(pid));
    expect(after[0]).toBeGreaterThan(before[0]);
    expect(after[1]).toBeGreaterThan(before[1]);
    // The supervisor itself renders nothing and printed the banner once.
    expect(portal.output.join("").match(/Partner portal on/g)).toHaveLength(1);
  });

  it("replaces a process that dies, while the other keeps answering", { timeout: 60_000 }, async () => {
    const [victim, survivor] = childPids(portal.child.pid!);
    process.kill(victim, "SIGKILL");
    const log = () => portal.output.join("");
    await waitFor(
      "the supervisor to see it",
      async () => log().includes(`Server process ${victim} stopped (signal SIGKILL); starting another`),
      [portal],
    );
    // Meanwhile the other process answers every request.
    for (let i = 0; i < 6; i++) expect((await get("/points", { cookie })).status).toBe(200);
    const replacement = await waitFor(
      "a new server process serving",
      async () => Number(new RegExp(`Server process (\\d+) is serving in place of ${victim}`).exec(log())?.[1]),
      [portal],
      30_000,
    );
    expect(childPids(portal.child.pid!)).toEqual([replacement, survivor].sort((a, b) => a - b));
    // Both serve again: the new one takes its share of the connections.
    const before = cpuSeconds(replacement);
    for (let i = 0; i < 20; i++) expect((await get("/points", { cookie })).status).toBe(200);
    expect(cpuSeconds(replacement)).toBeGreaterThan(before);
  });

  it("stops every process on SIGTERM and exits cleanly", { timeout: 60_000 }, async () => {
    const workers = childPids(portal.child.pid!);
    portal.child.kill("SIGTERM");
    expect(await portal.exit).toBe(0);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  });

  it("refuses a value that is not a number of processes, with a message", { timeout: 30_000 }, async () => {
    for (const value of ["0", "abc", "2.5", "99"]) {
      const p = await startPortalProcess({ WEB_CONCURRENCY: value });
      expect(await p.exit).toBe(1);
      expect(p.output.join("")).toContain("WEB_CONCURRENCY must be a whole number from 1 to 32");
    }
  });
});
