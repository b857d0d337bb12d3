import { randomInt } from "node:crypto";
import { and, eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CODE } from "../../app/domain/auth/sign-in-code.server";
import { leaseNextMessage } from "../../app/domain/mail/outbox.server";
import { notify } from "../../app/domain/notifications/notify.server";
import { setSmsTopics } from "../../app/domain/sms/notices.server";
import { deliverDueSms } from "../../app/domain/sms/outbox.server";
import { getDb } from "../../db/client";
import { authThrottle, emailOutbox, signInCodes, users } from "../../db/schema";
import { Visitor } from "../support/portal";
import { usePortal } from "../support/fixtures";
import { startSmpp, type Smpp } from "../support/smpp";

// Issue 20: people without email are invited by text message and sign in with a one-time code,
// over HTTP against the real portal; texts go through the outbox to a real SMPP server on loopback.

const portal = usePortal();
const db = await getDb();
const chris = portal.person("chris@volta.example");
let smpp: Smpp;

beforeAll(async () => {
  smpp = await startSmpp();
});
afterAll(async () => smpp?.close());
beforeEach(async () => {
  // Each test counts its own code requests from this one loopback address.
  await db.delete(authThrottle).where(like(authThrottle.key, "code:address:%"));
});

/** A fresh Indian mobile number (valid for libphonenumber-js), so tests never share one. */
const freshPhone = () => `+9198${String(randomInt(0, 100_000_000)).padStart(8, "0")}`;
const spaced = (e164: string) => `${e164.slice(0, 3)} ${e164.slice(3, 8)} ${e164.slice(8)}`;

async function deliver() {
  return deliverDueSms(db, { smppUrl: smpp.url, limit: 100 });
}

/** The six digits of the newest text to `phone`, as the person reads them. */
function codeIn(phone: string): string {
  const texts = smpp.to(phone);
  const match = texts.at(-1)?.text.match(/\b(\d{6})\b/);
  if (!match) throw new Error(`no code in the texts to ${phone}: ${JSON.stringify(texts)}`);
  return match[1];
}

async function invitedByPhone(phone: string, name = "Ravi Kumar") {
  const [org] = await db.select({ id: users.organisationId }).from(users).where(eq(users.email, "chris@volta.example"));
  const [partner] = (await db.execute(
    sql`select id from organisations where kind <> 'manufacturer' order by name limit 1`,
  )) as unknown as Array<{
    id: string;
  }>;
  expect(org).toBeTruthy();
  const res = await chris.post(`/organisations/${partner.id}`, {
    intent: "invite",
    name,
    email: "",
    phone: spaced(phone),
    role: "technician",
  });
  expect(res.status).toBe(200);
  expect(await res.text()).toContain("Invitation sent.");
  const [user] = await db.select().from(users).where(eq(users.phone, phone));
  return user;
}

async function askCode(visitor: Visitor, phone: string) {
  return visitor.post("/login/code", { intent: "send", phone });
}

