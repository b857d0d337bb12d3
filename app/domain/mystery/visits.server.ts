import { and, asc, desc, eq, inArray, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db, Queryable } from "@db/client";
import {
  mysteryDisputes,
  mysteryPhotos,
  mysteryScenarios,
  mysteryVisits,
  mysteryWaves,
  organisations,
  outlets,
  users,
  type MysteryVisit,
} from "@db/schema";
import { PARTNER_ROLES } from "@db/schema/enums";
import { type Actor, isManufacturer } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { addDays, isoDay } from "~/lib/dates";
import { FormInvalid, parseForm } from "~/lib/forms.server";
import type { FieldErrors } from "~/lib/form-types";
import { UserError, notFoundError } from "~/lib/errors";
import { isId } from "~/lib/ids";
import { ownerScope } from "~/lib/scope.server";
import { reportMetaSchema } from "./forms";
import { MAX_PHOTOS, MAX_REPORT_BYTES, discardPhotos, storePhoto, type StoredPhoto } from "./photos.server";
import { getMysterySettings } from "./scenarios.server";
import { answerProblem } from "../questionnaires/model";
import { type Answers, allQuestions, scoreReport, unanswered } from "./scoring";

/**
 * Which visits the actor reaches, in SQL: the channel team every one; an auditor the visits
 * assigned to them (never another shopper's); a partner's executive and managers their own
 * outlets' (app/lib/permissions.ts, resource mystery_visits).
 */
export function visitScope(actor: Actor): SQL | undefined {
  if (actor.role === "auditor" && isManufacturer(actor)) return eq(mysteryVisits.auditorId, actor.id);
  return ownerScope(actor, "mystery_visits", { organisation: mysteryVisits.organisationId, owner: mysteryVisits.sellerUserId });
}

/** The auditor's phone list: what is due, nearest first, then what they sent lately. */
export async function myVisits(db: Queryable, actor: Actor) {
  return db
    .select({
      id: mysteryVisits.id,
      status: mysteryVisits.status,
      dueFrom: mysteryVisits.dueFrom,
      dueTo: mysteryVisits.dueTo,
      late: mysteryVisits.late,
      submittedAt: mysteryVisits.submittedAt,
      outlet: outlets.name,
      address: outlets.address,
      city: outlets.city,
      postalCode: outlets.postalCode,
      partner: organisations.name,
      scenario: mysteryScenarios.title,
      legend: mysteryScenarios.legend,
    })
    .from(mysteryVisits)
    .innerJoin(outlets, eq(outlets.id, mysteryVisits.outletId))
    .innerJoin(organisations, eq(organisations.id, mysteryVisits.organisationId))
    .innerJoin(mysteryScenarios, eq(mysteryScenarios.id, mysteryVisits.scenarioId))
    .where(
      and(
        eq(mysteryVisits.auditorId, actor.id),
        sql`(${mysteryVisits.status} = 'planned' or ${mysteryVisits.submittedAt} > now() - interval '30 days')`,
      ),
    )
    .orderBy(sql`${mysteryVisits.status} <> 'planned'`, asc(mysteryVisits.dueFrom))
    .limit(200);
}

/** A visit as its auditor files it: the scenario version, the outlet and its roster of participants. */
export async function visitForReport(db: Queryable, actor: Actor, visitId: string) {
  if (!isId(visitId)) return null;
  const [row] = await db
    .select({
      visit: mysteryVisits,
      outlet: { name: outlets.name, address: outlets.address, city: outlets.city, postalCode: outlets.postalCode },
      partner: organisations.name,
      scenario: {
        title: mysteryScenarios.title,
        version: mysteryScenarios.version,
        legend: mysteryScenarios.legend,
        instructions: mysteryScenarios.instructions,
        questionnaire: mysteryScenarios.questionnaire,
      },
      blackout: mysteryWaves.blackoutDates,
    })
    .from(mysteryVisits)
    .innerJoin(outlets, eq(outlets.id, mysteryVisits.outletId))
    .innerJoin(organisations, eq(organisations.id, mysteryVisits.organisationId))
    .innerJoin(mysteryScenarios, eq(mysteryScenarios.id, mysteryVisits.scenarioId))
    .innerJoin(mysteryWaves, eq(mysteryWaves.id, mysteryVisits.waveId))
    .where(and(eq(mysteryVisits.id, visitId), eq(mysteryVisits.auditorId, actor.id)));
  if (!row) return null;
  return { ...row, roster: await roster(db, row.visit.organisationId, row.visit.outletId) };
}

/**
 * The partner people a shopper can name as the seller who served them: those who work at the
 * visited outlet and those not tied to any outlet (issue 19), the outlet's own first. People of
 * the partner's other outlets are left out, so a shopper cannot name someone who was not there.
 */
