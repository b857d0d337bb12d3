import { and, eq, gt } from "drizzle-orm";
import type { Queryable } from "@db/client";
import { knownDevices } from "@db/schema";
import { addDays } from "~/lib/dates";
import { generateToken, hashToken } from "~/lib/tokens.server";

/** How long a device stays known without being used to sign in. */
export const DEVICE_DAYS = 365;

/** The token's hash when the cookie names a live known device of this user, else null. */
export async function knownDeviceOf(db: Queryable, token: string | undefined, userId: string): Promise<string | null> {
  if (!token) return null;
  const tokenHash = hashToken(token);
  const [row] = await db
    .select({ tokenHash: knownDevices.tokenHash })
    .from(knownDevices)
    .where(and(eq(knownDevices.tokenHash, tokenHash), eq(knownDevices.userId, userId), gt(knownDevices.expiresAt, new Date())))
    .limit(1);
  return row?.tokenHash ?? null;
}

/** Remembers this device for the user after a successful sign-in; returns the cookie's token. */
export async function rememberDevice(db: Queryable, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = generateToken();
  const expiresAt = addDays(new Date(), DEVICE_DAYS);
  await db.insert(knownDevices).values({ tokenHash: hashToken(token), userId, expiresAt });
  return { token, expiresAt };
}

/** A known device used again stays known for another DEVICE_DAYS. */
export async function touchDevice(db: Queryable, tokenHash: string): Promise<void> {
  await db
    .update(knownDevices)
    .set({ lastUsedAt: new Date(), expiresAt: addDays(new Date(), DEVICE_DAYS) })
    .where(eq(knownDevices.tokenHash, tokenHash));
}
