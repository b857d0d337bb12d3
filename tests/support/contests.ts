import { randomUUID } from "node:crypto";
import type { ContestInput } from "../../app/domain/contests/contests.server";
import { DAY_MS } from "../../app/lib/dates";

/**
 * A contest as the programme team sets one up: open for the last 20 days and the next 10, for
 * every partner's salespeople and technicians, counting units, with prizes for the top two. A test
 * overrides only what it is about.
 */
export function contestInput(over: Partial<ContestInput> = {}): ContestInput {
  return {
    name: `Spring push ${randomUUID().slice(0, 6)}`,
    rules: "Sell the most drills.",
    startsAt: new Date(Date.now() - 20 * DAY_MS),
    endsAt: new Date(Date.now() + 10 * DAY_MS),
    graceDays: 5,
    scope: "all",
    tiers: [],
    regions: [],
    partnerIds: [],
    roles: ["salesperson", "technician"],
    metric: "units",
    productSkus: [],
    ranking: "individual",
    minScore: 0,
    privacy: "initials_partner",
    prizes: [
      { rankFrom: 1, rankTo: 1, points: 5000, description: "" },
      { rankFrom: 2, rankTo: 2, points: 2000, description: "" },
    ],
    ...over,
  };
}
