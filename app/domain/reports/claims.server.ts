import { type SQL, sql } from "drizzle-orm";
import type { Queryable } from "@db/client";
import type { Period, Periods } from "./period";
import { comparedRow, inScope, mapCompared, num, query, withinDays } from "./sql.server";
import type { ReportScope, Section } from "./types";

/**
 * Claims by status and how long a decision takes. Status counts are the claims sent in the
 * period (first submission) by where they stand now; cycle time is over claims decided in the
 * period, from first submission to the decision, in tenths of a day. Read from the summary
 * tables report_claim_days and report_claim_decisions, kept with every claim change.
 */
export const CLAIM_STATES = ["manager_check", "in_review", "info_requested", "approved", "rejected"] as const;

/**
 * The summaries a scope reads: a partner its own rows; the whole programme its own sharded
 * tables (report_programme_claim_days, _decisions: ~1,000 rows a month instead of ~13,000).
 */
const decisionsOf = (scope: ReportScope) => sql.raw(scope.organisationId ? "report_claim_decisions" : "report_programme_claim_decisions");
const claimDaysOf = (scope: ReportScope) => sql.raw(scope.organisationId ? "report_claim_days" : "report_programme_claim_days");

function claimsTotalsSql(scope: ReportScope, p: Period): SQL {
  return sql`select coalesce(sum(c.claims), 0) as decided, coalesce(sum(c.claims) filter (where c.status = 'approved'), 0) as approved,
        round(sum(c.cycle_seconds) / nullif(sum(c.claims), 0) / 8640) as avg_days
      from ${decisionsOf(scope)} c where c.status in ('approved', 'rejected') ${inScope(scope, "c.organisation_id")} ${withinDays(p, "c.day")}`;
}
type ClaimsRow = { decided: string; approved: string; avg_days: string | null };
const claimsOf = (r: ClaimsRow) => ({ decided: num(r.decided), approved: num(r.approved), cycle: num(r.avg_days) });

export async function claimsTotals(db: Queryable, scope: ReportScope, p: Period) {
  const [r] = await query<ClaimsRow>(db, claimsTotalsSql(scope, p));
  return claimsOf(r);
}

export async function readClaims(db: Queryable, scope: ReportScope, periods: Periods): Promise<Section> {
  const [t, byStatus] = await Promise.all([
    comparedRow<ClaimsRow>(db, periods, (p) => claimsTotalsSql(scope, p)).then(mapCompared(claimsOf)),
    query<{ status: string; claims: string; points: string }>(
      db,
      sql`select c.status, sum(c.claims) as claims, coalesce(sum(c.points), 0) as points from ${claimDaysOf(scope)} c
        where c.status <> 'draft' ${inScope(scope, "c.organisation_id")} ${withinDays(periods.current, "c.day")}
        group by c.status`,
    ),
  ]);
  const found = new Map(byStatus.map((r) => [r.status, r]));
  const fig = (id: keyof typeof t.current, label: string, format: "number" | "days", key: string) => ({
    id,
    label,
    format,
    value: t.current[id],
    previous: t.previous[id],
    lastYear: t.lastYear[id],
    rows: { figure: "claims", key },
  });
  return {
    id: "claims",
    title: "reports.claims.title",
    figures: [
      fig("decided", "reports.claims.decided", "number", "decided"),
      fig("approved", "reports.claims.approved", "number", "decided_approved"),
      fig("cycle", "reports.claims.cycle", "days", "decided"),
    ],
    tables: [
      {
        id: "by_status",
        title: "reports.claims.by_status",
        columns: [
          { key: "status", label: "reports.col.status", format: "key" },
          { key: "claims", label: "reports.sales.claims", format: "number" },
          { key: "points", label: "reports.col.points", format: "points" },
        ],
        rows: CLAIM_STATES.map((s) => ({
          cells: { status: `claims.status.${s}`, claims: num(found.get(s)?.claims), points: num(found.get(s)?.points) },
          rows: { figure: "claims", key: `status:${s}` },
        })),
        chart: { kind: "bar", x: "status", series: ["claims"], horizontal: true },
        note: "reports.claims.note",
      },
    ],
  };
}
