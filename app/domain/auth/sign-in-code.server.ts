import { randomInt } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { rowsOf, type Db } from "@db/client";
import { users } from "@db/schema";
import type { Locale } from "@db/schema/enums";
import { recordAudit } from "~/lib/audit.server";
import { UserError } from "~/lib/errors";
import { keyedDigest } from "../mail/secrets.server";
import { CODE } from "../sms/code-rules";
import { queueSms } from "../sms/outbox.server";
import { knownDeviceOf } from "./known-devices.server";
import { accountKey, completeSignIn, deviceKey } from "./sign-in.server";
import { LIMITS, accountsTriedFrom, hitBackoff, hitWindow, minutesUntil, secondsUntil, type Hit } from "./throttle.server";

export { CODE };

const digest = (userId: string, code: string) => keyedDigest(`sign-in-code:${userId}:${code}`);

function limited(hit: Hit): UserError {
  const at = hit.retryAt ?? new Date(Date.now() + 60_000);
  return new UserError("sms.errors.throttled", undefined, { count: minutesUntil(at) }, 429, { "Retry-After": String(secondsUntil(at)) });
}

/**
 * Texts a sign-in code to `phone` (E.164) if it belongs to someone who may sign in. The answer
 * is the same whether or not it does, so the form tells nobody whose number is in the portal.
 * The code row and its message are written in one transaction: a code exists only if its text is queued.
 */
export async function requestSignInCode(db: Db, input: { phone: string; ip: string; locale: Locale }): Promise<void> {
  const byAddress = await hitWindow(db, `code:address:${input.ip}`, CODE.perAddress, CODE.windowSeconds);
  if (!byAddress.allowed) throw limited(byAddress);
  const byNumber = await hitWindow(db, `code:number:${input.phone}`, CODE.perNumber, CODE.windowSeconds);
  if (!byNumber.allowed) throw limited(byNumber);
  const [user] = await db
    .select({ id: users.id, status: users.status, locale: users.locale, erasedAt: users.erasedAt })
    .from(users)
    .where(eq(users.phone, input.phone))
    .limit(1);
  if (!user || user.status === "deactivated" || user.erasedAt) return;
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  await db.transaction(async (tx) => {
    // One statement decides: a fresh row, or the old one replaced only if it is used, expired or
    // older than the resend pause. Simultaneous requests queue on the row lock; the later ones
    // see the new code and update nothing, so they send nothing.
    const issued = rowsOf<{ user_id: string }>(
      await tx.execute(sql`
        insert into sign_in_codes as c (user_id, code_hash, attempts, created_at, expires_at, used_at)
        values (${user.id}, ${digest(user.id, code)}, 0, now(), now() + make_interval(mins => ${CODE.minutes}), null)
        on conflict (user_id) do update set
          code_hash = excluded.code_hash, attempts = 0, created_at = now(), expires_at = excluded.expires_at, used_at = null
        where c.used_at is not null or c.expires_at <= now() or c.attempts >= ${CODE.guesses}
          or c.created_at <= now() - make_interval(secs => ${CODE.resendSeconds})
        returning user_id`),
    );
    if (!issued.length) return;
    await queueSms(tx, {
      to: input.phone,
      template: "sign_in_code",
      props: { code, minutes: CODE.minutes },
      locale: user.locale ?? input.locale,
      userId: user.id,
    });
  });
}

/**
 * Checks a code and signs the person in: the code is spent by one guarded UPDATE (live, unused,
 * not guessed at too often, matching), so of two simultaneous uses one wins. An invited person
 * who proves their number this way is active from then on (the invitation went to that phone).
 */
export async function signInWithCode(db: Db, input: { phone: string; code: string; ip: string; deviceToken?: string }) {
  const [user] = await db.select().from(users).where(eq(users.phone, input.phone)).limit(1);
  let device = user ? await knownDeviceOf(db, input.deviceToken, user.id) : null;
  if (device && !(await hitBackoff(db, deviceKey(device), LIMITS.perDevice)).allowed) device = null;
  let accountHit: Hit | null = null;
  if (!device) {
    const tried = await accountsTriedFrom(db, input.ip, input.phone);
    if (tried.count > LIMITS.perAddress.accounts)
      throw new UserError("auth.throttled", undefined, { count: minutesUntil(tried.retryAt) }, 429, {
        "Retry-After": String(secondsUntil(tried.retryAt)),
      });
    accountHit = await hitBackoff(db, accountKey(input.phone), LIMITS.perAccount);
    if (!accountHit.allowed) {
      const at = accountHit.retryAt ?? new Date();
      throw new UserError("auth.throttled_account", undefined, { count: minutesUntil(at) }, 429, {
        "Retry-After": String(secondsUntil(at)),
      });
    }
  }
  const spent =
    user &&
    rowsOf(
      await db.execute(sql`
        update sign_in_codes set used_at = now()
        where user_id = ${user.id} and code_hash = ${digest(user.id, input.code)}
          and used_at is null and expires_at > now() and attempts < ${CODE.guesses}
        returning user_id`),
    ).length > 0;
  if (!user || !spent) {
    if (user) {
      await db.execute(sql`update sign_in_codes set attempts = attempts + 1 where user_id = ${user.id} and used_at is null`);
      await recordAudit(db, {
        actor: null,
        action: "user.sign_in_failed",
        entityType: "user",
        entityId: user.id,
        organisationId: user.organisationId,
        details: { address: input.ip, knownDevice: device !== null, by: "code" },
      });
    }
    throw new UserError("sms.errors.code_invalid", "code", undefined, 400);
  }
  if (user.status === "deactivated" || user.erasedAt) throw new UserError("auth.deactivated", undefined, undefined, 403);
  if (user.status === "invited") {
    await db
      .update(users)
      .set({ status: "active", activatedAt: new Date() })
      .where(and(eq(users.id, user.id), eq(users.status, "invited")));
    await recordAudit(db, {
      actor: { id: user.id },
      action: "user.invitation_accepted",
      entityType: "user",
      entityId: user.id,
      organisationId: user.organisationId,
      details: { by: "code" },
    });
  }
  return { user, ...(await completeSignIn(db, user, { device, login: input.phone, ip: input.ip })) };
}
