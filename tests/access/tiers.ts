import { PARTICIPANTS } from "../../db/schema/enums";
import { allowOnly, type AccessRule } from "../support/access";

/**
 * Tiers: every partner person sees their own organisation's tier (/tier); the channel team sets
 * the rules, runs reviews and pins tiers (/tiers, /tiers/:orgId). Everyone else is refused.
 */
const partnerPeople = PARTICIPANTS;
const channelTeam = ["admin", "channel_manager"] as const;

const rules: AccessRule[] = [
  { pattern: "/tier", get: allowOnly(partnerPeople), shows: "What your tier does to your points" },
  {
    pattern: "/tiers",
    get: allowOnly(channelTeam),
    // Rules without their fields reach validation for the channel team.
    post: { form: { intent: "settings" }, expect: allowOnly(channelTeam, "invalid") },
    shows: "Run review now",
  },
  {
    pattern: "/tiers/:orgId",
    path: (fx) => `/tiers/${fx.partnerOrgId}`,
    get: allowOnly(channelTeam),
    // A pin without a reason reaches validation for the channel team, and pins nothing.
    post: { form: { intent: "pin", tier: "platinum" }, expect: allowOnly(channelTeam, "invalid") },
    shows: "Tier history",
  },
];

export default rules;
