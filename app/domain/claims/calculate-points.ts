import type { PartnerRole, Tier } from "@db/schema/enums";
import { DEFAULT_CURRENCY } from "~/lib/money";

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
 *
 * Earning rules (issue 19), each optional, all exact fractions in BigInt until the one rounding:
 *  - percent of invoice value: a line's value (typed amount, else list price x quantity, minor
 *    units) x the rule's percent (hundredths of a percent), turned into points at the programme's
 *    point value (minor units per point); added to the unit points before the multipliers. The
 *    percent may step with last period's volume ("under 1,000 -> 3%, 1,000-1,500 -> 10%, 1,500+
 *    -> 15%"). Rules do not stack: the highest percent applies to a line.
 *  - volume accelerators: bands on the period's volume (calendar month of the invoice) of the
 *    participant or the partner. Marginal: each unit gets the bonus of the band its place in the
 *    period falls in (units 101-200 of May get +5%); whole: every unit of the claim gets the band
 *    reached by the period's volume including the claim. At most one (the best) per line.
 *  - bundles: every N units of the covered products within the period complete a set worth a
 *    bonus; each set has a key (rule, holder, period, set number) that the ledger credits once.
 *  - first-claim bonus: credited with a participant's first approved claim, keyed once.
 *  - promotions and rules may target tiers, regions, partners or roles: only what applies to
 *    the claimant is used (and shown).
 *  - the line is rounded half up once, after everything; bonuses are whole points already.
 */

export type CalculationLine = { key: string; vars?: Record<string, string | number> };
/** A value that took effect on `from` (YYYY-MM-DD); the latest one on or before a date applies. */
export type DatedValue = { from: string; value: number };

export type RuleProduct = {
  id: string;
  sku: string;
  name: string;
  category: string;
  rates: DatedValue[];
  /** List price in minor units: the line's invoice value when no amount was typed. */
  listPriceMinor?: number | null;
};

/** Who a promotion or earning rule is for; an empty or missing list means everyone. */
export type Audience = { tiers?: string[]; regions?: string[]; partnerIds?: string[]; roles?: string[] };

export type RulePromotion = {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  percent: number;
  category: string | null;
  productIds: string[];
  audience?: Audience;
};

/** Which products an earning rule covers: a category, a list, or (both empty) every product. */
type RuleCoverage = { category: string | null; productIds: string[] };
type RuleBase = RuleCoverage & { id: string; name: string; startsOn: string; endsOn: string; audience?: Audience };
/** A step: from this volume on, this value applies (steps sorted by `from`, the first from 0 or 1). */
export type Step = { from: number; value: number };
/** Whose volume counts, and in what: units or invoice value (minor units). */
export type VolumeBasis = { basis: "participant" | "partner"; measure: "units" | "value" };

export type RuleValuePercent = RuleBase &
  VolumeBasis & {
    kind: "value_percent";
    /** Percent in hundredths (300 = 3%) by LAST period's volume; one step from 0 is a flat percent. */
    steps: Step[];
  };
export type RuleAccelerator = RuleBase &
  VolumeBasis & {
    kind: "accelerator";
    mode: "marginal" | "whole";
    /** Bonus percent by place in this period's volume: [{from: 1, value: 0}, {from: 101, value: 5}, ...]. */
    steps: Step[];
  };
export type RuleBundle = RuleBase &
  VolumeBasis & {
    kind: "bundle";
    /** Units per qualifying set, and the bonus points each completed set earns. */
    setUnits: number;
    bonus: number;
  };
export type EarningRule = RuleValuePercent | RuleAccelerator | RuleBundle;

/** A period's volume of one rule before this claim, and the previous period's, for the claimant. */
export type RuleVolume = { current: number; previous: number };

/** A bonus beside the lines: its ledger key makes it credited once (per set, or per participant). */
export type CalculatedBonus = { key: string; kind: "bundle" | "first_claim"; ruleId: string | null; name: string; points: number };

export type PointsRules = {
  products: Record<string, RuleProduct>;
  /** Dated percent values for the claimant's tier and role; none means x1. */
  tierPercents: DatedValue[];
  rolePercents: DatedValue[];
  promotions: RulePromotion[];
  /** Percent-of-value, accelerator and bundle rules that may apply (filtered by date and audience here). */
  earningRules?: EarningRule[];
  /** Minor units of money per point (programme setting); 1 when absent. */
  pointValueMinor?: number;
  currency?: string;
  /** Points for a participant's first approved claim; 0 or absent = none. */
  firstClaimBonus?: number;
};

