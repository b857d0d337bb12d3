import { PARTICIPANTS } from "../../db/schema/enums";
import { createSurvey } from "../../app/domain/surveys/surveys.server";
import { isoDay, addDays } from "../../app/lib/dates";
import { allowOnly, cellsFor, everyoneSignedIn, override, type AccessFixtures, type AccessRule } from "../support/access";
import { actorFor } from "../support/portal";

/**
 * Surveys (issue 20): the channel team writes them and reads results; a participant opens only a
 * survey sent to them. The survey below asks salespeople only, so the seeded executive, manager
 * and technician get "not found" for it, like another partner's row. Suggesting a reward is for
 * partner people, deciding for the channel team; everyone chooses their notification channels.
 */
const team = ["admin", "channel_manager"] as const;
const partner = PARTICIPANTS;

let made: Promise<string> | undefined;
function salespeopleSurvey(fx: AccessFixtures) {
  made ??= (async () => {
    const cm = await actorFor(fx.userOf.channel_manager);
    return createSurvey(fx.db, cm, {
      title: "Access matrix survey",
      intro: "",
      questionnaire: "? How likely are you to recommend us? | nps\n? Is the portal easy? | yes_no",
      opensOn: isoDay(new Date()),
      closesOn: isoDay(addDays(new Date(), 7)),
      points: 5,
      roles: ["salesperson"],
      tiers: [],
    });
  })();
  return made;
}

// Everyone at the partner but the salespeople it asks.
const notAsked = cellsFor(
  PARTICIPANTS.filter((r) => r !== "salesperson"),
  "not_found",
);

const rules: AccessRule[] = [
  { pattern: "/surveys", get: allowOnly([...team, ...partner]), shows: "Surveys" },
  {
    pattern: "/surveys/new",
    get: allowOnly(team),
    post: { expect: allowOnly(team, "invalid") },
    shows: "Publish survey",
  },
  {
    pattern: "/surveys/:surveyId",
    path: async (fx) => `/surveys/${await salespeopleSurvey(fx)}`,
    get: override(allowOnly(partner), notAsked),
    // An empty answer reaches validation for the salesperson it was sent to; nobody else gets that far.
    post: { expect: override(allowOnly(partner, "invalid"), notAsked) },
    shows: "Access matrix survey",
  },
  {
    pattern: "/surveys/:surveyId/results",
    path: async (fx) => `/surveys/${await salespeopleSurvey(fx)}/results`,
    get: allowOnly(team),
    shows: "Download CSV",
  },
  {
    pattern: "/surveys/:surveyId/results.csv",
    path: async (fx) => `/surveys/${await salespeopleSurvey(fx)}/results.csv`,
    get: allowOnly(team),
    shows: "submitted_at",
  },
  {
    pattern: "/rewards/suggest",
    get: allowOnly(partner),
    post: { expect: allowOnly(partner, "invalid") },
    shows: "Suggest a reward",
  },
  {
    pattern: "/rewards/suggestions",
    get: allowOnly(team),
    // No intent: a 400 that decides nothing.
    post: { expect: allowOnly(team, "invalid") },
    shows: "Suggested rewards",
  },
];

export default rules;
