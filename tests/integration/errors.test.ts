import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { connect, createServer, type Server as TcpServer } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import type { ServerBuild } from "react-router";
import { describe, expect, it } from "vitest";
import { safeRedirect } from "../../app/lib/access.server";
import { createHttpApp, trustProxySetting } from "../../app/server/http";
import { getDb } from "../../db/client";
import { signInSources } from "../../db/schema";
import { DEMO_PASSWORD } from "../../scripts/seed/index";
import { Visitor } from "../support/portal";
import { databaseUrl, startPostgres } from "../support/postgres";
import { startServerProcess } from "../support/server-process";
import { usePortal } from "../support/fixtures";

const root = path.resolve(import.meta.dirname, "../..");
const portal = usePortal();
const db = await getDb();

/** Nothing a visitor may read about the server's insides. */
function expectNoInsides(body: string) {
  expect(body).not.toMatch(/\bat .+:\d+:\d+|node_modules|Failed query|select |relation "|URIError|ECONNREFUSED/i);
}

/** The portal with its own options (the shared startPortal takes none), on a loopback port. */
async function portalWith(opts: { trustProxy?: string | number | boolean }) {
  const build = (await import(/* @vite-ignore */ pathToFileURL(path.join(root, "build/server/index.js")).href)) as ServerBuild;
  const app = createHttpApp(build, { clientDir: path.join(root, "build/client"), ...opts });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe("a cookie that is not percent-encoding", () => {
  it("is ignored on every kind of path instead of failing the request", async () => {
    const headers = { cookie: "portal_session=%; portal_locale=%E0%A4%A" };
    for (const p of ["/healthz", "/login", "/icons/icon.svg", "/no-such-page", "/home"]) {
      const res = await fetch(portal.url + p, { headers, redirect: "manual" });
      expect(res.status, p).toBeLessThan(500);
      expectNoInsides(await res.text());
    }
  });
});

describe("bad query values on the search pages", () => {
  it("refuses NUL with 400 and searches for what is left of other control characters", async () => {
    const admin = new Visitor(portal.url);
    await admin.signIn("admin@volta.example", DEMO_PASSWORD);
    for (const p of ["/admin/points?q=%00", "/claims/products?q=%00", "/claims/products?q=a%00b", "/%00"]) {
      const res = await admin.get(p);
      expect(res.status, p).toBe(400);
      expectNoInsides(await res.text());
    }
    for (const p of [
      "/admin/points?q=%01%1F",
      "/claims/products?q=%7F",
      "/claims/products?edit=------------------------------------",
      "/admin/points?q=%FF%FE",
    ]) {
      expect((await admin.get(p)).status, p).toBe(200);
    }
  });
});

describe("where sign-in sends you next", () => {
  it("keeps paths on this site and refuses anything a browser would read as another host", () => {
    expect(safeRedirect("/claims?status=open#top")).toBe("/claims?status=open#top");
    expect(safeRedirect("/learn/../points")).toBe("/points");
    for (const bad of [
      "/\t/evil.example",
      "/\n/evil.example",
      "/a\r\nSet-Cookie: x=1",
      "//evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/..//evil.example",
      "https://evil.example",
      "/\u0000",
      " /home",
      "/x\u0085",
      null,
      undefined,
      "x".repeat(3000),
    ]) {
      expect(safeRedirect(bad as string), JSON.stringify(bad)).toBe("/home");
    }
  });

  it("answers a control character or an open-redirect shape with home, over HTTP", async () => {
    for (const redirectTo of ["/\t/evil.example", "/points\n", "/\\evil.example"]) {
      const res = await new Visitor(portal.url).post("/login", { email: "marta@baltictools.example", password: DEMO_PASSWORD, redirectTo });
      expect(res.status, JSON.stringify(redirectTo)).toBe(302);
      expect(res.headers.get("location")).toBe("/home");
    }
    const ok = await new Visitor(portal.url).post("/login", {
      email: "marta@baltictools.example",
      password: DEMO_PASSWORD,
      redirectTo: "/points",
    });
    expect(ok.headers.get("location")).toBe("/points");
  });
});

describe("proxies", () => {
  it("reads TRUST_PROXY as a number of proxies or a list of their addresses", () => {
    expect(trustProxySetting(undefined)).toBe(false);
    expect(trustProxySetting("0")).toBe(false);
    expect(trustProxySetting("1")).toBe(1);
    expect(trustProxySetting(true)).toBe(1);
    expect(trustProxySetting("10.0.0.1, 10.0.0.2")).toEqual(["10.0.0.1", "10.0.0.2"]);
  });

  async function addressSeen(url: string, forwardedFor: string) {
    // A failed sign-in notes the address the app saw (context.ip) for the throttle.
    const email = `nobody-${Math.random().toString(36).slice(2)}@example.com`;
    await new Visitor(url).post("/login", { email, password: "x" }, { "x-forwarded-for": forwardedFor });
    const [row] = await db.select({ address: signInSources.address }).from(signInSources).where(eq(signInSources.email, email));
    return row?.address;
  }

  it("takes the address the trusted proxy saw, not the left-most entry the client wrote", async () => {
    const oneProxy = await portalWith({ trustProxy: "1" });
    const named = await portalWith({ trustProxy: "127.0.0.1" });
    try {
      expect(await addressSeen(oneProxy.url, "6.6.6.6, 203.0.113.7")).toBe("203.0.113.7");
      expect(await addressSeen(named.url, "6.6.6.6, 203.0.113.8")).toBe("203.0.113.8");
      // No proxy configured: the header is ignored.
      expect(await addressSeen(portal.url, "6.6.6.6")).toBe("127.0.0.1");
    } finally {
      await oneProxy.close();
      await named.close();
    }
  });

  it("sends Strict-Transport-Security only for HTTPS, as the trusted proxy reports it", async () => {
    const oneProxy = await portalWith({ trustProxy: "1" });
    try {
      expect(
        (await fetch(`${oneProxy.url}/login`, { headers: { "x-forwarded-proto": "https" } })).headers.get("strict-transport-security"),
      ).toBe("max-age=31536000");
      expect((await fetch(`${oneProxy.url}/login`)).headers.get("strict-transport-security")).toBeNull();
      expect(
        (await fetch(`${portal.url}/login`, { headers: { "x-forwarded-proto": "https" } })).headers.get("strict-transport-security"),
      ).toBeNull();
    } finally {
      await oneProxy.close();
    }
  });
});

describe("caching headers", () => {
  it("sends the manifest with one Cache-Control, and pages with the private default", async () => {
    const manifest = await fetch(`${portal.url}/manifest.webmanifest`);
    expect(manifest.headers.get("cache-control")).toBe("public, max-age=86400");
    expect((await fetch(`${portal.url}/login`)).headers.get("cache-control")).toBe("private, no-cache");
  });
});

// These start a PostgreSQL server and a portal process of their own: slow on a busy machine.
describe("when the database fails", () => {
  it("answers 503 with Retry-After at once when PostgreSQL is down, and a plain page when a query fails", async () => {
    const pg = startPostgres();
    const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
    let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
    try {
      await admin.unsafe("create database outage");
      server = await startServerProcess({ DATABASE_URL: databaseUrl(pg.adminUrl, "outage") });
      const url = server.url;
      const cookie = { cookie: "portal_session=abcdefghijklmnopqrstuvwxyz234567" };
      // A broken database rather than a missing one: the table behind every session is gone.
      const broken = postgres(databaseUrl(pg.adminUrl, "outage"), { max: 1, onnotice: () => {} });
      await broken.unsafe("alter table sessions rename to sessions_gone");
      await broken.unsafe("alter table email_outbox rename to email_outbox_gone");
      await broken.end();
      // Inside React Router (a loader's query): the root ErrorBoundary's page, the same reference in the log.
      const inRouter = await fetch(`${url}/unsubscribe/00000000-0000-4000-8000-000000000000`, { headers: { accept: "text/html" } });
      expect(inRouter.status).toBe(500);
      const boundary = await inRouter.text();
      expectNoInsides(boundary);
      expect(boundary).toContain("Something went wrong");
      const routerReference = inRouter.headers.get("x-error-reference")!;
      await expect.poll(() => server!.output()).toContain(`[${routerReference}] GET /unsubscribe/`);
      const failed = await fetch(`${url}/login`, { headers: { ...cookie, accept: "text/html" } });
      expect(failed.status).toBe(500);
      const page = await failed.text();
      expectNoInsides(page);
      const reference = failed.headers.get("x-error-reference")!;
      expect(page).toContain(`Reference for support: ${reference}`);
      // The detail is in the server's log, under the same reference.
      await expect.poll(() => server!.output()).toContain(`[${reference}] GET /login failed:`);
      expect(server.output()).toContain('relation "sessions" does not exist');

      await admin.end();
      pg.stop();
      for (const [p, headers] of [
        ["/login", { ...cookie, accept: "text/html" }],
        ["/login", cookie],
        // Readiness says so too (a load balancer stops sending); /healthz is liveness and stays 200.
        ["/readyz", {}],
        ["/unsubscribe/00000000-0000-4000-8000-000000000000", { accept: "text/html" }],
        ["/unsubscribe/00000000-0000-4000-8000-000000000000.data", {}],
      ] as const) {
        const started = Date.now();
        const res = await fetch(url + p, { headers, redirect: "manual" });
        const body = await res.text();
        expect(res.status, p).toBe(503);
        expect(res.headers.get("retry-after"), p).toBe("10");
        // Not a speed goal: the bound only tells "answered" from "waited on the database" (30 s by default).
        expect(Date.now() - started, p).toBeLessThan(5000);
        expectNoInsides(body);
      }
      expect((await fetch(`${url}/healthz`)).status, "liveness").toBe(200);
      const json = await (await fetch(`${url}/login`, { headers: cookie })).json();
      expect(json.error).toBe(
        "The portal cannot reach its database just now. Nothing you entered was saved; please try again in a minute.",
      );
    } finally {
      await server?.stop();
      await admin.end().catch(() => {});
      try {
        pg.stop();
      } catch {
        // already stopped above
      }
    }
  }, 120_000);

  it("gives up within seconds when the database host stops answering", async () => {
    // The portal reaches PostgreSQL through this relay; "silent" drops every connection and
    // accepts new ones without a word, as a partitioned network or a hung host would.
    const target = new URL(process.env.DATABASE_URL!);
    let silent = false;
    const open = new Set<import("node:net").Socket>();
    const relay: TcpServer = createServer((client) => {
      open.add(client);
      client.on("close", () => open.delete(client));
      client.on("error", () => {});
      if (silent) return;
      const upstream = connect(Number(target.port), target.hostname);
      open.add(upstream);
      upstream.on("close", () => open.delete(upstream));
      upstream.on("error", () => client.destroy());
      client.on("error", () => upstream.destroy());
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => relay.listen(0, "127.0.0.1", () => r()));
    const relayed = new URL(target);
    relayed.port = String((relay.address() as AddressInfo).port);
    const server = await startServerProcess({ DATABASE_URL: relayed.toString() });
    try {
      const cookie = { cookie: "portal_session=abcdefghijklmnopqrstuvwxyz234567" };
      expect((await fetch(`${server.url}/login`, { headers: cookie })).status).toBe(200);
      silent = true;
      for (const s of open) s.destroy();
      const started = Date.now();
      const res = await fetch(`${server.url}/login`, { headers: cookie });
      const took = Date.now() - started;
      console.info(`silent database: answered ${res.status} after ${took} ms`);
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("10");
      // The connect timeout (3 s) instead of the driver's 30 s; generous for a busy machine.
      expect(took).toBeLessThan(10_000);
    } finally {
      await server.stop();
      for (const s of open) s.destroy();
      relay.close();
    }
  }, 120_000);
});
