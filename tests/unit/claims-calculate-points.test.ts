import { describe, expect, it } from "vitest";
import {
  calculatePoints,
  promotionFor,
  roundHalfUp,
  valueOn,
  type PointsRules,
  type RulePromotion,
} from "../../app/domain/claims/calculate-points";
import { createTranslator } from "../../app/i18n/translate";
import { createFormatter } from "../../app/i18n/format";
import { lineText } from "../../app/components/claims/parts";
import { invoiceKey, looseInvoiceKey } from "../../app/domain/claims/shared";
import { parseCsv } from "../../app/lib/csv";

const DRILL = { id: "p-drill", sku: "VT-DR18", name: "Drill", category: "Drills", rates: [{ from: "2000-01-01", value: 120 }] };
const BATTERY = { id: "p-batt", sku: "VT-B18", name: "Battery", category: "Batteries", rates: [{ from: "2000-01-01", value: 25 }] };
const DISC = { id: "p-disc", sku: "VT-DISC", name: "Disc", category: "Accessories", rates: [{ from: "2000-01-01", value: 5 }] };

function rules(over: Partial<PointsRules> = {}): PointsRules {
  return {
    products: { [DRILL.id]: DRILL, [BATTERY.id]: BATTERY, [DISC.id]: DISC },
    tierPercents: [],
    rolePercents: [],
    promotions: [],
    ...over,
  };
}
const base = { invoiceDate: "2026-05-10", tier: "registered" as const, role: "salesperson" as const };
const en = createTranslator("en");
const fmt = createFormatter("en");
const text = (lines: Array<{ key: string; vars?: Record<string, string | number> }>) => lines.map((l) => lineText(en, fmt, l));

