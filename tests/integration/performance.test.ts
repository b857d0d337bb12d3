import { readFileSync } from "node:fs";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { and, asc, eq, lte } from "drizzle-orm";
import { countStatements, getDb } from "../../db/client";
import { contests, ledgerEntries, lotExpiryQueue, shopProfiles } from "../../db/schema";
import { createSession, validateSessionToken } from "../../app/domain/auth/sessions.server";
import { creditPoints, expireDuePoints, getBalance } from "../../app/domain/points/ledger.server";
import { freshPerson } from "../support/people";
import { actorFor } from "../support/portal";
import { usePortal } from "../support/fixtures";

// Every answer of this file's portal carries X-Statement-Count (app/server/http.ts).
process.env.PORTAL_COUNT_STATEMENTS = "1";

const portal = usePortal({
  activity: true,
  people: { marta: "marta@baltictools.example", chris: "chris@volta.example", ona: "ona@baltictools.example" },
});
const { as } = portal;
const root = path.resolve(import.meta.dirname, "../..");

/** A raw GET (fetch would undo the compression and hide the headers' effect). */
function rawGet(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    })
      .on("error", reject)
      .end();
  });
}

function cookieOf(visitor: { cookies: Map<string, string> }) {
  return [...visitor.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
}

describe("SQL statements per page", () => {
  it("the request floor (session, person, organisation and the shell's counts) is one statement", async () => {
    const db = await getDb();
    const marta = await actorFor("marta@baltictools.example");
    const { token } = await createSession(db, marta.id);
    const { result, statements } = await countStatements(() => validateSessionToken(db, token, { withCounts: true }));
    expect(result?.actor.id).toBe(marta.id);
    expect(typeof result?.counts?.unread).toBe("number");
    expect(statements).toBe(1);
    // Over HTTP: the shell's own data (the bell's count) costs nothing beyond that statement.
    const res = await as.marta.get("/home.data?_routes=routes/shell");
    expect(res.status).toBe(200);
    expect(Number(res.headers.get("x-statement-count"))).toBeLessThanOrEqual(2);
  });

  it("no listed page runs more than 5 statements, and each still shows its content", async () => {
    const db = await getDb();
    // Marta has answered the shop's first question (otherwise /shop asks it first).
    await db
      .insert(shopProfiles)
      .values({ userId: (await actorFor("marta@baltictools.example")).id })
      .onConflictDoNothing();
    const [contest] = await db.select({ id: contests.id }).from(contests).orderBy(asc(contests.createdAt)).limit(1);
    const pages: Array<[keyof typeof as, string]> = [
      ["marta", "/home"],
      ["marta", "/points"],
      ["marta", "/claims/new"],
      ["marta", `/contests/${contest.id}`],
      ["marta", "/shop"],
      ["chris", "/claims/review"],
      ["ona", "/team/points"],
    ];
    const counts: Record<string, number> = {};
    for (const [who, page] of pages) {
      const res = await as[who].get(page);
      expect(res.status, page).toBe(200);
      expect(await res.text(), page).toContain("<main");
      counts[page] = Number(res.headers.get("x-statement-count"));
    }
    console.log("statements per page:", counts);
    for (const [page, n] of Object.entries(counts)) expect(n, `${page} ran ${n} statements`).toBeLessThanOrEqual(5);
    for (const n of Object.values(counts)) expect(n).toBeGreaterThan(0);
  });
});

describe("on the wire", () => {
  it("pages and their data come back compressed (brotli, else gzip) with Vary: Accept-Encoding", async () => {
    const cookie = cookieOf(as.marta);
    const br = await rawGet(`${portal.url}/home`, { cookie, "accept-encoding": "gzip, deflate, br" });
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.body).toString()).toContain("<main");
    const gz = await rawGet(`${portal.url}/home.data`, { cookie, "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).length).toBeGreaterThan(gz.body.length);
    const plain = await rawGet(`${portal.url}/home`, { cookie });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toContain("<main");
  });

  it("hashed scripts are served precompressed and cached as immutable for a year", async () => {
    const html = (await rawGet(`${portal.url}/login`)).body.toString();
    const script = /\/assets\/entry\.client-[\w-]+\.js/.exec(html)?.[0];
    expect(script).toBeTruthy();
    const original = readFileSync(path.join(root, "build/client", script!));
    const br = await rawGet(`${portal.url}${script}`, { "accept-encoding": "gzip, br" });
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["content-type"]).toMatch(/javascript/);
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    expect(br.headers["cache-control"]).toMatch(/max-age=31536000.*immutable/);
    expect(brotliDecompressSync(br.body).equals(original)).toBe(true);
    expect(br.body.length).toBeLessThan(original.length / 2);
    const gz = await rawGet(`${portal.url}${script}`, { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).equals(original)).toBe(true);
    const plain = await rawGet(`${portal.url}${script}`, { "accept-encoding": "identity" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.equals(original)).toBe(true);
    const css = /\/assets\/[\w-]+\.css/.exec(html)?.[0];
    const style = await rawGet(`${portal.url}${css}`, { "accept-encoding": "br" });
    expect(style.headers["content-encoding"]).toBe("br");
    expect(style.headers["content-type"]).toMatch(/text\/css/);
  });

  it("the shop's pictures are kept longer than an hour", async () => {
    const res = await rawGet(
      `${portal.url}/images/shop/rewards/${(await import("node:fs")).readdirSync(path.join(root, "public/images/shop/rewards"))[0]}`,
    );
    expect(res.status).toBe(200);
    const maxAge = Number(/max-age=(\d+)/.exec(String(res.headers["cache-control"]))?.[1]);
    expect(maxAge).toBeGreaterThan(3600);
    expect(res.headers.etag).toBeTruthy();
  });
});

describe("the expiry job reads only what fell due", () => {
  it("expires exactly the due lots, once, and finds a lot appended later with a past expiry", async () => {
    const db = await getDb();
    const person = await freshPerson({ tag: "expiry" });
    const p = { userId: person.id, organisationId: person.organisationId };
    const credit = (amount: number, sourceId: string, expiresAt: Date) =>
      db.transaction((tx) =>
        creditPoints(tx, { ...p, kind: "earn", sourceType: "test", sourceId, amount, descriptionKey: "ledger.desc.test", expiresAt }),
      );
    const now = new Date();
    await credit(30, "due", new Date(now.getTime() - 60_000));
    await credit(50, "later", new Date(now.getTime() + 30 * 86_400_000));
    expect(await getBalance(db, person.id)).toBe(80);
    await expireDuePoints(db, now);
    expect(await getBalance(db, person.id)).toBe(50);
    const expired = await db
      .select({ amount: ledgerEntries.amount })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.userId, person.id), eq(ledgerEntries.kind, "expire")));
    expect(expired).toEqual([{ amount: -30 }]);
    // Closed lots leave the queue; the one not yet due stays.
    const waiting = await db.select().from(lotExpiryQueue).where(eq(lotExpiryQueue.userId, person.id));
    expect(waiting.map((w) => w.expiresAt.getTime())).toEqual([now.getTime() + 30 * 86_400_000]);
    expect(
      await db
        .select()
        .from(lotExpiryQueue)
        .where(and(eq(lotExpiryQueue.userId, person.id), lte(lotExpiryQueue.expiresAt, now))),
    ).toEqual([]);
    // Again: nothing more. A lot appended afterwards that is already past its expiry is still found.
    expect((await expireDuePoints(db, now)).points).toBe(0);
    await credit(7, "backdated", new Date(now.getTime() - 86_400_000));
    await expireDuePoints(db, now);
    expect(await getBalance(db, person.id)).toBe(50);
    // The participant reads it in their history.
    const visitor = await portal.signedIn(person.email);
    expect(await (await visitor.get("/points")).text()).toContain("-30");
  });
});