async function roster(db: Queryable, organisationId: string, outletId: string) {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(
      and(
        eq(users.organisationId, organisationId),
        eq(users.status, "active"),
        inArray(users.role, [...PARTNER_ROLES]),
        or(isNull(users.outletId), eq(users.outletId, outletId)),
      ),
    )
    .orderBy(sql`${users.outletId} is null`, asc(users.name));
}

function at(day: string, time: string): Date {
  return new Date(`${day}T${time}:00Z`);
}

export type SubmitResult = { visit: MysteryVisit; published: boolean };

/**
 * Files the report of a visit, once: answers checked against the visit's own scenario version,
 * the score computed, photos stored, and one guarded UPDATE from "planned" (a second send, from
 * a retry on a bad signal, finds it sent and changes nothing). Late when sent after the report
 * deadline. Without a required quality check the report is published at once.
 */
export async function submitReport(db: Db, actor: Actor, visitId: string, formData: FormData): Promise<SubmitResult> {
  const found = await visitForReport(db, actor, visitId);
  if (!found) throw notFoundError();
  const { visit, scenario, blackout } = found;
  if (visit.status !== "planned") throw new UserError("mystery.errors.already_sent", undefined, undefined, 409);
  const meta = parseForm(reportMetaSchema, formData);
  const errors: FieldErrors = {};
  const add = (field: string, key: string, vars?: Record<string, string | number>) => {
    errors[field] ??= [];
    errors[field].push({ key, vars });
  };
  const today = isoDay(new Date());
  if (meta.visitDay < visit.dueFrom || meta.visitDay > visit.dueTo)
    add("visitDay", "mystery.errors.outside_window", { from: visit.dueFrom, to: visit.dueTo });
  else if (meta.visitDay > isoDay(addDays(new Date(), 1))) add("visitDay", "mystery.errors.future");
  else if (blackout.includes(meta.visitDay)) add("visitDay", "mystery.errors.blackout_day");
  if (meta.timeOut < meta.timeIn) add("timeOut", "mystery.errors.time_order");
  if (meta.sellerUserId && !found.roster.some((r) => r.id === meta.sellerUserId)) add("sellerUserId", "mystery.errors.seller_not_here");
  if (!meta.sellerUserId && meta.sellerDescription.length < 3) add("sellerUserId", "mystery.errors.seller_required");

  const answers: Answers = {};
  const photoFiles: Array<{ questionId: string; field: string; file: File }> = [];
  for (const q of allQuestions(scenario.questionnaire)) {
    const na = formData.get(`na.${q.id}`) === "on";
    const raw = formData.get(`a.${q.id}`);
    const value = typeof raw === "string" ? raw.trim() : "";
    if (value.length > 2000) add(`a.${q.id}`, "errors.too_long");
    if (q.type === "photo") {
      const files = formData.getAll(`photo.${q.id}`).filter((f): f is File => typeof f !== "string" && f.size > 0);
      for (const file of files) photoFiles.push({ questionId: q.id, field: `photo.${q.id}`, file });
      answers[q.id] = na ? { na: true } : { value: files.length ? "photo" : "" };
      if (!na && !files.length) add(`photo.${q.id}`, "mystery.errors.photo_required");
      continue;
    }
    answers[q.id] = na ? { na: true } : { value: value.slice(0, 2000) };
    // The shared builder's check of a typed answer (the same one surveys use).
    const problem = na || value === "" || value.length > 2000 ? null : answerProblem(q, value);
    if (problem === "number") add(`a.${q.id}`, "mystery.errors.number");
    if (problem === "choose") add(`a.${q.id}`, "mystery.errors.choose");
  }
  for (const id of unanswered(scenario.questionnaire, answers)) if (!errors[`a.${id}`]) add(`a.${id}`, "mystery.errors.answer_or_na");
  const receipt = formData.get("receipt");
  if (receipt && typeof receipt !== "string" && receipt.size > 0)
    photoFiles.push({ questionId: "receipt", field: "receipt", file: receipt });
  if (photoFiles.length > MAX_PHOTOS) add("receipt", "mystery.errors.too_many_photos", { max: MAX_PHOTOS });
  if (photoFiles.reduce((n, p) => n + p.file.size, 0) > MAX_REPORT_BYTES)
    add("receipt", "mystery.errors.photos_too_big", { mb: MAX_REPORT_BYTES / 1024 / 1024 });
  if (Object.keys(errors).length) throw new FormInvalid(errors);

  const stored: StoredPhoto[] = [];
  try {
    for (const p of photoFiles) stored.push(await storePhoto(p.questionId, p.file, p.field));
    const score = scoreReport(scenario.questionnaire, answers);
    const settings = await getMysterySettings(db);
    const visitedAt = at(meta.visitDay, meta.timeIn);
    const leftAt = at(meta.visitDay, meta.timeOut);
    const submittedAt = new Date();
    const late = submittedAt.getTime() > leftAt.getTime() + settings.reportDueHours * 3_600_000;
    const sent = await db.transaction(async (tx) => {
      const [row] = await tx
        .update(mysteryVisits)
        .set({
          status: "submitted",
          visitedAt,
          leftAt,
          submittedAt,
          late,
          sellerUserId: meta.sellerUserId,
          sellerDescription: meta.sellerDescription,
          answers,
          earnedUnits: score.earnedUnits,
          possibleUnits: score.possibleUnits,
          scorePermille: score.scorePermille,
          sectionScores: score.sections,
          keyPassed: score.keyPassed,
          updatedAt: submittedAt,
        })
        .where(and(eq(mysteryVisits.id, visitId), eq(mysteryVisits.auditorId, actor.id), eq(mysteryVisits.status, "planned")))
        .returning();
      if (!row) throw new UserError("mystery.errors.already_sent", undefined, undefined, 409);
      if (stored.length) await tx.insert(mysteryPhotos).values(stored.map((p) => ({ ...p, visitId })));
      await recordAudit(tx, {
        actor,
        action: "mystery.visit.submit",
        entityType: "mystery_visit",
        entityId: visitId,
        organisationId: row.organisationId,
        details: { score: score.scorePermille, late, keyPassed: score.keyPassed, today },
      });
      return row;
    });
    if (!settings.reviewRequired) {
      const { publishVisit } = await import("./awards.server");
      await publishVisit(db, actor, visitId, null, { system: true });
      return { visit: sent, published: true };
    }
    return { visit: sent, published: false };
  } catch (error) {
    await discardPhotos(stored);
    throw error;
  }
}

