import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db, Queryable } from "@db/client";
import {
  costshareClaims,
  costshareEntries,
  costsharePayments,
  costshareRequests,
  organisations,
  type CostsharePaymentMethod,
} from "@db/schema";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { UserError } from "~/lib/errors";
import { isId } from "~/lib/ids";
import { minorToMajor } from "~/lib/money";
import { appendEntry, getSettings } from "./funds.server";
import { tellPartner } from "./requests.server";

/**
 * Finance records payments: one payment (date, method, reference) may settle several claims of
 * one partner, each wholly or in part. Each line is a guarded UPDATE of the claim (paid + amount
 * <= approved) and one ledger entry keyed by payment and claim, so nothing is paid twice or beyond
 * what was approved, whoever else is paying at the same moment.
 */

export async function payableClaims(db: Queryable, organisationId?: string) {
  return db
    .select({
      id: costshareClaims.id,
      number: costshareClaims.number,
      requestId: costshareClaims.requestId,
      title: costshareRequests.title,
      organisationId: costshareClaims.organisationId,
      organisationName: organisations.name,
      approvedMinor: costshareClaims.approvedMinor,
      paidMinor: costshareClaims.paidMinor,
      decidedAt: costshareClaims.decidedAt,
    })
    .from(costshareClaims)
    .innerJoin(costshareRequests, eq(costshareRequests.id, costshareClaims.requestId))
    .innerJoin(organisations, eq(organisations.id, costshareClaims.organisationId))
    .where(and(eq(costshareClaims.status, "approved"), organisationId ? eq(costshareClaims.organisationId, organisationId) : undefined))
    .orderBy(asc(organisations.name), asc(costshareClaims.decidedAt))
    .limit(500);
}

export type PaymentInput = {
  paidOn: string;
  method: CostsharePaymentMethod;
  reference: string;
  lines: Array<{ claimId: string; amountMinor: number }>;
};

export async function recordPayment(db: Db, actor: Actor, input: PaymentInput) {
  const lines = input.lines.filter((l) => l.amountMinor > 0);
  if (!lines.length) throw new UserError("errors.costshare.choose_claims", "_form");
  if (lines.some((l) => !isId(l.claimId)) || new Set(lines.map((l) => l.claimId)).size !== lines.length)
    throw new UserError("errors.costshare.choose_claims", "_form");
  const total = lines.reduce((s, l) => s + l.amountMinor, 0);
  const { currency } = await getSettings(db);
  return db.transaction(async (tx) => {
    const claims = [];
    for (const l of lines) {
      const [claim] = await tx.select().from(costshareClaims).where(eq(costshareClaims.id, l.claimId));
      if (!claim) throw new UserError("common.not_found", undefined, undefined, 404);
      claims.push(claim);
    }
    const orgs = new Set(claims.map((c) => c.organisationId));
    if (orgs.size !== 1) throw new UserError("errors.costshare.one_partner_per_payment", "_form");
    const [payment] = await tx
      .insert(costsharePayments)
      .values({
        organisationId: claims[0].organisationId,
        paidOn: input.paidOn,
        method: input.method,
        reference: input.reference,
        totalMinor: total,
        createdBy: actor.id,
      })
      .returning();
    for (const l of lines) {
      // Guarded: only an approved claim, never beyond its approved amount.
      const [claim] = await tx
        .update(costshareClaims)
        .set({
          paidMinor: sql`${costshareClaims.paidMinor} + ${l.amountMinor}`,
          status: sql`case when ${costshareClaims.paidMinor} + ${l.amountMinor} >= ${costshareClaims.approvedMinor} then 'paid'::costshare_claim_status else 'approved'::costshare_claim_status end`,
          updatedAt: new Date(),
        })
        .where(
          and(
            eq(costshareClaims.id, l.claimId),
            eq(costshareClaims.status, "approved"),
            sql`${costshareClaims.paidMinor} + ${l.amountMinor} <= ${costshareClaims.approvedMinor}`,
          ),
        )
        .returning();
      const before = claims.find((c) => c.id === l.claimId)!;
      if (!claim)
        throw new UserError(
          "errors.costshare.overpaid",
          `claim_${l.claimId}`,
          { number: before.number, left: minorToMajor(Math.max(0, (before.approvedMinor ?? 0) - before.paidMinor), currency), currency },
          409,
        );
      await appendEntry(tx, {
        fundId: claim.fundId,
        organisationId: claim.organisationId,
        kind: "payment",
        amount: l.amountMinor,
        sourceKey: `payment:${payment.id}:${claim.id}`,
        requestId: claim.requestId,
        claimId: claim.id,
        paymentId: payment.id,
        createdBy: actor.id,
      });
      const [request] = await tx.select().from(costshareRequests).where(eq(costshareRequests.id, claim.requestId));
      await tellPartner(tx, request, "paid", { amountMinor: l.amountMinor, note: input.reference });
    }
    await recordAudit(tx, {
      actor,
      action: "costshare.payment_recorded",
      entityType: "costshare_payment",
      entityId: payment.id,
      organisationId: payment.organisationId,
      details: {
        number: payment.number,
        method: input.method,
        reference: input.reference,
        totalMinor: total,
        claims: claims.map((c) => c.number),
      },
    });
    return payment;
  });
}

export async function listPayments(db: Queryable, limit = 100) {
  return db
    .select({ payment: costsharePayments, organisationName: organisations.name })
    .from(costsharePayments)
    .innerJoin(organisations, eq(organisations.id, costsharePayments.organisationId))
    .orderBy(desc(costsharePayments.createdAt))
    .limit(limit);
}

/** One row per payment line for finance: partner, claim, request, amounts, reference. */
export async function paymentExportRows(db: Queryable) {
  const { currency } = await getSettings(db);
  const rows = await db
    .select({
      paymentNumber: costsharePayments.number,
      paidOn: costsharePayments.paidOn,
      method: costsharePayments.method,
      reference: costsharePayments.reference,
      partner: organisations.name,
      claimNumber: costshareClaims.number,
      requestNumber: costshareRequests.number,
      title: costshareRequests.title,
      approvedMinor: costshareClaims.approvedMinor,
      amountMinor: costshareEntries.amount,
    })
    .from(costshareEntries)
    .innerJoin(costsharePayments, eq(costsharePayments.id, costshareEntries.paymentId))
    .innerJoin(costshareClaims, eq(costshareClaims.id, costshareEntries.claimId))
    .innerJoin(costshareRequests, eq(costshareRequests.id, costshareClaims.requestId))
    .innerJoin(organisations, eq(organisations.id, costshareEntries.organisationId))
    .where(eq(costshareEntries.kind, "payment"))
    .orderBy(asc(costsharePayments.number), asc(costshareClaims.number))
    .limit(20_000);
  return { currency, rows };
}
