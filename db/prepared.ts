import type { Queryable } from "./client";

type Preparable<R> = { prepare(name: string): { execute(values?: Record<string, unknown>): Promise<R> } };

let named = 0;

/**
 * A drizzle query built once per database handle, then run with `sql.placeholder(...)` values:
 * the one way to keep a hot statement's SQL text (issue 17). drizzle builds a query's text anew
 * on every call, and for a wide select that costs more than running it: the request floor (three
 * whole tables and the shell's counts) took ~0.5 ms of server CPU per signed-in page to build and
 * 8 µs to run once built (docs/performance.md, "Seventh round"). Pages pay it, /login does not.
 *
 * Kept per handle (the pool, the read replica's pool, PGlite), in a WeakMap: a transaction is a
 * handle of its own, so inside one the query is built once for that transaction, as before.
 * The statement is prepared by PostgreSQL as every statement is (db/client.ts). A placeholder's
 * value goes to the driver as given, without the column's conversion: pass dates as ISO text.
 */
export function preparedQuery<V extends Record<string, unknown>, R>(
  build: (db: Queryable) => Preparable<R>,
): (db: Queryable, values: V) => Promise<R> {
  const byHandle = new WeakMap<Queryable, ReturnType<Preparable<R>["prepare"]>>();
  const name = `portal_q${++named}`;
  return (db, values) => {
    let query = byHandle.get(db);
    if (!query) {
      query = build(db).prepare(name);
      byHandle.set(db, query);
    }
    return query.execute(values);
  };
}
