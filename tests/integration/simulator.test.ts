import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { approveClaim } from "../../app/domain/claims/review.server";
import { simulateRules } from "../../app/domain/simulator/simulate.server";
import { getDb } from "../../db/client";
import { claims, ledgerEntries, multiplierRates, promotions } from "../../db/schema";
import { claimForm, daysAgo, serials, submitNew } from "../support/claims";
import { usePortal } from "../support/fixtures";
import { actorFor } from "../support/portal";

const db = await getDb();
const portal = usePortal({
  people: { marta: "marta@baltictools.example", sam: "sam@northfield.example", chris: "chris@volta.example" },
});

const count = async (table: typeof ledgerEntries | typeof promotions | typeof multiplierRates) =>
  (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0].n;

describe("the rule simulator", () => {
  it("on the current rules reproduces exactly the points awarded, and writes nothing", async () => {
    const chris = await actorFor("chris@volta.example");
    // Approved through the real approval: two partners, tiers, products with and without promotion.
    const made = [
      await submitNew(
        portal.as.marta,
        claimForm({ invoice: "SIM-1", date: daysAgo(4), lines: [{ sku: "VT-DR18", qty: 2, serials: serials(2) }] }),
      ),
      await submitNew(
        portal.as.marta,
        claimForm({
          invoice: "SIM-2",
          date: daysAgo(3),
          lines: [
            { sku: "VT-BIT32", qty: 3 },
            { sku: "VT-B18-50", qty: 2 },
          ],
        }),
      ),
      await submitNew(
        portal.as.sam,
        claimForm({ invoice: "SIM-3", date: daysAgo(2), lines: [{ sku: "VT-AG125", qty: 1, serials: serials(1) }] }),
      ),
    ];
    for (const id of made) await approveClaim(db, chris, id);

    const before = { ledger: await count(ledgerEntries), promotions: await count(promotions), multipliers: await count(multiplierRates) };
    const sim = await simulateRules(db, { from: daysAgo(400), to: daysAgo(0), change: null });
    expect(sim.claims).toBeGreaterThanOrEqual(3);
    for (const c of sim.perClaim) expect(c.simulated, c.claimId).toBe(c.actual);
    expect(sim.simulated).toBe(sim.actual);
    for (const id of made) {
      const [claim] = await db.select().from(claims).where(eq(claims.id, id));
      const [credit] = await db
        .select()
        .from(ledgerEntries)
        .where(and(eq(ledgerEntries.sourceType, "claim"), eq(ledgerEntries.sourceId, id)));
      expect(sim.perClaim.find((c) => c.claimId === id)?.simulated).toBe(claim.points);
      expect(credit.amount).toBe(claim.points);
    }

    // A proposed double-points promotion on one category changes only that category; nothing is kept.
    const doubled = await simulateRules(db, {
      from: daysAgo(400),
      to: daysAgo(0),
      change: { kind: "promotion", category: "Accessories", percent: 200 },
    });
    const accessories = doubled.byCategory.find((r) => r.key === "Accessories");
    expect(accessories && accessories.simulated).toBeGreaterThan(accessories?.actual ?? 0);
    for (const r of doubled.byCategory.filter((x) => x.key !== "Accessories")) expect(r.simulated).toBe(r.actual);
    // A higher platinum multiplier raises the platinum partner's points only.
    const platinum = await simulateRules(db, {
      from: daysAgo(400),
      to: daysAgo(0),
      change: { kind: "multiplier", dimension: "tier", key: "platinum", percent: 200 },
    });
    expect(platinum.byTier.find((r) => r.key === "platinum")!.simulated).toBeGreaterThan(
      platinum.byTier.find((r) => r.key === "platinum")!.actual,
    );
    expect(platinum.byTier.find((r) => r.key === "gold")!.simulated).toBe(platinum.byTier.find((r) => r.key === "gold")!.actual);
    expect({ ledger: await count(ledgerEntries), promotions: await count(promotions), multipliers: await count(multiplierRates) }).toEqual(
      before,
    );
  });

  it("the channel manager runs it from the page: totals, difference and cost; bad input is explained, not run", async () => {
    const page = async (q: string) => {
      const res = await portal.as.chris.get(`/simulator?${q}`);
      expect(res.status).toBe(200);
      return (await res.text()).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
    };
    const same = await page(`from=${daysAgo(400)}&to=${daysAgo(0)}&change=none`);
    expect(same).toMatch(/\d+ approved claims: ([\d,]+) points awarded, \1 points with the change \(0\), costing/);
    const doubled = await page(`from=${daysAgo(400)}&to=${daysAgo(0)}&change=promotion&key=Accessories&percent=200`);
    expect(doubled).toMatch(/points with the change \(\+\d+\)/);
    expect(doubled).toContain("By product category");
    expect(await page(`from=${daysAgo(0)}&to=${daysAgo(10)}`)).toContain("Choose a period of at most two years");
    expect(await page(`from=${daysAgo(10)}&to=${daysAgo(0)}&change=tier&key=&percent=abc`)).toContain("Name the category, tier or role");
    expect((await portal.as.marta.get("/simulator")).status).toBe(403);
  });
});
