import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db, Queryable, Tx } from "@db/client";
import {
  costshareClaims,
  costshareComments,
  costshareEntries,
  costshareFiles,
  costshareFunds,
  costsharePeriods,
  costshareRequests,
  organisations,
  users,
  type CostshareRequest,
  type CostshareRequestStatus,
} from "@db/schema";
import type { CostshareNoticeKind } from "@emails/costshare";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { config } from "~/lib/config.server";
import { addDays, isoDay, startOfDay } from "~/lib/dates";
import { UserError } from "~/lib/errors";
import { existingId, isId } from "~/lib/ids";
import { minorToMajor } from "~/lib/money";
import { tenantScope } from "~/lib/scope.server";
import { notify } from "../notifications/notify.server";
import { discardFiles, storeFiles } from "./files.server";
import type { RequestInput } from "./forms";
import { appendEntry, ensureFund, getSettings, periodOn, ruleOf, type CostshareSettings } from "./funds.server";
import { businessDaysBetween, reimbursement } from "./rule";

/**
 * Pre-approval requests: a partner asks, the channel team approves (committing the money in the
 * fund), rejects or returns; above the programme's threshold a second approver (finance or an
 * admin) confirms. Every change of status is one guarded UPDATE ... WHERE status = <expected>,
 * so of two deciders the second gets a clear 409 and nothing after it runs twice.
 */

function notFound(): never {
  throw new UserError("common.not_found", undefined, undefined, 404);
}

/** The share and amount the rule gives a request, capped by the funds available now. */
export function priceRequest(
  settings: CostshareSettings,
  input: Pick<RequestInput, "plannedCost" | "otherBrands" | "equalSplit">,
  available: number,
) {
  return reimbursement({
    rule: ruleOf(settings),
    costMinor: input.plannedCost,
    otherBrands: input.otherBrands.length,
    equalSplit: input.equalSplit,
    capMinor: available,
    capKind: "funds",
  });
}

/** The checks a request's dates must pass; the fund it draws on (the period its start falls in). */
async function checkDatesAndFund(tx: Queryable, actor: Actor, settings: CostshareSettings, input: RequestInput, today: string) {
  const ahead = businessDaysBetween(today, input.startsOn);
  if (ahead < settings.leadBusinessDays) throw new UserError("errors.costshare.too_late", "startsOn", { days: settings.leadBusinessDays });
  const period = await periodOn(tx, input.startsOn);
  if (!period) throw new UserError("errors.costshare.no_period_for_date", "startsOn");
  const fund = await ensureFund(tx, period.id, actor.organisationId);
  if (fund.available <= 0) throw new UserError("errors.costshare.no_funds", "plannedCost", { period: period.name });
  return { period, fund };
}

function requestValues(input: RequestInput) {
  return {
    activityType: input.activityType,
    title: input.title,
    description: input.description,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    plannedCostMinor: input.plannedCost,
    otherBrands: input.otherBrands,
    equalSplit: input.equalSplit ? 1 : 0,
    expectedOutcome: input.expectedOutcome ?? "",
    expectedLeads: input.expectedLeads ?? null,
    expectedReach: input.expectedReach ?? null,
  };
}

/** A partner's request for pre-approval, with an optional draft layout (checked by content). */
export async function createRequest(db: Db, actor: Actor, input: RequestInput, layout: File | null, now = new Date()) {
  const settings = await getSettings(db);
  const today = isoDay(now);
  // Check the rules before storing a file, so a refused request leaves nothing behind.
  await checkDatesAndFund(db, actor, settings, input, today);
  const stored = layout ? await storeFiles([{ file: layout, field: "layout" }]) : [];
  try {
    return await db.transaction(async (tx) => {
      const { fund } = await checkDatesAndFund(tx, actor, settings, input, today);
      const price = priceRequest(settings, input, fund.available);
      const claimBy = isoDay(addDays(startOfDay(input.endsOn), settings.claimWindowDays));
      const [request] = await tx
        .insert(costshareRequests)
        .values({
          ...requestValues(input),
          organisationId: actor.organisationId,
          fundId: fund.id,
          createdBy: actor.id,
          requestedShareBp: price.shareBp,
          requestedMinor: price.amountMinor,
          calculation: price.lines,
          claimBy,
        })
        .returning();
      for (const f of stored) await tx.insert(costshareFiles).values({ ...f, requestId: request.id, kind: "layout", uploadedBy: actor.id });
      await recordAudit(tx, {
        actor,
        action: "costshare.request_submitted",
        entityType: "costshare_request",
        entityId: request.id,
        organisationId: actor.organisationId,
        details: { number: request.number, plannedCostMinor: input.plannedCost, requestedMinor: price.amountMinor },
      });
      return request;
    });
  } catch (error) {
    await discardFiles(stored);
    throw error;
  }
}

