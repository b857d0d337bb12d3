import { sql } from "drizzle-orm";
import type { Queryable } from "@db/client";
import { bounds, bucketPeriod, type Period, type Periods } from "./period";
import {
  bucketDaySql,
  bucketsOf,
  compared,
  inScope,
  num,
  PARTNER_ROLES_SQL,
  permille,
  sectionQuery as query,
  withinDays,
} from "./sql.server";
import type { ReportScope, Section } from "./types";

/**
 * Participation: who took part. "Active" = earned or redeemed points in the period (a ledger
 * entry of kind earn or redeem); the share is of the people who were signed up (activated
 * before the period ended, not deactivated before it began). Invited and activated count the
 * invitations sent and accepted in the period.
 */
export async function participationTotals(db: Queryable, scope: ReportScope, p: Period) {
  const { start, end } = bounds(p);
  const [people] = await query<{ people: string; invited: string; activated: string }>(
    db,
    sql`select
        count(*) filter (where u.activated_at < ${end.toISOString()} and (u.deactivated_at is null or u.deactivated_at >= ${start.toISOString()})) as people,
        count(*) filter (where u.created_at >= ${start.toISOString()} and u.created_at < ${end.toISOString()}) as invited,
        count(*) filter (where u.activated_at >= ${start.toISOString()} and u.activated_at < ${end.toISOString()}) as activated
      from users u where u.role in ${PARTNER_ROLES_SQL} ${inScope(scope, "u.organisation_id")}`,
  );
  const [active] = await query<{ active: string }>(
    db,
    // Grouped rather than count(distinct): both read report_ledger_days_active_idx alone (or
    // the key, for one partner), and a hash of the people is cheaper than sorting them.
    sql`select count(*) as active from (select e.user_id from report_ledger_days e
      where e.kind in ('earn', 'redeem') ${inScope(scope, "e.organisation_id")} ${withinDays(p, "e.day")} group by e.user_id) x`,
  );
  const a = num(active.active);
  const ppl = num(people.people);
  return { people: ppl, active: a, share: permille(a, ppl), invited: num(people.invited), activated: num(people.activated) };
}

export async function readParticipation(db: Queryable, scope: ReportScope, periods: Periods): Promise<Section> {
  const t = await compared(periods, (p) => participationTotals(db, scope, p));
  const p = periods.current;
  const perBucket = await query<{ bucket: string; active: string }>(
    db,
    sql`select x.bucket, count(*) as active from (
        select ${bucketDaySql(p, "e.day")} as bucket, e.user_id from report_ledger_days e
        where e.kind in ('earn', 'redeem') ${inScope(scope, "e.organisation_id")} ${withinDays(p, "e.day")}
        group by 1, 2) x
      group by 1`,
  );
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
