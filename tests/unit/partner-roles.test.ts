import { describe, expect, it } from "vitest";
import {
  calculatePoints,
  type PointsRules,
  type RuleBundle,
  type RulePromotion,
  type RuleValuePercent,
} from "../../app/domain/claims/calculate-points";
import { lineText } from "../../app/components/claims/parts";
import { createFormatter } from "../../app/i18n/format";
import { createTranslator } from "../../app/i18n/translate";
import { assignableRoles, can, visibility } from "../../app/lib/permissions";
import {
  CLAIMANTS,
  INFLUENCERS,
  LOCALES,
  PARTICIPANTS,
  PARTNER_ROLES,
  PARTNER_ROLES_SQL_LIST,
  SELLERS,
  TEAM_LEADS,
} from "../../db/schema/enums";
import { INFLUENCER_RULES } from "../../scripts/seed/claims";

/**
 * Purchasing managers and accountants (issue 19): one role list that every grant derives from,
 * and their own earning rules in the one calculation, against numbers worked out by hand.
 */
const DRILL = {
  id: "p-drill",
  sku: "VT-DR18",
  name: "Drill",
  category: "Drills",
  rates: [{ from: "2000-01-01", value: 10 }],
  listPriceMinor: 12_345,
};
const window = { startsOn: "2026-01-01", endsOn: "2026-12-31" };
// The seeds' influencer rules: a stock-up bundle for purchasing managers, 1% of value for accountants.
const stockUp: RuleBundle = {
  id: "pm-bundle",
  name: "Stock-up bonus for purchasing managers",
  kind: "bundle",
  basis: "participant",
  measure: "units",
  setUnits: 20,
  bonus: 400,
  category: null,
  productIds: [],
  audience: { roles: ["purchasing_manager"] },
  ...window,
};
const onePercent: RuleValuePercent = {
  id: "acc-value",
  name: "Accountants: 1% of the invoice value",
  kind: "value_percent",
  basis: "participant",
  measure: "units",
  steps: [{ from: 0, value: 100 }],
  category: null,
  productIds: [],
  audience: { roles: ["accountant"] },
  ...window,
};
const rules = (over: Partial<PointsRules> = {}): PointsRules => ({
  products: { [DRILL.id]: DRILL },
  tierPercents: [{ from: "2000-01-01", value: 125 }],
  // The seeds' role multipliers: a seller x1, a purchasing manager x0.5, an accountant x0.2.
  rolePercents: [],
  promotions: [],
  earningRules: [stockUp, onePercent],
  pointValueMinor: 10,
  currency: "EUR",
  ...over,
});
const ROLE_PERCENT = { salesperson: 100, purchasing_manager: 50, accountant: 20 } as const;
const claim = (role: keyof typeof ROLE_PERCENT, over: Partial<PointsRules> = {}, volumeBefore = 15) =>
  calculatePoints(rules({ rolePercents: [{ from: "2000-01-01", value: ROLE_PERCENT[role] }], ...over }), {
    invoiceDate: "2026-05-10",
    tier: "gold",
    role,
    userId: "u-1",
    organisationId: "org-1",
    region: "Baltics",
    lines: [{ productId: DRILL.id, quantity: 7 }],
    volumes: { [stockUp.id]: { current: volumeBefore, previous: 0 } },
  });
const en = createTranslator("en");
const fmt = createFormatter("en");
const text = (lines: Array<{ key: string; vars?: Record<string, string | number> }>) => lines.map((l) => lineText(en, fmt, l));

describe("one list of partner roles", () => {
  it("has both influencer roles, and every group is derived from it", () => {
    expect(PARTNER_ROLES).toEqual(["executive", "manager", "salesperson", "technician", "purchasing_manager", "accountant"]);
    expect(PARTICIPANTS).toEqual(PARTNER_ROLES);
    expect(TEAM_LEADS).toEqual(["executive", "manager"]);
    expect(CLAIMANTS).toEqual(["manager", "salesperson", "technician", "purchasing_manager", "accountant"]);
    expect(SELLERS).toEqual(["manager", "salesperson", "technician"]);
    expect(INFLUENCERS).toEqual(["purchasing_manager", "accountant"]);
    expect(PARTNER_ROLES_SQL_LIST).toBe("('executive', 'manager', 'salesperson', 'technician', 'purchasing_manager', 'accountant')");
  });

  it("lets purchasing managers and accountants take part and claim, see only their own rows, and be assigned", () => {
    for (const role of INFLUENCERS) {
      for (const action of [
        "shop.browse",
        "learn.take",
        "points.mine",
        "tiers.view",
        "surveys.answer",
        "rewards.suggest",
        "referrals.send",
      ] as const)
        expect(can(role, action), `${role} ${action}`).toBe(true);
      expect(can(role, "claims.submit")).toBe(true);
      expect(can(role, "claims.view")).toBe(true);
      // Influencers do not check their colleagues' claims, lead a team or decide requests to join.
      for (const action of ["claims.check", "team_points.view", "enrolment.decide", "terms.accept", "claims.review"] as const)
        expect(can(role, action), `${role} ${action}`).toBe(false);
      for (const resource of ["claims", "claim_drafts", "orders", "training", "contest_scores"] as const)
        expect(visibility({ role, organisationKind: "dealer" }, resource)).toBe("own");
      expect(assignableRoles("executive", false)).toContain(role);
      expect(assignableRoles("channel_manager", false)).toContain(role);
    }
    expect(assignableRoles("manager", false)).toEqual([]);
  });

  it("names both roles and their calculation line in every language", () => {
    for (const locale of LOCALES) {
      const t = createTranslator(locale);
      for (const role of INFLUENCERS) {
        expect(t(`role.${role}`)).not.toBe(`role.${role}`);
        expect(t(`claims.calc.role.${role}`, { factor: 0.5 })).toMatch(/0[.,]5/);
      }
    }
    expect(createTranslator("ru")("role.accountant")).toBe("Бухгалтер");
    expect(createTranslator("lt")("role.purchasing_manager")).toBe("Pirkimų vadovas");
  });
});