/** The partner changes a returned request and sends it again (a new layout replaces none: it is added). */
export async function resubmitRequest(db: Db, actor: Actor, requestId: string, input: RequestInput, layout: File | null, now = new Date()) {
  existingId(requestId);
  const settings = await getSettings(db);
  const today = isoDay(now);
  await checkDatesAndFund(db, actor, settings, input, today);
  const stored = layout ? await storeFiles([{ file: layout, field: "layout" }]) : [];
  try {
    return await db.transaction(async (tx) => {
      const { fund } = await checkDatesAndFund(tx, actor, settings, input, today);
      const price = priceRequest(settings, input, fund.available);
      const claimBy = isoDay(addDays(startOfDay(input.endsOn), settings.claimWindowDays));
      const request = await transition(
        tx,
        requestId,
        ["returned"],
        {
          ...requestValues(input),
          fundId: fund.id,
          requestedShareBp: price.shareBp,
          requestedMinor: price.amountMinor,
          calculation: price.lines,
          claimBy,
          status: "submitted",
          submittedAt: new Date(),
          approvedMinor: null,
          approvedShareBp: null,
          firstApproverId: null,
        },
        tenantScope(actor, costshareRequests.organisationId),
      );
      for (const f of stored) await tx.insert(costshareFiles).values({ ...f, requestId: request.id, kind: "layout", uploadedBy: actor.id });
      await logDecision(tx, actor, request, "resubmitted", null);
      return request;
    });
  } catch (error) {
    await discardFiles(stored);
    throw error;
  }
}

/**
 * One guarded change of status: only from one of `from`, and only for a request the actor's
 * scope reaches. Of two deciders the second finds the status changed and gets 409.
 */
async function transition(
  tx: Tx,
  requestId: string,
  from: readonly CostshareRequestStatus[],
  set: Partial<typeof costshareRequests.$inferInsert>,
  scope?: ReturnType<typeof tenantScope>,
): Promise<CostshareRequest> {
  if (!isId(requestId)) notFound();
  const [request] = await tx
    .update(costshareRequests)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(costshareRequests.id, requestId), inArray(costshareRequests.status, [...from]), scope))
    .returning();
  if (request) return request;
  const [now] = await tx
    .select({ status: costshareRequests.status })
    .from(costshareRequests)
    .where(and(eq(costshareRequests.id, requestId), scope));
  if (!now) notFound();
  throw new UserError("errors.costshare.request_already_decided", undefined, { status: now.status }, 409);
}

/** A decision's line in the request's thread and the audit log, in the deciding transaction. */
async function logDecision(
  tx: Tx,
  actor: Actor,
  request: CostshareRequest,
  event: string,
  note: string | null,
  details: Record<string, unknown> = {},
) {
  await tx.insert(costshareComments).values({ requestId: request.id, authorId: actor.id, event, body: note ?? "" });
  await recordAudit(tx, {
    actor,
    action: `costshare.request_${event}`,
    entityType: "costshare_request",
    entityId: request.id,
    organisationId: request.organisationId,
    reason: note,
    details: { number: request.number, ...details },
  });
}

/** Tells the partner who made the request, in the app and by email, inside the deciding transaction. */
export async function tellPartner(
  tx: Tx,
  request: Pick<CostshareRequest, "id" | "number" | "title" | "createdBy">,
  kind: CostshareNoticeKind,
  opts: { amountMinor?: number; note?: string | null; days?: number } = {},
) {
  const { currency } = await getSettings(tx);
  const [person] = await tx.select({ name: users.name }).from(users).where(eq(users.id, request.createdBy));
  await notify(tx, {
    userId: request.createdBy,
    topic: "cost_share",
    titleKey: `costshare.notice.${kind}`,
    vars: { number: request.number, title: request.title },
    link: `/cost-share/requests/${request.id}`,
    email: {
      template: "costshare_notice",
      props: {
        name: person?.name ?? "",
        kind,
        number: request.number,
        title: request.title,
        amountMinor: opts.amountMinor ?? 0,
        currency,
        note: opts.note ?? "",
        days: opts.days ?? 0,
        url: `${config.publicUrl}/cost-share/requests/${request.id}`,
      },
    },
  });
}

