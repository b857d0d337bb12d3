import { and, asc, desc, eq, ilike, ne, or, sql } from "drizzle-orm";
import type { Db, Queryable } from "@db/client";
import { ledgerEntries, organisations, pointAccounts, users } from "@db/schema";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { UserError } from "~/lib/errors";
import { tenantScope } from "~/lib/scope.server";
import { notify } from "../notifications/notify.server";
import type { AdjustmentInput } from "./forms";
import { creditPoints, debitPoints, expiringSoonJson, expiringSoonOf, getBalance, getSettings } from "./ledger.server";
import { isId } from "~/lib/ids";

/** LIKE treats % and _ as wildcards; a search for "50%" means the characters themselves. */
function likeText(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Programme participants (people of partner organisations) whose name or email contains `q`. */
export async function searchParticipants(db: Queryable, actor: Actor, q: string, limit = 20) {
  const text = q.trim();
  if (!text) return [];
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      status: users.status,
      organisationName: organisations.name,
      balance: sql<number>`coalesce(${pointAccounts.balance}, 0)`,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .leftJoin(pointAccounts, eq(pointAccounts.userId, users.id))
    .where(
      and(
        ne(organisations.kind, "manufacturer"),
        tenantScope(actor, users.organisationId),
        or(ilike(users.name, likeText(text)), ilike(users.email, likeText(text))),
      ),
    )
    .orderBy(asc(users.name))
    .limit(limit);
}

/** One participant with balance, what expires soon and the latest entries; null if not a participant the actor may see. */
export async function getParticipant(db: Queryable, actor: Actor, userId: string) {
  if (!isId(userId)) return null;
  const [person] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      status: users.status,
      organisationId: users.organisationId,
      organisationName: organisations.name,
      earnedTotal: sql<number>`coalesce(${pointAccounts.earnedTotal}, 0)`,
      spentTotal: sql<number>`coalesce(${pointAccounts.spentTotal}, 0)`,
      // The one "expiring soon" window (the programme's warning period), as on /points and /home.
      expiring: expiringSoonJson(userId),
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .leftJoin(pointAccounts, eq(pointAccounts.userId, users.id))
    .where(and(eq(users.id, userId), ne(organisations.kind, "manufacturer"), tenantScope(actor, users.organisationId)))
    .limit(1);
  if (!person) return null;
  const [balance, recent] = await Promise.all([
    getBalance(db, userId),
    db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.userId, userId))
      .orderBy(desc(ledgerEntries.createdAt), desc(ledgerEntries.id))
      .limit(10),
  ]);
  const { expiring: column, ...rest } = person;
  const expiring = expiringSoonOf(column);
  return { ...rest, balance, expiring: { points: expiring?.points ?? 0, earliest: expiring?.earliest ?? null }, recent };
}

export type AdjustmentResult = { entryId: number | null; balance: number; duplicate: boolean };

/**
 * A manual credit or debit by the programme team, with the reason the participant and the
 * auditors will read. Ledger entry, audit row and the participant's notice share one
 * transaction. A debit larger than the balance is refused and changes nothing.
 */
export async function adjustPoints(db: Db, actor: Actor, input: AdjustmentInput): Promise<AdjustmentResult> {
  const person = await getParticipant(db, actor, input.userId);
  if (!person) throw new UserError("points_admin.errors.no_participant", undefined, undefined, 404);
  const participant = { userId: person.id, organisationId: person.organisationId };
  const entry = {
    ...participant,
    kind: "adjust" as const,
    sourceType: "adjustment",
    sourceId: input.key,
    amount: input.points,
    descriptionKey: input.direction === "credit" ? "ledger.desc.adjust_credit" : "ledger.desc.adjust_debit",
    descriptionVars: { reason: input.reason },
    createdBy: actor.id,
  };
  try {
    return await db.transaction(async (tx) => {
      let entryId: number | null;
      let duplicate: boolean;
      if (input.direction === "credit") {
        const r = await creditPoints(tx, entry);
        entryId = r.entryId;
        duplicate = r.duplicate;
      } else {
        const r = await debitPoints(tx, entry);
        entryId = r.entryId;
        duplicate = r.duplicate;
      }
      const balance = await getBalance(tx, person.id);
      if (duplicate) return { entryId, balance, duplicate };
      await recordAudit(tx, {
        actor,
        action: input.direction === "credit" ? "points.adjusted_credit" : "points.adjusted_debit",
        entityType: "user",
        entityId: person.id,
        organisationId: person.organisationId,
        reason: input.reason,
        details: {
          participant: person.name,
          points: input.direction === "credit" ? input.points : -input.points,
          balanceAfter: balance,
          entryId,
        },
      });
      await notify(tx, {
        userId: person.id,
        topic: "points_credited",
        titleKey: input.direction === "credit" ? "points_admin.notice.credited" : "points_admin.notice.debited",
        vars: { count: input.points, reason: input.reason },
        link: "/points",
      });
      return { entryId, balance, duplicate };
    });
  } catch (error) {
    // The ledger's own message speaks to a participant ("you do not have enough"); the admin
    // needs to hear whose balance is too low and by how much.
    if (error instanceof UserError && error.key === "ledger.insufficient") {
      throw new UserError(
        "points_admin.errors.exceeds_balance",
        "points",
        { count: input.points, balance: await getBalance(db, person.id) },
        409,
      );
    }
    throw error;
  }
}

/** Every unspent point per partner, highest first, with its money value. */
export async function liabilityByPartner(db: Queryable, actor: Actor) {
  const settings = await getSettings(db);
  const rows = await db
    .select({
      id: organisations.id,
      name: organisations.name,
      participants: sql<number>`count(${pointAccounts.userId})::int`,
      points: sql<number>`coalesce(sum(${pointAccounts.balance}), 0)::int`,
    })
    .from(organisations)
    .leftJoin(pointAccounts, eq(pointAccounts.organisationId, organisations.id))
    .where(and(ne(organisations.kind, "manufacturer"), tenantScope(actor, organisations.id)))
    .groupBy(organisations.id, organisations.name)
    .orderBy(desc(sql`coalesce(sum(${pointAccounts.balance}), 0)`), asc(organisations.name));
  return rows.map((r) => ({ ...r, valueMinor: r.points * settings.pointValueMinor }));
}
