import { allowOnly, type AccessRule } from "../support/access";

/**
 * Sell-out data: the channel team uploads for every partner; a distributor's executive (Baltic
 * Tools is a distributor) for itself and its dealers. Everyone else is refused.
 */
const uploaders = ["admin", "channel_manager", "executive"] as const;

const rules: AccessRule[] = [
  {
    pattern: "/sellout",
    get: allowOnly(uploaders),
    // An upload without a file reaches validation for those who may upload.
    post: { form: { intent: "upload" }, expect: allowOnly(uploaders, "invalid") },
    shows: "Upload a CSV file",
  },
  // The rule simulator is read-only (a GET form): the channel team only.
  { pattern: "/simulator", get: allowOnly(["admin", "channel_manager"]), shows: "Rule simulator" },
];

export default rules;