/** Commits the approved amount in the fund (guarded: "not enough funds" leaves everything as it was). */
async function commit(tx: Tx, actor: Actor, request: CostshareRequest, amountMinor: number) {
  await appendEntry(tx, {
    fundId: request.fundId,
    organisationId: request.organisationId,
    kind: "commitment",
    amount: amountMinor,
    sourceKey: `request:${request.id}`,
    requestId: request.id,
    createdBy: actor.id,
  });
}

export type ApproveInput = { amountMinor?: number; note: string };

/**
 * The channel manager's approval. The amount defaults to what the rule gave (it may be lower,
 * never higher than the rule's uncapped amount). Above the threshold the request waits for a
 * second approver and no money moves yet; otherwise the money is committed now.
 */
export async function approveRequest(db: Db, actor: Actor, requestId: string, input: ApproveInput) {
  existingId(requestId);
  const settings = await getSettings(db);
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(costshareRequests).where(eq(costshareRequests.id, requestId));
    if (!current) notFound();
    const full = reimbursement({
      rule: ruleOf(settings),
      costMinor: current.plannedCostMinor,
      otherBrands: current.otherBrands.length,
      equalSplit: current.equalSplit === 1,
    });
    const amount = input.amountMinor ?? current.requestedMinor;
    if (amount <= 0) throw new UserError("errors.costshare.amount", "amount");
    if (amount > full.ruleMinor)
      throw new UserError("errors.costshare.above_rule", "amount", {
        max: minorToMajor(full.ruleMinor, settings.currency),
        currency: settings.currency,
      });
    const shareBp = Math.floor((amount * 10000) / current.plannedCostMinor);
    const needsSecond = amount > settings.secondApprovalAboveMinor;
    const request = await transition(tx, requestId, ["submitted"], {
      status: needsSecond ? "second_approval" : "approved",
      approvedMinor: amount,
      approvedShareBp: shareBp,
      firstApproverId: actor.id,
      decisionNote: input.note || null,
      decidedAt: needsSecond ? null : new Date(),
    });
    if (needsSecond) {
      await logDecision(tx, actor, request, "first_approved", input.note || null, { amountMinor: amount });
      return { request, needsSecond: true };
    }
    await commit(tx, actor, request, amount);
    await logDecision(tx, actor, request, "approved", input.note || null, { amountMinor: amount });
    await tellPartner(tx, request, "request_approved", { amountMinor: amount, note: input.note });
    return { request, needsSecond: false };
  });
}

/** The second approval (finance or an admin, never the first approver): commits the money. */
export async function secondApproveRequest(db: Db, actor: Actor, requestId: string, note: string) {
  existingId(requestId);
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(costshareRequests).where(eq(costshareRequests.id, requestId));
    if (!current) notFound();
    if (current.firstApproverId === actor.id) throw new UserError("errors.costshare.same_approver", undefined, undefined, 409);
    const request = await transition(tx, requestId, ["second_approval"], {
      status: "approved",
      secondApproverId: actor.id,
      decidedAt: new Date(),
    });
    await commit(tx, actor, request, request.approvedMinor ?? 0);
    await logDecision(tx, actor, request, "approved", note || null, { amountMinor: request.approvedMinor, second: true });
    await tellPartner(tx, request, "request_approved", { amountMinor: request.approvedMinor ?? 0, note });
    return request;
  });
}

/** A final refusal with a reason; nothing was committed yet, so no money moves. */
export async function rejectRequest(db: Db, actor: Actor, requestId: string, note: string) {
  existingId(requestId);
  return db.transaction(async (tx) => {
    const request = await transition(tx, requestId, ["submitted", "second_approval"], {
      status: "rejected",
      decisionNote: note,
      decidedAt: new Date(),
    });
    await logDecision(tx, actor, request, "rejected", note);
    await tellPartner(tx, request, "request_rejected", { note });
    return request;
  });
}

/** Back to the partner for changes, with what to change. */
export async function returnRequest(db: Db, actor: Actor, requestId: string, note: string) {
  existingId(requestId);
  return db.transaction(async (tx) => {
    const request = await transition(tx, requestId, ["submitted", "second_approval"], { status: "returned", decisionNote: note });
    await logDecision(tx, actor, request, "returned", note);
    await tellPartner(tx, request, "request_returned", { note });
    return request;
  });
}

/** Releases what a request still has committed (cancel, expiry, rejected claim), once. */
export async function releaseCommitment(tx: Tx, actor: Actor | null, request: CostshareRequest, amountMinor: number, note: string) {
  if (amountMinor <= 0) return;
  await appendEntry(tx, {
    fundId: request.fundId,
    organisationId: request.organisationId,
    kind: "release",
    amount: amountMinor,
    sourceKey: `request:${request.id}`,
    requestId: request.id,
    note,
    createdBy: actor?.id ?? null,
  });
}

