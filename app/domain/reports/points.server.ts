import { type SQL, sql } from "drizzle-orm";
import type { Queryable } from "@db/client";
import { bucketPeriod, type Period, type Periods } from "./period";
import { bucketDaySql, bucketsOf, comparedRow, inScope, mapCompared, num, query, withinDays } from "./sql.server";
import type { ReportScope, Section } from "./types";
import { pointsPerOutlet } from "./outlets.server";

/**
 * Points earned and spent. Earned = entries of kind earn (sales, training, prizes, welcome);
 * spent = points redeemed in the shop (entries of kind redeem, shown positive). Adjustments,
 * reversals and expiry are left out: they are neither. Per employee and per outlet (issue 19,
 * outlets.server.ts). Read from the summary table report_ledger_days, kept with every ledger append.
 */
function pointsTotalsSql(scope: ReportScope, p: Period): SQL {
  return sql`select coalesce(sum(e.points) filter (where e.kind = 'earn'), 0) as earned,
        coalesce(-sum(e.points) filter (where e.kind = 'redeem'), 0) as spent
      from report_ledger_days e where e.kind in ('earn', 'redeem') ${inScope(scope, "e.organisation_id")} ${withinDays(p, "e.day")}`;
}
type PointsRow = { earned: string; spent: string };
const pointsOf = (r: PointsRow) => ({ earned: num(r.earned), spent: num(r.spent) });

export async function pointsTotals(db: Queryable, scope: ReportScope, p: Period) {
  const [r] = await query<PointsRow>(db, pointsTotalsSql(scope, p));
  return pointsOf(r);
}

export async function readPoints(db: Queryable, scope: ReportScope, periods: Periods): Promise<Section> {
  const p = periods.current;
  const [t, perPerson, perBucket, perOutlet] = await Promise.all([
    comparedRow<PointsRow>(db, periods, (q) => pointsTotalsSql(scope, q)).then(mapCompared(pointsOf)),
    query<{ id: string; name: string; earned: string; spent: string }>(
      db,
      sql`select u.id, u.name, x.earned, x.spent from (
          select e.user_id, coalesce(sum(e.points) filter (where e.kind = 'earn'), 0) as earned,
            coalesce(-sum(e.points) filter (where e.kind = 'redeem'), 0) as spent
          from report_ledger_days e where e.kind in ('earn', 'redeem') ${inScope(scope, "e.organisation_id")} ${withinDays(p, "e.day")}
          group by e.user_id) x
        join users u on u.id = x.user_id
        order by x.earned desc, u.name, u.id limit 200`,
    ),
    query<{ bucket: string; earned: string; spent: string }>(
      db,
      sql`select ${bucketDaySql(p, "e.day")} as bucket, coalesce(sum(e.points) filter (where e.kind = 'earn'), 0) as earned,
          coalesce(-sum(e.points) filter (where e.kind = 'redeem'), 0) as spent
        from report_ledger_days e where e.kind in ('earn', 'redeem') ${inScope(scope, "e.organisation_id")} ${withinDays(p, "e.day")}
        group by 1`,
    ),
    pointsPerOutlet(db, scope, p),
  ]);
  const byBucket = new Map(perBucket.map((r) => [r.bucket, r]));
  return {
    id: "points",
    title: "reports.points.title",
    figures: [
      {
        id: "earned",
        label: "reports.points.earned",
        format: "points",
        value: t.current.earned,
        previous: t.previous.earned,
        lastYear: t.lastYear.earned,
        rows: { figure: "ledger", key: "earn" },
      },
      {
        id: "spent",
        label: "reports.points.spent",
        format: "points",
        value: t.current.spent,
        previous: t.previous.spent,
        lastYear: t.lastYear.spent,
        rows: { figure: "ledger", key: "redeem" },
      },
    ],
    tables: [
      {
        id: "per_person",
        title: "reports.points.per_person",
        columns: [
          { key: "person", label: "reports.col.person", format: "text" },
          { key: "earned", label: "reports.points.earned", format: "points" },
          { key: "spent", label: "reports.points.spent", format: "points" },
        ],
        rows: perPerson.map((r) => ({
          cells: { person: r.name, earned: num(r.earned), spent: num(r.spent) },
          rows: { figure: "ledger", key: `user:${r.id}` },
        })),
        chart: { kind: "bar", x: "person", series: ["earned", "spent"], horizontal: true },
        note: "outlets.report.person_note",
        empty: "reports.empty",
      },
      {
        id: "points_over_time",
        complete: true,
        title: "reports.points.over_time",
        columns: [
          { key: "bucket", label: "reports.col.when", format: "text" },
          { key: "earned", label: "reports.points.earned", format: "points" },
          { key: "spent", label: "reports.points.spent", format: "points" },
        ],
        rows: bucketsOf(p).map((b) => ({
          cells: { bucket: b, earned: num(byBucket.get(b)?.earned), spent: num(byBucket.get(b)?.spent) },
          rows: { figure: "ledger", period: bucketPeriod(b) },
        })),
        chart: { kind: "bar", x: "bucket", series: ["earned", "spent"] },
      },
      perOutlet,
    ],
  };
}
