import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../scripts/seed/index";
import { Visitor } from "../support/portal";

// The embedded default: what `npm start` runs when DATABASE_URL is not set. Real processes,
// started the way a person starts them, on a PGlite directory of their own.
const root = path.resolve(import.meta.dirname, "../..");
const tsx = path.join(root, "node_modules/.bin/tsx");
const dir = mkdtempSync(path.join(tmpdir(), "portal-pglite-"));
const running = new Set<ChildProcess>();

function env(extra: Record<string, string> = {}) {
  const e: Record<string, string> = { ...(process.env as Record<string, string>), PGLITE_DIR: path.join(dir, "db"), ...extra };
  for (const k of ["DATABASE_URL", "SMTP_URL", "TEST_DATABASE_ADMIN_URL", "SEED_DEMO", "PORT"]) if (!(k in extra)) delete e[k];
  return e;
}

function run(script: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [script], { cwd: root, env: env(), stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
  });
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

/** build/server/serve.js as `npm start` runs it; resolves once it has printed the demo logins. */
async function serve() {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["build/server/serve.js"], {
    cwd: root,
    env: env({ PORT: String(port), HOST: "127.0.0.1", PUBLIC_URL: url }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let out = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve.ts did not start within 90 s:\n${out}`)), 90_000);
    const check = () => {
      if (/Demo logins[\s\S]*@homefix\.example/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", (d) => {
      out += d;
      check();
    });
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`serve.ts exited with ${code}:\n${out}`));
    });
  });
  child.removeAllListeners("exit");
  return {
    url,
    output: () => out,
    stop: () =>
      new Promise<number | null>((resolve) => {
        child.on("exit", (code) => {
          running.delete(child);
          resolve(code);
        });
        child.kill("SIGTERM");
      }),
  };
}

afterAll(() => {
  for (const child of running) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

describe("the embedded database (PGlite)", () => {
  it("migrates and seeds a fresh directory, and seeding again changes nothing", async () => {
    const first = await run("scripts/seed.ts");
    expect(first.code, first.out).toBe(0);
    expect(first.out).toContain("Demo programme seeded.");
    const again = await run("scripts/seed.ts");
    expect(again.code, again.out).toBe(0);
    expect(again.out).toContain("Demo data already present; nothing changed.");
    // Two full runs on the embedded database, every area's demo data: 85 s on a quiet machine.
  }, 300_000);

  it("serves the portal, keeps what people did across a restart, and demo users sign in", async () => {
    let portal = await serve();
    expect(portal.output()).toContain("embedded PostgreSQL (PGlite)");
    expect(portal.output()).toContain(`password for all: ${DEMO_PASSWORD}`);
    expect(portal.output()).toMatch(/admin\s+admin@volta\.example/);

    const chris = new Visitor(portal.url);
    await chris.signIn("chris@volta.example", DEMO_PASSWORD);
    const created = await chris.post("/organisations/new", {
      name: "Survives Restarts Ltd",
      kind: "retailer",
      region: "Baltics",
      tier: "registered",
      channelManagerId: "",
      "outlet.name": "Only shop",
      "outlet.address": "Main street 1",
      "outlet.city": "Šiauliai",
      "outlet.postalCode": "",
      "outlet.country": "Lithuania",
    });
    expect(created.status).toBe(302);
    const orgPage = created.headers.get("location")!.split("?")[0];
    expect(await portal.stop()).toBe(0);

    portal = await serve();
    expect(portal.output()).not.toContain("Demo programme seeded");
    // The session from before the restart still works, through the same database rows.
    const again = new Visitor(portal.url);
    again.cookies = chris.cookies;
    const page = await again.get(orgPage);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Survives Restarts Ltd");
    const list = await (await again.get("/organisations")).text();
    expect(list.match(/>Baltic Tools Distribution</g)?.length, "demo data seeded twice").toBe(1);

    const marta = new Visitor(portal.url);
    await marta.signIn("marta@baltictools.example", DEMO_PASSWORD);
    expect(await (await marta.get("/home")).text()).toContain("Hello, Marta");
    const wrong = await new Visitor(portal.url).post("/login", { email: "marta@baltictools.example", password: "not it" });
    expect(wrong.status).toBe(400);
    expect(await portal.stop()).toBe(0);
  }, 240_000);
});
