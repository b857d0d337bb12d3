import { and, eq, lte, sql } from "drizzle-orm";
import { rowsOf, type Queryable } from "@db/client";
import { authThrottle, knownDevices, signInSources } from "@db/schema";

/**
 * The limits, in one place (see docs/decisions/021-sign-in-throttle.md).
 * - perAccount: a new device may try an account `free` times; after that each try waits a delay
 *   that doubles from `baseSeconds` up to `capSeconds`. Known devices are not slowed down by it.
 * - perDevice: the same back-off for a known device's own failures, after which it counts as new.
 * - perAddress: how many different accounts one address may fail at in `windowSeconds` (spraying).
 * - resetMail / inviteMail: mails per account and per address (or per inviter) in an hour.
 */
export const LIMITS = {
  perAccount: { free: 5, baseSeconds: 30, capSeconds: 15 * 60, windowSeconds: 60 * 60 },
  perDevice: { free: 10, baseSeconds: 30, capSeconds: 15 * 60, windowSeconds: 60 * 60 },
  perAddress: { accounts: 10, windowSeconds: 60 * 60 },
  resetMail: { perAccount: 3, perAddress: 10, windowSeconds: 60 * 60 },
  inviteMail: { perAccount: 3, perInviter: 60, windowSeconds: 60 * 60 },
} as const;

export type Hit = { count: number; allowed: boolean; retryAt: Date | null };

type Backoff = { free: number; baseSeconds: number; capSeconds: number; windowSeconds: number };

/**
 * Counts one attempt under `key` in a single statement and says whether it may go ahead. The
 * row lock of ON CONFLICT DO UPDATE orders simultaneous attempts, so fifty at once count as
 * fifty and only the first `free` find no back-off. Each attempt from the `free`-th on starts a
 * back-off (doubling, capped); attempts during one are refused and still counted. The count
 * starts again after `windowSeconds` without attempts.
 */
export async function hitBackoff(db: Queryable, key: string, o: Backoff): Promise<Hit> {
  const window = sql`make_interval(secs => ${o.windowSeconds})`;
  const [row] = rowsOf<{ count: number; allowed: boolean; blocked_until: Date | string | null }>(
    await db.execute(sql`
      insert into auth_throttle as t (key, count, allowed, blocked_until, expires_at)
      values (${key}, 1, true, null, now() + ${window})
      on conflict (key) do update set
        count = case when t.expires_at <= now() then 1 else t.count + 1 end,
        allowed = t.expires_at <= now() or t.blocked_until is null or t.blocked_until <= now(),
        blocked_until = case
          when t.expires_at <= now() then null
          when t.blocked_until > now() then t.blocked_until
          when t.count + 1 >= ${o.free}
            then now() + make_interval(secs => least(${o.capSeconds}::float8, ${o.baseSeconds}::float8 * power(2, least(t.count + 1 - ${o.free}, 30))))
          else null
        end,
        expires_at = now() + ${window}
      returning count, allowed, blocked_until`),
  );
  return { count: row.count, allowed: row.allowed, retryAt: row.allowed || !row.blocked_until ? null : new Date(row.blocked_until) };
}

/**
 * Counts one event under `key` in a fixed window (mails per hour), in one statement; allowed
 * while the returned count is within `limit`, refused until the window ends after that.
 */
export async function hitWindow(db: Queryable, key: string, limit: number, windowSeconds: number): Promise<Hit> {
  const [row] = rowsOf<{ count: number; expires_at: Date | string }>(
    await db.execute(sql`
      insert into auth_throttle as t (key, count, allowed, blocked_until, expires_at)
      values (${key}, 1, ${1 <= limit}, null, now() + make_interval(secs => ${windowSeconds}))
      on conflict (key) do update set
        count = case when t.expires_at <= now() then 1 else t.count + 1 end,
        allowed = case when t.expires_at <= now() then 1 else t.count + 1 end <= ${limit},
        expires_at = case when t.expires_at <= now() then excluded.expires_at else t.expires_at end
      returning count, expires_at`),
  );
  const allowed = row.count <= limit;
  return { count: row.count, allowed, retryAt: allowed ? null : new Date(row.expires_at) };
}

/** Forgets the counters of `keys` (a successful sign-in clears its account's and device's). */
export async function clearHits(db: Queryable, keys: string[]): Promise<void> {
  await db.execute(
    sql`delete from auth_throttle where key in (${sql.join(
      keys.map((k) => sql`${k}`),
      sql`, `,
    )})`,
  );
}

/**
 * Notes that `address` is trying `email`, then counts the different accounts it tried in the
 * window. Two statements on purpose: the count runs after the insert has committed, so of N
 * simultaneous attempts at new accounts the k-th to commit sees at least k: it can over-count
 * under a race, never under-count. A successful sign-in removes its own pair (forgetAccountFromAddress).
 */
export async function accountsTriedFrom(db: Queryable, address: string, email: string): Promise<{ count: number; retryAt: Date }> {
  const { windowSeconds } = LIMITS.perAddress;
  await db.execute(sql`
    insert into sign_in_sources (address, email, expires_at) values (${address}, ${email}, now() + make_interval(secs => ${windowSeconds}))
    on conflict (address, email) do update set expires_at = excluded.expires_at`);
  const [row] = rowsOf<{ count: number; first_expiry: Date | string }>(
    await db.execute(
      sql`select count(*)::int as count, min(expires_at) as first_expiry from sign_in_sources where address = ${address} and expires_at > now()`,
    ),
  );
  return { count: row.count, retryAt: new Date(row.first_expiry) };
}

export async function forgetAccountFromAddress(db: Queryable, address: string, email: string): Promise<void> {
  await db.delete(signInSources).where(and(eq(signInSources.address, address), eq(signInSources.email, email)));
}

/** Deletes expired counters, address pairs and device tokens; run with the other jobs. */
export async function purgeExpiredThrottles(db: Queryable) {
  const now = new Date();
  const counters = await db.delete(authThrottle).where(lte(authThrottle.expiresAt, now)).returning({ key: authThrottle.key });
  const sources = await db.delete(signInSources).where(lte(signInSources.expiresAt, now)).returning({ address: signInSources.address });
  const devices = await db.delete(knownDevices).where(lte(knownDevices.expiresAt, now)).returning({ tokenHash: knownDevices.tokenHash });
  return { counters: counters.length, sources: sources.length, devices: devices.length };
}

/** Whole minutes until `at`, at least 1: what a refusal tells the person. */
export function minutesUntil(at: Date): number {
  return Math.max(1, Math.ceil((at.getTime() - Date.now()) / 60_000));
}

export function secondsUntil(at: Date): number {
  return Math.max(1, Math.ceil((at.getTime() - Date.now()) / 1000));
}
