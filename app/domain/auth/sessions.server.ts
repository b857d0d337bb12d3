import { and, eq, ne } from "drizzle-orm";
import type { Queryable } from "@db/client";
import { organisations, sessions, users } from "@db/schema";
import { SESSION_DAYS } from "~/lib/config.server";
import { generateToken, hashToken } from "~/lib/tokens.server";
import type { Actor } from "~/lib/actor";
import { actorFrom } from "./actor.server";
import { DAY_MS, addDays } from "~/lib/dates";

export async function createSession(db: Queryable, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = generateToken();
  const expiresAt = addDays(Date.now(), SESSION_DAYS);
  await db.insert(sessions).values({ id: hashToken(token), userId, expiresAt });
  return { token, expiresAt };
}

export type ValidatedSession = { actor: Actor; sessionId: string; expiresAt: Date; refreshed: boolean };

/**
 * Looks the cookie token up by its hash. Expired sessions and deactivated users are refused;
 * a session used in the second half of its life is extended (sliding expiry).
 */
export async function validateSessionToken(db: Queryable, token: string): Promise<ValidatedSession | null> {
  const sessionId = hashToken(token);
  const [row] = await db
    .select({ session: sessions, user: users, organisation: organisations })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(sessions.id, sessionId))
    .limit(1);
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