// ---- Reading reports ------------------------------------------------------------------------

export type ReportFilter = { status?: MysteryVisit["status"]; outletId?: string; waveId?: string; limit?: number };

/** Reports the actor may read (published and voided ones for partners; every filed one for the channel team). */
export async function listReports(db: Queryable, actor: Actor, filter: ReportFilter = {}) {
  const staff = isManufacturer(actor);
  return db
    .select({
      id: mysteryVisits.id,
      status: mysteryVisits.status,
      visitedAt: mysteryVisits.visitedAt,
      late: mysteryVisits.late,
      scorePermille: mysteryVisits.scorePermille,
      keyPassed: mysteryVisits.keyPassed,
      outletId: outlets.id,
      outlet: outlets.name,
      city: outlets.city,
      partner: organisations.name,
      wave: mysteryWaves.name,
      scenario: mysteryScenarios.title,
      disputeUntil: mysteryVisits.disputeUntil,
      openDispute: sql<boolean>`exists (select 1 from ${mysteryDisputes} d where d.visit_id = ${mysteryVisits.id} and d.status = 'open')`,
    })
    .from(mysteryVisits)
    .innerJoin(outlets, eq(outlets.id, mysteryVisits.outletId))
    .innerJoin(organisations, eq(organisations.id, mysteryVisits.organisationId))
    .innerJoin(mysteryWaves, eq(mysteryWaves.id, mysteryVisits.waveId))
    .innerJoin(mysteryScenarios, eq(mysteryScenarios.id, mysteryVisits.scenarioId))
    .where(
      and(
        visitScope(actor),
        staff ? ne(mysteryVisits.status, "planned") : inArray(mysteryVisits.status, ["published", "voided"]),
        filter.status ? eq(mysteryVisits.status, filter.status) : undefined,
        filter.outletId && isId(filter.outletId) ? eq(mysteryVisits.outletId, filter.outletId) : undefined,
        filter.waveId && isId(filter.waveId) ? eq(mysteryVisits.waveId, filter.waveId) : undefined,
      ),
    )
    .orderBy(desc(mysteryVisits.visitedAt))
    .limit(filter.limit ?? 200);
}

/**
 * One report for its page. A partner reads published (or voided) reports of its own outlets
 * only, and never learns who the shopper was: the auditor's name is added for the
 * manufacturer's staff alone, and nothing else about the auditor is selected.
 */
