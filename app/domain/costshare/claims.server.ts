import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, Queryable, Tx } from "@db/client";
import {
  costshareClaims,
  costshareComments,
  costshareFiles,
  costshareFunds,
  costshareRequests,
  type CostshareClaim,
  type CostshareClaimStatus,
  type CostshareRequest,
} from "@db/schema";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { isoDay } from "~/lib/dates";
import { UserError } from "~/lib/errors";
import { existingId, isId } from "~/lib/ids";
import { minorToMajor } from "~/lib/money";
import { tenantScope } from "~/lib/scope.server";
import { discardFiles, storeFiles } from "./files.server";
import type { ClaimInput } from "./forms";
import { appendEntry, getSettings, ruleOf, type CostshareSettings } from "./funds.server";
import { releaseCommitment, tellPartner } from "./requests.server";
import { reimbursement } from "./rule";
import { MAX_PROOF_FILES } from "./shared";

/**
 * Claims with proof of performance. The reimbursement is the rule's share of the actual cost
 * (with the brands actually shown), capped by the approved amount; on approval the difference
 * goes back to the fund. A rejected claim (final) gives the whole commitment back.
 */

function notFound(): never {
  throw new UserError("common.not_found", undefined, undefined, 404);
}

export function priceClaim(
  settings: CostshareSettings,
  request: Pick<CostshareRequest, "equalSplit" | "approvedMinor">,
  input: Pick<ClaimInput, "actualCost" | "brandsShown">,
) {
  return reimbursement({
    rule: ruleOf(settings),
    costMinor: input.actualCost,
    otherBrands: input.brandsShown.length,
    equalSplit: request.equalSplit === 1,
    capMinor: request.approvedMinor ?? 0,
    capKind: "approved",
  });
}

/**
 * The partner's claim for an approved request (or the changed claim after it was returned):
 * final material and proof files are checked by content before anything is written.
 */
export async function submitClaim(
  db: Db,
  actor: Actor,
  requestId: string,
  input: ClaimInput,
  files: { final: File[]; proofs: File[] },
  now = new Date(),
) {
  existingId(requestId);
  const settings = await getSettings(db);
  const [request] = await db
    .select()
    .from(costshareRequests)
    .where(and(eq(costshareRequests.id, requestId), tenantScope(actor, costshareRequests.organisationId)));
  if (!request) notFound();
  if (request.status !== "approved") throw new UserError("errors.costshare.not_claimable", undefined, { status: request.status }, 409);
  if (isoDay(now) > request.claimBy) throw new UserError("errors.costshare.claim_window_passed", undefined, { day: request.claimBy }, 409);
  const [existing] = await db.select().from(costshareClaims).where(eq(costshareClaims.requestId, requestId));
  if (existing && existing.status !== "returned") throw new UserError("errors.costshare.claim_exists", undefined, undefined, 409);
  const earlier = existing
    ? await db
        .select({ id: costshareFiles.id })
        .from(costshareFiles)
        .where(and(eq(costshareFiles.claimId, existing.id), eq(costshareFiles.kind, "proof")))
    : [];
  if (!files.proofs.length && !earlier.length) throw new UserError("errors.costshare.proof_required", "proofs");
  if (files.proofs.length + files.final.length + earlier.length > MAX_PROOF_FILES)
    throw new UserError("errors.costshare.too_many_files", "proofs", { count: MAX_PROOF_FILES });
  const stored = await storeFiles([
    ...files.final.map((file) => ({ file, field: "final" })),
    ...files.proofs.map((file) => ({ file, field: "proofs" })),
  ]);
  const price = priceClaim(settings, request, input);
  try {
    return await db.transaction(async (tx) => {
      let claim: CostshareClaim;
      const values = {
        actualCostMinor: input.actualCost,
        brandsShown: input.brandsShown,
        reimbursementMinor: price.amountMinor,
        calculation: price.lines,
        note: input.note ?? "",
        status: "submitted" as const,
        submittedAt: new Date(),
      };
      if (existing) {
        [claim] = await tx
          .update(costshareClaims)
          .set({ ...values, updatedAt: new Date() })
          .where(and(eq(costshareClaims.id, existing.id), eq(costshareClaims.status, "returned")))
          .returning();
        if (!claim) throw new UserError("errors.costshare.claim_exists", undefined, undefined, 409);
      } else {
        [claim] = await tx
          .insert(costshareClaims)
          .values({ ...values, requestId: request.id, organisationId: request.organisationId, fundId: request.fundId, createdBy: actor.id })
          .onConflictDoNothing()
          .returning();
        if (!claim) throw new UserError("errors.costshare.claim_exists", undefined, undefined, 409);
      }
      for (const [i, f] of stored.entries())
        await tx.insert(costshareFiles).values({
          ...f,
          requestId: request.id,
          claimId: claim.id,
          kind: i < files.final.length ? "final" : "proof",
          uploadedBy: actor.id,
        });
      await tx.insert(costshareComments).values({
        requestId: request.id,
        authorId: actor.id,
        event: existing ? "claim_resubmitted" : "claim_submitted",
        body: input.note ?? "",
      });
      await recordAudit(tx, {
        actor,
        action: existing ? "costshare.claim_resubmitted" : "costshare.claim_submitted",
        entityType: "costshare_claim",
        entityId: claim.id,
        organisationId: request.organisationId,
        details: {
          number: claim.number,
          request: request.number,
          actualCostMinor: input.actualCost,
          reimbursementMinor: price.amountMinor,
        },
      });
      return claim;
    });
  } catch (error) {
    await discardFiles(stored);
    throw error;
  }
}

