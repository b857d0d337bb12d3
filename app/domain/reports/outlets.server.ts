import { sql } from "drizzle-orm";
import type { Queryable } from "@db/client";
import type { Period } from "./period";
import { inScope, num, query, within, withinDays } from "./sql.server";
import type { ReportScope, Table } from "./types";

/**
 * Points and sales per outlet (issue 19). Points earned are counted at the outlet where the earner
 * works now (people carry an outlet, not every ledger entry); units and claims at the outlet each
 * claim names, for claims first sent in the period and not rejected (as the sales section counts
 * them). Every outlet in scope is listed, with nothing earned or sold shown as 0, plus a row "—"
 * for what belongs to no outlet. At most 200 rows, the busiest first.
 */
export async function pointsPerOutlet(db: Queryable, scope: ReportScope, p: Period): Promise<Table> {
  const rows = await query<{
    id: string | null;
    name: string | null;
    city: string | null;
    partner: string | null;
    earned: string;
    units: string;
    claims: string;
  }>(
    db,
    sql`with pts as (
        select u.outlet_id, sum(e.points) as earned
        from report_ledger_days e join users u on u.id = e.user_id
        where e.kind = 'earn' ${inScope(scope, "e.organisation_id")} ${withinDays(p, "e.day")}
        group by u.outlet_id),
      sales as (
        select c.outlet_id, count(distinct c.id) as claims, coalesce(sum(l.quantity), 0) as units
        from claims c left join claim_lines l on l.claim_id = c.id
        where c.status not in ('draft', 'rejected') ${inScope(scope, "c.organisation_id")} ${within(p, "c.submitted_at")}
        group by c.outlet_id),
      keys as (
        select outlet_id from pts union select outlet_id from sales
        union select o.id from outlets o where true ${inScope(scope, "o.organisation_id")})
      select k.outlet_id as id, o.name, o.city, org.name as partner,
        coalesce(pts.earned, 0) as earned, coalesce(sales.units, 0) as units, coalesce(sales.claims, 0) as claims
      from keys k
      left join outlets o on o.id = k.outlet_id
      left join organisations org on org.id = o.organisation_id
      left join pts on pts.outlet_id is not distinct from k.outlet_id
      left join sales on sales.outlet_id is not distinct from k.outlet_id
      order by earned desc, units desc, o.name nulls last, k.outlet_id
      limit 200`,
  );
  const programme = !scope.organisationId;
  return {
    id: "per_outlet",
    title: "outlets.report.title",
    columns: [
      { key: "outlet", label: "reports.col.outlet", format: "text" },
      ...(programme ? [{ key: "partner", label: "reports.col.partner", format: "text" as const }] : []),
      { key: "earned", label: "reports.points.earned", format: "points" },
      { key: "units", label: "reports.sales.units", format: "number" },
      { key: "claims", label: "reports.sales.claims", format: "number" },
    ],
    rows: rows.map((r) => ({
      cells: {
        outlet: r.id ? (r.city ? `${r.name}, ${r.city}` : (r.name ?? "")) : "—",
        ...(programme ? { partner: r.partner ?? "" } : {}),
        earned: num(r.earned),
        units: num(r.units),
        claims: num(r.claims),
      },
    })),
    chart: { kind: "bar", x: "outlet", series: ["earned"], horizontal: true },
    note: "outlets.report.note",
    empty: "reports.empty",
  };
}
