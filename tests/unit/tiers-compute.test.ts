import { describe, expect, it } from "vitest";
import {
  computeTier,
  decideReview,
  nextTier,
  reviewPeriodKey,
  rulesClimb,
  type TierRule,
  trailingWindow,
} from "../../app/domain/tiers/compute";

/**
 * The tier rule by hand (issue 14). Demo-like thresholds in euro cents: Silver EUR 10,000;
 * Gold EUR 50,000 and one certified person; Platinum EUR 150,000 and two.
 */
const rules: TierRule[] = [
  { tier: "platinum", minVolume: 15_000_000, minCertified: 2 },
  { tier: "silver", minVolume: 1_000_000, minCertified: 0 },
  { tier: "gold", minVolume: 5_000_000, minCertified: 1 },
];

describe("thresholds and requirements", () => {
  it("reaches the highest tier whose volume and certified people are both met", () => {
    expect(computeTier({ volume: 0, certified: 5 }, rules)).toBe("registered");
    expect(computeTier({ volume: 999_999, certified: 0 }, rules)).toBe("registered");
    // Exactly on the threshold counts.
    expect(computeTier({ volume: 1_000_000, certified: 0 }, rules)).toBe("silver");
    expect(computeTier({ volume: 5_000_000, certified: 1 }, rules)).toBe("gold");
    expect(computeTier({ volume: 20_000_000, certified: 2 }, rules)).toBe("platinum");
  });

  it("holds a partner at Silver when Gold's volume is there but no one is certified", () => {
    expect(computeTier({ volume: 8_000_000, certified: 0 }, rules)).toBe("silver");
    // Platinum volume with one certified person: Gold, not Platinum.
    expect(computeTier({ volume: 20_000_000, certified: 1 }, rules)).toBe("gold");
  });

  it("climbs in order: a tier whose lower step is not met is not reached", () => {
    const odd: TierRule[] = [
      { tier: "silver", minVolume: 100, minCertified: 3 },
      { tier: "gold", minVolume: 200, minCertified: 0 },
    ];
    expect(computeTier({ volume: 500, certified: 0 }, odd)).toBe("registered");
    expect(rulesClimb(odd)).toBe(false);
    expect(rulesClimb(rules)).toBe(true);
  });

  it("says what is missing for the next tier: EUR 42,000 more and one more certified person for Gold", () => {
    // Silver with EUR 8,000 of sales and nobody certified: 5,000,000 - 800,000 = 4,200,000 cents.
    const next = nextTier("silver", { volume: 800_000, certified: 0 }, rules);
    expect(next).toEqual({
      tier: "gold",
      minVolume: 5_000_000,
      minCertified: 1,
      missingVolume: 4_200_000,
      missingCertified: 1,
      percent: 16,
    });
    // Gold volume reached, one person short of Platinum's two: only people are missing.
    expect(nextTier("gold", { volume: 16_000_000, certified: 1 }, rules)).toMatchObject({
      tier: "platinum",
      missingVolume: 0,
      missingCertified: 1,
      percent: 100,
    });
    // 14,999,999 of 15,000,000 rounds down to 99%: 100% only when the volume is there.
    expect(nextTier("gold", { volume: 14_999_999, certified: 2 }, rules)?.percent).toBe(99);
    expect(nextTier("platinum", { volume: 99_000_000, certified: 9 }, rules)).toBeNull();
  });
});

describe("the review: up at once, down after the grace period, pins win", () => {
  const base = { pinned: null, atRiskUntil: null, today: "2026-12-01", graceDays: 60 } as const;

  it("upgrades at once, even by two steps", () => {
    expect(decideReview({ ...base, current: "silver", computed: "platinum" })).toEqual({ kind: "change", to: "platinum", direction: "up" });
  });

  it("marks a partner below its tier at risk for the grace period, then lowers it on or after that day", () => {
    // 2026-12-01 + 60 days = 2027-01-30.
    expect(decideReview({ ...base, current: "gold", computed: "silver" })).toEqual({ kind: "at_risk", until: "2027-01-30" });
    // A review inside the grace period keeps the date it set.
    expect(decideReview({ ...base, current: "gold", computed: "silver", atRiskUntil: "2027-01-30", today: "2027-01-01" })).toEqual({
      kind: "at_risk",
      until: "2027-01-30",
    });
    expect(decideReview({ ...base, current: "gold", computed: "silver", atRiskUntil: "2027-01-30", today: "2027-01-29" })).toEqual({
      kind: "at_risk",
      until: "2027-01-30",
    });
    // On the day the grace ends, it goes down to what it computes then (two steps if so).
    expect(decideReview({ ...base, current: "gold", computed: "registered", atRiskUntil: "2027-01-30", today: "2027-01-30" })).toEqual({
      kind: "change",
      to: "registered",
      direction: "down",
    });
  });

  it("forgets the risk when the partner is back at its tier, and lowers at once with no grace", () => {
    expect(decideReview({ ...base, current: "gold", computed: "gold", atRiskUntil: "2027-01-30" })).toEqual({ kind: "keep" });
    expect(decideReview({ ...base, current: "gold", computed: "silver", graceDays: 0 })).toEqual({
      kind: "change",
      to: "silver",
      direction: "down",
    });
  });

  it("leaves a pinned tier alone whatever the volume says, and applies a pin that differs", () => {
    expect(decideReview({ ...base, current: "gold", computed: "registered", pinned: "gold", atRiskUntil: "2026-01-01" })).toEqual({
      kind: "keep",
    });
    expect(decideReview({ ...base, current: "gold", computed: "platinum", pinned: "gold" })).toEqual({ kind: "keep" });
    expect(decideReview({ ...base, current: "silver", computed: "silver", pinned: "gold" })).toEqual({
      kind: "change",
      to: "gold",
      direction: "pin",
    });
  });
});

describe("days", () => {
  it("takes the trailing 12 months with both ends, and names the review period", () => {
    expect(trailingWindow("2026-12-01")).toEqual({ from: "2025-12-02", to: "2026-12-01" });
    expect(trailingWindow("2026-03-01")).toEqual({ from: "2025-03-02", to: "2026-03-01" });
    // 29 February: a year back rolls to 1 March, so the window starts on 2 March.
    expect(trailingWindow("2028-02-29")).toEqual({ from: "2027-03-02", to: "2028-02-29" });
    expect(reviewPeriodKey("2026-12-01", "monthly")).toBe("2026-12");
    expect(reviewPeriodKey("2026-12-01", "quarterly")).toBe("2026-Q4");
    expect(reviewPeriodKey("2026-01-31", "quarterly")).toBe("2026-Q1");
    expect(reviewPeriodKey("2026-07-01", "quarterly")).toBe("2026-Q3");
  });
});