async function claimTransition(tx: Tx, claimId: string, from: CostshareClaimStatus[], set: Partial<typeof costshareClaims.$inferInsert>) {
  if (!isId(claimId)) notFound();
  const [claim] = await tx
    .update(costshareClaims)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(costshareClaims.id, claimId), inArray(costshareClaims.status, from)))
    .returning();
  if (claim) return claim;
  const [now] = await tx.select({ status: costshareClaims.status }).from(costshareClaims).where(eq(costshareClaims.id, claimId));
  if (!now) notFound();
  throw new UserError("errors.costshare.claim_already_decided", undefined, { status: now.status }, 409);
}

async function requestOf(tx: Tx, claim: CostshareClaim) {
  const [request] = await tx.select().from(costshareRequests).where(eq(costshareRequests.id, claim.requestId));
  return request;
}

async function logClaim(
  tx: Tx,
  actor: Actor,
  claim: CostshareClaim,
  event: string,
  note: string | null,
  details: Record<string, unknown> = {},
) {
  await tx.insert(costshareComments).values({ requestId: claim.requestId, authorId: actor.id, event, body: note ?? "" });
  await recordAudit(tx, {
    actor,
    action: `costshare.${event}`,
    entityType: "costshare_claim",
    entityId: claim.id,
    organisationId: claim.organisationId,
    reason: note,
    details: { number: claim.number, ...details },
  });
}

/** Accepts or rejects one proof file (with a note) while its claim waits for a decision. */
export async function reviewFile(db: Db, actor: Actor, fileId: string, verdict: "accepted" | "rejected", note: string) {
  existingId(fileId);
  if (verdict === "rejected" && !note) throw new UserError("errors.costshare.reason_required", "note");
  return db.transaction(async (tx) => {
    const [file] = await tx.select().from(costshareFiles).where(eq(costshareFiles.id, fileId));
    if (!file?.claimId) notFound();
    const [claim] = await tx.select().from(costshareClaims).where(eq(costshareClaims.id, file.claimId)).for("update");
    if (claim?.status !== "submitted")
      throw new UserError("errors.costshare.claim_already_decided", undefined, { status: claim?.status ?? "" }, 409);
    await tx
      .update(costshareFiles)
      .set({ review: verdict, reviewNote: note || null })
      .where(eq(costshareFiles.id, fileId));
    await recordAudit(tx, {
      actor,
      action: `costshare.file_${verdict}`,
      entityType: "costshare_file",
      entityId: file.id,
      organisationId: claim.organisationId,
      reason: note || null,
      details: { claim: claim.number, name: file.originalName },
    });
  });
}

/**
 * Approves a claim once every proof file is reviewed and at least one accepted: the claimed
 * amount is entered in the fund, and what the approval committed beyond it goes back to
 * `available`, in one transaction with the audit row and the partner's notice.
 */
