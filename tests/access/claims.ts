import { saveDraft, submitClaim } from "../../app/domain/claims/claims.server";
import { isoDate } from "../../app/domain/claims/shared";
import { CLAIMANTS, PARTICIPANTS, TEAM_LEADS } from "../../db/schema/enums";
import { allowOnly, cellsFor, override, type AccessFixtures, type AccessRule } from "../support/access";
import { actorFor } from "../support/portal";
import { invoicePdf } from "../../scripts/seed/claims";

/**
 * Who may open the claims pages. A claim is seen by the manufacturer's staff (not trainers or
 * auditors), by its partner's executive and managers, and by the salesperson who made it; the
 * partner's other salespeople and technicians get "not found", as does everyone at another partner.
 */

type Fixtures = { waiting: string; draft: string };
let made: Promise<Fixtures> | undefined;
function claimsOf(fx: AccessFixtures): Promise<Fixtures> {
  made ??= actorFor(fx.userOf.salesperson).then(async (marta) => {
    const today = isoDate(new Date());
    const waiting = await submitClaim(fx.db, marta, null, {
      invoiceNumber: "ACCESS-MATRIX-1",
      invoiceDate: today,
      lines: [{ index: 0, sku: "VT-BIT32", quantity: "2", serials: [] }],
      evidence: [invoicePdf("ACCESS-MATRIX-1", today, ["2 x VT-BIT32"])],
    });
    const draft = await saveDraft(fx.db, marta, null, { invoiceNumber: "ACCESS-MATRIX-2", invoiceDate: "", lines: [], evidence: [] });
    return { waiting: waiting.id, draft };
  });
  return made;
}

const viewers = ["admin", "channel_manager", "finance", ...PARTICIPANTS] as const;
const submitters = CLAIMANTS;
const participants = PARTICIPANTS;
// The claim is the salesperson's: the partner's other people who are not its leads do not see it.
const oneClaim = override(
  allowOnly(viewers),
  cellsFor(
    PARTICIPANTS.filter((r) => r !== "salesperson" && !TEAM_LEADS.includes(r)),
    "not_found",
  ),
);
// A draft is its author's (the salesperson's) alone.
const notTheAuthor = cellsFor(
  CLAIMANTS.filter((r) => r !== "salesperson"),
  "not_found",
);

const rules: AccessRule[] = [
  { pattern: "/claims", get: allowOnly(viewers), shows: "Filter by status" },
  {
    pattern: "/claims/new",
    get: allowOnly(submitters),
    // An empty claim reaches validation for those who may claim.
    post: { expect: allowOnly(submitters, "invalid") },
    shows: "Send claim",
  },
  {
    pattern: "/claims/review",
    get: allowOnly(["admin", "channel_manager"]),
    post: { form: { intent: "bulk_approve" }, expect: allowOnly(["admin", "channel_manager"], "invalid") },
    shows: "Claims to approve",
  },
  { pattern: "/claims/check", get: allowOnly(["manager"]), shows: "claims to check" },
  {
    pattern: "/claims/products",
    get: allowOnly(["admin"]),
    post: { form: { intent: "create" }, expect: allowOnly(["admin"], "invalid") },
    shows: "Product catalogue",
  },
  {
    pattern: "/claims/rules",
    get: allowOnly(["admin"]),
    post: { form: { intent: "create_promotion" }, expect: allowOnly(["admin"], "invalid") },
    shows: "Points rules",
  },
  {
    pattern: "/claims/:claimId",
    path: async (fx) => `/claims/${(await claimsOf(fx)).waiting}`,
    get: oneClaim,
    // Rejecting needs a reason: the channel team reaches that message; nobody else gets that far.
    post: { form: { intent: "reject" }, expect: allowOnly(["admin", "channel_manager"], "invalid") },
    shows: "ACCESS-MATRIX-1",
  },
  {
    pattern: "/claims/:claimId/edit",
    path: async (fx) => `/claims/${(await claimsOf(fx)).draft}/edit`,
    // A draft is its author's alone.
    get: override(allowOnly(submitters), notTheAuthor),
    post: {
      form: { intent: "submit" },
      expect: override(allowOnly(submitters, "invalid"), notTheAuthor),
    },
    shows: "Finish your claim",
  },
  {
    pattern: "/claims/:claimId/evidence",
    path: async (fx) => `/claims/${(await claimsOf(fx)).waiting}/evidence`,
    get: oneClaim,
  },
  { pattern: "/points", get: allowOnly(participants), shows: "My points" },
];

export default rules;
