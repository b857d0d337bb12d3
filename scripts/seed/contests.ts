import type { Db } from "../../db/client";
import { contests } from "../../db/schema";
import { closeContest, createContest, type ContestInput } from "../../app/domain/contests/contests.server";
import { actorByEmail } from "../../app/domain/auth/actor.server";
import { DAY_MS } from "../../app/lib/dates";

function base(over: Partial<ContestInput>): ContestInput {
  return {
    name: "",
    rules: "",
    startsAt: new Date(),
    endsAt: new Date(),
    graceDays: 7,
    scope: "all",
    tiers: [],
    regions: [],
    partnerIds: [],
    roles: ["salesperson", "technician"],
    metric: "sales_points",
    productSkus: [],
    ranking: "individual",
    minScore: 0,
    privacy: "initials_partner",
    prizes: [],
    ...over,
  };
}

/** The drills and drivers the running demo contest counts: its rules text names exactly these. */
export const DRILLS_AND_DRIVERS = ["VT-DR18", "VT-DR18-K2", "VT-HD36", "VT-ID18"];

/**
 * The running demo contest. Its rules say what the code scores: units (not points) of the four
 * listed products, sales dated in the period, ties to whoever got there first, the grace days.
 */
export function winterDrillChallenge(now = Date.now()): ContestInput {
  return base({
    name: "Winter drill challenge",
    rules:
      "Most drills and drivers sold wins. Every DR18 cordless drill, DR18 drill kit, HD36 hammer drill and ID18 impact driver on an approved claim for a sale in the contest period scores 1 unit; other products do not count. On equal scores, whoever reached the score first ranks higher. Claims approved up to 7 days after the end still count, and the board updates as soon as a claim is approved.",
    startsAt: new Date(now - 30 * DAY_MS),
    endsAt: new Date(now + 30 * DAY_MS),
    graceDays: 7,
    metric: "units",
    productSkus: DRILLS_AND_DRIVERS,
    privacy: "initials_partner",
    prizes: [
      { rankFrom: 1, rankTo: 1, points: 8000, description: "" },
      { rankFrom: 2, rankTo: 5, points: 2500, description: "" },
    ],
  });
}

/**
 * A finished contest with winners, one running now and one about to start. Scores come from
 * the seeded approved claims through the same code path as a live approval (see claims seed).
 */
export async function seedContests(db: Db, countApprovedClaims: (contestId: string, at: Date) => Promise<void>) {
  const existing = await db.select({ id: contests.id }).from(contests).limit(1);
  if (existing.length) return;
  const cm = await actorByEmail(db, "chris@volta.example");
  const now = Date.now();
  const finished = await createContest(
    db,
    cm,
    base({
      name: "Autumn cordless sprint",
      rules:
        "Every approved claim for a sale between the start and end dates scores its points. Ties go to whoever reached the score first. Claims approved up to 7 days after the end still count.",
      startsAt: new Date(now - 80 * DAY_MS),
      endsAt: new Date(now - 40 * DAY_MS),
      prizes: [
        { rankFrom: 1, rankTo: 1, points: 5000, description: "" },
        { rankFrom: 2, rankTo: 3, points: 2000, description: "" },
        { rankFrom: 4, rankTo: 5, points: 0, description: "Volta tool backpack" },
      ],
    }),
  );
  await countApprovedClaims(finished.id, new Date(now - 40 * DAY_MS));
  await closeContest(db, finished.id, cm);
  const running = await createContest(db, cm, winterDrillChallenge(now));
  await countApprovedClaims(running.id, new Date());
  await createContest(
    db,
    cm,
    base({
      name: "Spring installer cup",
      rules: "Team ranking: each partner's approved sales points add up. Gold and Platinum partners only.",
      startsAt: new Date(now + 14 * DAY_MS),
      endsAt: new Date(now + 75 * DAY_MS),
      scope: "tier",
      tiers: ["gold", "platinum"],
      ranking: "team",
      privacy: "partner_only",
      prizes: [{ rankFrom: 1, rankTo: 1, points: 3000, description: "" }],
    }),
  );
}
