import { AsyncLocalStorage } from "node:async_hooks";
import { mkdirSync } from "node:fs";
import type { Logger } from "drizzle-orm/logger";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { TransactionSql } from "postgres";
import { sqlState } from "../app/lib/errors";
import * as schema from "./schema/index";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Anything that can run a query: the database or an open transaction. */
export type Queryable = Db | Tx;

type Handle = { db: Db; kind: "postgres" | "pglite"; close: () => Promise<void> };

/** How each postgres.js database opens a read-only snapshot in one statement (see readSnapshot). */
const snapshots = new WeakMap<object, <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>>();

/**
 * `fn` inside ONE read-only REPEATABLE READ transaction: every statement sees the same snapshot.
 * On PostgreSQL it opens with one statement, `begin isolation level repeatable read read only`;
 * drizzle's transaction(fn, config) sends BEGIN and then SET TRANSACTION, each waiting for its
 * answer, a round trip more before anything is read (issue 15: a dashboard's waves of statements).
 * PGlite, or `db` already a transaction, takes drizzle's way.
 */
export function readSnapshot<T>(db: Queryable, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const open = snapshots.get(db);
  return open ? open(fn) : db.transaction(fn, { isolationLevel: "repeatable read", accessMode: "read only" });
}

// One handle per process, shared through globalThis: the custom server (run by tsx) and the
// built React Router bundle each load their own copy of this module, and PGlite must only be
// opened once per data directory.
const slot = globalThis as unknown as { __portalDb?: Promise<Handle>; __portalReadDb?: Promise<Handle> };

/**
 * Statement counting for the bench and tests (PORTAL_COUNT_STATEMENTS=1 when the database is
 * opened): every statement drizzle sends is counted against the request it runs for, which
 * app/server/http.ts reports as `X-Statement-Count`. Off by default: it costs an async context
 * per request. Shared through globalThis like the handle, for the same reason.
 */
type StatementTally = { count: number };
const counting = globalThis as unknown as { __portalStatements?: AsyncLocalStorage<StatementTally> };
export function statementCounter(): AsyncLocalStorage<StatementTally> | null {
  if (process.env.PORTAL_COUNT_STATEMENTS !== "1") return null;
  counting.__portalStatements ??= new AsyncLocalStorage<StatementTally>();
  return counting.__portalStatements;
}
/** Counts the statements `fn` sends (when counting is on; otherwise the count stays 0). */
export async function countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const tally = { count: 0 };
  const counter = statementCounter();
  const result = counter ? await counter.run(tally, fn) : await fn();
  return { result, statements: tally.count };
}
function statementLogger(): Logger | undefined {
  const counter = statementCounter();
  if (!counter) return undefined;
  return {
    logQuery(query) {
      const tally = counter.getStore();
      if (tally) tally.count++;
      // PORTAL_LOG_STATEMENTS=1 as well: each statement on stdout, to see which ones a page runs.
      if (process.env.PORTAL_LOG_STATEMENTS === "1") console.log(`[sql ${tally ? tally.count : "-"}] ${query.slice(0, 300)}`);
    },
  };
}

export function pgliteDir(): string {
  return process.env.PGLITE_DIR ?? "data/pglite";
}

async function open(): Promise<Handle> {
  const url = process.env.DATABASE_URL;
  if (url) return openPostgres(url, Number(process.env.DATABASE_POOL_SIZE ?? 10));
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const dir = pgliteDir();
  if (dir !== "memory") mkdirSync(dir, { recursive: true });
  const client = dir === "memory" ? new PGlite() : new PGlite(dir);
  await client.waitReady;
  return { db: drizzle(client, { schema, logger: statementLogger() }) as unknown as Db, kind: "pglite", close: () => client.close() };
}

/** Longer statements or more parameters than this stay unnamed: their text varies with the data (bulk inserts, long id lists). */
const PREPARE_MAX_CHARS = 16_000;
const PREPARE_MAX_PARAMS = 200;

type QueryOptions = { prepare?: boolean } & Record<string, unknown>;
type Client = {
  unsafe: (query: string, params?: unknown[], options?: QueryOptions) => unknown;
  begin: (...args: unknown[]) => unknown;
  savepoint: (...args: unknown[]) => unknown;
};

/**
 * drizzle asks postgres.js for an UNNAMED statement for every query not given a name of its own
 * (`{ prepare: false }` on each call, also postgres.js's default for `unsafe`), whatever the
 * client's `prepare` option says. An unnamed statement with parameters costs two round trips
 * (postgres.js describes it first to learn the parameter types, then binds it) and PostgreSQL
 * parses and plans it every time (issue 17: writing to PostgreSQL's socket alone was ~10% of a
 * page's CPU). Asked with `prepare: true`, postgres.js keeps a
 * named statement per connection and query text: one round trip, parsed once. `DATABASE_PREPARE=0`
 * (PgBouncer in transaction mode) still turns them all off: the client's option wins over the call's.
 * Transactions and savepoints get a client of their own from postgres.js, wrapped the same way.
 */
export function preparedByDefault<T extends object>(client: T): T {
  const target = client as unknown as Client;
  const unsafe: Client["unsafe"] = (query, params, options) => {
    if (options?.prepare !== false || query.length > PREPARE_MAX_CHARS || (params?.length ?? 0) > PREPARE_MAX_PARAMS)
      return target.unsafe(query, params, options);
    return target.unsafe(query, params, { ...options, prepare: true });
  };
  // begin([options], fn) and savepoint([name], fn): the callback is always last.
  const wrapLast =
    (method: "begin" | "savepoint") =>
    (...args: unknown[]) => {
      const fn = args[args.length - 1] as (tx: object) => unknown;
      return target[method](...args.slice(0, -1), (tx: object) => fn(preparedByDefault(tx)));
    };
  const begin = retryingConflicts(wrapLast("begin"));
  const savepoint = wrapLast("savepoint");
  return new Proxy(client, {
    get(obj, key, receiver) {
      if (key === "unsafe") return unsafe;
      if (key === "begin") return begin;
      if (key === "savepoint") return savepoint;
      return Reflect.get(obj, key, receiver);
    },
  });
}