describe("a person without email", () => {
  it("is invited by text message and signs in with a code; the code works once", async () => {
    const phone = freshPhone();
    const user = await invitedByPhone(phone);
    expect(user.email).toBeNull();
    expect(user.status).toBe("invited");
    expect((await deliver()).sent).toBe(1);
    const [invite] = smpp.to(phone);
    expect(invite.text).toContain(`/login/code?phone=${encodeURIComponent(phone)}`);

    const visitor = new Visitor(portal.url);
    const page = await visitor.get(`/login/code?phone=${encodeURIComponent(phone)}`);
    expect(await page.text()).toContain(phone);
    const asked = await askCode(visitor, phone);
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain("a code is on its way");
    // Only a keyed digest of the code is stored; the outbox shows it masked.
    const [stored] = await db.select().from(signInCodes).where(eq(signInCodes.userId, user.id));
    const [queued] = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.to, phone), eq(emailOutbox.template, "sign_in_code")));
    expect(queued.channel).toBe("sms");
    expect(JSON.stringify(queued.props)).not.toMatch(/"code":"\d{6}"/);
    await deliver();
    const code = codeIn(phone);
    expect(stored.codeHash).not.toContain(code);

    const signedIn = await visitor.post("/login/code", { intent: "verify", phone, code });
    expect(signedIn.status).toBe(302);
    expect((await visitor.get("/home")).status).toBe(200);
    const [after] = await db.select().from(users).where(eq(users.id, user.id));
    expect(after.status).toBe("active");

    // The same code a second time, from another browser: refused, nobody signed in.
    const again = new Visitor(portal.url);
    const reused = await again.post("/login/code", { intent: "verify", phone, code });
    expect(reused.status).toBe(400);
    expect(await reused.text()).toContain("This code is wrong, used or expired.");
    expect((await again.get("/home")).status).toBe(302);
  });

  it("cannot use a code after it expired", async () => {
    const phone = freshPhone();
    const user = await invitedByPhone(phone);
    const visitor = new Visitor(portal.url);
    await askCode(visitor, phone);
    await deliver();
    const code = codeIn(phone);
    await db.update(signInCodes).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(signInCodes.userId, user.id));
    const res = await visitor.post("/login/code", { intent: "verify", phone, code });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("This code is wrong, used or expired.");
    expect(CODE.minutes).toBeLessThanOrEqual(10);
  });

  it("gets one valid code from 20 simultaneous requests for one number", async () => {
    const phone = freshPhone();
    const user = await invitedByPhone(phone);
    await deliver();
    smpp.received.length = 0;
    const visitors = Array.from({ length: 20 }, () => new Visitor(portal.url));
    const answers = await Promise.all(visitors.map((v) => askCode(v, phone)));
    const statuses = answers.map((a) => a.status).sort();
    // The per-number cap lets CODE.perNumber requests through and refuses the rest with 429.
    expect(statuses.filter((s) => s === 200)).toHaveLength(CODE.perNumber);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - CODE.perNumber);
    const refused = answers.find((a) => a.status === 429)!;
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const codes = await db.select().from(signInCodes).where(eq(signInCodes.userId, user.id));
    expect(codes).toHaveLength(1);
    expect((await deliver()).sent).toBe(1);
    expect(smpp.to(phone)).toHaveLength(1);
    const code = codeIn(phone);
    const res = await visitors[0].post("/login/code", { intent: "verify", phone, code });
    expect(res.status).toBe(302);
  });

  it("is slowed down after wrong codes like a wrong password, and a guessed-at code dies", async () => {
    const phone = freshPhone();
    await invitedByPhone(phone);
    const visitor = new Visitor(portal.url);
    await askCode(visitor, phone);
    await deliver();
    const code = codeIn(phone);
    const wrong = code === "000000" ? "111111" : "000000";
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await visitor.post("/login/code", { intent: "verify", phone, code: wrong })).status);
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses[5]).toBe(429);
    // Even once the wait is over, five wrong guesses spent the code itself.
    await db.delete(authThrottle).where(like(authThrottle.key, `sign_in:account:${phone}`));
    const late = await visitor.post("/login/code", { intent: "verify", phone, code });
    expect(late.status).toBe(400);
  });

  it("tells nobody whether a number is in the portal, and keeps what was typed on a bad number", async () => {
    const unknown = await askCode(new Visitor(portal.url), freshPhone());
    expect(unknown.status).toBe(200);
    expect(await unknown.text()).toContain("a code is on its way");
    const bad = await askCode(new Visitor(portal.url), "12345<b>");
    expect(bad.status).toBe(400);
    const body = await bad.text();
    expect(body).toContain("Enter a mobile number with its country code");
    expect(body).toContain("12345&lt;b&gt;");
  });
});

describe("text messages through the outbox and the SMPP gateway", () => {
  it("retry after a refusal and arrive exactly once, also when a worker dies holding one", async () => {
    const phones = [freshPhone(), freshPhone(), freshPhone()];
    for (const p of phones) await invitedByPhone(p, `Batch ${p.slice(-4)}`);
    smpp.failNext(1);
    const first = await deliver();
    expect(first.failed).toBe(1);
    expect(first.sent).toBe(2);
    // A worker takes the failed one (and anything due) and dies before sending: its lease runs out.
    await db.update(emailOutbox).set({ nextAttemptAt: sql`now()` }).where(eq(emailOutbox.channel, "sms"));
    const held = await leaseNextMessage(db, "sms");
    expect(held).not.toBeNull();
    expect((await deliver()).sent).toBe(0);
    await db.update(emailOutbox).set({ nextAttemptAt: sql`now()` }).where(eq(emailOutbox.id, held!.id));
    expect((await deliver()).sent).toBe(1);
    expect((await deliver()).sent).toBe(0);
    for (const p of phones) expect(smpp.to(p)).toHaveLength(1);
  });

  it("texts a notice on a topic the person chose by SMS, with a link to the portal", async () => {
    const phone = freshPhone();
    const user = await invitedByPhone(phone);
    await deliver();
    await db.update(users).set({ status: "active" }).where(eq(users.id, user.id));
    await setSmsTopics(db, user.id, ["claim_decided"]);
    await db.transaction(async (tx) => {
      await notify(tx, { userId: user.id, topic: "claim_decided", titleKey: "sms.code.title", link: "/claims" });
      await notify(tx, { userId: user.id, topic: "orders", titleKey: "sms.code.title", link: "/shop" });
    });
    expect((await deliver()).sent).toBe(1);
    const [text] = smpp.to(phone).slice(-1);
    expect(text.text).toContain(`${portal.url}/claims`);
  });
});