export type CalculationInput = {
  invoiceDate: string;
  tier: Tier;
  role: PartnerRole;
  lines: Array<{ productId: string; quantity: number; valueMinor?: number | null }>;
  /** Points the claimant may still earn this month under the monthly cap; null or undefined = no cap. */
  capRoom?: number | null;
  /** For targeted promotions and rules: the claimant's partner and its region. */
  organisationId?: string;
  region?: string | null;
  /** Who holds the volume of participant- and partner-based rules (bundle set keys name them). */
  userId?: string;
  /** Volume of each earning rule before this claim (by rule id); missing = 0. */
  volumes?: Record<string, RuleVolume>;
  /** True when this would be the participant's first approved claim. */
  firstClaim?: boolean;
};

export type CalculatedLine = {
  productId: string;
  quantity: number;
  pointsPerUnit: number;
  promotion: { id: string; name: string; percent: number } | null;
  /** The exact value before rounding (for display only). */
  exact: number;
  points: number;
  /** Earning rules used on this line, if any (absent when none, so older results compare equal). */
  valueRule?: { id: string; percentBp: number; valueMinor: number };
  accelerator?: { id: string; bonusPercentUnits: number };
};

export type Calculation = {
  lines: CalculatedLine[];
  total: number;
  /** What would be credited: the total, or less when the monthly cap leaves less room. */
  credited: number;
  calculation: CalculationLine[];
  /** Bonuses credited beside the lines (bundle sets, first claim); each has its own ledger key. */
  bonuses: CalculatedBonus[];
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

/** Who is asking, for targeting: tier, role, partner and region. */
export type AudienceMember = { tier?: string; role?: string; organisationId?: string; region?: string | null };

/** Whether a promotion or rule is for this person: every list given must contain them. */
export function inAudience(audience: Audience | undefined, who: AudienceMember | undefined): boolean {
  if (!audience) return true;
  const fits = (list: string[] | undefined, value: string | null | undefined) => !list?.length || (!!value && list.includes(value));
  return (
    fits(audience.tiers, who?.tier) &&
    fits(audience.roles, who?.role) &&
    fits(audience.partnerIds, who?.organisationId) &&
    fits(audience.regions, who?.region)
  );
}

/** The promotion that applies to a product on a date: the one with the highest percent (ties: earliest start, then id). */
export function promotionFor(
  promotions: readonly RulePromotion[],
  product: Pick<RuleProduct, "id" | "category">,
  date: string,
  who?: AudienceMember,
): RulePromotion | null {
  let best: RulePromotion | null = null;
  for (const p of promotions) {
    if (date < p.startsOn || date > p.endsOn) continue;
    if (!inAudience(p.audience, who)) continue;
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

/** Whether an earning rule covers a product: its category, its list, or (neither given) everything. */
export function ruleCovers(rule: RuleCoverage, product: Pick<RuleProduct, "id" | "category">): boolean {
  if (rule.category !== null) return rule.category === product.category;
  return rule.productIds.length === 0 || rule.productIds.includes(product.id);
}

/** The value of the last step whose `from` is at or below `volume`; 0 below the first step. */
export function stepAt(steps: readonly Step[], volume: number): number {
  let value = 0;
  for (const s of [...steps].sort((a, b) => a.from - b.from)) if (s.from <= volume) value = s.value;
  return value;
}

/**
 * Bonus percent summed over the places (start, start + amount] of a period's volume, band by
 * band: a place p is in the band whose `from` is the greatest at or below p. Whole-volume rules
 * give every place the band reached at `wholeAt`. Returns sum(bonus x places) and the breakdown.
 */
export function acceleratorBonus(
  steps: readonly Step[],
  mode: "marginal" | "whole",
  start: number,
  amount: number,
  wholeAt: number,
): { weighted: bigint; parts: Array<{ places: number; percent: number }> } {
  if (amount <= 0) return { weighted: 0n, parts: [] };
  if (mode === "whole") {
    const percent = stepAt(steps, wholeAt);
    return { weighted: BigInt(percent) * BigInt(amount), parts: [{ places: amount, percent }] };
  }
  const sorted = [...steps].sort((a, b) => a.from - b.from);
  const first = start + 1;
  const last = start + amount;
  const parts: Array<{ places: number; percent: number }> = [];
  let weighted = 0n;
  // Places below the first band earn no bonus.
  const bounds = [{ from: Number.NEGATIVE_INFINITY, value: 0 }, ...sorted];
  for (const [i, band] of bounds.entries()) {
    const next = bounds[i + 1]?.from ?? Number.POSITIVE_INFINITY;
    const lo = Math.max(first, band.from);
    const hi = Math.min(last, next - 1);
    if (hi < lo) continue;
    const places = hi - lo + 1;
    parts.push({ places, percent: band.value });
    weighted += BigInt(band.value) * BigInt(places);
  }
  return { weighted, parts };
}

/** Minor-unit digits of a currency (2 for EUR, 0 for JPY), from Intl, for showing amounts. */
function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** An amount in minor units as a plain decimal string ("1234.50"), exact. */
export function majorText(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? "-" : "";
  const abs = String(Math.abs(minor)).padStart(digits + 1, "0");
  return `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

/** A percent in hundredths (1050 = 10.5%) as text. */
const percentText = (bp: number) => String(bp / 100);
const decimal = (n: bigint, d: bigint) => Math.round((Number(n) / Number(d)) * 10_000) / 10_000;

export function calculatePoints(rules: PointsRules, input: CalculationInput): Calculation {
  const date = input.invoiceDate;
  const period = date.slice(0, 7);
  const who: AudienceMember = { tier: input.tier, role: input.role, organisationId: input.organisationId, region: input.region };
  const tierPercent = valueOn(rules.tierPercents, date, HUNDRED);
  const rolePercent = valueOn(rules.rolePercents, date, HUNDRED);
  const currency = rules.currency ?? DEFAULT_CURRENCY;
  const pointValue = rules.pointValueMinor ?? 1;
  const active = (rules.earningRules ?? []).filter((r) => date >= r.startsOn && date <= r.endsOn && inAudience(r.audience, who));
  const volumes = input.volumes ?? {};
  const lines: CalculatedLine[] = [];
  const lineTexts: CalculationLine[] = [];
  const promotionsUsed = new Map<string, RulePromotion>();
  const valueRulesUsed = new Map<string, { rule: RuleValuePercent; bp: number }>();
  const acceleratorsUsed = new Map<string, RuleAccelerator>();
  let rounded = false;

  const productOf = (productId: string) => {
    const product = rules.products[productId];
    if (!product) throw new Error(`no rules for product ${productId}`);
    return product;
  };
  const lineValue = (line: CalculationInput["lines"][number], product: RuleProduct) =>
    line.valueMinor ?? (product.listPriceMinor ?? 0) * line.quantity;
  const measureOf = (rule: VolumeBasis, line: CalculationInput["lines"][number], product: RuleProduct) =>
    rule.measure === "units" ? line.quantity : lineValue(line, product);
  // What this claim adds to each volume rule, for whole-volume bands and bundle sets.
  const claimVolume = new Map<string, number>();
  for (const line of input.lines) {
    const product = productOf(line.productId);
    for (const rule of active)
      if (rule.kind !== "value_percent" && ruleCovers(rule, product))
        claimVolume.set(rule.id, (claimVolume.get(rule.id) ?? 0) + measureOf(rule, line, product));
  }
  const running = new Map<string, number>();
  const placeOf = (id: string) => running.get(id) ?? volumes[id]?.current ?? 0;

  for (const line of input.lines) {
    const product = productOf(line.productId);
    const ppu = valueOn(product.rates, date, 0);
    const promo = promotionFor(rules.promotions, product, date, who);
    const promoPercent = promo?.percent ?? HUNDRED;
    const valueMinor = lineValue(line, product);

    // Percent of value: the highest that covers the product, at last period's volume step.
    let valueRule: { rule: RuleValuePercent; bp: number } | null = null;
    if (pointValue > 0 && valueMinor > 0)
      for (const rule of active) {
        if (rule.kind !== "value_percent" || !ruleCovers(rule, product)) continue;
        const bp = stepAt(rule.steps, volumes[rule.id]?.previous ?? 0);
        if (bp > 0 && (!valueRule || bp > valueRule.bp || (bp === valueRule.bp && rule.id < valueRule.rule.id))) valueRule = { rule, bp };
      }

    // Accelerators: every covering rule's volume moves on; the best one's bonus applies to the line.
    let accel: { rule: RuleAccelerator; amount: number; weighted: bigint; parts: Array<{ places: number; percent: number }> } | null = null;
    for (const rule of active) {
      if (rule.kind === "value_percent" || !ruleCovers(rule, product)) continue;
      const amount = measureOf(rule, line, product);
      const start = placeOf(rule.id);
      running.set(rule.id, start + amount);
      if (rule.kind !== "accelerator" || amount <= 0) continue;
      const wholeAt = (volumes[rule.id]?.current ?? 0) + (claimVolume.get(rule.id) ?? 0);
      const bonus = acceleratorBonus(rule.steps, rule.mode, start, amount, wholeAt);
      // Compare bonus per place as fractions: weighted / amount.
      if (bonus.weighted > 0n && (!accel || bonus.weighted * BigInt(accel.amount) > accel.weighted * BigInt(amount)))
        accel = { rule, amount, ...bonus };
    }

    // One exact fraction per line: (unit points + value points) x tier x role x promotion x accelerator.
    const bp = valueRule?.bp ?? 0;
    const pv = BigInt(pointValue > 0 ? pointValue : 1);
    const baseNum = BigInt(line.quantity) * BigInt(ppu) * 10_000n * pv + BigInt(valueRule ? valueMinor : 0) * BigInt(bp);
    const baseDen = 10_000n * pv;
    const accelNum = accel ? 100n * BigInt(accel.amount) + accel.weighted : 1n;
    const accelDen = accel ? 100n * BigInt(accel.amount) : 1n;
    const numerator = baseNum * BigInt(tierPercent) * BigInt(rolePercent) * BigInt(promoPercent) * accelNum;
    const denominator = baseDen * BigInt(HUNDRED) ** 3n * accelDen;
    const points = roundHalfUp(numerator, denominator);
    const exact = Number(numerator) / Number(denominator);
    if (promo) promotionsUsed.set(promo.id, promo);
    if (valueRule) valueRulesUsed.set(valueRule.rule.id, valueRule);
    if (accel) acceleratorsUsed.set(accel.rule.id, accel.rule);
    lines.push({
      productId: product.id,
      quantity: line.quantity,
      pointsPerUnit: ppu,
      promotion: promo ? { id: promo.id, name: promo.name, percent: promo.percent } : null,
      exact,
      points,
      ...(valueRule ? { valueRule: { id: valueRule.rule.id, percentBp: bp, valueMinor } } : {}),
      ...(accel ? { accelerator: { id: accel.rule.id, bonusPercentUnits: Number(accel.weighted) } } : {}),
    });

    // Only the factors that change something are written out; the header lines say what each is.
    const factors = [tierPercent, rolePercent, ...(promo ? [promoPercent] : [])].filter((p) => p !== HUNDRED);
    if (!valueRule && !accel) {
      const vars: Record<string, string | number> = { name: product.name, sku: product.sku, qty: line.quantity, ppu, points };
      for (const [i, p] of factors.entries()) vars[`f${i + 1}`] = factor(p);
      if (promo) vars.promo = promo.name;
      lineTexts.push({ key: promo ? `claims.calc.line_promo.${factors.length}` : `claims.calc.line.${factors.length}`, vars });
    } else {
      // Earning rules make a line a short sum: unit points, plus value points, times the factors.
      lineTexts.push({ key: "claims.calc.line_head", vars: { name: product.name, sku: product.sku } });
      if (ppu > 0) lineTexts.push({ key: "claims.calc.part_units", vars: { qty: line.quantity, ppu, points: line.quantity * ppu } });
      if (valueRule)
        lineTexts.push({
          key: "claims.calc.part_value",
          vars: {
            percent: percentText(bp),
            value: majorText(valueMinor, currency),
            currency,
            points: decimal(BigInt(valueMinor) * BigInt(bp), baseDen),
          },
        });
      const combined = tierPercent * rolePercent * promoPercent;
      if (combined !== HUNDRED ** 3)
        lineTexts.push({
          key: "claims.calc.part_factors",
          vars: { factor: combined / HUNDRED ** 3, ...(promo ? { promo: promo.name } : {}) },
        });
      if (accel)
        lineTexts.push({
          key: "claims.calc.part_accelerator",
          vars: {
            rule: accel.rule.name,
            factor: decimal(accelNum, accelDen),
            detail: accel.parts.map((p) => `${p.places} × +${p.percent}%`).join(", "),
          },
        });
      lineTexts.push({ key: "claims.calc.line_sum", vars: { points } });
    }
    if (points !== exact) {
      rounded = true;
      lineTexts.push({ key: "claims.calc.rounded", vars: { exact: Math.round(exact * 10_000) / 10_000, points } });
    }
  }
  const total = lines.reduce((s, l) => s + l.points, 0);

  // Bundles: every completed set of N within the period is one bonus with its own key.
  const bonuses: CalculatedBonus[] = [];
  const bonusTexts: CalculationLine[] = [];
  for (const rule of active) {
    if (rule.kind !== "bundle" || rule.setUnits <= 0 || rule.bonus <= 0) continue;
    const before = volumes[rule.id]?.current ?? 0;
    const added = claimVolume.get(rule.id) ?? 0;
    const holder = rule.basis === "participant" ? (input.userId ?? "-") : (input.organisationId ?? "-");
    const firstSet = Math.floor(before / rule.setUnits) + 1;
    const lastSet = Math.min(Math.floor((before + added) / rule.setUnits), firstSet + 99);
    for (let set = firstSet; set <= lastSet; set++) {
      bonuses.push({
        key: `bundle:${rule.id}:${holder}:${period}:${set}`,
        kind: "bundle",
        ruleId: rule.id,
        name: rule.name,
        points: rule.bonus,
      });
      bonusTexts.push({ key: "claims.calc.bundle", vars: { rule: rule.name, set, units: rule.setUnits, points: rule.bonus } });
    }
    if (lastSet < firstSet && added > 0)
      bonusTexts.push({
        key: "claims.calc.bundle_progress",
        vars: { rule: rule.name, count: (before + added) % rule.setUnits, units: rule.setUnits },
      });
  }
  if (input.firstClaim && (rules.firstClaimBonus ?? 0) > 0) {
    const points = rules.firstClaimBonus!;
    bonuses.push({ key: `first_claim:${input.userId ?? "-"}`, kind: "first_claim", ruleId: null, name: "", points });
    bonusTexts.push({ key: "claims.calc.first_claim", vars: { points } });
  }

  const calculation: CalculationLine[] = [
    { key: "claims.calc.rules_date", vars: { date } },
    { key: `claims.calc.tier.${input.tier}`, vars: { factor: factor(tierPercent) } },
    { key: `claims.calc.role.${input.role}`, vars: { factor: factor(rolePercent) } },
    ...[...promotionsUsed.values()].map((promo) => ({
      key: promo.category !== null ? "claims.calc.promo_category" : "claims.calc.promo_products",
      vars: { promo: promo.name, factor: factor(promo.percent), category: promo.category ?? "", from: promo.startsOn, to: promo.endsOn },
    })),
    ...[...valueRulesUsed.values()].map(({ rule, bp }) => ({
      key: rule.steps.length > 1 ? "claims.calc.value_rule_stepped" : "claims.calc.value_rule",
      vars: {
        rule: rule.name,
        percent: percentText(bp),
        point: majorText(pointValue, currency),
        currency,
        volume: rule.measure === "value" ? majorText(volumes[rule.id]?.previous ?? 0, currency) : (volumes[rule.id]?.previous ?? 0),
      },
    })),
    ...[...acceleratorsUsed.values()].map((rule) => ({
      key: `claims.calc.accelerator.${rule.mode}`,
      vars: {
        rule: rule.name,
        volume: rule.measure === "value" ? majorText(volumes[rule.id]?.current ?? 0, currency) : (volumes[rule.id]?.current ?? 0),
        bands: [...rule.steps]
          .sort((a, b) => a.from - b.from)
          .map((s) => `${rule.measure === "value" ? majorText(s.from, currency) : s.from}+ → +${s.value}%`)
          .join(", "),
      },
    })),
    ...lineTexts,
    ...(rounded ? [{ key: "claims.calc.rounding_rule" }] : []),
    { key: "claims.calc.total", vars: { count: total } },
    ...bonusTexts,
  ];
  let credited = total;
  if (input.capRoom !== undefined && input.capRoom !== null && input.capRoom < total) {
    credited = Math.max(0, input.capRoom);
    calculation.push({ key: "claims.calc.cap", vars: { count: credited } });
  }
  return { lines, total, credited, calculation, bonuses };
}
