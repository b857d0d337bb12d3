import { and, eq, gt, sql } from "drizzle-orm";
import type { Db, Queryable } from "@db/client";
import { loginAttempts, organisations, users } from "@db/schema";
import { UserError } from "~/lib/errors";
import { burnPasswordCheck, verifyPassword } from "~/lib/password.server";
import { grantWelcomeBonus } from "../ledger/welcome.server";
import { createSession } from "./sessions.server";

export const THROTTLE = { windowMinutes: 15, perAccount: 5, perIp: 30 } as const;

async function failuresSince(db: Queryable, column: "email" | "ip", value: string, since: Date): Promise<number> {
  const col = column === "email" ? loginAttempts.email : loginAttempts.ip;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(loginAttempts)
    .where(and(eq(col, value), eq(loginAttempts.succeeded, false), gt(loginAttempts.createdAt, since)));
  return row?.n ?? 0;
}

/**
 * Checks email and password. Too many failures for one account or from one address lock sign-in
 * for the rest of the window, whoever is asking; the message is the same whether or not the
 * account exists, so the form cannot be used to find out who has one.
 */
export async function signIn(db: Db, input: { email: string; password: string; ip: string }) {
  const email = input.email.trim().toLowerCase();
  const since = new Date(Date.now() - THROTTLE.windowMinutes * 60_000);
  const [byAccount, byIp] = await Promise.all([failuresSince(db, "email", email, since), failuresSince(db, "ip", input.ip, since)]);
  if (byAccount >= THROTTLE.perAccount || byIp >= THROTTLE.perIp) {
    throw new UserError("auth.throttled", undefined, { count: THROTTLE.windowMinutes }, 429);
  }
  const [user] = await db.select().from(users).where(eq(sql`lower(${users.email})`, email)).limit(1);
  let ok = false;
  if (user?.passwordHash) ok = await verifyPassword(user.passwordHash, input.password);
  else await burnPasswordCheck(input.password);
  await db.insert(loginAttempts).values({ email, ip: input.ip, succeeded: ok && user?.status === "active" });
  if (!ok || !user) throw new UserError("auth.invalid", undefined, undefined, 400);
  if (user.status !== "active") throw new UserError("auth.deactivated", undefined, undefined, 403);
  const session = await createSession(db, user.id);
  const [org] = await db.select({ kind: organisations.kind }).from(organisations).where(eq(organisations.id, user.organisationId));
  await grantWelcomeBonus(db, { id: user.id, organisationId: user.organisationId, organisationKind: org.kind });
  return { user, ...session };
}