export async function approveClaim(db: Db, actor: Actor, claimId: string, input: { amountMinor?: number; note: string }) {
  existingId(claimId);
  return db.transaction(async (tx) => {
    const files = await tx
      .select({ review: costshareFiles.review })
      .from(costshareFiles)
      .where(and(eq(costshareFiles.claimId, claimId), eq(costshareFiles.kind, "proof")));
    if (files.some((f) => f.review === "pending")) throw new UserError("errors.costshare.review_files_first", undefined, undefined, 409);
    if (!files.some((f) => f.review === "accepted")) throw new UserError("errors.costshare.no_accepted_proof", undefined, undefined, 409);
    const [current] = await tx.select().from(costshareClaims).where(eq(costshareClaims.id, claimId));
    if (!current) notFound();
    const amount = input.amountMinor ?? current.reimbursementMinor;
    if (amount > current.reimbursementMinor)
      throw new UserError("errors.costshare.above_claim", "amount", {
        max: minorToMajor(current.reimbursementMinor, (await getSettings(tx)).currency),
        currency: (await getSettings(tx)).currency,
      });
    const claim = await claimTransition(tx, claimId, ["submitted"], {
      status: "approved",
      approvedMinor: amount,
      decidedBy: actor.id,
      decidedAt: new Date(),
      decisionNote: input.note || null,
    });
    const request = await requestOf(tx, claim);
    const committed = request.approvedMinor ?? 0;
    if (amount > 0)
      await appendEntry(tx, {
        fundId: claim.fundId,
        organisationId: claim.organisationId,
        kind: "claim",
        amount,
        sourceKey: `claim:${claim.id}`,
        requestId: request.id,
        claimId: claim.id,
        createdBy: actor.id,
      });
    await releaseCommitment(tx, actor, request, committed - amount, "claimed_less");
    await tx.update(costshareRequests).set({ status: "claimed", updatedAt: new Date() }).where(eq(costshareRequests.id, request.id));
    await logClaim(tx, actor, claim, "claim_approved", input.note || null, { approvedMinor: amount, releasedMinor: committed - amount });
    await tellPartner(tx, request, "claim_approved", { amountMinor: amount, note: input.note });
    return claim;
  });
}

/** A final refusal of the claim: the request's whole commitment goes back to the fund. */
export async function rejectClaim(db: Db, actor: Actor, claimId: string, note: string) {
  existingId(claimId);
  return db.transaction(async (tx) => {
    const claim = await claimTransition(tx, claimId, ["submitted"], {
      status: "rejected",
      decidedBy: actor.id,
      decidedAt: new Date(),
      decisionNote: note,
    });
    const request = await requestOf(tx, claim);
    await releaseCommitment(tx, actor, request, request.approvedMinor ?? 0, "claim_rejected");
    await logClaim(tx, actor, claim, "claim_rejected", note);
    await tellPartner(tx, request, "claim_rejected", { note });
    return claim;
  });
}

/** Back to the partner to fix (more proof, the right cost); the money stays committed. */
export async function returnClaim(db: Db, actor: Actor, claimId: string, note: string) {
  existingId(claimId);
  return db.transaction(async (tx) => {
    const claim = await claimTransition(tx, claimId, ["submitted"], { status: "returned", decisionNote: note });
    const request = await requestOf(tx, claim);
    await logClaim(tx, actor, claim, "claim_returned", note);
    await tellPartner(tx, request, "claim_returned", { note });
    return claim;
  });
}

/** Claims cycle time: average days from a claim being sent to its decision, and from decision to payment in full. */
export async function claimsCycle(db: Queryable, periodId?: string) {
  const [row] = await db
    .select({
      decided: sql<number>`count(*) filter (where ${costshareClaims.decidedAt} is not null)::int`,
      toDecision: sql<
        string | null
      >`round(avg(extract(epoch from ${costshareClaims.decidedAt} - ${costshareClaims.submittedAt})) / 86400, 1)`,
      toPayment: sql<
        string | null
      >`round(avg(extract(epoch from (select max(e.created_at) from costshare_entries e where e.claim_id = ${costshareClaims.id} and e.kind = 'payment') - ${costshareClaims.decidedAt})) filter (where ${costshareClaims.status} = 'paid') / 86400, 1)`,
    })
    .from(costshareClaims)
    .innerJoin(costshareFunds, eq(costshareFunds.id, costshareClaims.fundId))
    .where(periodId ? eq(costshareFunds.periodId, periodId) : undefined);
  return {
    decided: row?.decided ?? 0,
    toDecision: row?.toDecision == null ? null : Number(row.toDecision),
    toPayment: row?.toPayment == null ? null : Number(row.toPayment),
  };
}
