import { type SQL, sql } from "drizzle-orm";
import type { Queryable } from "@db/client";
import { PROGRAMME_COUNTS_KEY } from "@db/schema/report-rollups";
import { isoDay } from "~/lib/dates";
import { bounds, bucketOf, bucketPeriod, type Period, type Periods } from "./period";
import { bucketsOf, inScope, num, PARTNER_ROLES_SQL, permille, query } from "./sql.server";
import type { ReportScope, Section } from "./types";

/**
 * Participation: who took part. "Active" = earned or redeemed points in the period (a ledger
 * entry of kind earn or redeem); the share is of the people who were signed up (activated
 * before the period ended, not deactivated before it began). Invited and activated count the
 * invitations sent and accepted in the period.
 */
/**
 * The rows of report_active_people (kept with every ledger append, db/schema/report-rollups.ts)
 * that say who was active in a period: a whole month, quarter or year is ONE span of that grain
 * (previous periods and last year's are whole ones too); a custom period is its days.
 */
export function activeSpans(p: Period): SQL {
  return p.kind === "custom"
    ? sql`a.grain = 'day' and a.start >= ${p.from}::date and a.start <= ${p.to}::date`
    : sql`a.grain = ${p.kind} and a.start = ${p.from}::date`;
}

/** report_active_counts' key for a scope: the partner's own counts, or the programme-wide ones. */
function countsKey(scope: ReportScope): string {
  return scope.organisationId ?? PROGRAMME_COUNTS_KEY;
}

/**
 * How many people were active in a period: a whole month, quarter or year is one span, read from
 * report_active_counts (kept by the ledger's trigger: one row per partner, 16 for the programme);
 * a custom period counts each person once over its days in report_active_people.
 */
export function activeCount(scope: ReportScope, p: Period): SQL {
  if (p.kind === "custom")
    return sql`(select count(distinct a.user_id) from report_active_people a
      where ${activeSpans(p)} ${inScope(scope, "a.organisation_id")})`;
  return sql`(select coalesce(sum(c.people), 0) from report_active_counts c
    where c.grain = ${p.kind} and c.start = ${p.from}::date and c.organisation_id = ${countsKey(scope)})`;
}

/**
 * Active people per chart bucket (bucketsOf), each person once per bucket: per day from the day
 * counts, per month from the month counts when the period is whole months (quarter, year); a
 * custom period split by month counts, within each month, the people active on its days inside
 * the period (report_active_people: a count per day cannot say who was active on two days).
 */
function activePerBucket(scope: ReportScope, p: Period): SQL {
  if (bucketOf(p) === "day" || p.kind !== "custom") {
    const day = bucketOf(p) === "day";
    return sql`select to_char(c.start, ${day ? "YYYY-MM-DD" : "YYYY-MM"}) as bucket, sum(c.people) as active from report_active_counts c
      where c.grain = ${day ? "day" : "month"} and c.start >= ${p.from}::date and c.start <= ${p.to}::date
        and c.organisation_id = ${countsKey(scope)}
      group by c.start`;
  }
  return sql`select x.bucket, count(*) as active from (
      select to_char(a.start, 'YYYY-MM') as bucket, a.user_id from report_active_people a
      where a.grain = 'day' and a.start >= ${p.from}::date and a.start <= ${p.to}::date ${inScope(scope, "a.organisation_id")}
      group by 1, 2) x
    group by 1`;
}

/**
 * Participation's totals for several periods in ONE statement: the counts of each period are
 * columns suffixed with its index (people_0, active_0, people_1, ...). Whole months, quarters and
 * years read report_people_months (kept with every change to a user; the periods' edges are
 * months' edges, so its month columns decide exactly as the timestamps would) and
 * report_active_counts: a few hundred rows. A custom period passes over the users once.
 */
