import { type SQL, sql } from "drizzle-orm";
import type { Queryable } from "@db/client";
import { addDays } from "~/lib/dates";
import { bounds, type Period, type Periods } from "./period";
import { comparedRow, inScope, mapCompared, num, query, within } from "./sql.server";
import type { ReportScope, Section } from "./types";

/** Certificates that end within this many days of the period's end count as "expiring". */
export const EXPIRING_DAYS = 60;

/**
 * Training: people who passed a course quiz in the period, and certificates valid at the end of
 * the period (or now, for a period still running) and those expiring within 60 days after it.
 */
export function validityInstant(p: Period, now: Date): Date {
  const { end } = bounds(p);
  return end < now ? end : now;
}

function trainingTotalsSql(scope: ReportScope, p: Period, now: Date): SQL {
  const at = validityInstant(p, now);
  const soon = addDays(at, EXPIRING_DAYS);
  return sql`select q.people, q.passes, c.valid, c.expiring
    from (select count(distinct q.user_id) as people, count(*) as passes from quiz_attempts q
      where q.passed ${inScope(scope, "q.organisation_id")} ${within(p, "q.submitted_at")}) q,
    (select count(*) filter (where c.expires_at > ${at.toISOString()}) as valid,
        count(*) filter (where c.expires_at > ${at.toISOString()} and c.expires_at <= ${soon.toISOString()}) as expiring
      from certificates c where c.issued_at <= ${at.toISOString()} ${inScope(scope, "c.organisation_id")}) c`;
}
type TrainingRow = { people: string; passes: string; valid: string; expiring: string };
const trainingOf = (r: TrainingRow) => ({ people: num(r.people), passes: num(r.passes), valid: num(r.valid), expiring: num(r.expiring) });

export async function trainingTotals(db: Queryable, scope: ReportScope, p: Period, now: Date) {
  const [r] = await query<TrainingRow>(db, trainingTotalsSql(scope, p, now));
  return trainingOf(r);
}

export async function readTraining(db: Queryable, scope: ReportScope, periods: Periods, now = new Date()): Promise<Section> {
  const p = periods.current;
  const at = validityInstant(p, now);
  const soon = addDays(at, EXPIRING_DAYS);
  const totals = comparedRow<TrainingRow>(db, periods, (q) => trainingTotalsSql(scope, q, now)).then(mapCompared(trainingOf));
  const courses = query<{ id: string; title: string; passed: string; valid: string; expiring: string }>(
    db,
    sql`select co.id, co.title,
        (select count(distinct q.user_id) from quiz_attempts q where q.course_id = co.id and q.passed
          ${inScope(scope, "q.organisation_id")} ${within(p, "q.submitted_at")}) as passed,
        (select count(*) from certificates c where c.course_id = co.id and c.issued_at <= ${at.toISOString()}
          and c.expires_at > ${at.toISOString()} ${inScope(scope, "c.organisation_id")}) as valid,
        (select count(*) from certificates c where c.course_id = co.id and c.issued_at <= ${at.toISOString()}
          and c.expires_at > ${at.toISOString()} and c.expires_at <= ${soon.toISOString()} ${inScope(scope, "c.organisation_id")}) as expiring
      from courses co where co.status <> 'draft' order by co.title, co.id limit 200`,
  );
  const [t, perCourse] = await Promise.all([totals, courses]);
  const fig = (id: keyof typeof t.current, label: string, key: string, figure = "certificates") => ({
    id,
    label,
    format: "number" as const,
    value: t.current[id],
    previous: t.previous[id],
    lastYear: t.lastYear[id],
    rows: { figure, key },
  });
  return {
    id: "training",
    title: "reports.training.title",
    figures: [
      fig("people", "reports.training.people", "passed", "quiz_passes"),
      fig("valid", "reports.training.valid", "valid"),
      fig("expiring", "reports.training.expiring", "expiring"),
    ],
    tables: [
      {
        id: "per_course",
        title: "reports.training.per_course",
        columns: [
          { key: "course", label: "reports.col.course", format: "text" },
          { key: "passed", label: "reports.training.people", format: "number" },
          { key: "valid", label: "reports.training.valid", format: "number" },
          { key: "expiring", label: "reports.training.expiring", format: "number" },
        ],
        rows: perCourse.map((r) => ({
          cells: { course: r.title, passed: num(r.passed), valid: num(r.valid), expiring: num(r.expiring) },
          rows: { figure: "certificates", key: `course:${r.id}` },
        })),
        chart: { kind: "bar", x: "course", series: ["valid", "expiring"], horizontal: true },
        note: "reports.training.note",
        empty: "reports.empty",
      },
    ],
  };
}
