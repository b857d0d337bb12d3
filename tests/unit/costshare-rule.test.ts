import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  applyShare,
  businessDaysBetween,
  percent,
  reimbursement,
  shareFor,
  utilisationBp,
  type ShareRule,
} from "../../app/domain/costshare/rule";

const TABLE: ShareRule = { kind: "table", table: [5000, 3500, 2500, 1500] };
const FORMULA: ShareRule = { kind: "formula", baseBp: 5000 };

describe("the cost-share rule", () => {
  it("gives 50%, 35%, 25% and 15% by the table for 0, 1, 2 and 5 other brands", () => {
    expect([0, 1, 2, 3, 5].map((n) => shareFor(TABLE, n))).toEqual([5000, 3500, 2500, 1500, 1500]);
    const amounts = [0, 1, 2, 5].map((n) => reimbursement({ rule: TABLE, costMinor: 1_000_000, otherBrands: n }).amountMinor);
    expect(amounts).toEqual([500_000, 350_000, 250_000, 150_000]);
  });

  it("gives base / (1 + others) by the formula, rounded down", () => {
    expect([0, 1, 2, 5].map((n) => shareFor(FORMULA, n))).toEqual([5000, 2500, 1666, 833]);
    const r = reimbursement({ rule: FORMULA, costMinor: 1_000_001, otherBrands: 2 });
    // 1,000,001 x 16.66% = 166,600.1666 -> 166,600 (never a fraction more).
    expect(r.amountMinor).toBe(166_600);
    expect(r.lines[0]).toEqual({ key: "costshare.rule.formula", vars: { base: "50%", others: 2, share: "16.66%" } });
  });

  it("splits a trade-show booth equally among the brands shown", () => {
    expect(shareFor(TABLE, 0, true)).toBe(10000);
    expect(shareFor(TABLE, 1, true)).toBe(5000);
    expect(shareFor(TABLE, 2, true)).toBe(3333);
    expect(shareFor(TABLE, 5, true)).toBe(1666);
    const r = reimbursement({ rule: TABLE, costMinor: 900_000, otherBrands: 2, equalSplit: true });
    expect(r.amountMinor).toBe(299_970);
    expect(r.lines[0].key).toBe("costshare.rule.equal_split");
  });

  it("caps by the available funds at request and by the approved amount at claim, and says so", () => {
    const byFunds = reimbursement({ rule: TABLE, costMinor: 1_000_000, otherBrands: 0, capMinor: 120_000, capKind: "funds" });
    expect(byFunds).toMatchObject({ ruleMinor: 500_000, amountMinor: 120_000, capped: true });
    expect(byFunds.lines.at(-1)?.key).toBe("costshare.rule.capped_funds");
    const byApproved = reimbursement({ rule: TABLE, costMinor: 400_000, otherBrands: 1, capMinor: 200_000, capKind: "approved" });
    // 35% of 4,000.00 = 1,400.00: under the approved 2,000.00, so not capped.
    expect(byApproved).toMatchObject({ amountMinor: 140_000, capped: false });
    const over = reimbursement({ rule: TABLE, costMinor: 800_000, otherBrands: 0, capMinor: 200_000, capKind: "approved" });
    expect(over).toMatchObject({ amountMinor: 200_000, capped: true });
    expect(over.lines.at(-1)?.key).toBe("costshare.rule.capped_approved");
    expect(reimbursement({ rule: TABLE, costMinor: 1_000, otherBrands: 0, capMinor: 0 }).amountMinor).toBe(0);
  });

  it("never uses floating point on large amounts", () => {
    expect(applyShare(9_007_199_254_740_991, 5000)).toBe(4_503_599_627_370_495);
    expect(percent(3333)).toBe("33.33%");
    expect(percent(1650)).toBe("16.5%");
    expect(utilisationBp(2500, 10000)).toBe(2500);
    expect(utilisationBp(5, 0)).toBe(0);
  });

  it("counts business days Monday to Friday", () => {
    // 2026-12-04 is a Friday: the next Monday is one business day later.
    expect(businessDaysBetween("2026-12-04", "2026-12-07")).toBe(1);
    expect(businessDaysBetween("2026-12-01", "2026-12-15")).toBe(10);
    expect(businessDaysBetween("2026-12-15", "2026-12-01")).toBe(0);
    expect(addBusinessDays("2026-12-04", 1)).toBe("2026-12-07");
    expect(addBusinessDays("2026-12-01", 10)).toBe("2026-12-15");
  });
});
