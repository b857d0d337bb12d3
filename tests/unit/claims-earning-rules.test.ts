import { describe, expect, it } from "vitest";
import {
  acceleratorBonus,
  calculatePoints,
  inAudience,
  majorText,
  stepAt,
  type EarningRule,
  type PointsRules,
  type RuleAccelerator,
  type RuleBundle,
  type RuleValuePercent,
} from "../../app/domain/claims/calculate-points";
import { createTranslator } from "../../app/i18n/translate";
import { createFormatter } from "../../app/i18n/format";
import { lineText } from "../../app/components/claims/parts";

/**
 * Every earning-rule shape of issue 19 with the issue's own numbers, checked against tables
 * computed by hand (the comment beside each row shows the arithmetic).
 */
const DRILL = {
  id: "p-drill",
  sku: "VT-DR18",
  name: "Drill",
  category: "Drills",
  rates: [{ from: "2000-01-01", value: 10 }],
  listPriceMinor: 12_345,
};
const CABLE = {
  id: "p-cable",
  sku: "VT-C1",
  name: "Cable",
  category: "Cables",
  rates: [{ from: "2000-01-01", value: 0 }],
  listPriceMinor: 1_000,
};
const window = { startsOn: "2026-01-01", endsOn: "2026-12-31" };
const rules = (earningRules: EarningRule[], over: Partial<PointsRules> = {}): PointsRules => ({
  products: { [DRILL.id]: DRILL, [CABLE.id]: CABLE },
  tierPercents: [],
  rolePercents: [],
  promotions: [],
  earningRules,
  pointValueMinor: 1,
  currency: "EUR",
  ...over,
});
const base = {
  invoiceDate: "2026-05-10",
  tier: "registered" as const,
  role: "salesperson" as const,
  userId: "u-1",
  organisationId: "org-1",
  region: "Baltics",
};
const en = createTranslator("en");
const fmt = createFormatter("en");
const text = (lines: Array<{ key: string; vars?: Record<string, string | number> }>) => lines.map((l) => lineText(en, fmt, l));

// 1-100 units at the base rate, 101-200 +5%, 201-300 +10%, above 300 +20%.
const BANDS = [
  { from: 1, value: 0 },
  { from: 101, value: 5 },
  { from: 201, value: 10 },
  { from: 301, value: 20 },
];
const accelerator = (mode: "marginal" | "whole", over: Partial<RuleAccelerator> = {}): RuleAccelerator => ({
  id: "acc",
  name: "Drill volume",
  kind: "accelerator",
  mode,
  basis: "participant",
  measure: "units",
  steps: BANDS,
  category: "Drills",
  productIds: [],
  ...window,
  ...over,
});
// Under 1,000 EUR last month -> 3%, 1,000-1,500 -> 10%, 1,500 and over -> 15% (steps in cents, percents in hundredths).
const byLastMonth: RuleValuePercent = {
  id: "val",
  name: "Invoice share",
  kind: "value_percent",
  basis: "partner",
  measure: "value",
  steps: [
    { from: 0, value: 300 },
    { from: 100_000, value: 1_000 },
    { from: 150_000, value: 1_500 },
  ],
  category: null,
  productIds: [],
  ...window,
};
const flat = (bp: number): RuleValuePercent => ({ ...byLastMonth, steps: [{ from: 0, value: bp }] });

