import { PARTNER_ROLES, TEAM_LEADS } from "../../db/schema/enums";
import { createContest } from "../../app/domain/contests/contests.server";
import { DAY_MS } from "../../app/lib/dates";
import { allowOnly, cellsFor, everyoneSignedIn, override, type AccessFixtures, type AccessRule } from "../support/access";
import { actorFor } from "../support/portal";
import { contestInput } from "../support/contests";

/** A running contest for every partner's salespeople and technicians, created once per run. */
let contestId: Promise<string> | undefined;
function contest(fx: AccessFixtures) {
  contestId ??= actorFor(fx.userOf.channel_manager).then(async (cm) => {
    const c = await createContest(
      fx.db,
      cm,
      contestInput({
        name: "Access matrix sprint",
        rules: "Sell the most.",
        startsAt: new Date(Date.now() - DAY_MS),
        graceDays: 3,
        prizes: [{ rankFrom: 1, rankTo: 1, points: 1000, description: "" }],
      }),
    );
    return c.id;
  });
  return contestId;
}

// Manufacturer staff see every contest; partner people those open to them, and a partner's
// executive and manager those open to their organisation (to follow their people's standings).
const seen = everyoneSignedIn();

const rules: AccessRule[] = [
  { pattern: "/contests", get: everyoneSignedIn(), shows: "Seller contests" },
  {
    pattern: "/contests/new",
    get: allowOnly(["admin", "channel_manager"]),
    post: { expect: allowOnly(["admin", "channel_manager"], "invalid") },
    shows: "Publish contest",
  },
  {
    pattern: "/contests/:contestId",
    path: async (fx) => `/contests/${await contest(fx)}`,
    // The contest is for salespeople and technicians: the partner's other non-leads do not see it.
    get: override(
      seen,
      cellsFor(
        PARTNER_ROLES.filter((r) => !TEAM_LEADS.includes(r) && r !== "salesperson" && r !== "technician"),
        "not_found",
      ),
    ),
    // Closing: only the channel team, and not while the contest is still running.
    post: { expect: allowOnly(["admin", "channel_manager"], { status: 409 }) },
    shows: "Access matrix sprint",
  },
  {
    pattern: "/contests/:contestId/trace/:participantId",
    // The salesperson's own score: theirs, their executive's and manager's, and the manufacturer's.
    path: async (fx) => `/contests/${await contest(fx)}/trace/${await fx.userId(fx.userOf.salesperson)}`,
    get: override(
      seen,
      cellsFor(
        PARTNER_ROLES.filter((r) => r !== "salesperson" && !TEAM_LEADS.includes(r)),
        "not_found",
      ),
    ),
  },
];

export default rules;
