import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db, Queryable } from "@db/client";
import { mysteryDisputes, mysteryPhotos, mysteryVisits, organisations, outlets, users } from "@db/schema";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { UserError, constraintName, notFoundError, sqlState } from "~/lib/errors";
import { isId } from "~/lib/ids";
import { reverseAward } from "./awards.server";
import { discardPhotos, storePhoto } from "./photos.server";
import { allQuestions } from "./scoring";
import { getReport } from "./visits.server";
import { notify } from "../notifications/notify.server";

/**
 * A partner's executive or manager disputes a published report of its own outlet within the
 * dispute window, with a reason and evidence, about one question or the whole report. One
 * dispute is open at a time per report (a unique index; a second is a clear 409).
 */
export async function raiseDispute(
  db: Db,
  actor: Actor,
  visitId: string,
  input: { questionId: string | null; reason: string; evidence: string },
  file: File | null = null,
) {
  const report = await getReport(db, actor, visitId);
  if (!report || report.organisationId !== actor.organisationId) throw notFoundError();
  if (report.status !== "published") throw new UserError("mystery.errors.not_disputable", undefined, undefined, 409);
  if (!report.disputeUntil || report.disputeUntil <= new Date())
    throw new UserError("mystery.errors.window_closed", undefined, undefined, 409);
  if (input.questionId && !allQuestions(report.questionnaire).some((q) => q.id === input.questionId))
    throw new UserError("mystery.errors.no_question", "questionId");
  // The evidence file (a photo or a PDF) is stored first, under the dispute's id, and removed again if the dispute is not saved.
  const disputeId = randomUUID();
  const stored = file && file.size > 0 ? await storePhoto(`dispute:${disputeId}`, file, "evidenceFile") : null;
  try {
    return await db.transaction(async (tx) => {
      const [dispute] = await tx
        .insert(mysteryDisputes)
        .values({ id: disputeId, visitId, organisationId: actor.organisationId, raisedBy: actor.id, ...input })
        .returning();
      if (stored) await tx.insert(mysteryPhotos).values({ ...stored, visitId });
      await recordAudit(tx, {
        actor,
        action: "mystery.dispute.raise",
        entityType: "mystery_visit",
        entityId: visitId,
        organisationId: actor.organisationId,
        reason: input.reason,
        details: { disputeId: dispute.id, questionId: input.questionId },
      });
      // The partner's channel manager decides; they hear about it in the inbox.
      const [org] = await tx
        .select({ cm: organisations.channelManagerId })
        .from(organisations)
        .where(eq(organisations.id, actor.organisationId));
      if (org?.cm)
        await notify(tx, {
          userId: org.cm,
          topic: "announcements",
          titleKey: "mystery.notice.disputed",
          vars: { partner: actor.organisationName, outlet: report.outlet },
          link: `/mystery/reports/${visitId}`,
        });
      return dispute;
    });
  } catch (error) {
    if (stored) await discardPhotos([stored]);
    if (sqlState(error) === "23505" && constraintName(error) === "mystery_disputes_one_open")
      throw new UserError("mystery.errors.dispute_open", undefined, undefined, 409);
    throw error;
  }
}

export type Decision =
  | { decision: "uphold"; note: string }
  | { decision: "overturn"; note: string; outcome: "rescored" | "voided"; score: number | null; keepAward: boolean };

/**
 * The channel manager decides an open dispute, once (a guarded UPDATE from "open"). Upheld: the
 * report stands. Overturned: the score is changed or the visit voided, and the seller's award
 * is reversed through the ledger unless a changed score still merits it. The partner who
 * disputed and the seller are told; the report keeps the dispute's history.
 */
