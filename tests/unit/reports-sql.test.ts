import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { users } from "../../db/schema";
import { periodOf, periodsFor } from "../../app/domain/reports/period";
import { inScope, plainQuery, within, withinDays } from "../../app/domain/reports/sql.server";

// The dashboards build their statements with plainQuery instead of drizzle's dialect (issue 15:
// the server's CPU per request); a statement must reach PostgreSQL exactly as drizzle would send it.
const dialect = new PgDialect();

describe("a report statement's text and parameters", () => {
  it("are the ones drizzle builds, for what the section queries are made of", () => {
    const periods = periodsFor(periodOf("month", "2026-03-10"));
    const select = (p: typeof periods.current) =>
      sql`select count(*) as n, ${1} as one, ${null}::text as nothing, ${true} as yes from ledger_entries e
        where e.kind = ${"earn"} ${inScope({ organisationId: "org-1" }, "e.organisation_id")} ${within(p, "e.created_at")}
        ${withinDays(p, "d.day")} ${sql.raw("and 1 = 1")} ${sql``} ${inScope({ organisationId: null }, "x")}`;
    const q = sql`select 0 as which, x.* from (${select(periods.current)}) x
      union all select 1, y.* from (${select(periods.previous)}) y
      union all select 2, z.* from (${select(periods.lastYear)}) z`;
    const plain = plainQuery(q);
    expect(plain).toEqual({ sql: dialect.sqlToQuery(q).sql, params: dialect.sqlToQuery(q).params });
    expect(plain?.params.length).toBeGreaterThan(10);
  });

  it("are left to drizzle for anything else (a column, a Date)", () => {
    expect(plainQuery(sql`select ${users.id} from users`)).toBeNull();
    expect(plainQuery(sql`select ${new Date(0)}`)).toBeNull();
  });
});
