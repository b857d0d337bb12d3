import { and, asc, eq, gte, lt, sql } from "drizzle-orm";
import type { Queryable } from "@db/client";
import { mysteryScenarios, mysteryVisits, mysteryWaves, organisations, outlets } from "@db/schema";
import type { Actor } from "~/lib/actor";
import { MAX_UNITS, permille, scoreReport } from "./scoring";
import { visitScope } from "./visits.server";

/**
 * Figures over published reports, always through the actor's visit scope (a partner's leads
 * get their own outlets only). Per-question figures come from each report's own scenario
 * version, so a question keeps its trend across versions as long as it keeps its id.
 * Bounded: at most MAX_REPORTS reports per read (the newest).
 */
export const MAX_REPORTS = 5_000;

/** `organisationId` narrows to one partner (for the reports, whose scope is already decided). */
export type Period = { from?: Date; to?: Date; organisationId?: string | null };

/** `actor` null: a trusted caller (the programme reports) that scopes by `period.organisationId`. */
async function publishedReports(db: Queryable, actor: Actor | null, period: Period = {}) {
  return db
    .select({
      id: mysteryVisits.id,
      visitedAt: mysteryVisits.visitedAt,
      scorePermille: mysteryVisits.scorePermille,
      answers: mysteryVisits.answers,
      outletId: outlets.id,
      outlet: outlets.name,
      city: outlets.city,
      organisationId: organisations.id,
      partner: organisations.name,
      region: organisations.region,
      waveId: mysteryWaves.id,
      wave: mysteryWaves.name,
      waveStarts: mysteryWaves.startsOn,
      scenarioFamily: mysteryScenarios.familyId,
      scenario: mysteryScenarios.title,
      questionnaire: mysteryScenarios.questionnaire,
    })
    .from(mysteryVisits)
    .innerJoin(outlets, eq(outlets.id, mysteryVisits.outletId))
    .innerJoin(organisations, eq(organisations.id, mysteryVisits.organisationId))
    .innerJoin(mysteryWaves, eq(mysteryWaves.id, mysteryVisits.waveId))
    .innerJoin(mysteryScenarios, eq(mysteryScenarios.id, mysteryVisits.scenarioId))
    .where(
      and(
        actor ? visitScope(actor) : undefined,
        period.organisationId ? eq(mysteryVisits.organisationId, period.organisationId) : undefined,
        eq(mysteryVisits.status, "published"),
        period.from ? gte(mysteryVisits.visitedAt, period.from) : undefined,
        period.to ? lt(mysteryVisits.visitedAt, period.to) : undefined,
      ),
    )
    .orderBy(sql`${mysteryVisits.visitedAt} desc`)
    .limit(MAX_REPORTS);
}

type Report = Awaited<ReturnType<typeof publishedReports>>[number];

/** Mean of the reports' scores, per mille, rounded half up. */
function mean(scores: Array<number | null>): number | null {
  const xs = scores.filter((s): s is number => s !== null);
  return xs.length
    ? permille(
        xs.reduce((a, b) => a + b, 0),
        xs.length * 1000,
      )
    : null;
}

function groupBy<T>(rows: T[], key: (r: T) => string) {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

type QuestionRow = {
  questionId: string;
  text: string;
  key: boolean;
  earnedUnits: number;
  possibleUnits: number;
  scorePermille: number | null;
  answered: number;
};

function questionFigures(reports: Report[]): QuestionRow[] {
  const acc = new Map<string, QuestionRow>();
  for (const r of reports) {
    for (const q of scoreReport(r.questionnaire, r.answers).questions) {
      if (q.units === null) continue;
      const row = acc.get(q.id) ?? {
        questionId: q.id,
        text: q.text,
        key: q.key,
        earnedUnits: 0,
        possibleUnits: 0,
        scorePermille: null,
        answered: 0,
      };
      row.earnedUnits += q.units * q.weight;
      row.possibleUnits += MAX_UNITS * q.weight;
      row.answered++;
      acc.set(q.id, row);
    }
  }
  return [...acc.values()].map((r) => ({ ...r, scorePermille: permille(r.earnedUnits, r.possibleUnits) }));
}

/**
 * For the executive dashboard (reports area): per outlet, the number of published reports and
 * their mean score; per outlet and question, points earned over points possible. Scores are per
 * mille (0-1000); `from` inclusive, `to` exclusive, on the visit's time.
 */
export async function outletScores(db: Queryable, actor: Actor | null, period: Period = {}) {
  const reports = await publishedReports(db, actor, period);
  const outletsOut = [...groupBy(reports, (r) => r.outletId).values()].map((rs) => ({
    outletId: rs[0].outletId,
    outlet: rs[0].outlet,
    city: rs[0].city,
    organisationId: rs[0].organisationId,
    partner: rs[0].partner,
    region: rs[0].region,
    visits: rs.length,
    scorePermille: mean(rs.map((r) => r.scorePermille)),
  }));
  const questions = [...groupBy(reports, (r) => r.outletId).entries()].flatMap(([outletId, rs]) =>
    questionFigures(rs).map((q) => ({ outletId, ...q })),
  );
  return { outlets: outletsOut.sort((a, b) => (b.scorePermille ?? -1) - (a.scorePermille ?? -1)), questions };
}

/** A partner's view: league table of its outlets, and trends per outlet and per question over waves. */
export async function partnerInsights(db: Queryable, actor: Actor) {
  const reports = await publishedReports(db, actor);
  const waves = [...groupBy(reports, (r) => r.waveId).values()]
    .map((rs) => ({ id: rs[0].waveId, name: rs[0].wave, startsOn: rs[0].waveStarts }))
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn))
    .slice(-6);
  const byOutlet = groupBy(reports, (r) => r.outletId);
  const league = [...byOutlet.values()]
    .map((rs) => ({
      outletId: rs[0].outletId,
      outlet: rs[0].outlet,
      city: rs[0].city,
      visits: rs.length,
      scorePermille: mean(rs.map((r) => r.scorePermille)),
    }))
    .sort((a, b) => (b.scorePermille ?? -1) - (a.scorePermille ?? -1));
  const outletTrends = league.map((o) => ({
    outlet: o.outlet,
    byWave: waves.map((w) =>
      mean(
        byOutlet
          .get(o.outletId)!
          .filter((r) => r.waveId === w.id)
          .map((r) => r.scorePermille),
      ),
    ),
  }));
  const byWave = groupBy(reports, (r) => r.waveId);
  const all = questionFigures(reports);
  const questionTrends = all.map((q) => ({
    questionId: q.questionId,
    text: q.text,
    key: q.key,
    byWave: waves.map((w) => questionFigures(byWave.get(w.id) ?? []).find((x) => x.questionId === q.questionId)?.scorePermille ?? null),
  }));
  return { waves, league, outletTrends, questionTrends };
}

