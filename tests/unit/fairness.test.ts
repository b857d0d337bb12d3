import { describe, expect, it } from "vitest";
import { fairness, roundToWholeUnits } from "~/domain/shop/fairness";

const base = { pointValueMinor: 1, currency: "EUR", retailCurrency: "EUR", marginPercent: 20 };

describe("fair rewards", () => {
  it("values the seeded tackle box (2 400 points at 1 cent) at EUR 24.00", () => {
    const f = fairness({ ...base, pointsPrice: 2400, retailPriceMinor: null, retailCurrency: null });
    expect(f).toEqual({ costMinor: 2400, worthAboutMinor: 2400, currency: "EUR", overRetailPercent: null, warn: false });
  });

  it("rounds half up to whole euros for 'worth about'", () => {
    expect(fairness({ ...base, pointsPrice: 4450, retailPriceMinor: null }).worthAboutMinor).toBe(4500);
    expect(fairness({ ...base, pointsPrice: 4449, retailPriceMinor: null }).worthAboutMinor).toBe(4400);
    expect(roundToWholeUnits(1234, "JPY")).toBe(1234);
    // Under half a euro the exact amount is shown, never "about EUR 0".
    expect(fairness({ ...base, pointsPrice: 30, retailPriceMinor: null }).worthAboutMinor).toBe(30);
  });

  it("warns when 6 900 points (EUR 69) buy a EUR 50 item: 38% more, above a 20% margin", () => {
    const f = fairness({ ...base, pointsPrice: 6900, retailPriceMinor: 5000 });
    expect(f.overRetailPercent).toBe(38);
    expect(f.warn).toBe(true);
  });

  it("does not warn at exactly the margin, warns one cent above it", () => {
    expect(fairness({ ...base, pointsPrice: 6000, retailPriceMinor: 5000 }).warn).toBe(false);
    expect(fairness({ ...base, pointsPrice: 6001, retailPriceMinor: 5000 }).warn).toBe(true);
    expect(fairness({ ...base, pointsPrice: 6001, retailPriceMinor: 5000, marginPercent: 50 }).warn).toBe(false);
  });

  it("reports a reward cheaper than retail as a negative difference without a warning", () => {
    const f = fairness({ ...base, pointsPrice: 4000, retailPriceMinor: 5000 });
    expect(f.overRetailPercent).toBe(-20);
    expect(f.warn).toBe(false);
  });

  it("uses the point value: 900 points at 5 cents is EUR 45 against a EUR 30 retail price (50% more)", () => {
    const f = fairness({ ...base, pointsPrice: 900, pointValueMinor: 5, retailPriceMinor: 3000 });
    expect(f.costMinor).toBe(4500);
    expect(f.overRetailPercent).toBe(50);
    expect(f.warn).toBe(true);
  });

  it("gives no verdict for a retail price in another currency", () => {
    const f = fairness({ ...base, pointsPrice: 100_000, retailPriceMinor: 100, retailCurrency: "USD" });
    expect(f.overRetailPercent).toBeNull();
    expect(f.warn).toBe(false);
  });
});
