import { describe, expect, it } from "vitest";
import {
  boardName,
  compareScores,
  contributionValue,
  isEligible,
  phaseOf,
  prizeFor,
  prizeZoneEnd,
  type ContestShape,
} from "../../app/domain/contests/rules";

const base: ContestShape = {
  startsAt: new Date("2026-03-01T00:00:00Z"),
  endsAt: new Date("2026-03-31T23:59:59Z"),
  graceDays: 7,
  closedAt: null,
  scope: "all",
  tiers: [],
  regions: [],
  roles: ["salesperson"],
  metric: "units",
  productSkus: ["DRL-18"],
  ranking: "individual",
  minScore: 0,
  privacy: "initials_partner",
};

describe("contest rules", () => {
  it("moves from upcoming to running to grace to closing by the clock", () => {
    expect(phaseOf(base, new Date("2026-02-28T12:00:00Z"))).toBe("upcoming");
    expect(phaseOf(base, new Date("2026-03-15T12:00:00Z"))).toBe("running");
    expect(phaseOf(base, new Date("2026-04-05T12:00:00Z"))).toBe("grace");
    expect(phaseOf(base, new Date("2026-04-09T12:00:00Z"))).toBe("closing");
    expect(phaseOf({ ...base, closedAt: new Date() }, new Date("2026-03-15T12:00:00Z"))).toBe("closed");
  });

  it("lets in only listed roles and partners in scope", () => {
    const who = { role: "salesperson" as const, tier: "gold" as const, region: "Baltics", organisationId: "org-a" };
    expect(isEligible(base, who, [])).toBe(true);
    expect(isEligible(base, { ...who, role: "technician" }, [])).toBe(false);
    expect(isEligible({ ...base, scope: "tier", tiers: ["platinum"] }, who, [])).toBe(false);
    expect(isEligible({ ...base, scope: "tier", tiers: ["gold", "platinum"] }, who, [])).toBe(true);
    expect(isEligible({ ...base, scope: "region", regions: ["UK North"] }, who, [])).toBe(false);
    expect(isEligible({ ...base, scope: "list" }, who, ["org-b"])).toBe(false);
    expect(isEligible({ ...base, scope: "list" }, who, ["org-a"])).toBe(true);
  });

  it("counts only the chosen products for units and sales value", () => {
    const sale = {
      salesPoints: 120,
      lines: [
        { sku: "DRL-18", quantity: 3, revenueMinor: 45_000 },
        { sku: "SAW-7", quantity: 5, revenueMinor: 99_000 },
      ],
    };
    expect(contributionValue(base, sale)).toBe(3);
    expect(contributionValue({ ...base, metric: "revenue" }, sale)).toBe(45_000);
    expect(contributionValue({ ...base, metric: "revenue", productSkus: [] }, sale)).toBe(144_000);
    expect(contributionValue({ ...base, metric: "sales_points" }, sale)).toBe(120);
    expect(contributionValue({ ...base, metric: "courses_passed" }, sale)).toBe(0);
    expect(contributionValue({ ...base, metric: "courses_passed" }, { coursePassed: true })).toBe(1);
  });

  it("breaks ties by who reached the score first, then deterministically", () => {
    const rows = [
      { participantId: "b", score: 10, reachedAt: new Date("2026-03-05") },
      { participantId: "a", score: 10, reachedAt: new Date("2026-03-05") },
      { participantId: "c", score: 10, reachedAt: new Date("2026-03-02") },
      { participantId: "d", score: 12, reachedAt: new Date("2026-03-20") },
    ];
    expect([...rows].sort(compareScores).map((r) => r.participantId)).toEqual(["d", "c", "a", "b"]);
  });

  it("finds the prize for a rank and the end of the prize zone", () => {
    const prizes = [
      { rankFrom: 1, rankTo: 1, points: 5000, description: "" },
      { rankFrom: 2, rankTo: 3, points: 0, description: "Fishing kit" },
    ];
    expect(prizeFor(1, prizes)?.points).toBe(5000);
    expect(prizeFor(3, prizes)?.description).toBe("Fishing kit");
    expect(prizeFor(4, prizes)).toBeNull();
    expect(prizeZoneEnd(prizes)).toBe(3);
  });

  it("shows names as the privacy setting says", () => {
    const p = { name: "Marta Kazlauskė", organisationName: "Baltic Tools" };
    expect(boardName("full_name", "individual", p)).toBe("Marta Kazlauskė (Baltic Tools)");
    expect(boardName("initials_partner", "individual", p)).toBe("M. K. (Baltic Tools)");
    expect(boardName("partner_only", "individual", p)).toBe("Baltic Tools");
    expect(boardName("full_name", "team", p)).toBe("Baltic Tools");
  });
});
