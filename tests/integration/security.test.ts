import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../app/domain/auth/throttle.server";
import { getDb, rowsOf } from "../../db/client";
import { emailOutbox, organisations, users } from "../../db/schema";
import { DEMO_PASSWORD } from "../../scripts/seed/index";
import { Visitor } from "../support/portal";
import { usePortal } from "../support/fixtures";

const portal = usePortal();
const db = await getDb();

// The first back-off is 30 seconds, shown rounded up (see app/domain/auth/throttle.server.ts).
const ACCOUNT_SLOWED =
  "Too many sign-in attempts for this account from a new device. Try again in 1 minute, or sign in on a device you have used before.";
const attempt = (email: string, password: string, headers?: Record<string, string>) =>
  new Visitor(portal.url).post("/login", { email, password }, headers);

/** The page without what differs on every response (the CSP nonce). */
const normalised = (html: string) => html.replace(/nonce="[^"]+"|\\"nonce\\",\\"[^"\\]+\\"/g, "NONCE");

describe("CSRF: a form posted from another site", () => {
  const evil = { origin: "https://evil.example" };

  it("cannot create a partner with an admin's session", async () => {
    const admin = new Visitor(portal.url);
    await admin.signIn("admin@volta.example", DEMO_PASSWORD);
    const form = {
      name: "Forged Partner",
      kind: "dealer",
      region: "Nowhere",
      tier: "gold",
      channelManagerId: "",
      "outlet.name": "x",
      "outlet.address": "x",
      "outlet.city": "x",
      "outlet.country": "x",
    };
    const res = await admin.post("/organisations/new", form, evil);
    expect(res.status).toBe(403);
    expect(await res.text()).toBe("Cross-site request refused.");
    expect(await db.select().from(organisations).where(eq(organisations.name, "Forged Partner"))).toEqual([]);
    // The same form from the portal's own page works: the guard is what stopped it.
    expect((await admin.post("/organisations/new", form)).status).toBe(302);
  });

  it("cannot change a password, sign someone out or switch their language", async () => {
    const v = new Visitor(portal.url);
    await v.signIn("jack@northfield.example", DEMO_PASSWORD);
    const tries = [
      v.post(
        "/me",
        { intent: "password", currentPassword: DEMO_PASSWORD, password: "attacker chose this", confirmPassword: "attacker chose this" },
        evil,
      ),
      v.post("/logout", { intent: "everywhere" }, { origin: "null" }),
      v.post("/locale", { locale: "ru" }, { origin: "", "sec-fetch-site": "cross-site" }),
    ];
    for (const res of await Promise.all(tries)) expect(res.status).toBe(403);
    const home = await v.get("/home");
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("Hello, Jack");
    const [jack] = await db.select().from(users).where(eq(users.email, "jack@northfield.example"));
    expect(jack.locale).toBeNull();
    await new Visitor(portal.url).signIn("jack@northfield.example", DEMO_PASSWORD);
  });
});

describe("security headers", () => {
  it("sends a CSP whose nonce is on every inline script, new for each response", async () => {
    const a = await new Visitor(portal.url).get("/login");
    const b = await new Visitor(portal.url).get("/login");
    const csp = a.headers.get("content-security-policy")!;
    const nonce = csp.match(/script-src 'self' 'nonce-([^']+)'/)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(b.headers.get("content-security-policy")).not.toContain(nonce);
    const html = await a.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) if (!/\bsrc=/.test(tag)) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("forbids framing by other sites, MIME sniffing and leaking URLs, on pages, errors and static files", async () => {
    const page = await new Visitor(portal.url).get("/login");
    const script = [...(await page.text()).matchAll(/"(\/assets\/[^"]+\.js)"/g)][0][1];
    for (const path of ["/login", "/no-such-page", script, "/healthz"]) {
      const res = await new Visitor(portal.url).get(path);
      expect(res.headers.get("x-frame-options"), path).toBe("SAMEORIGIN");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), path).toBe("same-origin");
      expect(res.headers.get("x-powered-by"), path).toBeNull();
    }
  });

  it("keeps signed-in pages out of shared caches and has the browser ask again before reusing one", async () => {
    const visitor = new Visitor(portal.url);
    await visitor.signIn("marta@baltictools.example", DEMO_PASSWORD);
    for (const path of ["/home", "/me", "/home.data"]) {
      const res = await visitor.get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("cache-control"), path).toBe("private, no-cache");
    }
    // Built scripts stay cacheable for a year: their names change with every build.
    const script = [...(await (await visitor.get("/login")).text()).matchAll(/"(\/assets\/[^"]+\.js)"/g)][0]?.[1];
    if (script) expect((await visitor.get(script)).headers.get("cache-control")).toMatch(/max-age=31536000/);
  });
});