describe("percent of invoice value", () => {
  it("turns the typed line value into points at the point value, rounding half up once per line", () => {
    const table: Array<[valueMinor: number, bp: number, pointValue: number, points: number]> = [
      [123_456, 300, 1, 3_704], // 1,234.56 EUR x 3% = 37.0368 EUR = 3,703.68 points at 1 cent -> 3,704
      [100_000, 300, 10, 300], // 1,000.00 EUR x 3% = 30.00 EUR; at 10 cents a point -> 300
      [50, 100, 1, 1], // 0.50 EUR x 1% = 0.5 points -> half rounds up to 1
      [49, 100, 1, 0], // 0.49 points -> 0
      [150, 100, 1, 2], // 1.5 -> 2
      [99_999, 333, 7, 476], // 99,999 x 3.33% / 7 = 475.71... -> 476
    ];
    for (const [valueMinor, bp, pointValue, points] of table) {
      const r = calculatePoints(rules([flat(bp)], { pointValueMinor: pointValue }), {
        ...base,
        lines: [{ productId: CABLE.id, quantity: 1, valueMinor }],
      });
      expect([valueMinor, bp, pointValue, r.total]).toEqual([valueMinor, bp, pointValue, points]);
    }
  });

  it("uses list price x quantity when no amount was typed, adds to unit points, and explains each part", () => {
    // Drill: 3 x 10 points + 2% of 3 x 123.45 = 370.35 EUR -> 740.7 points; 30 + 740.7 = 770.7 -> 771.
    const r = calculatePoints(rules([flat(200)]), { ...base, lines: [{ productId: DRILL.id, quantity: 3 }] });
    expect(r.total).toBe(771);
    expect(r.lines[0].valueRule).toEqual({ id: "val", percentBp: 200, valueMinor: 37_035 });
    expect(text(r.calculation)).toEqual([
      "Rules in force on May 10, 2026:",
      "Registered partner tier: × 1",
      "Salesperson role: × 1",
      "“Invoice share”: 2% of the invoice value, 1 point = 0.01 EUR",
      "Drill (VT-DR18):",
      "3 × 10 = 30 points for units",
      "+ 2% of the invoice value 370.35 EUR = 740.7 points",
      "= 771 points for this line",
      "exactly 770.7, rounded to 771",
      "Each line is rounded to whole points, halves up.",
      "Total: 771 points",
    ]);
  });

  it("steps the percent by last month's volume: under 1,000 -> 3%, 1,000-1,500 -> 10%, 1,500+ -> 15%", () => {
    const table: Array<[lastMonthMinor: number, points: number]> = [
      [0, 300], // 100.00 EUR x 3% = 3 EUR = 300 points
      [99_999, 300], // 999.99 EUR: still under 1,000
      [100_000, 1_000], // exactly 1,000: 10%
      [149_999, 1_000],
      [150_000, 1_500], // 1,500 and over: 15%
      [1_000_000, 1_500],
    ];
    for (const [previous, points] of table) {
      const r = calculatePoints(rules([byLastMonth]), {
        ...base,
        lines: [{ productId: CABLE.id, quantity: 1, valueMinor: 10_000 }],
        volumes: { val: { current: 0, previous } },
      });
      expect([previous, r.total]).toEqual([previous, points]);
    }
    expect(stepAt(byLastMonth.steps, 149_999)).toBe(1_000);
  });

  it("money stays exact in minor units whatever the currency", () => {
    expect(majorText(123_456, "EUR")).toBe("1234.56");
    expect(majorText(5, "EUR")).toBe("0.05");
    expect(majorText(1500, "JPY")).toBe("1500");
  });
});

