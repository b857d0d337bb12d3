import { and, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Queryable } from "@db/client";
import { notifications, organisations, sessions, users } from "@db/schema";

/**
 * The request floor: what every signed-in page needs before its own queries (the session, the
 * person and their organisation, and the badges in the shell) in ONE statement. docs/performance.md
 * explains why: each statement is a round trip to PostgreSQL, and these ran on every page.
 */

/**
 * The shell's badge counts, one correlated subquery each over the signed-in person's id.
 * To add a badge: add a column here (and to ShellCounts); loadRequestFloor and shellCounts both
 * pick it up, and the shell loader gets it from `context.counts`.
 */
function shellCountColumns(userId: AnyPgColumn | SQL) {
  return {
    unread: sql<number>`(select count(*)::int from ${notifications} where ${and(eq(notifications.userId, userId), isNull(notifications.readAt))})`,
  };
}

export type ShellCounts = { [K in keyof ReturnType<typeof shellCountColumns>]: number };

/** The shell's counts on their own (after an action changed them, or without a session lookup). */
export async function shellCounts(db: Queryable, userId: string): Promise<ShellCounts> {
  const [row] = await db.select(shellCountColumns(sql`${userId}::uuid`)).from(sql`(select 1) as one`);
  return row as ShellCounts;
}

/**
 * The session row with its person and organisation, and, when `withCounts`, the shell's counts:
 * one statement. Null when the session id is unknown.
 */
export async function loadRequestFloor(db: Queryable, sessionId: string, withCounts: boolean) {
  const [row] = await db
    .select({
      session: sessions,
      user: users,
      organisation: organisations,
      ...(withCounts ? { counts: shellCountColumns(users.id) } : {}),
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(sessions.id, sessionId))
    .limit(1);
  if (!row) return null;
  return { ...row, counts: (row as { counts?: ShellCounts }).counts ?? null };
}
