import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { allocate, createPeriod } from "../../app/domain/costshare/funds.server";
import { createRequest } from "../../app/domain/costshare/requests.server";
import { costshareFiles } from "../../db/schema";
import { allowOnly, override, type AccessFixtures, type AccessRule } from "../support/access";
import { jpegBytes } from "../support/claims";
import { actorFor } from "../support/portal";

/**
 * Who may open the cost-share pages. Partner executives and managers request and claim for
 * their own organisation (another partner's request is "not found"); the channel team decides,
 * allocates and keeps the periods; finance gives second approvals and records payments (and
 * cannot approve requests); channel managers cannot record payments.
 */

type Fixtures = { own: string; other: string; layout: string };
let made: Promise<Fixtures> | undefined;
function requestsOf(fx: AccessFixtures): Promise<Fixtures> {
  made ??= (async () => {
    const admin = await actorFor(fx.userOf.admin);
    const ona = await actorFor(fx.userOf.executive);
    const emma = await actorFor("emma@northfield.example");
    const period = await createPeriod(fx.db, admin, { name: "Access matrix 2045", startsOn: "2045-01-01", endsOn: "2045-12-31" });
    for (const who of [ona, emma])
      await allocate(fx.db, admin, {
        periodId: period.id,
        organisationId: who.organisationId,
        amountMinor: 1_000_000,
        note: "",
        key: randomUUID(),
      });
    const input = {
      activityType: "print_ad" as const,
      title: "ACCESS-MATRIX CS",
      description: "Access matrix request",
      startsOn: "2045-03-02",
      endsOn: "2045-03-31",
      plannedCost: 100_000,
      otherBrands: [],
      equalSplit: false,
      expectedOutcome: "",
      expectedLeads: undefined,
      expectedReach: undefined,
    };
    const own = await createRequest(fx.db, ona, input, new File([jpegBytes()], "layout.jpg"));
    const other = await createRequest(fx.db, emma, { ...input, title: "ACCESS-MATRIX OTHER" }, null);
    const [file] = await fx.db.select({ id: costshareFiles.id }).from(costshareFiles).where(eq(costshareFiles.requestId, own.id));
    return { own: own.id, other: other.id, layout: file.id };
  })();
  return made;
}

const viewers = ["admin", "channel_manager", "finance", "executive", "manager"] as const;
const partnerLeads = ["executive", "manager"] as const;
const deciders = ["admin", "channel_manager"] as const;
const payers = ["admin", "finance"] as const;

const rules: AccessRule[] = [
  { pattern: "/cost-share", get: allowOnly(viewers), shows: "Marketing funds" },
  {
    pattern: "/cost-share/requests/new",
    get: allowOnly(partnerLeads),
    // An empty request reaches validation for those who may request.
    post: { expect: allowOnly(partnerLeads, "invalid") },
    shows: "Send for approval",
  },
  {
    pattern: "/cost-share/requests/:requestId",
    path: async (fx) => `/cost-share/requests/${(await requestsOf(fx)).own}`,
    get: allowOnly(viewers),
    // Rejecting needs a reason: the channel team reaches that message; finance and the partner may not reject.
    post: {
      form: { intent: "reject" },
      expect: override(allowOnly(viewers, "forbidden"), { admin: "invalid", channel_manager: "invalid" }),
    },
    shows: "ACCESS-MATRIX CS",
  },
  {
    pattern: "/cost-share/requests/:requestId/claim",
    path: async (fx) => `/cost-share/requests/${(await requestsOf(fx)).own}/claim`,
    get: allowOnly(partnerLeads),
    post: { expect: allowOnly(partnerLeads, "invalid") },
    shows: "Claim reimbursement",
  },
  { pattern: "/cost-share/review", get: allowOnly(["admin", "channel_manager", "finance"]), shows: "Co-op requests to decide" },
  {
    pattern: "/cost-share/allocations",
    get: allowOnly(deciders),
    post: { form: { intent: "allocate" }, expect: allowOnly(deciders, "invalid") },
    shows: "Allocations",
  },
  {
    pattern: "/cost-share/periods",
    get: allowOnly(deciders),
    post: { form: { intent: "create_period" }, expect: allowOnly(deciders, "invalid") },
    shows: "Periods and rule",
  },
  {
    pattern: "/cost-share/payments",
    get: allowOnly(payers),
    // Channel managers cannot record payments.
    post: { form: { intent: "pay" }, expect: allowOnly(payers, "invalid") },
    shows: "Approved claims to pay",
  },
  {
    pattern: "/cost-share/files/:fileId",
    path: async (fx) => `/cost-share/files/${(await requestsOf(fx)).layout}`,
    get: allowOnly(viewers),
  },
  { pattern: "/cost-share/payments.csv", get: allowOnly(payers), shows: "reference" },
];

export default rules;
