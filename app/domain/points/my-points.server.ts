import { and, eq, inArray, sql } from "drizzle-orm";
import type { Queryable } from "@db/client";
import { claims, pointAccounts, type LedgerKind } from "@db/schema";
import type { Actor } from "~/lib/actor";
import { expiringPoints, getBalance, pointsHistory } from "../points/ledger.server";
import { PENDING_STATUSES } from "../claims/shared";
import { addDays } from "~/lib/dates";
import { AWARD_SOURCE, pendingAwards } from "../mystery/awards.server";

export const EXPIRING_WINDOW_DAYS = 90;

/** The three figures a participant checks first: balance, points waiting in claims, points expiring soon. */
export async function pointsSummary(db: Queryable, actor: Actor) {
  const until = addDays(Date.now(), EXPIRING_WINDOW_DAYS);
  const [balance, pending, expiring] = await Promise.all([
    getBalance(db, actor.id),
    db
      .select({ points: sql<number>`coalesce(sum(${claims.points}), 0)::int`, count: sql<number>`count(*)::int` })
      .from(claims)
      .where(and(eq(claims.userId, actor.id), inArray(claims.status, [...PENDING_STATUSES]))),
    expiringPoints(db, actor.id, until),
  ]);
  return {
    balance,
    pending: { points: pending[0].points, claims: pending[0].count },
    expiring: { points: expiring.points, earliest: expiring.earliest, days: EXPIRING_WINDOW_DAYS },
  };
}

/**
 * Everything on a participant's "My points" page, always their own: the balance, points waiting
 * in claims not yet decided, what expires in the next 90 days, and the history with filters.
 */
export async function myPoints(db: Queryable, actor: Actor, filter: { kind?: LedgerKind; from?: Date; to?: Date }) {
  const [summary, account, history, provisional] = await Promise.all([
    pointsSummary(db, actor),
    db
      .select({ earned: pointAccounts.earnedTotal, spent: pointAccounts.spentTotal })
      .from(pointAccounts)
      .where(eq(pointAccounts.userId, actor.id)),
    pointsHistory(db, actor.id, { ...filter, limit: 200 }),
    // Mystery-shopper awards are in the balance but provisional until their dispute window closes (decision 024).
    pendingAwards(db, actor.id),
  ]);
  return {
    ...summary,
    earned: account[0]?.earned ?? 0,
    spent: account[0]?.spent ?? 0,
    provisional: { points: provisional.points, until: provisional.until },
    history: history.map((e) => ({
      id: e.id,
      kind: e.kind,
      amount: e.amount,
      createdAt: e.createdAt,
      expiresAt: e.amount > 0 ? e.expiresAt : null,
      descriptionKey: e.descriptionKey,
      descriptionVars: e.descriptionVars,
      calculation: e.calculation ?? [],
      // A claim credit links back to its claim, so the points can be traced to the sale.
      link: e.sourceType === "claim" ? `/claims/${e.sourceId}` : null,
      provisional: e.kind === "earn" && e.sourceType === AWARD_SOURCE && provisional.visits.includes(e.sourceId),
    })),
  };
}