/** The partner withdraws a request; an approved one without a claim gives its money back. */
export async function cancelRequest(db: Db, actor: Actor, requestId: string) {
  existingId(requestId);
  return db.transaction(async (tx) => {
    const [claim] = await tx.select({ id: costshareClaims.id }).from(costshareClaims).where(eq(costshareClaims.requestId, requestId));
    if (claim) throw new UserError("errors.costshare.has_claim", undefined, undefined, 409);
    const [before] = await tx
      .select({ status: costshareRequests.status })
      .from(costshareRequests)
      .where(and(eq(costshareRequests.id, requestId), tenantScope(actor, costshareRequests.organisationId)));
    if (!before) notFound();
    const request = await transition(
      tx,
      requestId,
      ["submitted", "returned", "second_approval", "approved"],
      { status: "cancelled" },
      tenantScope(actor, costshareRequests.organisationId),
    );
    if (before.status === "approved") await releaseCommitment(tx, actor, request, request.approvedMinor ?? 0, "cancelled");
    await logDecision(tx, actor, request, "cancelled", null);
    return request;
  });
}

export async function addComment(db: Db, actor: Actor, requestId: string, body: string) {
  const request = await getRequestRow(db, actor, requestId);
  if (!request) notFound();
  await db.transaction(async (tx) => {
    await tx.insert(costshareComments).values({ requestId: request.id, authorId: actor.id, body });
    // The other side hears of it: the partner's author when staff write, nobody else by email.
    if (actor.organisationId !== request.organisationId && request.createdBy !== actor.id)
      await notify(tx, {
        userId: request.createdBy,
        topic: "cost_share",
        titleKey: "costshare.notice.comment",
        vars: { number: request.number, title: request.title },
        link: `/cost-share/requests/${request.id}`,
      });
  });
}

// ---------------------------------------------------------------------------------------------
// Reads (scoped: another partner's request is "not found").

export async function getRequestRow(db: Queryable, actor: Actor, requestId: string) {
  if (!isId(requestId)) return null;
  const [row] = await db
    .select()
    .from(costshareRequests)
    .where(and(eq(costshareRequests.id, requestId), tenantScope(actor, costshareRequests.organisationId)));
  return row ?? null;
}

export async function getRequest(db: Queryable, actor: Actor, requestId: string) {
  const request = await getRequestRow(db, actor, requestId);
  if (!request) return null;
  const [[org], [fund], files, thread, [claim], [author]] = await Promise.all([
    db
      .select({ name: organisations.name, tier: organisations.tier })
      .from(organisations)
      .where(eq(organisations.id, request.organisationId)),
    db
      .select({ fund: costshareFunds, period: costsharePeriods })
      .from(costshareFunds)
      .innerJoin(costsharePeriods, eq(costsharePeriods.id, costshareFunds.periodId))
      .where(eq(costshareFunds.id, request.fundId)),
    db.select().from(costshareFiles).where(eq(costshareFiles.requestId, request.id)).orderBy(asc(costshareFiles.createdAt)),
    db
      .select({ comment: costshareComments, author: users.name, authorOrg: users.organisationId })
      .from(costshareComments)
      .innerJoin(users, eq(users.id, costshareComments.authorId))
      .where(eq(costshareComments.requestId, request.id))
      .orderBy(asc(costshareComments.createdAt)),
    db.select().from(costshareClaims).where(eq(costshareClaims.requestId, request.id)),
    db.select({ name: users.name }).from(users).where(eq(users.id, request.createdBy)),
  ]);
  return {
    request,
    organisation: org,
    author: author?.name ?? "",
    fund: fund?.fund ?? null,
    period: fund?.period ?? null,
    files: files.map((f) => ({
      id: f.id,
      kind: f.kind,
      mime: f.mime,
      size: f.size,
      originalName: f.originalName,
      claimId: f.claimId,
      review: f.review,
      reviewNote: f.reviewNote,
    })),
    thread: thread.map((t) => ({
      id: t.comment.id,
      event: t.comment.event,
      body: t.comment.body,
      at: t.comment.createdAt,
      author: t.author,
      staff: t.authorOrg !== request.organisationId,
    })),
    claim: claim ?? null,
  };
}

