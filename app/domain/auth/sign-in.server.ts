import { eq, sql } from "drizzle-orm";
import type { Db } from "@db/client";
import { organisations, users } from "@db/schema";
import { recordAudit } from "~/lib/audit.server";
import { UserError } from "~/lib/errors";
import { burnPasswordCheck, verifyPassword } from "~/lib/password.server";
import { grantWelcomeBonus } from "../points/welcome.server";
import { knownDeviceOf, rememberDevice, touchDevice } from "./known-devices.server";
import { createSession } from "./sessions.server";
import {
  LIMITS,
  accountsTriedFrom,
  clearHits,
  forgetAccountFromAddress,
  hitBackoff,
  minutesUntil,
  secondsUntil,
  type Hit,
} from "./throttle.server";

export const accountKey = (email: string) => `sign_in:account:${email}`;
export const deviceKey = (tokenHash: string) => `sign_in:device:${tokenHash}`;

function throttled(key: "auth.throttled" | "auth.throttled_account", retryAt: Date): UserError {
  return new UserError(key, undefined, { count: minutesUntil(retryAt) }, 429, { "Retry-After": String(secondsUntil(retryAt)) });
}

/**
 * Checks email and password, throttled the way OWASP's authentication cheat sheet proposes:
 * - on a device the person signed in on before (the `portal_device` cookie), only that
 *   device's own failures slow it down, so an attack on the account does not lock its owner out;
 * - any other device gets a few free tries per account, then a doubling delay (429 with the
 *   time to wait), counted atomically before the password is checked;
 * - one address may fail at only so many different accounts (spraying); people behind one
 *   shop's NAT mistyping their own passwords count once each.
 * Messages are the same whether or not the account exists, so the form tells nobody who has one.
 */
export async function signIn(db: Db, input: { email: string; password: string; ip: string; deviceToken?: string }) {
  const email = input.email.trim().toLowerCase();
  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1);

  let device = user ? await knownDeviceOf(db, input.deviceToken, user.id) : null;
  // A known device that keeps failing (a stolen laptop) loses its privilege for a while.
  if (device && !(await hitBackoff(db, deviceKey(device), LIMITS.perDevice)).allowed) device = null;
  let accountHit: Hit | null = null;
  if (!device) {
    const tried = await accountsTriedFrom(db, input.ip, email);
    if (tried.count > LIMITS.perAddress.accounts) throw throttled("auth.throttled", tried.retryAt);
    accountHit = await hitBackoff(db, accountKey(email), LIMITS.perAccount);
    if (!accountHit.allowed) throw throttled("auth.throttled_account", accountHit.retryAt ?? new Date());
  }

  let ok = false;
  if (user?.passwordHash) ok = await verifyPassword(user.passwordHash, input.password);
  else await burnPasswordCheck(input.password);

  if (!ok || !user) {
    if (user) {
      const details = { address: input.ip, knownDevice: device !== null };
      await recordAudit(db, {
        actor: null,
        action: "user.sign_in_failed",
        entityType: "user",
        entityId: user.id,
        organisationId: user.organisationId,
        details,
      });
      // The failure that starts the back-off for new devices is the lockout event.
      if (accountHit?.count === LIMITS.perAccount.free) {
        await recordAudit(db, {
          actor: null,
          action: "user.sign_in_slowed",
          entityType: "user",
          entityId: user.id,
          organisationId: user.organisationId,
          details,
        });
      }
    }
    throw new UserError("auth.invalid", undefined, undefined, 400);
  }
  if (user.status !== "active") throw new UserError("auth.deactivated", undefined, undefined, 403);

  return { user, ...(await completeSignIn(db, user, { device, login: email, ip: input.ip })) };
}

/**
 * What every successful sign-in does, by password or by code: forgets the failures it throttled
 * (the device's, else the account's), remembers or refreshes the device, opens the session and
 * grants the welcome bonus once. `login` is what the person typed: an email or a phone number.
 */
export async function completeSignIn(
  db: Db,
  user: { id: string; organisationId: string },
  at: { device: Awaited<ReturnType<typeof knownDeviceOf>>; login: string; ip: string },
) {
  await clearHits(db, at.device ? [deviceKey(at.device)] : [accountKey(at.login)]);
  await forgetAccountFromAddress(db, at.ip, at.login);
  let newDevice: { token: string; expiresAt: Date } | null = null;
  if (at.device) await touchDevice(db, at.device);
  else newDevice = await rememberDevice(db, user.id);
  const session = await createSession(db, user.id);
  const [org] = await db.select({ kind: organisations.kind }).from(organisations).where(eq(organisations.id, user.organisationId));
  await grantWelcomeBonus(db, { id: user.id, organisationId: user.organisationId, organisationKind: org.kind });
  return { ...session, newDevice };
}
