import { and, eq, inArray, sql } from "drizzle-orm";
import type { Queryable } from "@db/client";
import { preparedQuery } from "@db/prepared";
import { claims, pointAccounts, type LedgerKind } from "@db/schema";
import type { Actor } from "~/lib/actor";
import { expiringSoonJson, expiringSoonOf, getSettings, pointsHistory } from "../points/ledger.server";
import { PENDING_STATUSES } from "../claims/shared";
import { AWARD_SOURCE, pendingAwards } from "../mystery/awards.server";
import { type PointValue, pointValueFor, pointValueJson } from "./currency.server";

/**
 * The account's figures, the points waiting in undecided claims and the points expiring within
 * the programme's warning period, in one statement (each statement is a round trip on every
 * points page; docs/performance.md).
 */
async function accountFigures(db: Queryable, userId: string, organisationId: string) {
  const [row] = await accountFiguresQuery(db, { userId, organisationId });
  return row;
}

// Built once per database handle (db/prepared.ts): /home and /points run it on every visit.
const accountFiguresQuery = preparedQuery((db: Queryable) => {
  const userId = sql.placeholder("userId");
  return db
    .select({
      balance: sql<number>`coalesce((select ${pointAccounts.balance} from ${pointAccounts} where ${eq(pointAccounts.userId, userId)}), 0)::int`,
      earned: sql<number>`coalesce((select ${pointAccounts.earnedTotal} from ${pointAccounts} where ${eq(pointAccounts.userId, userId)}), 0)::int`,
      spent: sql<number>`coalesce((select ${pointAccounts.spentTotal} from ${pointAccounts} where ${eq(pointAccounts.userId, userId)}), 0)::int`,
      pendingPoints: sql<number>`coalesce(sum(${claims.points}), 0)::int`,
      pendingClaims: sql<number>`count(*)::int`,
      // What a point is worth to this person's organisation (issue 18), in the same statement.
      worth: pointValueJson(sql.placeholder("organisationId")),
      // "Expiring soon" in the programme's window, the same as the executive's team points (decision 032).
      expiring: expiringSoonJson(userId),
    })
    .from(claims)
    .where(and(eq(claims.userId, userId), inArray(claims.status, [...PENDING_STATUSES])));
});

async function summaryWithTotals(db: Queryable, actor: Actor) {
  let figures = await accountFigures(db, actor.id, actor.organisationId);
  let expiring = expiringSoonOf(figures.expiring);
  if (!expiring) {
    // No settings row yet (a new database): getSettings makes it, once.
    await getSettings(db);
    figures = await accountFigures(db, actor.id, actor.organisationId);
    expiring = expiringSoonOf(figures.expiring);
  }
  return {
    summary: {
      balance: figures.balance,
      pending: { points: figures.pendingPoints, claims: figures.pendingClaims },
      expiring: expiring ?? { points: 0, earliest: null, days: 0 },
    },
    earned: figures.earned,
    spent: figures.spent,
    worth: typeof figures.worth === "string" ? (JSON.parse(figures.worth) as PointValue) : figures.worth,
  };
}

/**
 * Everything on a participant's "My points" page, always their own: the balance, points waiting
 * in claims not yet decided, what expires within the programme's warning period, and the history
 * with filters.
 */
export async function myPoints(db: Queryable, actor: Actor, filter: { kind?: LedgerKind; from?: Date; to?: Date }) {
  const [{ summary, earned, spent, worth }, history, provisional] = await Promise.all([
    summaryWithTotals(db, actor),
    pointsHistory(db, actor.id, { ...filter, limit: 200 }),
    // Mystery-shopper awards are in the balance but provisional until their dispute window closes (decision 024).
    pendingAwards(db, actor.id),
  ]);
  return {
    ...summary,
    earned,
    spent,
    // No settings row yet (a new database) reads null: pointValueFor makes it.
    worth: worth ?? (await pointValueFor(db, actor.organisationId)),
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
