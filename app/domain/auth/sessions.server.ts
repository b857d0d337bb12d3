import { and, eq, ne } from "drizzle-orm";
import type { Queryable } from "@db/client";
import { sessions } from "@db/schema";
import { SESSION_DAYS } from "~/lib/config.server";
import { generateToken, hashToken } from "~/lib/tokens.server";
import type { Actor } from "~/lib/actor";
import { actorFrom } from "./actor.server";
import { loadRequestFloor, type ShellCounts } from "./request-floor.server";
import { DAY_MS, addDays } from "~/lib/dates";

export async function createSession(db: Queryable, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = generateToken();
  const expiresAt = addDays(Date.now(), SESSION_DAYS);
  await db.insert(sessions).values({ id: hashToken(token), userId, expiresAt });
  return { token, expiresAt };
}

export type ValidatedSession = {
  actor: Actor;
  sessionId: string;
  expiresAt: Date;
  refreshed: boolean;
  /** The shell's badge counts, read in the same statement when asked for (see request-floor.server.ts). */
  counts: ShellCounts | null;
  /** The person's time zone, read in the same statement (timeZoneOf's rule). */
  timeZone: string;
};

/**
 * Looks the cookie token up by its hash. Expired sessions and deactivated users are refused;
 * a session used in the second half of its life is extended (sliding expiry). With
 * `withCounts`, the shell's counts come back from the same statement.
 */
export async function validateSessionToken(
  db: Queryable,
  token: string,
  opts: { withCounts?: boolean } = {},
): Promise<ValidatedSession | null> {
  const sessionId = hashToken(token);
  const row = await loadRequestFloor(db, sessionId, opts.withCounts ?? false);
  if (!row) return null;
  if (row.session.expiresAt.getTime() <= Date.now() || row.user.status !== "active") {
    await db.delete(sessions).where(eq(sessions.id, sessionId));
    return null;
  }
  let expiresAt = row.session.expiresAt;
  let refreshed = false;
  if (expiresAt.getTime() - Date.now() < (SESSION_DAYS / 2) * DAY_MS) {
    expiresAt = addDays(Date.now(), SESSION_DAYS);
    await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, sessionId));
    refreshed = true;
  }
  return {
    sessionId,
    expiresAt,
    refreshed,
    counts: row.counts,
    timeZone: row.timeZone,
    actor: actorFrom(row.user, row.organisation),
  };
}

export async function invalidateSession(db: Queryable, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user, or every one but `keepSessionId`. */
export async function invalidateUserSessions(db: Queryable, userId: string, keepSessionId?: string): Promise<void> {
  await db
    .delete(sessions)
    .where(keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId));
}
