import type { PartnerRole, Tier } from "@db/schema/enums";

/**
 * The points calculation of a sales claim, as a pure function: the claim form runs it in the
 * browser for the live preview, and approval runs it again on the server with the rules in force
 * on the invoice date; what it returns is stored on the claim and on the ledger entry.
 *
 * Rules, all integers:
 *  - base points per unit come from the product's rate valid on the invoice date;
 *  - the partner's tier and the claimant's role each multiply by a whole percent (125 = x1.25);
 *  - a promotion running on the invoice date and covering the product (its category or a list of
 *    products) multiplies too. Promotions do not stack: the highest one applies to a line;
 *  - each line is rounded on its own, half up, to whole points; the total is the sum of lines
 *    (so every line shown adds up to the total shown);
 *  - the optional monthly cap only limits what is credited, never what the claim is worth.
 */

export type CalculationLine = { key: string; vars?: Record<string, string | number> };
/** A value that took effect on `from` (YYYY-MM-DD); the latest one on or before a date applies. */
export type DatedValue = { from: string; value: number };

export type RuleProduct = { id: string; sku: string; name: string; category: string; rates: DatedValue[] };
export type RulePromotion = {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  percent: number;
  category: string | null;
  productIds: string[];
};

export type PointsRules = {
  products: Record<string, RuleProduct>;
  /** Dated percent values for the claimant's tier and role; none means x1. */
  tierPercents: DatedValue[];
  rolePercents: DatedValue[];
  promotions: RulePromotion[];
};

export type CalculationInput = {
  invoiceDate: string;
  tier: Tier;
  role: PartnerRole;
  lines: Array<{ productId: string; quantity: number }>;
  /** Points the claimant may still earn this month under the monthly cap; null or undefined = no cap. */
  capRoom?: number | null;
};

export type CalculatedLine = {
  productId: string;
  quantity: number;
  pointsPerUnit: number;
  promotion: { id: string; name: string; percent: number } | null;
  /** The exact value before rounding (for display only). */
  exact: number;
  points: number;
};

export type Calculation = {
  lines: CalculatedLine[];
  total: number;
  /** What would be credited: the total, or less when the monthly cap leaves less room. */
  credited: number;
  calculation: CalculationLine[];
};

export const HUNDRED = 100;

/** The value in force on `date`: the latest `from` on or before it; `fallback` before the first. */
export function valueOn(values: readonly DatedValue[], date: string, fallback: number): number {
  let best: DatedValue | null = null;
  for (const v of values) if (v.from <= date && (!best || v.from > best.from)) best = v;
  return best ? best.value : fallback;
}

/** Rounds numerator/denominator (both >= 0) half up to an integer, exactly, in BigInt. */
export function roundHalfUp(numerator: bigint, denominator: bigint): number {
  if (denominator <= 0n || numerator < 0n) throw new Error("roundHalfUp expects a non-negative fraction");
  return Number((2n * numerator + denominator) / (2n * denominator));
}

/** The promotion that applies to a product on a date: the one with the highest percent (ties: earliest start, then id). */
export function promotionFor(
  promotions: readonly RulePromotion[],
  product: Pick<RuleProduct, "id" | "category">,
  date: string,
): RulePromotion | null {
  let best: RulePromotion | null = null;
  for (const p of promotions) {
    if (date < p.startsOn || date > p.endsOn) continue;
    const covers = p.category !== null ? p.category === product.category : p.productIds.includes(product.id);
    if (!covers) continue;
    if (
      !best ||
      p.percent > best.percent ||
      (p.percent === best.percent && (p.startsOn < best.startsOn || (p.startsOn === best.startsOn && p.id < best.id)))
    )
      best = p;
  }
  return best;
}

const factor = (percent: number) => percent / HUNDRED;

export function calculatePoints(rules: PointsRules, input: CalculationInput): Calculation {
  const date = input.invoiceDate;
  const tierPercent = valueOn(rules.tierPercents, date, HUNDRED);
  const rolePercent = valueOn(rules.rolePercents, date, HUNDRED);
  const lines: CalculatedLine[] = [];
  const lineTexts: CalculationLine[] = [];
  const promotionsUsed = new Map<string, RulePromotion>();
  let rounded = false;
  for (const line of input.lines) {
    const product = rules.products[line.productId];
    if (!product) throw new Error(`no rules for product ${line.productId}`);
    const ppu = valueOn(product.rates, date, 0);
    const promo = promotionFor(rules.promotions, product, date);
    const promoPercent = promo?.percent ?? HUNDRED;
    const numerator = BigInt(line.quantity) * BigInt(ppu) * BigInt(tierPercent) * BigInt(rolePercent) * BigInt(promoPercent);
    const denominator = BigInt(HUNDRED) ** 3n;
    const points = roundHalfUp(numerator, denominator);
    const exact = Number(numerator) / Number(denominator);
    if (promo) promotionsUsed.set(promo.id, promo);
    lines.push({
      productId: product.id,
      quantity: line.quantity,
      pointsPerUnit: ppu,
      promotion: promo ? { id: promo.id, name: promo.name, percent: promo.percent } : null,
      exact,
      points,
    });

    // Only the factors that change something are written out; the header lines say what each is.
    const factors = [tierPercent, rolePercent, ...(promo ? [promoPercent] : [])].filter((p) => p !== HUNDRED);
    const vars: Record<string, string | number> = { name: product.name, sku: product.sku, qty: line.quantity, ppu, points };
    for (const [i, p] of factors.entries()) vars[`f${i + 1}`] = factor(p);
    if (promo) vars.promo = promo.name;
    lineTexts.push({ key: promo ? `claims.calc.line_promo.${factors.length}` : `claims.calc.line.${factors.length}`, vars });
    if (points !== exact) {
      rounded = true;
      lineTexts.push({ key: "claims.calc.rounded", vars: { exact: Math.round(exact * 10_000) / 10_000, points } });
    }
  }
  const total = lines.reduce((s, l) => s + l.points, 0);
  const calculation: CalculationLine[] = [
    { key: "claims.calc.rules_date", vars: { date } },
    { key: `claims.calc.tier.${input.tier}`, vars: { factor: factor(tierPercent) } },
    { key: `claims.calc.role.${input.role}`, vars: { factor: factor(rolePercent) } },
    ...[...promotionsUsed.values()].map((promo) => ({
      key: promo.category !== null ? "claims.calc.promo_category" : "claims.calc.promo_products",
      vars: { promo: promo.name, factor: factor(promo.percent), category: promo.category ?? "", from: promo.startsOn, to: promo.endsOn },
    })),
    ...lineTexts,
    ...(rounded ? [{ key: "claims.calc.rounding_rule" }] : []),
    { key: "claims.calc.total", vars: { count: total } },
  ];
  let credited = total;
  if (input.capRoom !== undefined && input.capRoom !== null && input.capRoom < total) {
    credited = Math.max(0, input.capRoom);
    calculation.push({ key: "claims.calc.cap", vars: { count: credited } });
  }
  return { lines, total, credited, calculation };
}
