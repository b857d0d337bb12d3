import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { costshareFiles, costsharePeriods, costshareRequests, organisations } from "../../db/schema";
import { PARTNER_KINDS, type Tier } from "../../db/schema/enums";
import { actorByEmail } from "../../app/domain/auth/actor.server";
import { approveClaim, rejectClaim, returnClaim, reviewFile, submitClaim } from "../../app/domain/costshare/claims.server";
import type { RequestInput } from "../../app/domain/costshare/forms";
import { allocate, createPeriod } from "../../app/domain/costshare/funds.server";
import { expireRequests } from "../../app/domain/costshare/jobs.server";
import { recordPayment } from "../../app/domain/costshare/payments.server";
import {
  approveRequest,
  cancelRequest,
  createRequest,
  rejectRequest,
  returnRequest,
  secondApproveRequest,
} from "../../app/domain/costshare/requests.server";
import type { Actor } from "../../app/lib/actor";
import { addDays, isoDay, startOfDay } from "../../app/lib/dates";
import { invoicePdf } from "./claims";

/**
 * Marketing cost-share: quarterly periods (this one and the next; the demo also the last one) and
 * every partner's allocation in each, always (the request form needs a fund). With `activity`, requests
 * and claims in every state for several partners, made through the same domain functions as the
 * portal (so every figure is a sum of ledger entries and the decisions are in the audit log).
 * Idempotent: a period only when none has its name, activity only when the demo's first request is not there.
 */

/** Allocation per quarter by tier, in euro cents. */
const ALLOCATION: Record<Tier, number> = { platinum: 2_000_000, gold: 1_200_000, silver: 800_000, registered: 400_000 };

function quarterStart(day: Date, offset: number): Date {
  const q = Math.floor(day.getUTCMonth() / 3) + offset;
  return new Date(Date.UTC(day.getUTCFullYear(), q * 3, 1));
}
function quarterName(start: Date): string {
  return `${start.getUTCFullYear()} Q${Math.floor(start.getUTCMonth() / 3) + 1}`;
}

export async function seedCostshare(db: Db, opts: { activity?: boolean; now?: Date } = {}) {
  const now = opts.now ?? new Date();
  // This quarter and the next always; the last one (whose unused funds expire, with reminders,
  // early in this quarter) only for the demo, so tests' mail does not depend on the date.
  await seedFunds(db, now, opts.activity ? [-1, 0, 1] : [0, 1]);
  if (opts.activity) {
    // The demo's first request marks the activity as seeded (partners' own requests do not).
    const [request] = await db
      .select({ id: costshareRequests.id })
      .from(costshareRequests)
      .where(eq(costshareRequests.title, PLANS[0].input.title))
      .limit(1);
    if (!request) await seedActivity(db, now);
  }
}

async function seedFunds(db: Db, now: Date, offsets: number[]) {
  const admin = await actorByEmail(db, "admin@volta.example");
  const existing = new Set((await db.select({ name: costsharePeriods.name }).from(costsharePeriods)).map((p) => p.name));
  const partners = await db
    .select({ id: organisations.id, tier: organisations.tier })
    .from(organisations)
    .where(inArray(organisations.kind, [...PARTNER_KINDS]));
  for (const offset of offsets) {
    const start = quarterStart(now, offset);
    if (existing.has(quarterName(start))) continue;
    const end = addDays(quarterStart(now, offset + 1), -1);
    const p = await createPeriod(db, admin, { name: quarterName(start), startsOn: isoDay(start), endsOn: isoDay(end) });
    for (const partner of partners)
      await allocate(db, admin, {
        periodId: p.id,
        organisationId: partner.id,
        amountMinor: ALLOCATION[partner.tier],
        note: `${quarterName(start)} co-op allocation`,
        key: randomUUID(),
      });
  }
}

type Plan = {
  who: string;
  /** Which quarter the activity falls in (-1 last, 0 this, 1 next) and its day in it. */
  quarter: -1 | 0 | 1;
  day: number;
  input: Partial<RequestInput> & Pick<RequestInput, "title" | "activityType" | "plannedCost">;
  /** How far it gets. */
  to:
    | "submitted"
    | "returned"
    | "second_approval"
    | "approved"
    | "rejected"
    | "cancelled"
    | "expired"
    | "claim_submitted"
    | "claim_returned"
    | "claim_rejected"
    | "claim_approved"
    | "partly_paid"
    | "paid";
  actualCost?: number;
};