export async function listRequests(
  db: Queryable,
  actor: Actor,
  opts: { status?: CostshareRequestStatus; organisationId?: string; limit?: number } = {},
) {
  return db
    .select({
      id: costshareRequests.id,
      number: costshareRequests.number,
      title: costshareRequests.title,
      activityType: costshareRequests.activityType,
      status: costshareRequests.status,
      startsOn: costshareRequests.startsOn,
      requestedMinor: costshareRequests.requestedMinor,
      approvedMinor: costshareRequests.approvedMinor,
      plannedCostMinor: costshareRequests.plannedCostMinor,
      organisationName: organisations.name,
      claimStatus: costshareClaims.status,
      claimId: costshareClaims.id,
      // Set once the claim is approved: what the partner gets, often less than the pre-approval.
      claimApprovedMinor: costshareClaims.approvedMinor,
      submittedAt: costshareRequests.submittedAt,
    })
    .from(costshareRequests)
    .innerJoin(organisations, eq(organisations.id, costshareRequests.organisationId))
    .leftJoin(costshareClaims, eq(costshareClaims.requestId, costshareRequests.id))
    .where(
      and(
        tenantScope(actor, costshareRequests.organisationId),
        opts.status ? eq(costshareRequests.status, opts.status) : undefined,
        opts.organisationId ? eq(costshareRequests.organisationId, opts.organisationId) : undefined,
      ),
    )
    .orderBy(desc(costshareRequests.submittedAt))
    .limit(opts.limit ?? 200);
}

/** What waits for a decision: requests (first or second approval) and claims, oldest first. */
export async function reviewQueue(db: Queryable, actor: Actor, opts: { second: boolean; first: boolean }) {
  const statuses: CostshareRequestStatus[] = [
    ...(opts.first ? (["submitted"] as const) : []),
    ...(opts.second ? (["second_approval"] as const) : []),
  ];
  const requests = statuses.length
    ? await db
        .select({
          id: costshareRequests.id,
          number: costshareRequests.number,
          title: costshareRequests.title,
          status: costshareRequests.status,
          activityType: costshareRequests.activityType,
          requestedMinor: costshareRequests.requestedMinor,
          approvedMinor: costshareRequests.approvedMinor,
          startsOn: costshareRequests.startsOn,
          submittedAt: costshareRequests.submittedAt,
          organisationName: organisations.name,
          firstApproverId: costshareRequests.firstApproverId,
        })
        .from(costshareRequests)
        .innerJoin(organisations, eq(organisations.id, costshareRequests.organisationId))
        .where(and(inArray(costshareRequests.status, statuses), tenantScope(actor, costshareRequests.organisationId)))
        .orderBy(asc(costshareRequests.submittedAt))
        .limit(200)
    : [];
  const claims = opts.first
    ? await db
        .select({
          id: costshareClaims.id,
          number: costshareClaims.number,
          requestId: costshareClaims.requestId,
          title: costshareRequests.title,
          reimbursementMinor: costshareClaims.reimbursementMinor,
          submittedAt: costshareClaims.submittedAt,
          organisationName: organisations.name,
        })
        .from(costshareClaims)
        .innerJoin(costshareRequests, eq(costshareRequests.id, costshareClaims.requestId))
        .innerJoin(organisations, eq(organisations.id, costshareClaims.organisationId))
        .where(and(eq(costshareClaims.status, "submitted"), tenantScope(actor, costshareClaims.organisationId)))
        .orderBy(asc(costshareClaims.submittedAt))
        .limit(200)
    : [];
  return { requests, claims };
}

/** Requests per activity type (count, approved amount) for the usage report. */
export async function usageByActivity(db: Queryable, actor: Actor, periodId?: string) {
  // The money the fund still holds for each activity type: commitments less what went back to the
  // fund (a lower claim, a rejected claim, an expired or cancelled request), from the same entries
  // as the fund's "committed" figure, so the types add up to the partners' committed total.
  return db
    .select({
      activityType: costshareRequests.activityType,
      requests: sql<number>`count(distinct ${costshareRequests.id})::int`,
      approvedMinor: sql<string>`coalesce(sum(case ${costshareEntries.kind} when 'commitment' then ${costshareEntries.amount} when 'release' then -${costshareEntries.amount} else 0 end), 0)`,
    })
    .from(costshareRequests)
    .innerJoin(costshareFunds, eq(costshareFunds.id, costshareRequests.fundId))
    .leftJoin(
      costshareEntries,
      and(eq(costshareEntries.requestId, costshareRequests.id), inArray(costshareEntries.kind, ["commitment", "release"])),
    )
    .where(and(tenantScope(actor, costshareRequests.organisationId), periodId ? eq(costshareFunds.periodId, periodId) : undefined))
    .groupBy(costshareRequests.activityType);
}