describe("their own earning rules, in the one calculation", () => {
  it("a purchasing manager: units x rate x tier x role, and the stock-up set their purchase completes", () => {
    const r = claim("purchasing_manager");
    // 7 x 10 x 1.25 (gold) x 0.5 (purchasing manager) = 43.75 -> 44; 15 + 7 = 22 units: set 1 of 20.
    expect(r.total).toBe(44);
    expect(r.bonuses).toEqual([
      { key: "bundle:pm-bundle:u-1:2026-05:1", kind: "bundle", ruleId: "pm-bundle", name: stockUp.name, points: 400 },
    ]);
    const lines = text(r.calculation);
    expect(lines).toContain("Purchasing manager role: × 0.5");
    expect(lines).toContain("Drill (VT-DR18): 7 × 10 × 1.25 × 0.5 = 44");
    expect(lines).toContain("Bonus “Stock-up bonus for purchasing managers”: set 1 of 20 units completed, +400 points (credited once)");
    // The accountants' rule is not theirs: no value part, and it is not shown.
    expect(r.lines[0].valueRule).toBeUndefined();
    expect(lines.join("\n")).not.toContain("Accountants");
    // 10 units before: 17 after, no set completed yet.
    expect(claim("purchasing_manager", {}, 10).bonuses).toEqual([]);
  });

  it("an accountant: 1% of the invoice value in points on top of the units, times tier and role; no stock-up bonus", () => {
    const r = claim("accountant");
    // Value 7 x 123.45 EUR = 864.15 EUR; 1% = 8.6415 EUR = 86.415 points at 0.10 EUR a point.
    // (70 + 86.415) x 1.25 x 0.2 = 156.415 x 0.25 = 39.10375 -> 39.
    expect(r.total).toBe(39);
    expect(r.lines[0].valueRule).toEqual({ id: "acc-value", percentBp: 100, valueMinor: 86_415 });
    expect(r.bonuses).toEqual([]);
    const lines = text(r.calculation);
    expect(lines).toContain("Accountant role: × 0.2");
    expect(lines).toContain("× 0.25 for tier, role and promotion");
    expect(lines).toContain("+ 1% of the invoice value 864.15 EUR = 86.415 points");
    expect(lines).toContain("= 39 points for this line");
    expect(lines.find((l) => l.startsWith("exactly"))).toMatch(/^exactly 39\.10\d*, rounded to 39$/);
  });

  it("a seller gets neither influencer rule", () => {
    const r = claim("salesperson");
    // 7 x 10 x 1.25 = 87.5 -> 88.
    expect(r.total).toBe(88);
    expect(r.bonuses).toEqual([]);
    expect(r.lines[0].valueRule).toBeUndefined();
  });

  it("a promotion targeted at accountants doubles their line and nobody else's", () => {
    const promo: RulePromotion = {
      id: "acc-promo",
      name: "Accountants' spring",
      percent: 200,
      category: "Drills",
      productIds: [],
      audience: { roles: ["accountant"] },
      ...window,
    };
    // (70 + 86.415) x 1.25 x 0.2 x 2 = 78.2075 -> 78.
    expect(claim("accountant", { promotions: [promo] }).total).toBe(78);
    // Without the value rule: 7 x 10 x 1.25 x 0.2 x 2 = 35.
    expect(claim("accountant", { promotions: [promo], earningRules: [] }).total).toBe(35);
    expect(claim("purchasing_manager", { promotions: [promo] }).total).toBe(44);
    expect(claim("salesperson", { promotions: [promo] }).total).toBe(88);
  });

  it("the seeds carry one rule for each influencer role, targeted at that role only", () => {
    expect(INFLUENCER_RULES.map((r) => r.roles)).toEqual([["purchasing_manager"], ["accountant"]]);
  });
});
