import { allowOnly, everyoneSignedIn, type AccessRule } from "../support/access";

/**
 * Points administration, the inbox and points per employee. Partner roles come from Baltic Tools,
 * so the partner pages below are their own organisation's; another partner's reads as 404
 * (tests/integration/team-points.test.ts).
 */
const PARTNER_POINTS = ["admin", "channel_manager", "finance", "executive", "manager"] as const;

const rules: AccessRule[] = [
  {
    pattern: "/admin/programme",
    get: allowOnly(["admin", "finance"]),
    // Finance may read the settings but not change them.
    post: { expect: allowOnly(["admin"], "invalid") },
    shows: "Programme settings",
  },
  {
    pattern: "/admin/points",
    get: allowOnly(["admin", "finance", "channel_manager"]),
    post: { form: { intent: "adjust" }, expect: allowOnly(["admin", "finance"], "invalid") },
    shows: "Outstanding point liability",
  },
  { pattern: "/inbox", get: everyoneSignedIn(), post: { expect: everyoneSignedIn("invalid") }, shows: "Inbox" },
  { pattern: "/team/points", get: allowOnly(["executive", "manager"]), shows: "Points per employee" },
  {
    pattern: "/organisations/:orgId/points",
    path: (fx) => `/organisations/${fx.partnerOrgId}/points`,
    get: allowOnly(PARTNER_POINTS),
    shows: "Lukas Jonaitis",
  },
  {
    pattern: "/organisations/:orgId/points.csv",
    path: (fx) => `/organisations/${fx.partnerOrgId}/points.csv`,
    get: allowOnly(PARTNER_POINTS),
    shows: "lukas@baltictools.example",
  },
];

export default rules;