const PLANS: Plan[] = [
  {
    who: "ona@baltictools.example",
    quarter: -1,
    day: 10,
    to: "paid",
    input: {
      title: "Baltic Build expo booth",
      activityType: "trade_show",
      plannedCost: 800_000,
      otherBrands: ["Makita"],
      equalSplit: true,
      expectedLeads: 120,
      description: "Shared booth at the Baltic Build expo in Riga.",
    },
    actualCost: 760_000,
  },
  {
    who: "lukas@baltictools.example",
    quarter: -1,
    day: 20,
    to: "partly_paid",
    input: { title: "Trade catalogue full page", activityType: "print_ad", plannedCost: 300_000, expectedReach: 15000 },
  },
  {
    who: "ona@baltictools.example",
    quarter: -1,
    day: 5,
    to: "expired",
    input: { title: "Spring web banners", activityType: "online", plannedCost: 120_000 },
  },
  {
    who: "ona@baltictools.example",
    quarter: 1,
    day: 20,
    to: "submitted",
    input: { title: "Instagram drill campaign", activityType: "social", plannedCost: 250_000 },
  },
  {
    who: "lukas@baltictools.example",
    quarter: 1,
    day: 25,
    to: "second_approval",
    input: { title: "Highway billboards", activityType: "outdoor", plannedCost: 1_600_000, expectedReach: 400000 },
  },
  {
    who: "emma@northfield.example",
    quarter: -1,
    day: 15,
    to: "claim_submitted",
    input: { title: "Leeds open day", activityType: "event", plannedCost: 240_000, otherBrands: ["Bosch", "DeWalt"] },
  },
  {
    who: "harry@northfield.example",
    quarter: -1,
    day: 25,
    to: "claim_returned",
    input: { title: "Shelf talkers and end caps", activityType: "in_store", plannedCost: 90_000 },
  },
  {
    who: "emma@northfield.example",
    quarter: -1,
    day: 35,
    to: "claim_rejected",
    input: { title: "Radio spots", activityType: "other", plannedCost: 150_000 },
  },
  {
    who: "harry@northfield.example",
    quarter: 1,
    day: 18,
    to: "returned",
    input: { title: "York paper ad", activityType: "print_ad", plannedCost: 80_000 },
  },
  {
    who: "emma@northfield.example",
    quarter: 1,
    day: 22,
    to: "rejected",
    input: { title: "Sponsored football kit", activityType: "other", plannedCost: 500_000 },
  },
  {
    who: "grace@proinstall.example",
    quarter: 1,
    day: 15,
    to: "approved",
    input: { title: "Heat pump webinar ads", activityType: "online", plannedCost: 200_000 },
  },
  {
    who: "grace@proinstall.example",
    quarter: 1,
    day: 30,
    to: "cancelled",
    input: { title: "Van wraps", activityType: "outdoor", plannedCost: 300_000 },
  },
  {
    who: "irina@uralinstrument.example",
    quarter: 1,
    day: 16,
    to: "submitted",
    input: { title: "Реклама в журнале «Стройка»", activityType: "print_ad", plannedCost: 180_000 },
  },
  {
    who: "rasa@homefix.example",
    quarter: -1,
    day: 12,
    to: "claim_approved",
    input: { title: "Kaunas store flyers", activityType: "in_store", plannedCost: 60_000 },
    actualCost: 48_000,
  },
];

async function seedActivity(db: Db, now: Date) {
  const chris = await actorByEmail(db, "chris@volta.example");
  const fiona = await actorByEmail(db, "finance@volta.example");
  const people = new Map<string, Actor>();
  const person = async (email: string) => {
    if (!people.has(email)) people.set(email, await actorByEmail(db, email));
    return people.get(email)!;
  };
  for (const plan of PLANS) {
    const partner = await person(plan.who).catch(() => null);
    if (!partner) continue;
    const start = addDays(quarterStart(now, plan.quarter), plan.day);
    const end = addDays(start, 7);
    const input: RequestInput = {
      description: plan.input.description ?? `${plan.input.title}.`,
      startsOn: isoDay(start),
      endsOn: isoDay(end),
      otherBrands: [],
      equalSplit: false,
      expectedOutcome: "",
      expectedLeads: undefined,
      expectedReach: undefined,
      ...plan.input,
    };
    // Made a month before the activity, as a partner would (well within the lead time).
    const request = await createRequest(db, partner, input, null, addDays(start, -30));
    if (plan.to === "submitted") continue;
    if (plan.to === "returned") {
      await returnRequest(db, chris, request.id, "Please add the publication's circulation figures.");
      continue;
    }
    if (plan.to === "rejected") {
      await rejectRequest(db, chris, request.id, "Sponsorship is outside the co-op guidelines.");
      continue;
    }
    const approved = await approveRequest(db, chris, request.id, { note: "" });
    if (plan.to === "second_approval") continue;
    if (approved.needsSecond) await secondApproveRequest(db, fiona, request.id, "");
    if (plan.to === "approved") continue;
    if (plan.to === "cancelled") {
      await cancelRequest(db, partner, request.id);
      continue;
    }
    if (plan.to === "expired") {
      const [row] = await db.select().from(costshareRequests).where(eq(costshareRequests.id, request.id));
      await expireRequests(db, addDays(startOfDay(row.claimBy), 1));
      continue;
    }
    const claimed = addDays(end, 5);
    const claim = await submitClaim(
      db,
      partner,
      request.id,
      { actualCost: plan.actualCost ?? input.plannedCost, brandsShown: input.otherBrands, note: "" },
      { final: [], proofs: [invoicePdf(`AGENCY-${request.number}`, isoDay(end), [input.title, "Proof of performance"])] },
      claimed,
    );
    if (plan.to === "claim_submitted") continue;
    if (plan.to === "claim_returned") {
      await returnClaim(db, chris, claim.id, "The photos do not show our logo: please add one where it is visible.");
      continue;
    }
    if (plan.to === "claim_rejected") {
      await rejectClaim(db, chris, claim.id, "The spots ran outside the approved dates.");
      continue;
    }
    const files = await db.select({ id: costshareFiles.id }).from(costshareFiles).where(eq(costshareFiles.claimId, claim.id));
    for (const f of files) await reviewFile(db, chris, f.id, "accepted", "");
    const decided = await approveClaim(db, chris, claim.id, { note: "" });
    if (plan.to === "claim_approved") continue;
    const amount = decided.approvedMinor ?? 0;
    const part = plan.to === "partly_paid" ? Math.floor(amount / 2) : amount;
    await recordPayment(db, fiona, {
      paidOn: isoDay(addDays(claimed, 10)),
      method: plan.to === "paid" ? "credit_note" : "bank_transfer",
      reference: `CS-${request.number}`,
      lines: [{ claimId: claim.id, amountMinor: part }],
    });
  }
}
