import { SQL, StringChunk, sql } from "drizzle-orm";
import type { PgSession } from "drizzle-orm/pg-core";
import { rowsOf, type Queryable } from "@db/client";
import { PARTNER_ROLES_SQL_LIST } from "@db/schema/enums";
import { addDays, isoDay, startOfDay } from "~/lib/dates";
import { bounds, bucketOf, type Period, type Periods } from "./period";
import type { ReportScope } from "./types";

/**
 * Shared plumbing of the report queries: raw SQL (read-only, index-friendly), numbers out. Every
 * statement is sent PREPARED through the one way, `preparedByDefault` (db/client.ts): one round
 * trip, parsed once per connection, pipelined inside readDashboard's transaction; the text of a
 * section's statement never varies with the data (its values are parameters), and none comes
 * near that helper's limits (16,000 characters, 200 parameters). DATABASE_PREPARE=0 turns them
 * off for PgBouncer in transaction mode.
 */
export async function query<T>(db: Queryable, q: SQL): Promise<T[]> {
  const plain = plainQuery(q);
  if (!plain) return rowsOf<T>(await db.execute(q));
  // What drizzle's `execute` does (an unnamed statement, which preparedByDefault then prepares),
  // with the statement built by plainQuery.
  const { _ } = db as unknown as { _: { session: PgSession } };
  return rowsOf<T>(await _.session.prepareQuery(plain, undefined, undefined, false).execute());
}

/**
 * The text and parameters of a report statement written as plain `sql` templates (text, nested
 * templates, and strings, numbers, booleans or null as parameters: all a section query holds),
 * or null for anything else (a column, a table, a Date...), which drizzle's dialect then builds.
 * The same text and `$n` numbering drizzle's sqlToQuery gives, for a fraction of its CPU: it asks
 * each chunk up to a dozen "is this a Table / Column / View / Param..." questions, and building
 * a dashboard's ~25 statements that way was ~8% of the server's CPU per request (issue 15).
 */
export function plainQuery(q: SQL): { sql: string; params: unknown[] } | null {
  const params: unknown[] = [];
  let text = "";
  const walk = (s: SQL): boolean => {
    if ((s as unknown as { shouldInlineParams: boolean }).shouldInlineParams) return false;
    for (const c of s.queryChunks as unknown[]) {
      if (c instanceof StringChunk) text += c.value.join("");
      else if (c instanceof SQL) {
        if (!walk(c)) return false;
      } else if (c === null || typeof c === "string" || typeof c === "number" || typeof c === "boolean") {
        params.push(c);
        text += `$${params.length}`;
      } else if (c !== undefined) return false;
    }
    return true;
  };
  return walk(q) ? { sql: text, params } : null;
}

export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** `and <column> = <organisation>` for a partner's report; nothing for the whole programme. */
export function inScope(scope: ReportScope, column: string): SQL {
  return scope.organisationId ? sql`and ${sql.raw(column)} = ${scope.organisationId}` : sql``;
}

/** `and <column> >= start and <column> < end` for a period (timestamps compared as instants). */
export function within(p: Period, column: string): SQL {
  const { start, end } = bounds(p);
  return sql`and ${sql.raw(column)} >= ${start.toISOString()} and ${sql.raw(column)} < ${end.toISOString()}`;
}

/**
 * `and <day column> >= first day and <day column> <= last day`, for the summary tables
 * (db/schema/report-rollups.ts), whose days are UTC like the periods' bounds: the same rows as
 * `within` over the source timestamps.
 */
export function withinDays(p: Period, column: string): SQL {
  return sql`and ${sql.raw(column)} >= ${p.from}::date and ${sql.raw(column)} <= ${p.to}::date`;
}

/** SQL for the label of the day or month a summary row's day falls in, matching bucketsOf. */
export function bucketDaySql(p: Period, column: string): SQL {
  return bucketOf(p) === "day" ? sql`to_char(${sql.raw(column)}, 'YYYY-MM-DD')` : sql`to_char(${sql.raw(column)}, 'YYYY-MM')`;
}

/**
 * A figure's one-row SELECT for the period and the two it is compared with, sent as ONE prepared
 * statement (the three selects joined by UNION ALL, each with its own plan): one round trip, one
 * query built, instead of three. Issue 15: ~40 statements per dashboard were a sixth of the
 * server's CPU (building them, writing each to the socket).
 */
export async function comparedRow<T extends Record<string, unknown>>(
  db: Queryable,
  periods: Periods,
  select: (p: Period) => SQL,
): Promise<{ current: T; previous: T; lastYear: T }> {
  const rows = await query<T & { which: number }>(
    db,
    sql`select 0 as which, x.* from (${select(periods.current)}) x
      union all select 1, y.* from (${select(periods.previous)}) y
      union all select 2, z.* from (${select(periods.lastYear)}) z`,
  );
  const at = (i: number) => rows.find((r) => Number(r.which) === i) as T;
  return { current: at(0), previous: at(1), lastYear: at(2) };
}

/** The three rows of comparedRow read into figures. */
export function mapCompared<T, U>(read: (row: T) => U) {
  return (c: { current: T; previous: T; lastYear: T }) => ({
    current: read(c.current),
    previous: read(c.previous),
    lastYear: read(c.lastYear),
  });
}

/** SQL for the label of the day or month an instant falls in (UTC), matching bucketsOf. */
export function bucketSql(p: Period, column: string): SQL {
  return bucketOf(p) === "day"
    ? sql`to_char(${sql.raw(column)} at time zone 'UTC', 'YYYY-MM-DD')`
    : sql`to_char(${sql.raw(column)} at time zone 'UTC', 'YYYY-MM')`;
}

/** Every day or month of the period, so a chart shows the quiet ones as zero. */
export function bucketsOf(p: Period): string[] {
  const out: string[] = [];
  const { start, end } = bounds(p);
  if (bucketOf(p) === "day") {
    for (let d = start; d < end; d = addDays(d, 1)) out.push(isoDay(d));
    return out;
  }
  for (let m = p.from.slice(0, 7); m <= p.to.slice(0, 7); ) {
    out.push(m);
    const next = startOfDay(`${m}-01`);
    next.setUTCMonth(next.getUTCMonth() + 1);
    m = isoDay(next).slice(0, 7);
  }
  return out;
}

/** Tenths of a percent, rounded half up; 0 when there is nothing to divide by. */
export function permille(part: number, whole: number): number {
  return whole > 0 ? Math.round((part * 1000) / whole) : 0;
}

/** Partner roles (the participants), from the one role list. */
export const PARTNER_ROLES_SQL = sql.raw(PARTNER_ROLES_SQL_LIST);
