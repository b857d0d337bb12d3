import http from "node:http";
import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { LIMITS, purgeExpiredThrottles } from "../../app/domain/auth/throttle.server";
import { hashToken } from "../../app/lib/tokens.server";
import { getDb, rowsOf } from "../../db/client";
import { auditLog, authThrottle, emailOutbox, knownDevices, signInSources, users } from "../../db/schema";
import { DEMO_PASSWORD } from "../../scripts/seed/index";
import { Visitor } from "../support/portal";
import { usePortal } from "../support/fixtures";

// Sign-in throttle (docs/decisions/021-sign-in-throttle.md), over HTTP against the real portal.
// The portal listens on 127.0.0.1; requests "from other addresses" really come from other
// loopback addresses (127.0.0.x), which is what the server sees as the client's address.

const portal = usePortal();
const db = await getDb();

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** A form post sent from the loopback address `from`, with optional cookies and headers. */
function postFrom(from: string, path: string, form: Record<string, string>, extra: Record<string, string> = {}): Promise<Answer> {
  const url = new URL(portal.url);
  const body = new URLSearchParams(form).toString();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: "POST",
        localAddress: from,
        agent: false,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "content-length": Buffer.byteLength(body),
          origin: portal.url,
          ...extra,
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const signInFrom = (from: string, email: string, password: string, extra?: Record<string, string>) =>
  postFrom(from, "/login", { email, password }, extra);

async function storedCount(key: string): Promise<number | undefined> {
  const [row] = await db.select({ count: authThrottle.count }).from(authThrottle).where(eq(authThrottle.key, key));
  return row?.count;
}

const tally = (answers: Answer[]) => answers.reduce<Record<number, number>>((t, a) => ({ ...t, [a.status]: (t[a.status] ?? 0) + 1 }), {});
const cookieOf = (a: Answer, name: string) => (a.headers["set-cookie"] ?? []).find((c) => c.startsWith(`${name}=`));
const SLOWED =
  /Too many sign-in attempts for this account from a new device\. Try again in (\d+) minutes?, or sign in on a device you have used before\./;

describe("an attack on one account", () => {
  // 150 sign-ins one after another, the free ones each hashing a password: CPU-bound, so a
  // shared, loaded machine needs more than the default 30 s.
  it("does not keep the owner out on their known device while an attacker fails 150 times from other addresses", {
    timeout: 120_000,
  }, async () => {
    const email = "marta@baltictools.example";
    const first = await signInFrom("127.0.0.1", email, DEMO_PASSWORD);
    expect(first.status).toBe(302);
    const device = cookieOf(first, "portal_device")!;
    expect(device).toMatch(/^portal_device=\w+;.*HttpOnly.*SameSite=Lax/);
    const deviceCookie = device.split(";")[0];
    // Only the token's hash is stored.
    const token = deviceCookie.split("=")[1];
    expect(await db.select().from(knownDevices).where(eq(knownDevices.tokenHash, token))).toEqual([]);
    expect(
      await db
        .select()
        .from(knownDevices)
        .where(eq(knownDevices.tokenHash, hashToken(token))),
    ).toHaveLength(1);

    const attack: Answer[] = [];
    for (let i = 0; i < 150; i++) attack.push(await signInFrom(`127.0.0.${10 + (i % 15)}`, email, `guess-${i}`));
    expect(tally(attack)).toEqual({ 400: LIMITS.perAccount.free, 429: 150 - LIMITS.perAccount.free });
    expect(await storedCount(`sign_in:account:${email}`)).toBe(150);

    // The owner, on the device they signed in on before, from yet another address.
    const owner = await signInFrom("127.0.0.2", email, DEMO_PASSWORD, { cookie: deviceCookie });
    expect(owner.status).toBe(302);
    expect(cookieOf(owner, "portal_session")).toBeDefined();
    // Their known device stays known: no new device cookie.
    expect(cookieOf(owner, "portal_device")).toBeUndefined();

    // The owner on a device not seen before: a clear 429 with when to retry, never a 500.
    const phone = await signInFrom("127.0.0.3", email, DEMO_PASSWORD);
    expect(phone.status).toBe(429);
    expect(phone.body).toMatch(SLOWED);
    const minutes = Number(phone.body.match(SLOWED)![1]);
    expect(minutes).toBeGreaterThanOrEqual(1);
    expect(minutes).toBeLessThanOrEqual(LIMITS.perAccount.capSeconds / 60);
    expect(Number(phone.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(phone.headers["retry-after"])).toBeLessThanOrEqual(LIMITS.perAccount.capSeconds);
    expect(cookieOf(phone, "portal_session")).toBeUndefined();

    // The trail: every checked failure, and the moment new devices were slowed down.
    const [marta] = await db.select().from(users).where(eq(users.email, email));
    const trail = await db
      .select({ action: auditLog.action, details: auditLog.details })
      .from(auditLog)
      .where(eq(auditLog.entityId, marta.id));
    expect(trail.filter((e) => e.action === "user.sign_in_failed")).toHaveLength(LIMITS.perAccount.free);
    expect(trail.filter((e) => e.action === "user.sign_in_slowed")).toHaveLength(1);
    expect(trail.find((e) => e.action === "user.sign_in_failed")!.details).toMatchObject({ knownDevice: false });
  });

  it("counts 50 simultaneous wrong passwords as 50 and checks only the free ones", async () => {
    const email = "jack@northfield.example";
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => signInFrom("127.0.0.30", email, `wrong-${i}`)));
    expect(await storedCount(`sign_in:account:${email}`)).toBe(50);
    expect(tally(answers)).toEqual({ 400: LIMITS.perAccount.free, 429: 50 - LIMITS.perAccount.free });
    for (const a of answers.filter((x) => x.status === 429)) expect(a.body).toMatch(SLOWED);
    const [jack] = await db.select().from(users).where(eq(users.email, email));
    const failed = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, jack.id), eq(auditLog.action, "user.sign_in_failed")));
    expect(failed).toHaveLength(LIMITS.perAccount.free);
  });

  it("lets a known device that keeps failing lose its privilege", async () => {
    const email = "ben@proinstall.example";
    const deviceCookie = cookieOf(await signInFrom("127.0.0.40", email, DEMO_PASSWORD), "portal_device")!.split(";")[0];
    const tries: Answer[] = [];
    for (let i = 0; i < LIMITS.perDevice.free + 1; i++)
      tries.push(await signInFrom("127.0.0.40", email, `guess-${i}`, { cookie: deviceCookie }));
    // Its own failures first, then it counts as a new device: the account's budget, still fresh, applies.
    expect(tally(tries)).toEqual({ 400: LIMITS.perDevice.free + 1 });
    expect(await storedCount(`sign_in:account:${email}`)).toBe(1);
  });
});