export async function getReport(db: Queryable, actor: Actor, visitId: string) {
  if (!isId(visitId)) return null;
  const staff = isManufacturer(actor);
  const seller = sql<string | null>`(select u.name from ${users} u where u.id = ${mysteryVisits.sellerUserId})`;
  const [row] = await db
    .select({
      id: mysteryVisits.id,
      status: mysteryVisits.status,
      organisationId: mysteryVisits.organisationId,
      dueFrom: mysteryVisits.dueFrom,
      dueTo: mysteryVisits.dueTo,
      visitedAt: mysteryVisits.visitedAt,
      leftAt: mysteryVisits.leftAt,
      submittedAt: mysteryVisits.submittedAt,
      late: mysteryVisits.late,
      sellerUserId: mysteryVisits.sellerUserId,
      sellerName: seller,
      sellerDescription: mysteryVisits.sellerDescription,
      answers: mysteryVisits.answers,
      scorePermille: mysteryVisits.scorePermille,
      sectionScores: mysteryVisits.sectionScores,
      keyPassed: mysteryVisits.keyPassed,
      reviewNote: mysteryVisits.reviewNote,
      publishedAt: mysteryVisits.publishedAt,
      disputeUntil: mysteryVisits.disputeUntil,
      awardPoints: mysteryVisits.awardPoints,
      awardReversedAt: mysteryVisits.awardReversedAt,
      auditorId: mysteryVisits.auditorId,
      outlet: outlets.name,
      address: outlets.address,
      city: outlets.city,
      partner: organisations.name,
      wave: mysteryWaves.name,
      scenario: mysteryScenarios.title,
      scenarioVersion: mysteryScenarios.version,
      legend: mysteryScenarios.legend,
      questionnaire: mysteryScenarios.questionnaire,
    })
    .from(mysteryVisits)
    .innerJoin(outlets, eq(outlets.id, mysteryVisits.outletId))
    .innerJoin(organisations, eq(organisations.id, mysteryVisits.organisationId))
    .innerJoin(mysteryWaves, eq(mysteryWaves.id, mysteryVisits.waveId))
    .innerJoin(mysteryScenarios, eq(mysteryScenarios.id, mysteryVisits.scenarioId))
    .where(
      and(
        eq(mysteryVisits.id, visitId),
        visitScope(actor),
        staff ? ne(mysteryVisits.status, "planned") : inArray(mysteryVisits.status, ["published", "voided"]),
      ),
    );
  if (!row) return null;
  const { auditorId, ...report } = row;
  const [photos, disputes, auditor] = await Promise.all([
    db
      .select({ id: mysteryPhotos.id, questionId: mysteryPhotos.questionId, mime: mysteryPhotos.mime })
      .from(mysteryPhotos)
      .where(eq(mysteryPhotos.visitId, visitId))
      .orderBy(asc(mysteryPhotos.createdAt)),
    db
      .select({
        id: mysteryDisputes.id,
        status: mysteryDisputes.status,
        questionId: mysteryDisputes.questionId,
        reason: mysteryDisputes.reason,
        evidence: mysteryDisputes.evidence,
        outcome: mysteryDisputes.outcome,
        previousScorePermille: mysteryDisputes.previousScorePermille,
        newScorePermille: mysteryDisputes.newScorePermille,
        decisionNote: mysteryDisputes.decisionNote,
        decidedAt: mysteryDisputes.decidedAt,
        createdAt: mysteryDisputes.createdAt,
        raisedBy: sql<string>`(select u.name from ${users} u where u.id = ${mysteryDisputes.raisedBy})`,
      })
      .from(mysteryDisputes)
      .where(eq(mysteryDisputes.visitId, visitId))
      .orderBy(asc(mysteryDisputes.createdAt)),
    staff ? db.select({ name: users.name }).from(users).where(eq(users.id, auditorId)) : Promise.resolve([]),
  ]);
  const score = scoreReport(report.questionnaire, report.answers);
  return {
    ...report,
    questions: score.questions,
    photos,
    disputes,
    /** Only for the manufacturer's staff: a partner never sees who the shopper was. */
    auditorName: staff ? (auditor[0]?.name ?? null) : null,
  };
}

/** A photo of a report, for whoever may read the report (the auditor who took it too). */
export async function photoOf(db: Queryable, actor: Actor, visitId: string, photoId: string) {
  if (!isId(visitId) || !isId(photoId)) return null;
  const visible =
    actor.role === "auditor"
      ? await db
          .select({ id: mysteryVisits.id })
          .from(mysteryVisits)
          .where(and(eq(mysteryVisits.id, visitId), visitScope(actor)))
      : (await getReport(db, actor, visitId))
        ? [{ id: visitId }]
        : [];
  if (!visible.length) return null;
  const [photo] = await db
    .select()
    .from(mysteryPhotos)
    .where(and(eq(mysteryPhotos.id, photoId), eq(mysteryPhotos.visitId, visitId)));
  return photo ?? null;
}

export function isFiled(status: MysteryVisit["status"]): boolean {
  return status !== "planned";
}