describe("after signing in", () => {
  it("returns to the page asked for, but never to another site", async () => {
    const to = async (redirectTo: string) =>
      (
        await new Visitor(portal.url).post("/login", { email: "harry@northfield.example", password: DEMO_PASSWORD, redirectTo })
      ).headers.get("location");
    expect(await to("/me")).toBe("/me");
    for (const evil of ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"])
      expect(await to(evil), evil).toBe("/home");
  });
});

describe("password reset", () => {
  it("answers the same whether or not the address has an account, and mails only a real one", async () => {
    const [deactivated] = await db
      .update(users)
      .set({ status: "deactivated" })
      .where(eq(users.email, "tomas@baltictools.example"))
      .returning();
    expect(deactivated).toBeDefined();
    const answers: Array<{ status: number; body: string }> = [];
    for (const email of [
      "marta@baltictools.example",
      "nobody@baltictools.example",
      "tomas@baltictools.example",
      "MARTA@BalticTools.example",
    ]) {
      const res = await new Visitor(portal.url).post("/forgot-password", { email });
      answers.push({ status: res.status, body: normalised(await res.text()) });
    }
    expect(answers[0].status).toBe(200);
    expect(answers[0].body).toContain("If that address has an account, a link is on its way.");
    for (const a of answers) expect(a).toEqual(answers[0]);
    const queued = await db.select({ to: emailOutbox.to }).from(emailOutbox).where(eq(emailOutbox.template, "password_reset"));
    expect(queued).toEqual([{ to: "marta@baltictools.example" }, { to: "marta@baltictools.example" }]);
  });
});

// Changed with the sign-in throttle (docs/decisions/021-sign-in-throttle.md): an account is no longer
// locked for everyone after 5 failures but slowed down for new devices (known devices: see
// tests/integration/throttle.test.ts), and an address is limited by the number of different
// accounts it fails at, not by its number of failures.
describe("sign-in throttling", () => {
  it("slows one account down for new devices after repeated failures, with a clear message, whoever asks", async () => {
    for (let i = 0; i < LIMITS.perAccount.free; i++) expect((await attempt("lukas@baltictools.example", `guess ${i}`)).status).toBe(400);
    const locked = await attempt("lukas@baltictools.example", DEMO_PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = await locked.text();
    expect(body).toContain(ACCOUNT_SLOWED);
    expect(locked.headers.getSetCookie().join()).not.toContain("portal_session=");
    // Other people from the same address are not locked out by it.
    expect((await attempt("ona@baltictools.example", DEMO_PASSWORD)).status).toBe(302);
    // An address without an account is slowed the same way, so the refusal reveals nothing.
    for (let i = 0; i < LIMITS.perAccount.free; i++) await attempt("ghost@baltictools.example", `guess ${i}`);
    expect(normalised(await (await attempt("ghost@baltictools.example", "x")).text())).toEqual(
      normalised(body).replace(/lukas@baltictools\.example/g, "ghost@baltictools.example"),
    );
  });

  it("refuses an address that fails at too many different accounts, forged X-Forwarded-For or not", async () => {
    const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from sign_in_sources`));
    for (let i = n; i < LIMITS.perAddress.accounts; i++) expect((await attempt(`nobody${i}@nowhere.example`, "wrong")).status).toBe(400);
    const res = await attempt("priya@proinstall.example", DEMO_PASSWORD);
    expect(res.status).toBe(429);
    expect(await res.text()).toContain("Too many sign-in attempts. Try again in 60 minutes.");
    const forged = await attempt("priya@proinstall.example", DEMO_PASSWORD, { "x-forwarded-for": "203.0.113.9" });
    expect(forged.status).toBe(429);
  });
});
