import { and, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db, Queryable, Tx } from "@db/client";
import { preparedQuery } from "@db/prepared";
import { mysteryDisputes, mysteryScenarios, mysteryVisits, outlets, users, type MysteryVisit } from "@db/schema";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { config } from "~/lib/config.server";
import { addDays } from "~/lib/dates";
import { UserError, notFoundError } from "~/lib/errors";
import { isId } from "~/lib/ids";
import { notify } from "../notifications/notify.server";
import { creditPoints, debitPoints, getBalance } from "../points/ledger.server";
import { getMysterySettings } from "./scenarios.server";
import { scoreReport } from "./scoring";

/** The ledger source of a seller's award: the visit, so one visit can credit one award, ever. */
export const AWARD_SOURCE = "mystery_visit";

/**
 * Publishes a filed report (after the optional quality check, or at once when none is
 * required). One guarded UPDATE from "submitted": of two publishes at once the second finds
 * it published and gets 409, so the award below runs once; the ledger's unique source (the
 * visit) is the last line. When the seller was identified and every key question that applied
 * was answered well, the seller earns the programme's award now, provisional until the
 * dispute window closes (decision 024), with a notice and an email saying what they did well.
 */
export async function publishVisit(db: Db, actor: Actor, visitId: string, note: string | null, opts: { system?: boolean } = {}) {
  if (!isId(visitId)) throw notFoundError();
  const settings = await getMysterySettings(db);
  return db.transaction(async (tx) => {
    const now = new Date();
    const disputeUntil = addDays(now, settings.disputeWindowDays);
    const [visit] = await tx
      .update(mysteryVisits)
      .set({
        status: "published",
        publishedAt: now,
        publishedBy: opts.system ? null : actor.id,
        disputeUntil,
        reviewNote: note,
        updatedAt: now,
      })
      .where(and(eq(mysteryVisits.id, visitId), eq(mysteryVisits.status, "submitted")))
      .returning();
    if (!visit) {
      const [exists] = await tx.select({ status: mysteryVisits.status }).from(mysteryVisits).where(eq(mysteryVisits.id, visitId));
      if (!exists || exists.status === "planned") throw notFoundError();
      throw new UserError("mystery.errors.already_published", undefined, undefined, 409);
    }
    let awarded = 0;
    if (visit.keyPassed && visit.sellerUserId && settings.awardPoints > 0)
      awarded = await award(tx, visit, settings.awardPoints, disputeUntil);
    await recordAudit(tx, {
      actor: opts.system ? null : actor,
      action: "mystery.visit.publish",
      entityType: "mystery_visit",
      entityId: visit.id,
      organisationId: visit.organisationId,
      reason: note,
      details: { score: visit.scorePermille, awarded, seller: visit.sellerUserId },
    });
    await tellPartnerLeads(tx, visit);
    return { visit, awarded };
  });
}

async function award(tx: Tx, visit: MysteryVisit, points: number, disputeUntil: Date): Promise<number> {
  const [info] = await tx
    .select({ outlet: outlets.name, questionnaire: mysteryScenarios.questionnaire, seller: users.name, sellerOrg: users.organisationId })
    .from(mysteryVisits)
    .innerJoin(outlets, eq(outlets.id, mysteryVisits.outletId))
    .innerJoin(mysteryScenarios, eq(mysteryScenarios.id, mysteryVisits.scenarioId))
    .innerJoin(users, eq(users.id, mysteryVisits.sellerUserId))
    .where(eq(mysteryVisits.id, visit.id));
  if (!info || info.sellerOrg !== visit.organisationId) return 0;
  const didWell = scoreReport(info.questionnaire, visit.answers).keyWell;
  const credit = await creditPoints(tx, {
    userId: visit.sellerUserId!,
    organisationId: visit.organisationId,
    kind: "earn",
    sourceType: AWARD_SOURCE,
    sourceId: visit.id,
    amount: points,
    descriptionKey: "mystery.ledger.award",
    descriptionVars: { outlet: info.outlet },
    calculation: didWell.map((q) => ({ key: "mystery.ledger.did_well", vars: { question: q } })),
    // Not the publisher: a report published at once would name the shopper here.
    createdBy: null,
  });
  if (credit.duplicate) throw new UserError("mystery.errors.already_published", undefined, undefined, 409);
  await tx.update(mysteryVisits).set({ awardEntryId: credit.entryId, awardPoints: credit.credited }).where(eq(mysteryVisits.id, visit.id));
  await notify(tx, {
    userId: visit.sellerUserId!,
    topic: "points_credited",
    titleKey: "mystery.notice.award",
    vars: { count: credit.credited, outlet: info.outlet },
    link: "/points",
    email: {
      template: "mystery_award",
      props: {
        name: info.seller,
        points: credit.credited,
        outlet: info.outlet,
        didWell,
        finalOn: disputeUntil.toISOString(),
        url: `${config.publicUrl}/points`,
      },
    },
  });
  return credit.credited;
}