/** SQLSTATEs after which the whole transaction may simply run again: deadlock_detected, serialization_failure. */
const RETRIED_STATES = new Set(["40P01", "40001"]);
const TRANSACTION_ATTEMPTS = 8;

/**
 * A transaction PostgreSQL aborted to break a deadlock (or a serialization failure) runs again
 * from the start, up to 8 times with a random pause that grows with each attempt: the conflict is with another
 * transaction at that moment, not with the input, so the person approving or redeeming should
 * not see it. Deadlocks cannot all be ordered away here: one transaction may credit several
 * people (a bulk approval, a contest's payout, the expiry run), and each credit locks the
 * person's account and then the summary rows its triggers keep (per partner, and the programme's
 * 16 shards), so two such transactions, or one and a single approval in the same partner, can
 * wait on each other in a cycle (docs/decisions/031-transaction-retry.md). Only whole
 * transactions run again; a savepoint's failure goes up to its transaction. The callback must
 * touch nothing outside the database it could not repeat (every one here writes only rows; mail
 * and texts go through the outbox).
 */
function retryingConflicts<A extends unknown[], R>(run: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run(...args);
      } catch (error) {
        if (attempt >= TRANSACTION_ATTEMPTS || !RETRIED_STATES.has(sqlState(error) ?? "")) throw error;
        // Spread the retries apart so the same transactions do not meet again in the same order.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 50 * attempt));
      }
    }
  };
}

async function openPostgres(url: string, max: number): Promise<Handle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const client = postgres(url, {
    max,
    // Behind PgBouncer in transaction mode a prepared statement may land on another server
    // connection: DATABASE_PREPARE=0 turns them off.
    prepare: process.env.DATABASE_PREPARE !== "0",
    // During an outage a request should fail within seconds (the server answers 503 with
    // Retry-After), not wait out the driver's 30 s default for each connection attempt.
    connect_timeout: Number(process.env.DATABASE_CONNECT_TIMEOUT ?? 3),
    onnotice: () => {},
  });
  const db = drizzle(preparedByDefault(client), { schema, logger: statementLogger() });
  // What drizzle's own transaction() builds around postgres.js's transaction client (the same
  // session options, so statements are still prepared and counted), with begin's options.
  const { PostgresJsSession, PostgresJsTransaction } = await import("drizzle-orm/postgres-js/session");
  type SessionArgs = ConstructorParameters<typeof PostgresJsSession>;
  const { session } = db as unknown as { session: { dialect: SessionArgs[1]; schema: SessionArgs[2]; options: SessionArgs[3] } };
  const inTransaction = (c: TransactionSql) => {
    const txSession = new PostgresJsSession(c as unknown as SessionArgs[0], session.dialect, session.schema, session.options);
    return new PostgresJsTransaction(session.dialect, txSession as never, session.schema) as unknown as Tx;
  };
  snapshots.set(
    db,
    <T>(fn: (tx: Tx) => Promise<T>) =>
      db.$client.begin("isolation level repeatable read read only", (c) => fn(inTransaction(c))) as Promise<T>,
  );
  // A bounded end: a connection that died mid-query must not hold shutdown open forever.
  return { db: db as unknown as Db, kind: "postgres", close: () => client.end({ timeout: 5 }) };
}

export function getHandle(): Promise<Handle> {
  slot.__portalDb ??= open();
  return slot.__portalDb;
}

export async function getDb(): Promise<Db> {
  return (await getHandle()).db;
}

/**
 * The database that reports read from: a read replica when DATABASE_READ_URL is set (a streaming
 * standby of DATABASE_URL), so heavy report queries never queue behind or slow the claims and
 * ledger writes; otherwise the one database. Only read-only report queries may use it: a
 * replica refuses writes and lags the primary by a moment.
 */
export async function getReadDb(): Promise<Db> {
  const url = process.env.DATABASE_READ_URL;
  if (!url || !process.env.DATABASE_URL) return getDb();
  slot.__portalReadDb ??= openPostgres(url, Number(process.env.DATABASE_READ_POOL_SIZE ?? process.env.DATABASE_POOL_SIZE ?? 10));
  return (await slot.__portalReadDb).db;
}

/**
 * One connection of its own to the database reports read from (DATABASE_READ_URL when set, as
 * getReadDb), for a CSV export's worker thread (app/domain/reports/export.server.ts): the worker
 * has its own heap and cannot share the server's pool. Null without DATABASE_URL (PGlite: one
 * connection in the server's process, which the export then uses in place).
 */
export async function openReportConnection(): Promise<{ db: Db; close: () => Promise<void> } | null> {
  const url = process.env.DATABASE_URL;
  if (!url) return null;
  const { db, close } = await openPostgres(process.env.DATABASE_READ_URL || url, 1);
  return { db, close };
}

export async function closeDb(): Promise<void> {
  const handle = slot.__portalDb;
  const read = slot.__portalReadDb;
  slot.__portalDb = undefined;
  slot.__portalReadDb = undefined;
  if (handle) await (await handle).close();
  if (read) await (await read).close();
}

/** Rows of db.execute(): postgres.js returns an array, PGlite an object with `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