describe("volume accelerators", () => {
  it("marginal: only the units inside a band get its rate (10 points a unit)", () => {
    const table: Array<[before: number, qty: number, points: number]> = [
      [0, 100, 1_000], // units 1-100 at base
      [80, 60, 620], // 81-100 at base (20 x 10 = 200) + 101-140 at +5% (40 x 10.5 = 420)
      [100, 100, 1_050], // 101-200 all +5%
      [250, 100, 1_150], // 251-300 +10% (550) + 301-350 +20% (600)
      [0, 350, 3_750], // 100 x 10 + 100 x 10.5 + 100 x 11 + 50 x 12
      [400, 1, 12], // deep in the top band
    ];
    for (const [before, qty, points] of table) {
      const r = calculatePoints(rules([accelerator("marginal")]), {
        ...base,
        lines: [{ productId: DRILL.id, quantity: qty }],
        volumes: { acc: { current: before, previous: 0 } },
      });
      expect([before, qty, r.total]).toEqual([before, qty, points]);
    }
  });

  it("whole-volume: the band the month reaches with this claim applies to all of its units", () => {
    const table: Array<[before: number, qty: number, points: number]> = [
      [0, 100, 1_000], // reaches 100: base
      [80, 60, 630], // reaches 140: +5% on all 60 = 630
      [250, 100, 1_200], // reaches 350: +20% on all 100
      [0, 350, 4_200], // 350 x 12
      [299, 1, 11], // reaches 300: +10%
      [300, 1, 12], // reaches 301: +20%
    ];
    for (const [before, qty, points] of table) {
      const r = calculatePoints(rules([accelerator("whole")]), {
        ...base,
        lines: [{ productId: DRILL.id, quantity: qty }],
        volumes: { acc: { current: before, previous: 0 } },
      });
      expect([before, qty, r.total]).toEqual([before, qty, points]);
    }
  });

  it("a claim crossing a band over two lines: the second line continues where the first ended", () => {
    // Before: 90. Line 1: 20 units = places 91-110: 10 base + 10 at +5% = 100 + 105 = 205.
    // Line 2: 95 units = places 111-205: 90 at +5% + 5 at +10% = 945 + 55 = 1,000.
    const r = calculatePoints(rules([accelerator("marginal")]), {
      ...base,
      lines: [
        { productId: DRILL.id, quantity: 20 },
        { productId: DRILL.id, quantity: 95 },
      ],
      volumes: { acc: { current: 90, previous: 0 } },
    });
    expect(r.lines.map((l) => l.points)).toEqual([205, 1_000]);
    expect(text(r.calculation)).toContain("× 1.025 accelerator “Drill volume” (10 × +0%, 10 × +5%)");
    expect(text(r.calculation)).toContain(
      "Accelerator “Drill volume”, each unit at its place in the invoice month's volume (before this claim: 90); bands 1+ → +0%, 101+ → +5%, 201+ → +10%, 301+ → +20%",
    );
  });

  it("multiplies with tier, role and promotion, and a product outside the rule is untouched", () => {
    // 100 drills after 100 others: all +5%; x gold 1.25 = 10 x 100 x 1.05 x 1.25 = 1,312.5 -> 1,313.
    const r = calculatePoints(rules([accelerator("marginal")], { tierPercents: [{ from: "2000-01-01", value: 125 }] }), {
      ...base,
      tier: "gold",
      lines: [
        { productId: DRILL.id, quantity: 100 },
        { productId: CABLE.id, quantity: 5 },
      ],
      volumes: { acc: { current: 100, previous: 0 } },
    });
    expect(r.lines.map((l) => l.points)).toEqual([1_313, 0]);
    expect(r.lines[1].accelerator).toBeUndefined();
  });

  it("band arithmetic on places, including value-measured bands", () => {
    expect(acceleratorBonus(BANDS, "marginal", 80, 60, 0).parts).toEqual([
      { places: 20, percent: 0 },
      { places: 40, percent: 5 },
    ]);
    expect(acceleratorBonus(BANDS, "whole", 80, 60, 140).weighted).toBe(300n);
  });
});

describe("bundles: buy N, get a bonus", () => {
  const bundle: RuleBundle = {
    id: "bun",
    name: "Ten drills",
    kind: "bundle",
    basis: "participant",
    measure: "units",
    setUnits: 10,
    bonus: 500,
    category: "Drills",
    productIds: [],
    ...window,
  };
  it("each completed set of 10 in the month is one bonus with its own key", () => {
    const table: Array<[before: number, qty: number, sets: number[]]> = [
      [0, 9, []],
      [0, 10, [1]],
      [8, 5, [1]], // 9th and 10th unit complete set 1
      [10, 3, []], // set 2 not complete
      [0, 25, [1, 2]],
      [19, 1, [2]],
    ];
    for (const [before, qty, sets] of table) {
      const r = calculatePoints(rules([bundle]), {
        ...base,
        lines: [{ productId: DRILL.id, quantity: qty }],
        volumes: { bun: { current: before, previous: 0 } },
      });
      expect([before, qty, r.bonuses.map((b) => b.key)]).toEqual([before, qty, sets.map((s) => `bundle:bun:u-1:2026-05:${s}`)]);
      expect(r.bonuses.every((b) => b.points === 500)).toBe(true);
      // The bonus is beside the lines, not inside the claim's total.
      expect(r.total).toBe(qty * 10);
    }
    const progress = calculatePoints(rules([bundle]), {
      ...base,
      lines: [{ productId: DRILL.id, quantity: 3 }],
      volumes: { bun: { current: 10, previous: 0 } },
    });
    expect(text(progress.calculation)).toContain("Bonus “Ten drills”: 3 of 10 units towards the next set this month");
  });

  it("a partner-based bundle keys the set by the partner, so two colleagues complete it once", () => {
    const r = calculatePoints(rules([{ ...bundle, basis: "partner" }]), {
      ...base,
      lines: [{ productId: DRILL.id, quantity: 10 }],
    });
    expect(r.bonuses.map((b) => b.key)).toEqual(["bundle:bun:org-1:2026-05:1"]);
    expect(text(r.calculation)).toContain("Bonus “Ten drills”: set 1 of 10 units completed, +500 points (credited once)");
  });
});

