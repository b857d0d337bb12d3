import { TIERS, type Tier } from "@db/schema/enums";

/**
 * The tier rules as plain functions (no database): which tier a volume and a number of certified
 * people reach, what is missing for the next one, what a review does with a partner, and which
 * days a trailing-12-month window and a review period cover. The review job, the pages and the
 * unit tests all go through these, so the rule is written once.
 */

/** What a tier above Registered takes. `minCertified` 0 = no certification requirement. */
export type TierRule = { tier: Exclude<Tier, "registered">; minVolume: number; minCertified: number };

/**
 * What a review measured of a partner: its volume (minor units or points) and its certified people.
 * `certifiedFor` holds, for a tier that requires courses (training gates, /learn/requirements), the
 * people holding every one of them; a tier without required courses counts `certified`.
 */
export type TierMetrics = { volume: number; certified: number; certifiedFor?: Partial<Record<Tier, number>> };

/** The certified people that count for one tier's rule. */
export function certifiedFor(m: TierMetrics, tier: Tier): number {
  return m.certifiedFor?.[tier] ?? m.certified;
}

export function tierRank(tier: Tier): number {
  return TIERS.indexOf(tier);
}

/** The rules in tier order, Silver first; a tier without a rule cannot be reached. */
function ordered(rules: readonly TierRule[]): TierRule[] {
  return [...rules].sort((a, b) => tierRank(a.tier) - tierRank(b.tier));
}

/** Whether a partner with these metrics meets a tier's rule (volume AND certified people). */
export function meets(rule: TierRule, m: TierMetrics): boolean {
  return m.volume >= rule.minVolume && certifiedFor(m, rule.tier) >= rule.minCertified;
}

/**
 * The highest tier whose rule is met, and every tier below it too: a partner that meets Gold's
 * volume but not Silver's certification stays below Silver (tiers are steps, climbed in order).
 */
export function computeTier(m: TierMetrics, rules: readonly TierRule[]): Tier {
  let reached: Tier = "registered";
  for (const rule of ordered(rules)) {
    if (!meets(rule, m)) break;
    reached = rule.tier;
  }
  return reached;
}

/** What a partner needs for the tier after `current`: how much more volume and how many more certified people. */
export type NextTier = {
  tier: Tier;
  minVolume: number;
  minCertified: number;
  missingVolume: number;
  missingCertified: number;
  /** Progress towards the next tier's volume, whole percent 0..100 (rounded down: 100 only when reached). */
  percent: number;
};

export function nextTier(current: Tier, m: TierMetrics, rules: readonly TierRule[]): NextTier | null {
  const rule = ordered(rules).find((r) => tierRank(r.tier) > tierRank(current));
  if (!rule) return null;
  const missingVolume = Math.max(0, rule.minVolume - m.volume);
  const missingCertified = Math.max(0, rule.minCertified - certifiedFor(m, rule.tier));
  const percent = rule.minVolume <= 0 ? 100 : Math.min(100, Math.floor((Math.max(0, m.volume) * 100) / rule.minVolume));
  return { tier: rule.tier, minVolume: rule.minVolume, minCertified: rule.minCertified, missingVolume, missingCertified, percent };
}

/** A partner as a review finds it. Days are ISO (YYYY-MM-DD, UTC). */
export type ReviewInput = {
  current: Tier;
  computed: Tier;
  pinned: Tier | null;
  atRiskUntil: string | null;
  today: string;
  graceDays: number;
};

/** What the review does: change the tier, mark it at risk until a day, or leave it (clearing any risk). */
export type ReviewDecision =
  | { kind: "change"; to: Tier; direction: "up" | "down" | "pin" }
  | { kind: "at_risk"; until: string }
  | { kind: "keep" };

/**
 * The review rule: a pin wins (the pinned tier, no risk); a higher computed tier applies at once;
 * a lower one first marks the partner at risk for `graceDays`, and the first review on or after
 * that day lowers it to what it then computes; a partner back at its tier is no longer at risk.
 */
export function decideReview(p: ReviewInput): ReviewDecision {
  if (p.pinned) return p.pinned === p.current ? { kind: "keep" } : { kind: "change", to: p.pinned, direction: "pin" };
  const diff = tierRank(p.computed) - tierRank(p.current);
  if (diff > 0) return { kind: "change", to: p.computed, direction: "up" };
  if (diff === 0) return { kind: "keep" };
  if (p.atRiskUntil === null) {
    if (p.graceDays <= 0) return { kind: "change", to: p.computed, direction: "down" };
    return { kind: "at_risk", until: addIsoDays(p.today, p.graceDays) };
  }
  if (p.today >= p.atRiskUntil) return { kind: "change", to: p.computed, direction: "down" };
  return { kind: "at_risk", until: p.atRiskUntil };
}

export function addIsoDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The trailing 12 months ending on `today`, both ends included: 2026-12-01 covers invoices from
 * 2025-12-02 to 2026-12-01. From a 29 February, a year back rolls over to 1 March, so it starts on 2 March.
 */
export function trailingWindow(today: string): { from: string; to: string } {
  const [y, m, d] = today.split("-").map(Number);
  const yearAgo = new Date(Date.UTC(y - 1, m - 1, d));
  // 29 February a year back is 1 March (Date rolls it over); the window then starts the day after.
  const from = new Date(yearAgo.getTime() + 86_400_000).toISOString().slice(0, 10);
  return { from, to: today };
}

/** The review period a day falls in: "2026-12" monthly, "2026-Q4" quarterly. */
export function reviewPeriodKey(today: string, cadence: "monthly" | "quarterly"): string {
  const [y, m] = today.split("-").map(Number);
  return cadence === "monthly" ? `${y}-${String(m).padStart(2, "0")}` : `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
}

/** The rules must climb: each tier asks at least as much as the one below it. */
export function rulesClimb(rules: readonly TierRule[]): boolean {
  const o = ordered(rules);
  return o.every((r, i) => i === 0 || (r.minVolume >= o[i - 1].minVolume && r.minCertified >= o[i - 1].minCertified));
}
