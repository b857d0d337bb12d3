import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";
import type { Db } from "@db/client";
import { claimLines, claims, multiplierRates, organisations, products, programmeSettings, promotions, users } from "@db/schema";
import type { PartnerRole, Tier } from "@db/schema/enums";
import { priceClaim } from "../claims/claims.server";
import { DEFAULT_CURRENCY } from "~/lib/money";

/**
 * The rule simulator: a past period's approved claims priced again by the very function approval
 * uses (priceClaim over the dated rules), with a proposed change added to the rules inside a
 * transaction that is always rolled back. It never writes anything that outlives it (no ledger
 * entry, no rule); without a change it reproduces what was awarded.
 */

export type RuleChange =
  | { kind: "promotion"; category: string; percent: number }
  | { kind: "multiplier"; dimension: "tier" | "role"; key: string; percent: number };

export type SimulationRow = { key: string; claims: number; actual: number; simulated: number };
export type Simulation = {
  claims: number;
  actual: number;
  simulated: number;
  pointValueMinor: number;
  currency: string;
  byPartner: SimulationRow[];
  byTier: SimulationRow[];
  byCategory: SimulationRow[];
  /** Per claim, for the reproduction check and drill-down. */
  perClaim: Array<{ claimId: string; actual: number; simulated: number }>;
};

/** The most claims one run prices (each is priced on its own, as approval did). */
export const MAX_SIMULATED_CLAIMS = 5_000;

class Rollback extends Error {
  constructor(public readonly result: Simulation) {
    super("simulation rolled back");
  }
}

export async function simulateRules(db: Db, input: { from: string; to: string; change: RuleChange | null }): Promise<Simulation> {
  try {
    await db.transaction(async (tx) => {
      const { change } = input;
      if (change?.kind === "promotion")
        await tx.insert(promotions).values({
          name: "simulation",
          startsOn: input.from,
          endsOn: input.to,
          scope: "category",
          category: change.category,
          percent: change.percent,
        });
      if (change?.kind === "multiplier")
        await tx
          .insert(multiplierRates)
          .values({ dimension: change.dimension, key: change.key, validFrom: input.from, percent: change.percent })
          .onConflictDoUpdate({
            target: [multiplierRates.dimension, multiplierRates.key, multiplierRates.validFrom],
            set: { percent: change.percent },
          });
      const [settings] = await tx.select().from(programmeSettings).limit(1);
      const approved = await tx
        .select({
          id: claims.id,
          points: claims.points,
          invoiceDate: claims.invoiceDate,
          partner: organisations.name,
          tier: organisations.tier,
          role: users.role,
        })
        .from(claims)
        .innerJoin(organisations, eq(organisations.id, claims.organisationId))
        .innerJoin(users, eq(users.id, claims.userId))
        .where(and(eq(claims.status, "approved"), gte(claims.invoiceDate, input.from), lte(claims.invoiceDate, input.to)))
        .orderBy(asc(claims.invoiceDate), asc(claims.id))
        .limit(MAX_SIMULATED_CLAIMS);
      const partner = new Map<string, SimulationRow>();
      const tier = new Map<string, SimulationRow>();
      const category = new Map<string, SimulationRow>();
      const add = (m: Map<string, SimulationRow>, key: string, actual: number, simulated: number, count = 1) => {
        const row = m.get(key) ?? { key, claims: 0, actual: 0, simulated: 0 };
        row.claims += count;
        row.actual += actual;
        row.simulated += simulated;
        m.set(key, row);
      };
      const perClaim: Simulation["perClaim"] = [];
      // Every claim's lines in one query, in line order, rather than one query per claim.
      const allLines = approved.length
        ? await tx
            .select({
              claimId: claimLines.claimId,
              productId: claimLines.productId,
              quantity: claimLines.quantity,
              points: claimLines.points,
              category: products.category,
            })
            .from(claimLines)
            .innerJoin(products, eq(products.id, claimLines.productId))
            .where(
              inArray(
                claimLines.claimId,
                approved.map((c) => c.id),
              ),
            )
            .orderBy(asc(claimLines.claimId), asc(claimLines.position))
        : [];
      const linesOf = new Map<string, typeof allLines>();
      for (const l of allLines) {
        const list = linesOf.get(l.claimId);
        if (list) list.push(l);
        else linesOf.set(l.claimId, [l]);
      }
      for (const c of approved) {
        const lines = linesOf.get(c.id) ?? [];
        const priced = await priceClaim(
          tx,
          { tier: c.tier as Tier, role: c.role as PartnerRole },
          c.invoiceDate!,
          lines.map((l) => ({ productId: l.productId!, quantity: l.quantity! })),
        );
        perClaim.push({ claimId: c.id, actual: c.points, simulated: priced.total });
        add(partner, c.partner, c.points, priced.total);
        add(tier, c.tier, c.points, priced.total);
        for (const [i, l] of lines.entries()) add(category, l.category, l.points, priced.lines[i]?.points ?? 0, 0);
      }
      const sum = (f: (r: (typeof perClaim)[number]) => number) => perClaim.reduce((n, r) => n + f(r), 0);
      const sorted = (m: Map<string, SimulationRow>) =>
        [...m.values()].sort((a, b) => b.simulated - a.simulated || a.key.localeCompare(b.key));
      throw new Rollback({
        claims: perClaim.length,
        actual: sum((r) => r.actual),
        simulated: sum((r) => r.simulated),
        pointValueMinor: settings?.pointValueMinor ?? 1,
        currency: settings?.currency ?? DEFAULT_CURRENCY,
        byPartner: sorted(partner),
        byTier: sorted(tier),
        byCategory: sorted(category),
        perClaim,
      });
    });
  } catch (error) {
    if (error instanceof Rollback) return error.result;
    throw error;
  }
  throw new Error("simulation did not finish");
}