describe("addresses", () => {
  it("lets a shop behind one address where several people mistype sign in", async () => {
    const shop = "127.0.0.50";
    const people = [
      "grace@proinstall.example",
      "priya@proinstall.example",
      "emma@northfield.example",
      "sam@northfield.example",
      "irina@uralinstrument.example",
    ];
    // Each mistypes three times (15 failures from one address), then gets it right.
    for (const email of people) for (let i = 0; i < 3; i++) expect((await signInFrom(shop, email, "typo")).status).toBe(400);
    for (const email of people) expect((await signInFrom(shop, email, DEMO_PASSWORD)).status).toBe(302);
    // Signed in, they no longer count against the shop's address.
    expect(await db.select().from(signInSources).where(eq(signInSources.address, shop))).toEqual([]);
  });

  it("refuses an address trying one password on many accounts (spraying), whatever X-Forwarded-For says", async () => {
    const sprayer = "127.0.0.60";
    const answers: Answer[] = [];
    for (let i = 0; i < LIMITS.perAddress.accounts + 5; i++) {
      answers.push(await signInFrom(sprayer, `someone${i}@victim.example`, "Summer2026!", { "x-forwarded-for": `198.51.100.${i}` }));
    }
    expect(tally(answers)).toEqual({ 400: LIMITS.perAddress.accounts, 429: 5 });
    expect(answers.at(-1)!.body).toContain("Too many sign-in attempts. Try again in 60 minutes.");
    const addresses = await db
      .selectDistinct({ address: signInSources.address })
      .from(signInSources)
      .where(sql`${signInSources.email} like '%@victim.example'`);
    expect(addresses).toEqual([{ address: sprayer }]);
  });

  it("does not reset or dodge an account's back-off with a forged X-Forwarded-For", async () => {
    const email = "harry@northfield.example";
    for (let i = 0; i < LIMITS.perAccount.free; i++) {
      expect((await signInFrom("127.0.0.70", email, `guess-${i}`, { "x-forwarded-for": `203.0.113.${i}` })).status).toBe(400);
    }
    const forged = await signInFrom("127.0.0.70", email, DEMO_PASSWORD, { "x-forwarded-for": "192.0.2.77, 10.0.0.1" });
    expect(forged.status).toBe(429);
    expect(forged.body).toMatch(SLOWED);
    expect(await storedCount(`sign_in:account:${email}`)).toBe(LIMITS.perAccount.free + 1);
    expect(await db.select().from(signInSources).where(eq(signInSources.email, email))).toEqual([
      { address: "127.0.0.70", email, expiresAt: expect.any(Date) },
    ]);
  });
});

