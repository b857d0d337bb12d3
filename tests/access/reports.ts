import { allowOnly, type AccessRule } from "../support/access";

/**
 * Programme reports. The partner executive sees their own organisation's dashboard; the channel
 * team (admin, channel managers, finance) the programme's. Drill-downs and CSV follow the
 * dashboard the person has; a partner reaching for the programme's figures gets 404
 * (tests/integration/reports.test.ts).
 */
const VIEW = ["executive", "admin", "channel_manager", "finance"] as const;

const rules: AccessRule[] = [
  { pattern: "/reports", get: allowOnly(["executive"]), shows: "Programme report" },
  { pattern: "/reports/programme", get: allowOnly(["admin", "channel_manager", "finance"]), shows: "Point liability" },
  { pattern: "/reports/rows/:figure", path: () => "/reports/rows/ledger", get: allowOnly(VIEW), shows: "Ledger entries" },
  {
    pattern: "/reports/settings",
    get: allowOnly(["executive"]),
    post: { expect: allowOnly(["executive"], "invalid") },
    shows: "Monthly report email",
  },
  {
    pattern: "/reports/csv/:table",
    path: () => "/reports/csv/participation.active_over_time",
    get: allowOnly(VIEW),
    shows: "When,Active people",
  },
];

export default rules;
