import { randomUUID } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { approveClaim } from "../../app/domain/claims/review.server";
import { getBalance } from "../../app/domain/points/ledger.server";
import { monthStart } from "../../app/domain/rules/earning.server";
import { isoDate } from "../../app/domain/claims/shared";
import { getDb } from "../../db/client";
import { auditLog, bonusAwards, claims, earningRules, ledgerEntries, productRates, products, programmeSettings } from "../../db/schema";
import { claimForm, submitNew, textOf } from "../support/claims";
import { usePortal } from "../support/fixtures";
import { freshPerson } from "../support/people";
import { actorFor } from "../support/portal";

/**
 * Earning rules on a real PostgreSQL 15: bundle sets and the first-claim bonus credited once
 * however many approvals race, reversal taking back a claim and the bonus it completed (and the
 * set earned again later), and an accelerator with a late approval, against hand-computed points.
 */
const db = await getDb();
const portal = usePortal({ people: { chris: "chris@volta.example", admin: "admin@volta.example" } });
const { as } = portal;

const addDaysIso = (day: string, n: number) => isoDate(new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000));

/** A product only this test's rules cover: 10 points a unit, its own category. */
async function testProduct(tag: string) {
  const sku = `T-${tag}-${randomUUID().slice(0, 6)}`.toUpperCase();
  const category = `Test ${sku}`;
  const [product] = await db
    .insert(products)
    .values({ sku, name: `Test ${tag}`, category, pointsPerUnit: 10 })
    .returning();
  await db.insert(productRates).values({ productId: product.id, validFrom: "2000-01-01", pointsPerUnit: 10 });
  return product;
}

async function claimOf(email: string, sku: string, qty: number, date: string) {
  const visitor = await portal.signedIn(email);
  return submitNew(visitor, claimForm({ invoice: `R-${randomUUID().slice(0, 8)}`, date, lines: [{ sku, qty }] }));
}

