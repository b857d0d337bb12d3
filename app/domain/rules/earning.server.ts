import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { rowsOf, type Queryable, type Tx } from "@db/client";
import { bonusAwards, claims, ledgerEntries } from "@db/schema";
import type { Actor } from "~/lib/actor";
import type { CalculatedBonus, EarningRule, RuleVolume } from "../claims/calculate-points";
import { creditPoints, debitPoints, getBalance } from "../points/ledger.server";

/** First day of the month of `day` (YYYY-MM-DD) moved by `months`, as YYYY-MM-DD. */
export function monthStart(day: string, months = 0): string {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/**
 * Serialises everything that reads a partner's volume and then credits from it: approvals of one
 * partner's claims queue here (a transaction-scoped advisory lock), so an approval always sees
 * the volume of the one committed before it. Without it two approvals of 6 units each could both
 * see 0 and never complete a set of 10.
 */
export async function lockVolumes(tx: Tx, organisationId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`volume:${organisationId}`}, 0))`);
}

/**
 * Each volume rule's approved volume in the invoice's month (before this claim) and in the month
 * before, for the participant or the whole partner, counted from approved claims by invoice date.
 * A late approval counts in its invoice's month; claims already approved keep what they got.
 * Value is list price x quantity in minor units.
 */
export async function ruleVolumes(
  db: Queryable,
  rules: readonly EarningRule[],
  who: { userId: string; organisationId: string },
  invoiceDate: string,
  excludeClaimId?: string,
): Promise<Record<string, RuleVolume>> {
  const out: Record<string, RuleVolume> = {};
  const from = monthStart(invoiceDate, -1);
  const mid = monthStart(invoiceDate);
  const to = monthStart(invoiceDate, 1);
  for (const rule of rules) {
    const amount = rule.measure === "units" ? sql`l.quantity` : sql`coalesce(p.list_price_minor, 0)::bigint * l.quantity`;
    const holder = rule.basis === "participant" ? sql`c.user_id = ${who.userId}` : sql`c.organisation_id = ${who.organisationId}`;
    const covers =
      rule.category !== null
        ? sql`p.category = ${rule.category}`
        : rule.productIds.length
          ? sql`l.product_id in (${sql.join(
              rule.productIds.map((id) => sql`${id}`),
              sql`, `,
            )})`
          : sql`true`;
    const [row] = rowsOf<{ current: string | number; previous: string | number }>(
      await db.execute(sql`
        select coalesce(sum(case when c.invoice_date >= ${mid} then ${amount} end), 0) as current,
               coalesce(sum(case when c.invoice_date < ${mid} then ${amount} end), 0) as previous
        from claim_lines l join claims c on c.id = l.claim_id join products p on p.id = l.product_id
        where c.status = 'approved' and ${holder} and ${covers}
          and c.invoice_date >= ${from} and c.invoice_date < ${to}
          ${excludeClaimId ? sql`and c.id <> ${excludeClaimId}` : sql``}`),
    );
    out[rule.id] = { current: Number(row?.current ?? 0), previous: Number(row?.previous ?? 0) };
  }
  return out;
}

/** Whether the participant has no approved claim other than `excludeClaimId`. */
export async function isFirstClaim(db: Queryable, userId: string, excludeClaimId?: string): Promise<boolean> {
  const [row] = await db
    .select({ id: claims.id })
    .from(claims)
    .where(and(eq(claims.userId, userId), eq(claims.status, "approved"), excludeClaimId ? ne(claims.id, excludeClaimId) : undefined))
    .limit(1);
  return !row;
}

/**
 * Credits the bonuses a claim's approval earned. Each key is claimed by inserting its award row
 * (the partial unique index lets one live award hold a key), in the approving transaction: a key
 * already held, by an earlier claim or a racing approval, credits nothing.
 */
export async function creditBonuses(
  tx: Tx,
  actor: Actor,
  claim: { id: string; userId: string; organisationId: string; number: number },
  bonuses: readonly CalculatedBonus[],
) {
  const credited: Array<{ key: string; points: number }> = [];
  for (const bonus of bonuses) {
    const [award] = await tx
      .insert(bonusAwards)
      .values({ key: bonus.key, userId: claim.userId, organisationId: claim.organisationId, claimId: claim.id, points: bonus.points })
      .onConflictDoNothing()
      .returning();
    if (!award) continue;
    const [, , , period, set] = bonus.key.split(":");
    const result = await creditPoints(tx, {
      userId: claim.userId,
      organisationId: claim.organisationId,
      kind: "earn",
      sourceType: "bonus",
      sourceId: award.id,
      amount: bonus.points,
      applyCap: true,
      descriptionKey: bonus.kind === "first_claim" ? "rules.ledger.first_claim" : "rules.ledger.bundle",
      descriptionVars: bonus.kind === "first_claim" ? {} : { rule: bonus.name, set: set ?? "", period: period ?? "" },
      createdBy: actor.id,
    });
    await tx.update(bonusAwards).set({ entryId: result.entryId }).where(eq(bonusAwards.id, award.id));
    if (result.credited > 0) credited.push({ key: bonus.key, points: result.credited });
  }
  return credited;
}

/**
 * Takes back what an approved claim credited: its points and every live bonus it earned, each
 * as a "reverse" entry with the same source (so once). Points already spent cannot go below
 * zero: the reversal takes what the balance allows and reports the shortfall (as mystery awards
 * do, decision 024). A reversed bonus frees its key, so the set can be completed again.
 */
export async function takeBackClaim(
  tx: Tx,
  actor: Actor,
  claim: {
    id: string;
    userId: string;
    organisationId: string;
    number: number;
    creditedPoints: number | null;
    creditedEntryId: number | null;
  },
  reason: string,
) {
  let taken = 0;
  let shortfall = 0;
  // A referral's award is the referrer's, not the claimant's: each is taken from whoever holds it.
  const claimant = { userId: claim.userId, organisationId: claim.organisationId };
  const take = async (
    amount: number,
    sourceType: string,
    sourceId: string,
    reversesEntryId: number | null,
    key: string,
    holder = claimant,
  ) => {
    if (amount <= 0) return;
    const part = Math.min(amount, await getBalance(tx, holder.userId));
    shortfall += amount - part;
    if (part <= 0) return;
    await debitPoints(tx, {
      userId: holder.userId,
      organisationId: holder.organisationId,
      kind: "reverse",
      sourceType,
      sourceId,
      amount: part,
      descriptionKey: key,
      descriptionVars: { number: claim.number, reason: reason.slice(0, 200) },
      createdBy: actor.id,
      reversesEntryId,
    });
    taken += part;
  };
  await take(claim.creditedPoints ?? 0, "claim", claim.id, claim.creditedEntryId, "rules.ledger.reversed");
  const awards = await tx
    .update(bonusAwards)
    .set({ reversedAt: new Date() })
    .where(and(eq(bonusAwards.claimId, claim.id), isNull(bonusAwards.reversedAt)))
    .returning();
  for (const award of awards) {
    // What the ledger actually credited (the monthly cap may have trimmed it).
    const [entry] = award.entryId
      ? await tx.select({ amount: ledgerEntries.amount }).from(ledgerEntries).where(eq(ledgerEntries.id, award.entryId))
      : [];
    await take(entry?.amount ?? 0, "bonus", award.id, award.entryId, "rules.ledger.bonus_reversed", {
      userId: award.userId,
      organisationId: award.organisationId,
    });
  }
  return { taken, shortfall, bonuses: awards.length };
}