describe("points calculation", () => {
  it("multiplies base points by quantity when no multiplier applies", () => {
    const r = calculatePoints(rules(), {
      ...base,
      lines: [
        { productId: DRILL.id, quantity: 3 },
        { productId: BATTERY.id, quantity: 2 },
      ],
    });
    expect(r.lines.map((l) => l.points)).toEqual([360, 50]);
    expect(r.total).toBe(410);
    expect(r.credited).toBe(410);
    expect(text(r.calculation)).toEqual([
      "Rules in force on May 10, 2026:",
      "Registered partner tier: × 1",
      "Salesperson role: × 1",
      "Drill (VT-DR18): 3 × 120 = 360",
      "Battery (VT-B18): 2 × 25 = 50",
      "Total: 410 points",
    ]);
  });

  it("applies the partner tier and the participant role multipliers, each shown", () => {
    const r = calculatePoints(
      rules({ tierPercents: [{ from: "2000-01-01", value: 125 }], rolePercents: [{ from: "2000-01-01", value: 110 }] }),
      {
        ...base,
        tier: "gold",
        role: "technician",
        lines: [{ productId: DRILL.id, quantity: 2 }],
      },
    );
    // 2 x 120 x 1.25 x 1.1 = 330 exactly
    expect(r.total).toBe(330);
    expect(text(r.calculation)).toContain("Gold partner tier: × 1.25");
    expect(text(r.calculation)).toContain("Technician role: × 1.1");
    expect(text(r.calculation)).toContain("Drill (VT-DR18): 2 × 120 × 1.25 × 1.1 = 330");
  });

  it("uses the rates in force on the invoice date, not today's", () => {
    const changed = {
      ...DRILL,
      rates: [
        { from: "2000-01-01", value: 120 },
        { from: "2026-06-01", value: 200 },
      ],
    };
    const tierHistory = [
      { from: "2000-01-01", value: 110 },
      { from: "2026-06-01", value: 150 },
    ];
    const before = calculatePoints(rules({ products: { [DRILL.id]: changed }, tierPercents: tierHistory }), {
      ...base,
      tier: "silver",
      invoiceDate: "2026-05-31",
      lines: [{ productId: DRILL.id, quantity: 1 }],
    });
    const after = calculatePoints(rules({ products: { [DRILL.id]: changed }, tierPercents: tierHistory }), {
      ...base,
      tier: "silver",
      invoiceDate: "2026-06-01",
      lines: [{ productId: DRILL.id, quantity: 1 }],
    });
    expect(before.total).toBe(132); // 120 x 1.1
    expect(after.total).toBe(300); // 200 x 1.5
    expect(valueOn(tierHistory, "1999-12-31", 100)).toBe(100);
  });

  it("applies a promotion inside its date window only, edges included, by category or by product", () => {
    const byCategory: RulePromotion = {
      id: "pr1",
      name: "Battery month",
      startsOn: "2026-05-01",
      endsOn: "2026-05-31",
      percent: 200,
      category: "Batteries",
      productIds: [],
    };
    const byProduct: RulePromotion = {
      id: "pr2",
      name: "Drill week",
      startsOn: "2026-05-10",
      endsOn: "2026-05-16",
      percent: 150,
      category: null,
      productIds: [DRILL.id],
    };
    const r = rules({ promotions: [byCategory, byProduct] });
    const line = (date: string, productId: string) =>
      calculatePoints(r, { ...base, invoiceDate: date, lines: [{ productId, quantity: 2 }] }).total;
    expect(line("2026-05-01", BATTERY.id)).toBe(100); // first day: doubled
    expect(line("2026-05-31", BATTERY.id)).toBe(100); // last day: doubled
    expect(line("2026-06-01", BATTERY.id)).toBe(50); // day after: base
    expect(line("2026-04-30", BATTERY.id)).toBe(50); // day before: base
    expect(line("2026-05-12", DRILL.id)).toBe(360); // product promotion x1.5
    expect(line("2026-05-12", DISC.id)).toBe(10); // not covered
    const shown = text(
      calculatePoints(r, { ...base, invoiceDate: "2026-05-12", lines: [{ productId: BATTERY.id, quantity: 2 }] }).calculation,
    );
    expect(shown).toContain("Promotion “Battery month” (May 1, 2026 – May 31, 2026): × 2 on Batteries");
    expect(shown).toContain("Battery (VT-B18): 2 × 25 × 2 = 100 (with “Battery month”)");
  });

  it("never stacks promotions: the best one applies to a line", () => {
    const a: RulePromotion = {
      id: "a",
      name: "Small",
      startsOn: "2026-05-01",
      endsOn: "2026-05-31",
      percent: 150,
      category: "Drills",
      productIds: [],
    };
    const b: RulePromotion = {
      id: "b",
      name: "Big",
      startsOn: "2026-05-05",
      endsOn: "2026-05-20",
      percent: 300,
      category: null,
      productIds: [DRILL.id],
    };
    expect(promotionFor([a, b], DRILL, "2026-05-10")?.name).toBe("Big");
    expect(promotionFor([a, b], DRILL, "2026-05-25")?.name).toBe("Small");
    const r = calculatePoints(rules({ promotions: [a, b] }), { ...base, lines: [{ productId: DRILL.id, quantity: 1 }] });
    expect(r.total).toBe(360); // 120 x 3, not 120 x 1.5 x 3
  });

  it("rounds each line half up to whole points and explains it", () => {
    // 1 x 5 x 1.1 = 5.5 -> 6 ; 1 x 25 x 1.1 = 27.5 -> 28 ; 3 x 5 x 1.1 = 16.5 -> 17
    const r = calculatePoints(rules({ tierPercents: [{ from: "2000-01-01", value: 110 }] }), {
      ...base,
      tier: "silver",
      lines: [
        { productId: DISC.id, quantity: 1 },
        { productId: BATTERY.id, quantity: 1 },
        { productId: DISC.id, quantity: 3 },
      ],
    });
    expect(r.lines.map((l) => l.points)).toEqual([6, 28, 17]);
    expect(r.total).toBe(51); // the sum of the lines shown, not round(49.5) = 50
    expect(text(r.calculation)).toContain("exactly 5.5, rounded to 6");
    expect(text(r.calculation)).toContain("Each line is rounded to whole points, halves up.");
    // Just below a half goes down: 1 x 5 x 1.09 = 5.45 -> 5
    const down = calculatePoints(rules({ tierPercents: [{ from: "2000-01-01", value: 109 }] }), {
      ...base,
      tier: "silver",
      lines: [{ productId: DISC.id, quantity: 1 }],
    });
    expect(down.total).toBe(5);
    expect(roundHalfUp(5n, 2n)).toBe(3);
    expect(roundHalfUp(7n, 3n)).toBe(2);
    expect(roundHalfUp(0n, 7n)).toBe(0);
  });

  it("stays exact with the largest quantities and multipliers (no floating point)", () => {
    const huge = { ...DRILL, rates: [{ from: "2000-01-01", value: 1_000_000 }] };
    const r = calculatePoints(
      rules({
        products: { [DRILL.id]: huge },
        tierPercents: [{ from: "2000-01-01", value: 1000 }],
        rolePercents: [{ from: "2000-01-01", value: 1000 }],
        promotions: [
          { id: "x", name: "x", startsOn: "2000-01-01", endsOn: "2100-01-01", percent: 1000, category: "Drills", productIds: [] },
        ],
      }),
      {
        ...base,
        lines: [{ productId: DRILL.id, quantity: 999 }],
      },
    );
    expect(r.total).toBe(999_000_000_000);
    expect(Number.isSafeInteger(r.total)).toBe(true);
  });

  it("limits what is credited to the monthly cap room, and says so, without changing what the claim is worth", () => {
    const r = calculatePoints(rules(), { ...base, lines: [{ productId: DRILL.id, quantity: 5 }], capRoom: 250 });
    expect(r.total).toBe(600);
    expect(r.credited).toBe(250);
    expect(text(r.calculation).at(-1)).toBe("Monthly earning cap: only 250 more points can be credited this month.");
    expect(calculatePoints(rules(), { ...base, lines: [{ productId: DRILL.id, quantity: 1 }], capRoom: 250 }).credited).toBe(120);
    expect(calculatePoints(rules(), { ...base, lines: [{ productId: DRILL.id, quantity: 1 }], capRoom: 0 }).credited).toBe(0);
    expect(calculatePoints(rules(), { ...base, lines: [{ productId: DRILL.id, quantity: 1 }], capRoom: null }).credited).toBe(120);
  });

  it("reads the same in Russian, with Russian plurals and number formats", () => {
    const r = calculatePoints(rules({ tierPercents: [{ from: "2000-01-01", value: 125 }] }), {
      ...base,
      tier: "gold",
      lines: [
        { productId: DRILL.id, quantity: 1 },
        { productId: DISC.id, quantity: 1 },
      ],
    });
    const ru = r.calculation.map((l) => lineText(createTranslator("ru"), createFormatter("ru"), l));
    expect(ru).toContain("Уровень партнёра «Золотой»: × 1,25");
    expect(ru.at(-1)).toBe("Итого: 156 баллов");
  });
});

describe("claims helpers", () => {
  it("treats invoice numbers that differ only in spacing or case as the same, and near ones as alike", () => {
    expect(invoiceKey("  inv  0042 ")).toBe("INV 0042");
    expect(looseInvoiceKey("INV-0042")).toBe(looseInvoiceKey("inv 42"));
    expect(looseInvoiceKey("NF/19012")).toBe(looseInvoiceKey("nf-19012"));
    expect(looseInvoiceKey("NF/19012")).not.toBe(looseInvoiceKey("NF/19013"));
  });

  it("reads CSV with quotes, commas and semicolons, keeping line numbers", () => {
    const rows = parseCsv('sku,name,points\r\nA-1,"Drill, 18 V",10\n\nB-2,"Say ""hi""",5\n"C-3","two\nlines",7\n');
    expect(rows.map((r) => r.line)).toEqual([1, 2, 4, 5]);
    expect(rows[1].fields).toEqual(["A-1", "Drill, 18 V", "10"]);
    expect(rows[2].fields[1]).toBe('Say "hi"');
    expect(rows[3].fields[1]).toBe("two\nlines");
    expect(parseCsv("sku;name;points\nA;B;3")[1].fields).toEqual(["A", "B", "3"]);
  });
});