describe("bonuses credited once, reversed with the claim", () => {
  it("four approvals racing: two bundle sets and one first-claim bonus, then a reversal takes back the claim and its set", async () => {
    await db.update(programmeSettings).set({ firstClaimBonus: 250 }).where(eq(programmeSettings.id, 1));
    const product = await testProduct("bundle");
    const [rule] = await db
      .insert(earningRules)
      .values({
        name: "Ten for a bonus",
        kind: "bundle",
        startsOn: "2000-01-01",
        endsOn: "2099-12-31",
        category: product.category,
        setUnits: 10,
        bonus: 500,
      })
      .returning();
    // Baltic Tools is platinum (x1.5): 6 units x 10 x 1.5 = 90 points a claim.
    const person = await freshPerson({ org: "Baltic Tools Distribution", tag: "bundle" });
    const day = addDaysIso(isoDate(new Date()), -1);
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await claimOf(person.email, product.sku, 6, day));
    const before = await getBalance(db, person.id);
    const chris = await actorFor("chris@volta.example");

    const results = await Promise.allSettled(ids.map((id) => approveClaim(db, chris, id)));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled"]);

    // 24 units: sets 1 and 2 of 10, each credited once; one first-claim bonus.
    const awards = await db
      .select()
      .from(bonusAwards)
      .where(and(eq(bonusAwards.userId, person.id), isNull(bonusAwards.reversedAt)));
    expect(awards.map((a) => a.key).sort()).toEqual([
      `bundle:${rule.id}:${person.id}:${day.slice(0, 7)}:1`,
      `bundle:${rule.id}:${person.id}:${day.slice(0, 7)}:2`,
      `first_claim:${person.id}`,
    ]);
    const bonusEntries = await db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.userId, person.id), eq(ledgerEntries.sourceType, "bonus")));
    expect(bonusEntries.map((e) => e.amount).sort()).toEqual([250, 500, 500]);
    expect(await getBalance(db, person.id)).toBe(before + 4 * 90 + 500 + 500 + 250);

    // The claim that completed set 2 shows it on its page, in the calculation.
    const set2 = awards.find((a) => a.key.endsWith(":2"))!;
    const page = textOf(await (await as.chris.get(`/claims/${set2.claimId}`)).text());
    expect(page).toContain("Bonus “Ten for a bonus”: set 2 of 10 units completed, +500 points (credited once)");

    // The channel manager reverses it: 90 + 500 taken back, the set's key is free again.
    const reversed = await as.chris.post(`/claims/${set2.claimId}`, { intent: "reverse", note: "Invoice was cancelled by the customer" });
    expect(reversed.status).toBe(200);
    expect(textOf(await reversed.text())).toMatch(/Claim \d+ reversed: 590 points taken back\./);
    expect(await getBalance(db, person.id)).toBe(before + 3 * 90 + 500 + 250);
    const [row] = await db.select().from(claims).where(eq(claims.id, set2.claimId!));
    expect(row.status).toBe("reversed");
    const again = await as.chris.post(`/claims/${set2.claimId}`, { intent: "reverse", note: "Twice by mistake" });
    expect(again.status).toBe(409);
    // A reason is required, and what was typed comes back.
    const live = awards.find((a) => a.key.endsWith(":1"))!;
    const noReason = await as.chris.post(`/claims/${live.claimId}`, { intent: "reverse", note: "" });
    expect(noReason.status).toBe(400);
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "claim.reversed"), eq(auditLog.entityId, set2.claimId!)));
    expect(audit).toHaveLength(1);
    // The claimant reads it in their own page.
    const own = await portal.signedIn(person.email);
    expect(textOf(await (await own.get(`/claims/${set2.claimId}`)).text())).toContain("Reversed after approval, because:");

    // 18 units left; a new claim of 6 completes set 2 again and earns it again.
    const next = await claimOf(person.email, product.sku, 6, day);
    await approveClaim(db, chris, next);
    const [set2Again] = await db
      .select()
      .from(bonusAwards)
      .where(and(eq(bonusAwards.claimId, next), isNull(bonusAwards.reversedAt)));
    expect(set2Again?.key).toBe(set2.key);
    expect(await getBalance(db, person.id)).toBe(before + 4 * 90 + 500 + 500 + 250);
  });

  it("a partner-wide bundle: colleagues approved at the same moment complete the partner's set once", async () => {
    const product = await testProduct("team");
    await db.insert(earningRules).values({
      name: "Team ten",
      kind: "bundle",
      basis: "partner",
      startsOn: "2000-01-01",
      endsOn: "2099-12-31",
      category: product.category,
      setUnits: 10,
      bonus: 300,
    });
    const a = await freshPerson({ org: "Baltic Tools Distribution", tag: "team-a" });
    const b = await freshPerson({ org: "Baltic Tools Distribution", tag: "team-b" });
    const day = addDaysIso(isoDate(new Date()), -1);
    const ids = [await claimOf(a.email, product.sku, 5, day), await claimOf(b.email, product.sku, 5, day)];
    const chris = await actorFor("chris@volta.example");
    await Promise.all(ids.map((id) => approveClaim(db, chris, id)));
    const awards = await db.execute(
      sql`select key, user_id from bonus_awards where key like ${"bundle:%"} and claim_id in (${ids[0]}, ${ids[1]})`,
    );
    expect([...(awards as unknown as Array<{ key: string }>)]).toHaveLength(1);
  });
});

