import { type SQL, sql } from "drizzle-orm";
import type { Queryable } from "@db/client";
import { bucketPeriod, type Period, type Periods } from "./period";
import { bucketDaySql, bucketsOf, comparedRow, inScope, mapCompared, num, query, withinDays } from "./sql.server";
import type { ReportScope, Section } from "./types";

/**
 * Sales claimed: the lines of claims sent in the period (first submission), except rejected
 * ones, in units, per product and category and over time. Read from the summary tables
 * report_claim_line_days and report_claim_days, kept with every claim and line change.
 */
const SENT = sql.raw(`c.status not in ('draft', 'rejected')`);
const SENT_LINES = sql.raw(`l.status not in ('draft', 'rejected')`);

function salesTotalsSql(scope: ReportScope, p: Period): SQL {
  return sql`select (select coalesce(sum(c.units), 0) from report_claim_line_days c
        where ${SENT} ${inScope(scope, "c.organisation_id")} ${withinDays(p, "c.day")}) as units,
      (select coalesce(sum(c.claims), 0) from report_claim_days c
        where ${SENT} ${inScope(scope, "c.organisation_id")} ${withinDays(p, "c.day")}) as claims`;
}
type SalesRow = { units: string; claims: string };
const salesOf = (r: SalesRow) => ({ units: num(r.units), claims: num(r.claims) });

export async function salesTotals(db: Queryable, scope: ReportScope, p: Period) {
  const [r] = await query<SalesRow>(db, salesTotalsSql(scope, p));
  return salesOf(r);
}

export async function readSales(db: Queryable, scope: ReportScope, periods: Periods): Promise<Section> {
  const p = periods.current;
  const [t, perProduct, perCategory, perBucket] = await Promise.all([
    comparedRow<SalesRow>(db, periods, (q) => salesTotalsSql(scope, q)).then(mapCompared(salesOf)),
    query<{ id: string | null; sku: string; name: string; category: string; units: string; points: string }>(
      db,
      sql`select pr.id, l.sku, coalesce(pr.name, l.sku) as name, coalesce(pr.category, '') as category,
          coalesce(sum(l.units), 0) as units, coalesce(sum(l.points), 0) as points
        from report_claim_line_days l left join products pr on pr.id = l.product_id
        where ${SENT_LINES} ${inScope(scope, "l.organisation_id")} ${withinDays(p, "l.day")}
        group by pr.id, l.sku, pr.name, pr.category order by units desc, l.sku limit 200`,
    ),
    query<{ category: string; units: string; points: string }>(
      db,
      sql`select coalesce(pr.category, '') as category, coalesce(sum(l.units), 0) as units, coalesce(sum(l.points), 0) as points
        from report_claim_line_days l left join products pr on pr.id = l.product_id
        where ${SENT_LINES} ${inScope(scope, "l.organisation_id")} ${withinDays(p, "l.day")}
        group by 1 order by units desc, category`,
    ),
    query<{ bucket: string; units: string }>(
      db,
      sql`select ${bucketDaySql(p, "l.day")} as bucket, coalesce(sum(l.units), 0) as units
        from report_claim_line_days l
        where ${SENT_LINES} ${inScope(scope, "l.organisation_id")} ${withinDays(p, "l.day")} group by 1`,
    ),
  ]);
  const byBucket = new Map(perBucket.map((r) => [r.bucket, num(r.units)]));
  return {
    id: "sales",
    title: "reports.sales.title",
    figures: [
      {
        id: "units",
        label: "reports.sales.units",
        format: "number",
        value: t.current.units,
        previous: t.previous.units,
        lastYear: t.lastYear.units,
        rows: { figure: "claim_lines" },
      },
      {
        id: "claims",
        label: "reports.sales.claims",
        format: "number",
        value: t.current.claims,
        previous: t.previous.claims,
        lastYear: t.lastYear.claims,
        rows: { figure: "claims", key: "sent" },
      },
    ],
    tables: [
      {
        id: "per_product",
        title: "reports.sales.per_product",
        columns: [
          { key: "product", label: "reports.col.product", format: "text" },
          { key: "sku", label: "reports.col.sku", format: "text" },
          { key: "category", label: "reports.col.category", format: "text" },
          { key: "units", label: "reports.sales.units", format: "number" },
          { key: "points", label: "reports.col.points", format: "points" },
        ],
        rows: perProduct.map((r) => ({
          cells: { product: r.name, sku: r.sku, category: r.category, units: num(r.units), points: num(r.points) },
          rows: { figure: "claim_lines", key: `sku:${r.sku}` },
        })),
        chart: { kind: "bar", x: "sku", series: ["units"], horizontal: true },
        empty: "reports.empty",
      },
      {
        id: "per_category",
        title: "reports.sales.per_category",
        columns: [
          { key: "category", label: "reports.col.category", format: "text" },
          { key: "units", label: "reports.sales.units", format: "number" },
          { key: "points", label: "reports.col.points", format: "points" },
        ],
        rows: perCategory.map((r) => ({
          cells: { category: r.category, units: num(r.units), points: num(r.points) },
          rows: { figure: "claim_lines", key: `category:${r.category}` },
        })),
        chart: { kind: "bar", x: "category", series: ["units"], horizontal: true },
        empty: "reports.empty",
      },
      {
        id: "sales_over_time",
        complete: true,
        title: "reports.sales.over_time",
        columns: [
          { key: "bucket", label: "reports.col.when", format: "text" },
          { key: "units", label: "reports.sales.units", format: "number" },
        ],
        rows: bucketsOf(p).map((b) => ({
          cells: { bucket: b, units: byBucket.get(b) ?? 0 },
          rows: { figure: "claim_lines", period: bucketPeriod(b) },
        })),
        chart: { kind: "bar", x: "bucket", series: ["units"] },
      },
    ],
  };
}
