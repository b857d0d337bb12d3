import { connect, createServer, type AddressInfo, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPortalProcess, waitFor, type PortalProcess } from "../support/processes";

/**
 * The portal process between a load balancer and PostgreSQL: /healthz says it is alive,
 * /readyz says whether it can serve (database reachable, not shutting down), and SIGTERM lets
 * requests in flight finish. The database connection goes through a TCP relay in this test, so
 * the test can cut it or hold it, as a network or a failing database would.
 */
type Relay = { url: string; cut: () => void; restore: () => void; hold: () => void; release: () => void; close: () => Promise<void> };

async function startRelay(target: URL): Promise<Relay> {
  const pairs = new Set<[Socket, Socket]>();
  let down = false;
  let held = false;
  const server = createServer((client) => {
    if (down) return client.destroy();
    const upstream = connect(Number(target.port), target.hostname);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    if (held) client.pause();
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = new URL(target);
  url.hostname = "127.0.0.1";
  url.port = String((server.address() as AddressInfo).port);
  return {
    url: url.toString(),
    cut() {
      down = true;
      for (const [a, b] of pairs) a.destroy(), b.destroy();
    },
    restore() {
      down = false;
    },
    /** Queries wait: nothing the portal sends reaches the database until release. */
    hold() {
      held = true;
      for (const [client] of pairs) client.pause();
    },
    release() {
      held = false;
      for (const [client] of pairs) client.resume();
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}

let relay: Relay;
let portal: PortalProcess;
const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(portal.url + path, { redirect: "manual", headers: { connection: "close", ...headers } });

beforeAll(async () => {
  relay = await startRelay(new URL(process.env.DATABASE_URL!));
  portal = await startPortalProcess({
    DATABASE_URL: relay.url,
    JOBS_INTERVAL_MS: "60000",
    SHUTDOWN_DELAY_MS: "800",
    SHUTDOWN_TIMEOUT_MS: "10000",
  });
  await waitFor("the portal to be ready", async () => (await get("/readyz")).status === 200, [portal], 45_000);
});
afterAll(async () => {
  if (portal && portal.child.exitCode === null && portal.child.signalCode === null) portal.child.kill("SIGKILL");
  await portal?.exit;
  await relay?.close();
});

describe("liveness, readiness and shutdown", () => {
  it("answers /readyz 503 while the database is unreachable, /healthz 200 throughout, and recovers", async () => {
    expect(await (await get("/readyz")).json()).toEqual({ ok: true });
    relay.cut();
    const down = await get("/readyz");
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ ok: false, reason: "database unreachable" });
    expect((await get("/healthz")).status).toBe(200);
    relay.restore();
    await waitFor("readiness to come back", async () => (await get("/readyz")).status === 200, [portal], 15_000);
  });

  it("on SIGTERM reports not ready, finishes the request in flight, then exits cleanly", async () => {
    // A request that needs the database (its session cookie is looked up), held up on its way there.
    relay.hold();
    const inFlight = get("/home", { cookie: "portal_session=not-a-session-anyone-has" }).then((r) => ({
      status: r.status,
      location: r.headers.get("location"),
    }));
    await new Promise((r) => setTimeout(r, 300));
    portal.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 200));
    const draining = await get("/readyz");
    expect(draining.status).toBe(503);
    expect(await draining.json()).toEqual({ ok: false, reason: "shutting down" });
    relay.release();
    expect(await inFlight).toMatchObject({ status: 302, location: expect.stringContaining("/login") });
    expect(await portal.exit).toBe(0);
    await expect(get("/healthz")).rejects.toThrow();
  });
});