export async function decideDispute(db: Db, actor: Actor, disputeId: string, input: Decision) {
  if (!isId(disputeId)) throw notFoundError();
  return db.transaction(async (tx) => {
    const [open] = await tx.select().from(mysteryDisputes).where(eq(mysteryDisputes.id, disputeId));
    if (!open) throw notFoundError();
    // The visit row is locked first, so a decision and anything else changing the visit queue.
    const [visit] = await tx.select().from(mysteryVisits).where(eq(mysteryVisits.id, open.visitId)).for("update");
    const newScore =
      input.decision === "overturn" && input.outcome === "rescored" && input.score !== null ? Math.round(input.score * 10) : null;
    const [dispute] = await tx
      .update(mysteryDisputes)
      .set({
        status: input.decision === "uphold" ? "upheld" : "overturned",
        outcome: input.decision === "overturn" ? input.outcome : null,
        previousScorePermille: visit.scorePermille,
        newScorePermille: newScore,
        decisionNote: input.note,
        decidedBy: actor.id,
        decidedAt: new Date(),
      })
      .where(and(eq(mysteryDisputes.id, disputeId), eq(mysteryDisputes.status, "open")))
      .returning();
    if (!dispute) throw new UserError("mystery.errors.dispute_decided", undefined, undefined, 409);
    let reversal = { reversed: 0, shortfall: 0 };
    if (input.decision === "overturn") {
      await tx
        .update(mysteryVisits)
        .set(input.outcome === "voided" ? { status: "voided", updatedAt: new Date() } : { scorePermille: newScore, updatedAt: new Date() })
        .where(eq(mysteryVisits.id, visit.id));
      if (input.outcome === "voided" || !input.keepAward) reversal = await reverseAward(tx, actor, visit, input.note);
    }
    await recordAudit(tx, {
      actor,
      action: `mystery.dispute.${dispute.status}`,
      entityType: "mystery_visit",
      entityId: visit.id,
      organisationId: visit.organisationId,
      reason: input.note,
      details: { disputeId, outcome: dispute.outcome, from: visit.scorePermille, to: newScore, ...reversal },
    });
    await notify(tx, {
      userId: dispute.raisedBy,
      topic: "announcements",
      titleKey: `mystery.notice.dispute_${dispute.status}`,
      vars: { note: input.note.slice(0, 200) },
      link: `/mystery/reports/${visit.id}`,
    });
    return { dispute, ...reversal };
  });
}

/** The review queue: reports waiting for a quality check and disputes waiting for a decision. */
export async function reviewQueue(db: Queryable) {
  const waiting = await db
    .select({
      id: mysteryVisits.id,
      submittedAt: mysteryVisits.submittedAt,
      late: mysteryVisits.late,
      scorePermille: mysteryVisits.scorePermille,
      outlet: outlets.name,
      partner: organisations.name,
    })
    .from(mysteryVisits)
    .innerJoin(outlets, eq(outlets.id, mysteryVisits.outletId))
    .innerJoin(organisations, eq(organisations.id, mysteryVisits.organisationId))
    .where(eq(mysteryVisits.status, "submitted"))
    .orderBy(asc(mysteryVisits.submittedAt));
  const disputes = await db
    .select({
      id: mysteryDisputes.id,
      visitId: mysteryDisputes.visitId,
      reason: mysteryDisputes.reason,
      createdAt: mysteryDisputes.createdAt,
      outlet: outlets.name,
      partner: organisations.name,
      raisedBy: users.name,
      age: sql<number>`extract(day from now() - ${mysteryDisputes.createdAt})::int`,
    })
    .from(mysteryDisputes)
    .innerJoin(mysteryVisits, eq(mysteryVisits.id, mysteryDisputes.visitId))
    .innerJoin(outlets, eq(outlets.id, mysteryVisits.outletId))
    .innerJoin(organisations, eq(organisations.id, mysteryVisits.organisationId))
    .innerJoin(users, eq(users.id, mysteryDisputes.raisedBy))
    .where(eq(mysteryDisputes.status, "open"))
    .orderBy(asc(mysteryDisputes.createdAt));
  return { waiting, disputes };
}