/** The partner's executive and managers hear that a report on their outlet is out (in the app). */
async function tellPartnerLeads(tx: Tx, visit: MysteryVisit) {
  const leads = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organisationId, visit.organisationId), inArray(users.role, ["executive", "manager"]), eq(users.status, "active")));
  const [o] = await tx.select({ name: outlets.name }).from(outlets).where(eq(outlets.id, visit.outletId));
  for (const lead of leads)
    await notify(tx, {
      userId: lead.id,
      topic: "announcements",
      titleKey: "mystery.notice.report",
      vars: { outlet: o?.name ?? "" },
      link: `/mystery/reports/${visit.id}`,
    });
}

/**
 * Takes back an award through the ledger (a "reverse" entry whose source is the visit, so it
 * happens once). Points the seller already spent cannot be taken below zero: the reversal takes
 * what the balance allows and the audit row records the shortfall (decision 024).
 */
export async function reverseAward(tx: Tx, actor: Actor, visit: MysteryVisit, reason: string) {
  if (!visit.sellerUserId || visit.awardPoints <= 0 || visit.awardReversedAt) return { reversed: 0, shortfall: 0 };
  const balance = await getBalance(tx, visit.sellerUserId);
  const amount = Math.min(visit.awardPoints, balance);
  if (amount > 0)
    await debitPoints(tx, {
      userId: visit.sellerUserId,
      organisationId: visit.organisationId,
      kind: "reverse",
      sourceType: AWARD_SOURCE,
      sourceId: visit.id,
      amount,
      descriptionKey: "mystery.ledger.reversed",
      descriptionVars: { reason: reason.slice(0, 200) },
      createdBy: actor.id,
      reversesEntryId: visit.awardEntryId,
    });
  await tx.update(mysteryVisits).set({ awardReversedAt: new Date() }).where(eq(mysteryVisits.id, visit.id));
  await notify(tx, {
    userId: visit.sellerUserId,
    topic: "points_credited",
    titleKey: "mystery.notice.award_reversed",
    vars: { count: amount },
    link: "/points",
  });
  return { reversed: amount, shortfall: visit.awardPoints - amount };
}

/**
 * A seller's provisional mystery-shopper points: awards not reversed whose dispute window is
 * still open or whose report has a dispute waiting for a decision. They are in the balance
 * already; "My points" shows them as pending until they are final.
 */
export async function pendingAwards(db: Queryable, userId: string) {
  // As text: a placeholder skips the column's own conversion, and postgres.js sends no Date as a parameter of unknown type.
  const rows = await pendingAwardRows(db, { userId, now: new Date().toISOString() });
  return {
    points: rows.reduce((s, r) => s + r.points, 0),
    visits: rows.map((r) => r.id),
    until: rows.reduce<Date | null>((m, r) => (r.until && (!m || r.until > m) ? r.until : m), null),
  };
}

// Built once per database handle (db/prepared.ts): "My points" reads it on every visit.
const pendingAwardRows = preparedQuery((db: Queryable) =>
  db
    .select({ id: mysteryVisits.id, points: mysteryVisits.awardPoints, until: mysteryVisits.disputeUntil })
    .from(mysteryVisits)
    .where(
      and(
        eq(mysteryVisits.sellerUserId, sql.placeholder("userId")),
        gt(mysteryVisits.awardPoints, 0),
        isNull(mysteryVisits.awardReversedAt),
        or(
          gt(mysteryVisits.disputeUntil, sql.placeholder("now")),
          sql`exists (select 1 from ${mysteryDisputes} d where d.visit_id = ${mysteryVisits.id} and d.status = 'open')`,
        ),
      ),
    ),
);
