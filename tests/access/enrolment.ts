import { PARTICIPANTS } from "../../db/schema/enums";
import { allowOnly, override, publicPage, type AccessRule } from "../support/access";

/**
 * Who takes part (issue 19). Joining is for people without an account: anonymous visitors get the
 * pages, anyone signed in is sent home. A partner's executive decides requests, keeps the join
 * code and accepts the terms; every participant refers colleagues; the admins own the terms' text.
 */
const participants = PARTICIPANTS;
const anonymousOnly = override(publicPage({ redirect: "/home" }), { anonymous: "ok" });
// An empty form is refused as invalid and writes nothing; a signed-in visitor is sent home first.
const anonymousInvalid = override(publicPage({ redirect: "/home" }), { anonymous: "invalid" });

const rules: AccessRule[] = [
  { pattern: "/enrol", get: anonymousOnly, post: { expect: anonymousInvalid }, shows: "Join the partner programme" },
  {
    pattern: "/enrol/:orgId",
    path: (fx) => `/enrol/${fx.partnerOrgId}`,
    get: anonymousOnly,
    post: { expect: anonymousInvalid },
    shows: "Ask to join",
  },
  {
    pattern: "/team/requests",
    get: allowOnly(["executive"]),
    post: { expect: allowOnly(["executive"], "invalid") },
    shows: "Your join code",
  },
  {
    pattern: "/team/terms",
    get: allowOnly(["executive"]),
    post: { expect: allowOnly(["executive"], "invalid") },
    shows: "Roles that take part",
  },
  {
    pattern: "/referrals",
    get: allowOnly(participants),
    post: { expect: allowOnly(participants, "invalid") },
    shows: "Your invitations",
  },
  {
    pattern: "/admin/enrolment",
    get: allowOnly(["admin"]),
    post: { expect: allowOnly(["admin"], "invalid") },
    shows: "Referral bonus",
  },
];

export default rules;
