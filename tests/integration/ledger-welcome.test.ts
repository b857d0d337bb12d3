import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { timeZoneOf } from "../../app/domain/communication/settings.server";
import { getBalance } from "../../app/domain/points/ledger.server";
import { createFormatter } from "../../app/i18n/format";
import { getDb } from "../../db/client";
import { ledgerEntries } from "../../db/schema";
import { DEMO_PASSWORD } from "../../scripts/seed/index";
import { deliverAndTake } from "../support/mail";
import { freshPerson } from "../support/people";
import { actorFor, Visitor } from "../support/portal";
import { usePortal, useSmtp } from "../support/fixtures";

const portal = usePortal();
const smtp = useSmtp();
const db = await getDb();
const admin = portal.person("admin@volta.example");

/** The programme settings, saved through the admin's form as an admin saves them. */
async function setProgramme(over: { welcomeBonus: number; expiryMonths: number }) {
  const res = await admin.post("/admin/programme", {
    currency: "EUR",
    pointValue: "0.01",
    expiryMonths: String(over.expiryMonths),
    welcomeBonus: String(over.welcomeBonus),
    monthlyEarnCap: "",
    expiryWarningDays: "30",
    claimWindowDays: "90",
  });
  expect(res.status).toBe(200);
}

function addMonths(at: Date, months: number) {
  const d = new Date(at);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

async function welcomeEntries(userId: string) {
  return db
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.userId, userId), eq(ledgerEntries.sourceType, "welcome")));
}

/** Page text without tags: what a person reads. */
function text(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/<!-- -->/g, "")
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ");
}

describe("the welcome bonus", () => {
  it("is credited once on the first sign-in, however many sign-ins follow or race, and expires after the programme's months", async () => {
    await setProgramme({ welcomeBonus: 250, expiryMonths: 6 });
    const person = await freshPerson({ tag: "welcome" });
    const before = new Date();
    // The first sign-in happens on three devices at the same moment.
    const phones = [new Visitor(portal.url), new Visitor(portal.url), new Visitor(portal.url)];
    await Promise.all(phones.map((v) => v.signIn(person.email, DEMO_PASSWORD)));
    const after = new Date();
    // And later sign-ins change nothing.
    await new Visitor(portal.url).signIn(person.email, DEMO_PASSWORD);
    const first = phones[0];

    const entries = await welcomeEntries(person.id);
    expect(entries).toHaveLength(1);
    expect(entries[0].amount).toBe(250);
    expect(await getBalance(db, person.id)).toBe(250);
    const expires = entries[0].expiresAt!;
    expect(expires.getTime()).toBeGreaterThanOrEqual(addMonths(before, 6).getTime());
    expect(expires.getTime()).toBeLessThanOrEqual(addMonths(after, 6).getTime());

    // The participant reads it once in their history, with the date it expires, in their own
    // time zone (London is an hour ahead of UTC in June: a late-evening credit expires a day later there).
    const page = text(await (await first.get("/points")).text());
    expect(page.match(/Welcome bonus for joining the programme/g)).toHaveLength(1);
    expect(page).toContain(`expires ${createFormatter("en", await timeZoneOf(db, person.id)).date(expires)}`);
  });

  it("is credited once to someone who joins through an invitation and then signs in", async () => {
    await setProgramme({ welcomeBonus: 120, expiryMonths: 3 });
    const chris = new Visitor(portal.url);
    await chris.signIn("chris@volta.example", DEMO_PASSWORD);
    const northfield = await actorFor("emma@northfield.example");
    const email = `newcomer-${randomUUID().slice(0, 6)}@northfield.example`;
    expect(
      await (
        await chris.post(`/organisations/${northfield.organisationId}`, { intent: "invite", name: "New Comer", email, role: "salesperson" })
      ).text(),
    ).toContain("Invitation sent.");
    const { path } = await deliverAndTake(smtp, email, "/invite/");
    const joined = await new Visitor(portal.url).post(path, {
      name: "New Comer",
      password: "a long new password",
      confirmPassword: "a long new password",
    });
    expect(joined.status).toBe(302);
    await new Visitor(portal.url).signIn(email, "a long new password");
    const person = await actorFor(email);
    const entries = await welcomeEntries(person.id);
    expect(entries.map((e) => e.amount)).toEqual([120]);
    const months = (entries[0].expiresAt!.getTime() - entries[0].createdAt.getTime()) / (30.44 * 86_400_000);
    expect(Math.round(months)).toBe(3);
  });

  it("is not credited while the programme's bonus is 0, nor to the manufacturer's staff", async () => {
    await setProgramme({ welcomeBonus: 0, expiryMonths: 24 });
    const person = await freshPerson({ tag: "nobonus" });
    await new Visitor(portal.url).signIn(person.email, DEMO_PASSWORD);
    expect(await welcomeEntries(person.id)).toHaveLength(0);
    expect(await getBalance(db, person.id)).toBe(0);

    await setProgramme({ welcomeBonus: 100, expiryMonths: 24 });
    await new Visitor(portal.url).signIn("dana@volta.example", DEMO_PASSWORD);
    const dana = await actorFor("dana@volta.example");
    expect(await welcomeEntries(dana.id)).toHaveLength(0);
  });
});

describe("points expiry follows the programme setting", () => {
  it("gives a credit the expiry months in force when it is made, and leaves earlier credits as they were", async () => {
    const person = await freshPerson({ tag: "expiry" });
    const credit = async (points: number) => {
      const res = await admin.post(`/admin/points?user=${person.id}`, {
        intent: "adjust",
        key: randomUUID(),
        userId: person.id,
        direction: "credit",
        points: String(points),
        reason: "Trade show help",
      });
      expect(res.status).toBe(200);
    };
    await setProgramme({ welcomeBonus: 0, expiryMonths: 12 });
    const t0 = new Date();
    await credit(40);
    await setProgramme({ welcomeBonus: 0, expiryMonths: 1 });
    const t1 = new Date();
    await credit(60);
    const t2 = new Date();

    const lots = await db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.userId, person.id), eq(ledgerEntries.kind, "adjust")));
    const byAmount = Object.fromEntries(lots.map((l) => [l.amount, l.expiresAt!.getTime()]));
    expect(byAmount[40]).toBeGreaterThanOrEqual(addMonths(t0, 12).getTime());
    expect(byAmount[40]).toBeLessThanOrEqual(addMonths(t1, 12).getTime());
    expect(byAmount[60]).toBeGreaterThanOrEqual(addMonths(t1, 1).getTime());
    expect(byAmount[60]).toBeLessThanOrEqual(addMonths(t2, 1).getTime());

    // The participant sees both dates, the later-made credit expiring first.
    const v = new Visitor(portal.url);
    await v.signIn(person.email, DEMO_PASSWORD);
    const page = text(await (await v.get("/points")).text());
    const f = createFormatter("en");
    expect(page).toContain(`expires ${f.date(new Date(byAmount[40]))}`);
    expect(page).toContain(`expires ${f.date(new Date(byAmount[60]))}`);
  });
});
