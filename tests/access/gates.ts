import { allowOnly, type AccessRule } from "../support/access";

/**
 * Issue 14: the channel team links distributors to their dealers; the channel team and trainers
 * say which courses gate rewards, contests and tiers. Everyone else is refused; an empty POST
 * reaches validation (400) for those allowed.
 */
const rules: AccessRule[] = [
  {
    pattern: "/sellout/reporters",
    get: allowOnly(["admin", "channel_manager"]),
    post: { form: { intent: "link" }, expect: allowOnly(["admin", "channel_manager"], "invalid") },
    shows: "Link a dealer to a distributor",
  },
  {
    pattern: "/learn/requirements",
    get: allowOnly(["admin", "channel_manager", "trainer"]),
    post: { form: { intent: "add" }, expect: allowOnly(["admin", "channel_manager", "trainer"], "invalid") },
    shows: "Require a course",
  },
];

export default rules;