describe("an accelerator with a late approval", () => {
  it("counts a late claim in its invoice month, at its place after what was approved before it", async () => {
    const product = await testProduct("accel");
    await db.insert(earningRules).values({
      name: "Drill volume",
      kind: "accelerator",
      mode: "marginal",
      startsOn: "2000-01-01",
      endsOn: "2099-12-31",
      category: product.category,
      steps: [
        { from: 1, value: 0 },
        { from: 101, value: 5 },
        { from: 201, value: 10 },
        { from: 301, value: 20 },
      ],
    });
    const person = await freshPerson({ org: "Baltic Tools Distribution", tag: "accel" });
    const today = isoDate(new Date());
    const lastMonth = monthStart(today, -1);
    const chris = await actorFor("chris@volta.example");
    // Platinum x1.5, 10 points a unit.
    const a = await claimOf(person.email, product.sku, 80, addDaysIso(lastMonth, 2)); // last month, places 1-80
    const b = await claimOf(person.email, product.sku, 60, today); // this month, places 1-60
    const late = await claimOf(person.email, product.sku, 60, addDaysIso(lastMonth, 5)); // last month, approved last
    const table: Array<[string, number]> = [
      [a, 1_200], // 80 x 10 x 1.5
      [b, 900], // 60 x 10 x 1.5: this month starts from zero
      [late, 930], // places 81-140 of last month: 20 x 15 + 40 x 15.75 = 300 + 630
    ];
    for (const [id, points] of table) expect((await approveClaim(db, chris, id)).points).toBe(points);
    const page = textOf(await (await as.chris.get(`/claims/${late}`)).text());
    expect(page).toContain("× 1.033 accelerator “Drill volume” (20 × +0%, 40 × +5%)");
    expect(page).toContain("= 930 points for this line");
    expect(page).toContain("in the invoice month's volume (before this claim: 80)");
  });
});

describe("the channel team edits the rules on the points rules page", () => {
  it("adds an accelerator and a targeted promotion, sets the first-claim bonus, and refuses bad steps keeping what was typed", async () => {
    const bad = await as.admin.post("/claims/rules", {
      intent: "create_earning_rule",
      name: "Spring volume",
      kind: "accelerator",
      startsOn: "2026-03-01",
      endsOn: "2026-05-31",
      mode: "marginal",
      steps: "1 0\n101 five",
    });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(textOf(badHtml)).toContain("One step per line");
    expect(badHtml).toContain('value="Spring volume"');

    const ok = await as.admin.post("/claims/rules", {
      intent: "create_earning_rule",
      name: "Spring volume",
      kind: "accelerator",
      startsOn: "2026-03-01",
      endsOn: "2026-05-31",
      mode: "whole",
      basis: "partner",
      measure: "units",
      steps: "1 0\n101 5\n201 10\n301 20",
      regions: "Baltics",
    });
    expect(ok.status).toBe(200);
    expect(textOf(await ok.text())).toContain("Earning rule added.");
    const [rule] = await db.select().from(earningRules).where(eq(earningRules.name, "Spring volume"));
    expect(rule).toMatchObject({ kind: "accelerator", mode: "whole", basis: "partner", regions: ["Baltics"] });
    expect(rule.steps).toEqual([
      { from: 1, value: 0 },
      { from: 101, value: 5 },
      { from: 201, value: 10 },
      { from: 301, value: 20 },
    ]);

    const promo = new FormData();
    for (const [k, v] of Object.entries({
      intent: "create_promotion",
      name: "Baltic pilot",
      percent: "150",
      startsOn: "2026-06-01",
      endsOn: "2026-06-30",
      scope: "category",
      category: "Drills",
      regions: "Baltics, Nordics",
    }))
      promo.set(k, v);
    promo.append("tiers", "gold");
    promo.append("tiers", "platinum");
    expect((await as.admin.post("/claims/rules", promo)).status).toBe(200);
    const page = textOf(await (await as.admin.get("/claims/rules")).text());
    expect(page).toContain("Gold, Platinum, Baltics, Nordics");

    expect((await as.admin.post("/claims/rules", { intent: "set_first_claim_bonus", firstClaimBonus: "-5" })).status).toBe(400);
    expect((await as.admin.post("/claims/rules", { intent: "set_first_claim_bonus", firstClaimBonus: "300" })).status).toBe(200);
    const [settings] = await db.select().from(programmeSettings);
    expect(settings.firstClaimBonus).toBe(300);
    // Channel managers read the claims, not the rules page.
    expect((await as.chris.post("/claims/rules", { intent: "set_first_claim_bonus", firstClaimBonus: "1" })).status).toBe(403);
  });
});
