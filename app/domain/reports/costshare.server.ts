import { sql } from "drizzle-orm";
import type { Queryable } from "@db/client";
import type { Period, Periods } from "./period";
import { pointValue } from "./programme.server";
import { comparedRow, inScope, num, permille, query } from "./sql.server";
import type { ReportScope, Section } from "./types";

type FundRow = { allocated: string; committed: string; claimed: string; paid: string; available: string };

/**
 * Marketing cost-share funds whose period overlaps the report's: allocated, committed, claimed,
 * paid and available are the fund rows the cost-share ledger keeps in its own transactions
 * (app/domain/costshare/funds.server.ts), so they are sums of its entries. Read-only SQL, so it
 * also runs on a read replica. Utilisation = claimed / allocated, the figure channel teams watch.
 */
export async function readCostshare(db: Queryable, scope: ReportScope, periods: Periods): Promise<Section> {
  const totals = comparedRow<FundRow>(
    db,
    periods,
    (p: Period) =>
      sql`select coalesce(sum(f.allocated), 0) as allocated, coalesce(sum(f.committed), 0) as committed,
          coalesce(sum(f.claimed), 0) as claimed, coalesce(sum(f.paid), 0) as paid, coalesce(sum(f.available), 0) as available
        from costshare_funds f join costshare_periods p on p.id = f.period_id
        where p.starts_on <= ${p.to}::date and p.ends_on >= ${p.from}::date ${inScope(scope, "f.organisation_id")}`,
  );
  const funds = query<FundRow & { name: string; organisation: string }>(
    db,
    sql`select p.name, o.name as organisation, f.allocated, f.committed, f.claimed, f.paid, f.available
      from costshare_funds f join costshare_periods p on p.id = f.period_id join organisations o on o.id = f.organisation_id
      where p.starts_on <= ${periods.current.to}::date and p.ends_on >= ${periods.current.from}::date ${inScope(scope, "f.organisation_id")}
      order by p.starts_on, f.claimed desc, o.name limit 200`,
  );
  const [{ current, previous, lastYear }, perPeriod, { currency }] = await Promise.all([totals, funds, pointValue(db)]);
  const figure = (id: keyof FundRow) => ({
    id,
    label: `reports.costshare.${id}`,
    format: "money" as const,
    value: num(current?.[id]),
    previous: num(previous?.[id]),
    lastYear: num(lastYear?.[id]),
  });
  const use = (r?: FundRow) => permille(num(r?.claimed), num(r?.allocated));
  return {
    id: "costshare",
    title: "reports.costshare.title",
    currency,
    figures: [
      figure("allocated"),
      figure("committed"),
      figure("claimed"),
      figure("paid"),
      figure("available"),
      {
        id: "utilisation",
        label: "reports.costshare.utilisation",
        format: "permille",
        value: use(current),
        previous: use(previous),
        lastYear: use(lastYear),
      },
    ],
    tables: [
      {
        id: "funds",
        title: "reports.costshare.funds",
        columns: [
          { key: "period", label: "reports.col.period", format: "text" },
          ...(scope.organisationId ? [] : [{ key: "partner", label: "reports.col.partner", format: "text" as const }]),
          { key: "allocated", label: "reports.costshare.allocated", format: "money" },
          { key: "claimed", label: "reports.costshare.claimed", format: "money" },
          { key: "available", label: "reports.costshare.available", format: "money" },
          { key: "utilisation", label: "reports.costshare.utilisation", format: "permille" },
        ],
        rows: perPeriod.map((r) => ({
          cells: {
            period: r.name,
            partner: r.organisation,
            allocated: num(r.allocated),
            claimed: num(r.claimed),
            available: num(r.available),
            utilisation: use(r),
          },
        })),
        chart: { kind: "bar", x: scope.organisationId ? "period" : "partner", series: ["allocated", "claimed"], horizontal: true },
        note: "reports.costshare.note",
        empty: "reports.costshare.none",
      },
    ],
  };
}