function participationSql(scope: ReportScope, ps: Period[]): SQL {
  if (ps.every((p) => p.kind !== "custom")) {
    const columns = ps.map((p, i) => {
      const start = p.from;
      const end = isoDay(bounds(p).end);
      const n = sql.raw(String(i));
      return sql`coalesce(sum(m.people) filter (where m.activated_month < ${end}::date and m.deactivated_month >= ${start}::date), 0) as people_${n},
        coalesce(sum(m.people) filter (where m.created_month >= ${start}::date and m.created_month < ${end}::date), 0) as invited_${n},
        coalesce(sum(m.people) filter (where m.activated_month >= ${start}::date and m.activated_month < ${end}::date), 0) as activated_${n},
        ${activeCount(scope, p)} as active_${n}`;
    });
    return sql`select ${sql.join(columns, sql`, `)} from report_people_months m
      where m.role in ${PARTNER_ROLES_SQL} and m.organisation_id = ${countsKey(scope)}`;
  }
  const columns = ps.map((p, i) => {
    const { start, end } = bounds(p);
    const n = sql.raw(String(i));
    return sql`count(*) filter (where u.activated_at < ${end.toISOString()} and (u.deactivated_at is null or u.deactivated_at >= ${start.toISOString()})) as people_${n},
      count(*) filter (where u.created_at >= ${start.toISOString()} and u.created_at < ${end.toISOString()}) as invited_${n},
      count(*) filter (where u.activated_at >= ${start.toISOString()} and u.activated_at < ${end.toISOString()}) as activated_${n},
      ${activeCount(scope, p)} as active_${n}`;
  });
  // Active people are grouped by person: someone whose entries name two partners is one person in the programme.
  return sql`select ${sql.join(columns, sql`, `)} from users u where u.role in ${PARTNER_ROLES_SQL} ${inScope(scope, "u.organisation_id")}`;
}

type Totals = { people: number; active: number; share: number; invited: number; activated: number };
function totalsOf(row: Record<string, string>, i: number): Totals {
  const a = num(row[`active_${i}`]);
  const ppl = num(row[`people_${i}`]);
  return { people: ppl, active: a, share: permille(a, ppl), invited: num(row[`invited_${i}`]), activated: num(row[`activated_${i}`]) };
}

export async function participationTotals(db: Queryable, scope: ReportScope, p: Period): Promise<Totals> {
  const [row] = await query<Record<string, string>>(db, participationSql(scope, [p]));
  return totalsOf(row, 0);
}

export async function readParticipation(db: Queryable, scope: ReportScope, periods: Periods): Promise<Section> {
  const p = periods.current;
  const [[row], perBucket] = await Promise.all([
    query<Record<string, string>>(db, participationSql(scope, [periods.current, periods.previous, periods.lastYear])),
    query<{ bucket: string; active: string }>(db, activePerBucket(scope, p)),
  ]);
  const t = { current: totalsOf(row, 0), previous: totalsOf(row, 1), lastYear: totalsOf(row, 2) };
  const byBucket = new Map(perBucket.map((r) => [r.bucket, num(r.active)]));
  const fig = (id: keyof typeof t.current, label: string, format: "number" | "permille", rows?: { figure: string; key?: string }) => ({
    id,
    label,
    format,
    value: t.current[id],
    previous: t.previous[id],
    lastYear: t.lastYear[id],
    rows,
  });
  return {
    id: "participation",
    title: "reports.participation.title",
    figures: [
      fig("share", "reports.participation.share", "permille", { figure: "active_people" }),
      fig("active", "reports.participation.active", "number", { figure: "active_people" }),
      fig("people", "reports.participation.people", "number", { figure: "people", key: "signed_up" }),
      fig("invited", "reports.participation.invited", "number", { figure: "people", key: "invited" }),
      fig("activated", "reports.participation.activated", "number", { figure: "people", key: "activated" }),
    ],
    tables: [
      {
        id: "active_over_time",
        complete: true,
        title: "reports.participation.over_time",
        columns: [
          { key: "bucket", label: "reports.col.when", format: "text" },
          { key: "active", label: "reports.participation.active", format: "number" },
        ],
        rows: bucketsOf(p).map((b) => ({
          cells: { bucket: b, active: byBucket.get(b) ?? 0 },
          rows: { figure: "active_people", period: bucketPeriod(b) },
        })),
        chart: { kind: "line", x: "bucket", series: ["active"] },
      },
    ],
  };
}