describe("first-claim bonus", () => {
  it("is a bonus with one key per participant, only on the first claim", () => {
    const r = calculatePoints(rules([], { firstClaimBonus: 250 }), {
      ...base,
      firstClaim: true,
      lines: [{ productId: DRILL.id, quantity: 1 }],
    });
    expect(r.bonuses).toEqual([{ key: "first_claim:u-1", kind: "first_claim", ruleId: null, name: "", points: 250 }]);
    expect(text(r.calculation).at(-1)).toBe("First-claim bonus: +250 points (credited once, with your first approved claim)");
    expect(
      calculatePoints(rules([], { firstClaimBonus: 250 }), { ...base, firstClaim: false, lines: [{ productId: DRILL.id, quantity: 1 }] })
        .bonuses,
    ).toEqual([]);
  });
});

describe("targeting: tiers, regions, partner lists, roles", () => {
  const promo = {
    id: "pr",
    name: "Baltic pilot",
    startsOn: "2026-05-01",
    endsOn: "2026-05-31",
    percent: 200,
    category: "Drills",
    productIds: [],
    audience: { regions: ["Baltics"] },
  };
  it("a regional pilot doubles points in its region only, and is not shown elsewhere", () => {
    const inside = calculatePoints(rules([], { promotions: [promo] }), { ...base, lines: [{ productId: DRILL.id, quantity: 2 }] });
    const outside = calculatePoints(rules([], { promotions: [promo] }), {
      ...base,
      region: "Nordics",
      lines: [{ productId: DRILL.id, quantity: 2 }],
    });
    expect([inside.total, outside.total]).toEqual([40, 20]);
    expect(text(outside.calculation).some((l) => l.includes("Baltic pilot"))).toBe(false);
  });
  it("every list given must contain the person; empty lists mean everyone", () => {
    const who = { tier: "gold", role: "salesperson", organisationId: "org-1", region: "Baltics" };
    expect(inAudience(undefined, who)).toBe(true);
    expect(inAudience({ tiers: [], roles: [] }, who)).toBe(true);
    expect(inAudience({ tiers: ["gold", "platinum"] }, who)).toBe(true);
    expect(inAudience({ tiers: ["silver"] }, who)).toBe(false);
    expect(inAudience({ partnerIds: ["org-2"] }, who)).toBe(false);
    expect(inAudience({ roles: ["purchasing_manager"] }, who)).toBe(false);
    expect(inAudience({ regions: ["Baltics"], roles: ["salesperson"] }, who)).toBe(true);
    // Without knowing the region, a regional rule does not apply.
    expect(inAudience({ regions: ["Baltics"] }, { tier: "gold" })).toBe(false);
  });
  it("an earning rule targeted at a role does not apply to other roles", () => {
    const targeted = { ...flat(1_000), audience: { roles: ["technician"] } };
    const r = calculatePoints(rules([targeted]), { ...base, lines: [{ productId: CABLE.id, quantity: 1, valueMinor: 10_000 }] });
    expect(r.total).toBe(0);
    const t = calculatePoints(rules([targeted]), {
      ...base,
      role: "technician",
      lines: [{ productId: CABLE.id, quantity: 1, valueMinor: 10_000 }],
    });
    expect(t.total).toBe(1_000);
  });
});
