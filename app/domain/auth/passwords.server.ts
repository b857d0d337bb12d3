import { eq, sql } from "drizzle-orm";
import type { Db } from "@db/client";
import { users } from "@db/schema";
import type { Locale } from "@db/schema/enums";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { RESET_MINUTES, config } from "~/lib/config.server";
import { UserError } from "~/lib/errors";
import { hashPassword, verifyPassword } from "~/lib/password.server";
import { queueEmail } from "../mail/outbox.server";
import { createSession, invalidateUserSessions } from "./sessions.server";
import { LIMITS, hitWindow } from "./throttle.server";
import { consumeUserToken, issueUserToken } from "./user-tokens.server";

/**
 * Emails a single-use reset link when an active account has this address. It answers the same
 * either way, so nobody learns which addresses have accounts, and the same again beyond the
 * limits (per asking address, per account, each an hour), when it queues nothing: a script
 * cannot flood someone's mailbox or the outbox.
 */
export async function requestPasswordReset(db: Db, emailInput: string, requestLocale: Locale, ip: string): Promise<void> {
  const { perAddress, perAccount, windowSeconds } = LIMITS.resetMail;
  if (!(await hitWindow(db, `reset:address:${ip}`, perAddress, windowSeconds)).allowed) return;
  const email = emailInput.trim().toLowerCase();
  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1);
  if (user?.status !== "active" || !user.email) return;
  const byAccount = await hitWindow(db, `reset:account:${user.id}`, perAccount, windowSeconds);
  if (!byAccount.allowed) {
    // Once per window, so the owner's trail shows that someone kept asking.
    if (byAccount.count === perAccount + 1) {
      await recordAudit(db, {
        actor: null,
        action: "user.password_reset_limited",
        entityType: "user",
        entityId: user.id,
        organisationId: user.organisationId,
        details: { address: ip },
      });
    }
    return;
  }
  await db.transaction(async (tx) => {
    const token = await issueUserToken(tx, user.id, "password_reset", RESET_MINUTES * 60_000);
    await queueEmail(tx, {
      to: email,
      template: "password_reset",
      locale: user.locale ?? requestLocale,
      props: { name: user.name, url: `${config.publicUrl}/reset-password/${token}`, minutes: RESET_MINUTES },
    });
  });
}

/** Sets a new password from a reset link, ends every session and signs the user in afresh. */
export async function resetPassword(db: Db, token: string, password: string) {
  return db.transaction(async (tx) => {
    const userId = await consumeUserToken(tx, token, "password_reset");
    if (!userId) throw new UserError("auth.link_invalid");
    await tx
      .update(users)
      .set({ passwordHash: await hashPassword(password) })
      .where(eq(users.id, userId));
    await invalidateUserSessions(tx, userId);
    await recordAudit(tx, { actor: { id: userId }, action: "user.password_reset", entityType: "user", entityId: userId });
    return { userId, ...(await createSession(tx, userId)) };
  });
}

/** Changes the password after checking the current one; every other session is signed out. */
export async function changePassword(db: Db, actor: Actor, sessionId: string, current: string, next: string): Promise<void> {
  const [user] = await db.select().from(users).where(eq(users.id, actor.id)).limit(1);
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, current))) {
    throw new UserError("auth.current_password_wrong", "currentPassword");
  }
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash: await hashPassword(next) })
      .where(eq(users.id, actor.id));
    await invalidateUserSessions(tx, actor.id, sessionId);
    await recordAudit(tx, { actor, action: "user.password_changed", entityType: "user", entityId: actor.id });
  });
}