describe("reset and invitation mails", () => {
  const resetsTo = async (email: string) =>
    (
      await db
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.template, "password_reset"), eq(emailOutbox.to, email)))
    ).length;

  it("queues at most the limit for 60 posts about one account, and answers each the same", async () => {
    const answers = await Promise.all(
      Array.from({ length: 60 }, () => postFrom("127.0.0.80", "/forgot-password", { email: "olivia@northfield.example" })),
    );
    expect(tally(answers)).toEqual({ 200: 60 });
    const texts = new Set(answers.map((a) => a.body.replace(/nonce="[^"]+"|\\"nonce\\",\\"[^"\\]+\\"/g, "NONCE")));
    expect(texts.size).toBe(1);
    expect([...texts][0]).toContain("If that address has an account, a link is on its way.");
    expect(await resetsTo("olivia@northfield.example")).toBe(LIMITS.resetMail.perAccount);
    // From 60 other addresses, the account's own limit still holds.
    for (let i = 0; i < 60; i++)
      expect((await postFrom(`127.0.1.${i + 1}`, "/forgot-password", { email: "olivia@northfield.example" })).status).toBe(200);
    expect(await resetsTo("olivia@northfield.example")).toBe(LIMITS.resetMail.perAccount);
    const [olivia] = await db.select().from(users).where(eq(users.email, "olivia@northfield.example"));
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, olivia.id), eq(auditLog.action, "user.password_reset_limited"))),
    ).toHaveLength(1);
  });

  it("queues at most the address's limit when one address asks about many accounts", async () => {
    const many = [
      "emma@northfield.example",
      "harry@northfield.example",
      "jack@northfield.example",
      "sam@northfield.example",
      "ben@proinstall.example",
      "grace@proinstall.example",
      "priya@proinstall.example",
      "paulius@homefix.example",
      "rasa@homefix.example",
      "alexey@uralinstrument.example",
      "dmitry@uralinstrument.example",
      "irina@uralinstrument.example",
    ];
    for (let i = 0; i < 60; i++)
      expect((await postFrom("127.0.0.90", "/forgot-password", { email: many[i % many.length] })).status).toBe(200);
    const queued = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.template, "password_reset"), inArray(emailOutbox.to, many)));
    expect(queued).toHaveLength(LIMITS.resetMail.perAddress);
  });

  it("sends at most the limit of invitation mails to one person, then says when to try again", async () => {
    const admin = new Visitor(portal.url);
    await admin.signIn("admin@volta.example", DEMO_PASSWORD);
    const [{ organisationId }] = await db
      .select({ organisationId: users.organisationId })
      .from(users)
      .where(eq(users.email, "marta@baltictools.example"));
    const page = `/organisations/${organisationId}`;
    const invited = await admin.post(page, {
      intent: "invite",
      email: "newbie@baltictools.example",
      name: "New Person",
      role: "salesperson",
    });
    expect(invited.status).toBe(200);
    const [newbie] = await db.select().from(users).where(eq(users.email, "newbie@baltictools.example"));
    const resends: number[] = [];
    for (let i = 0; i < 3; i++) resends.push((await admin.post(page, { intent: "resend", userId: newbie.id })).status);
    expect(resends).toEqual([200, 200, 429]);
    const refused = await admin.post(page, { intent: "resend", userId: newbie.id });
    expect(refused.status).toBe(429);
    expect(await refused.text()).toMatch(/Too many invitation emails were sent just now\. Try again in \d+ minutes?\./);
    const mails = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.template, "invitation"), eq(emailOutbox.to, "newbie@baltictools.example")));
    expect(mails).toHaveLength(LIMITS.inviteMail.perAccount);
  });
});

describe("expiry", () => {
  it("starts a counter afresh once its window is over, and the job deletes what has expired", async () => {
    const email = "lukas@baltictools.example";
    for (let i = 0; i < 3; i++) await signInFrom("127.0.0.100", email, "wrong");
    expect(await storedCount(`sign_in:account:${email}`)).toBe(3);
    await db.execute(sql`update auth_throttle set expires_at = now() - interval '1 second' where key = ${`sign_in:account:${email}`}`);
    await signInFrom("127.0.0.100", email, "wrong");
    expect(await storedCount(`sign_in:account:${email}`)).toBe(1);

    await db.execute(sql`update auth_throttle set expires_at = now() - interval '1 second'`);
    await db.execute(sql`update sign_in_sources set expires_at = now() - interval '1 second'`);
    const purged = await purgeExpiredThrottles(db);
    expect(purged.counters).toBeGreaterThan(0);
    expect(purged.sources).toBeGreaterThan(0);
    expect(rowsOf(await db.execute(sql`select 1 from auth_throttle union all select 1 from sign_in_sources`))).toEqual([]);
  });
});
