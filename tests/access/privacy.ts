import { allowOnly, everyoneSignedIn, type AccessRule } from "../support/access";

/** Personal data: everyone downloads their own; only the programme's admins erase a person. */
const rules: AccessRule[] = [
  { pattern: "/me/data.json", get: everyoneSignedIn(), shows: '"format": "partner-portal-personal-data/1"' },
  {
    pattern: "/people/:userId/erase",
    path: async (fx) => `/people/${await fx.userId(fx.userOf.salesperson)}/erase`,
    get: allowOnly(["admin"]),
    // An empty form reaches validation (a reason is required) and erases nobody.
    post: { expect: allowOnly(["admin"], "invalid") },
    shows: "Type ERASE to confirm",
  },
];

export default rules;