/** The manufacturer's view: coverage is elsewhere (waves); here scores by every dimension. */
export async function manufacturerInsights(db: Queryable, actor: Actor, period: Period = {}) {
  const reports = await publishedReports(db, actor, period);
  const dim = (key: (r: Report) => string, label: (r: Report) => string) =>
    [...groupBy(reports, key).values()]
      .map((rs) => ({ label: label(rs[0]), visits: rs.length, scorePermille: mean(rs.map((r) => r.scorePermille)) }))
      .sort((a, b) => (b.scorePermille ?? -1) - (a.scorePermille ?? -1));
  const byOutlet = dim(
    (r) => r.outletId,
    (r) => `${r.outlet} · ${r.partner}`,
  );
  // Ten bands of ten percent; 100% falls in the last.
  const distribution = Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i * 10 + 10, visits: 0 }));
  for (const r of reports) if (r.scorePermille !== null) distribution[Math.min(9, Math.floor(r.scorePermille / 100))].visits++;
  return {
    reports: reports.length,
    average: mean(reports.map((r) => r.scorePermille)),
    byPartner: dim(
      (r) => r.organisationId,
      (r) => r.partner,
    ),
    byRegion: dim(
      (r) => r.region,
      (r) => r.region || "–",
    ),
    byOutlet,
    byScenario: dim(
      (r) => r.scenarioFamily,
      (r) => r.scenario,
    ),
    byQuestion: questionFigures(reports).sort((a, b) => (a.scorePermille ?? 0) - (b.scorePermille ?? 0)),
    distribution,
    top: byOutlet.slice(0, 5),
    bottom: [...byOutlet].reverse().slice(0, 5),
  };
}

/** Every filed report with its answers, one row per answer, for the channel team's CSV. */
export async function reportsCsvRows(db: Queryable, actor: Actor) {
  const rows = await db
    .select({
      id: mysteryVisits.id,
      status: mysteryVisits.status,
      visitedAt: mysteryVisits.visitedAt,
      late: mysteryVisits.late,
      scorePermille: mysteryVisits.scorePermille,
      answers: mysteryVisits.answers,
      outlet: outlets.name,
      partner: organisations.name,
      region: organisations.region,
      wave: mysteryWaves.name,
      scenario: mysteryScenarios.title,
      version: mysteryScenarios.version,
      questionnaire: mysteryScenarios.questionnaire,
    })
    .from(mysteryVisits)
    .innerJoin(outlets, eq(outlets.id, mysteryVisits.outletId))
    .innerJoin(organisations, eq(organisations.id, mysteryVisits.organisationId))
    .innerJoin(mysteryWaves, eq(mysteryWaves.id, mysteryVisits.waveId))
    .innerJoin(mysteryScenarios, eq(mysteryScenarios.id, mysteryVisits.scenarioId))
    .where(and(visitScope(actor), sql`${mysteryVisits.status} in ('submitted', 'published', 'voided')`))
    .orderBy(asc(mysteryVisits.visitedAt))
    .limit(MAX_REPORTS);
  const out: Array<Array<string | number | null>> = [];
  for (const r of rows) {
    const score = scoreReport(r.questionnaire, r.answers);
    for (const q of score.questions) {
      const a = r.answers[q.id];
      out.push([
        r.id,
        r.wave,
        r.partner,
        r.region,
        r.outlet,
        r.scenario,
        r.version,
        r.visitedAt ? r.visitedAt.toISOString() : "",
        r.status,
        r.late ? "yes" : "no",
        r.scorePermille === null ? "" : r.scorePermille / 10,
        q.id,
        q.text,
        q.key ? "yes" : "no",
        q.weight,
        a?.na ? "n/a" : (a?.value ?? ""),
        q.units === null ? "" : q.units * q.weight,
        q.units === null ? "" : MAX_UNITS * q.weight,
      ]);
    }
  }
  return out;
}
