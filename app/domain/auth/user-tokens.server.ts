import { and, eq, gt, isNull } from "drizzle-orm";
import type { Queryable } from "@db/client";
import { userTokens, users } from "@db/schema";
import { generateToken, hashToken } from "~/lib/tokens.server";

export type TokenPurpose = "invite" | "password_reset";

export async function issueUserToken(db: Queryable, userId: string, purpose: TokenPurpose, ttlMs: number): Promise<string> {
  const token = generateToken();
  await db.insert(userTokens).values({ tokenHash: hashToken(token), userId, purpose, expiresAt: new Date(Date.now() + ttlMs) });
  return token;
}

/** The user a still-valid, unused token belongs to, without using it up (to show a form). */
export async function peekUserToken(db: Queryable, token: string, purpose: TokenPurpose) {
  const [row] = await db
    .select({ user: users })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .where(
      and(
        eq(userTokens.tokenHash, hashToken(token)),
        eq(userTokens.purpose, purpose),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, new Date()),
      ),
    )
    .limit(1);
  return row?.user ?? null;
}

/** Uses a token up in one guarded UPDATE, so two clicks on the same link cannot both succeed. */
export async function consumeUserToken(db: Queryable, token: string, purpose: TokenPurpose): Promise<string | null> {
  const [row] = await db
    .update(userTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(userTokens.tokenHash, hashToken(token)),
        eq(userTokens.purpose, purpose),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, new Date()),
      ),
    )
    .returning({ userId: userTokens.userId });
  return row?.userId ?? null;
}
