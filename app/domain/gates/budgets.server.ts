import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db, Queryable, Tx } from "@db/client";
import { promotionBudgetSpends, promotionBudgets, promotions, users } from "@db/schema";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { config } from "~/lib/config.server";
import { UserError } from "~/lib/errors";
import { isId } from "~/lib/ids";
import type { Calculation } from "../claims/calculate-points";
import { notify } from "../notifications/notify.server";
import { applyBudgets, type BudgetOutcome, grantOf, promotionParts, reachedAlert } from "./budget";

/**
 * Spends the claim's promotion parts from their promotions' budgets, inside the approving
 * transaction and before the ledger credit. The budget rows are locked (SELECT ... FOR UPDATE in
 * promotion id order, so two approvals never wait on each other crosswise), the grant is what is
 * left, and `spent_points` moves by exactly that; the CHECK spent <= budget is the last line.
 * Returns the calculation to credit (lines cut to their grants, with a line saying why) and what
 * each budget gave. `unpromoted` prices the same claim without any promotion (the base points);
 * it runs only when a budgeted promotion is on the claim.
 */
export async function spendPromotionBudgets(
  tx: Tx,
  claim: { id: string; number: number },
  priced: Calculation,
  unpromoted: () => Promise<Calculation>,
): Promise<{ calculation: Calculation; outcomes: BudgetOutcome[] }> {
  const ids = [...new Set(priced.lines.flatMap((l) => (l.promotion ? [l.promotion.id] : [])))].sort();
  if (!ids.length) return { calculation: priced, outcomes: [] };
  const rows = await tx
    .select({
      id: promotionBudgets.promotionId,
      budget: promotionBudgets.budgetPoints,
      spent: promotionBudgets.spentPoints,
      name: promotions.name,
    })
    .from(promotionBudgets)
    .innerJoin(promotions, eq(promotions.id, promotionBudgets.promotionId))
    .where(inArray(promotionBudgets.promotionId, ids))
    .orderBy(asc(promotionBudgets.promotionId))
    .for("update", { of: promotionBudgets });
  // No budget on any of them: every promotion pays its whole part.
  if (!rows.length) return { calculation: priced, outcomes: [] };
  const base = (await unpromoted()).lines.map((l) => l.points);
  const parts = promotionParts(priced.lines, base);
  const outcomes: BudgetOutcome[] = [];
  for (const row of rows) {
    const wanted = parts.get(row.id) ?? 0;
    const granted = grantOf(wanted, row.budget - row.spent);
    const spent = row.spent + granted;
    if (granted > 0)
      await tx
        .update(promotionBudgets)
        .set({ spentPoints: sql`${promotionBudgets.spentPoints} + ${granted}` })
        .where(eq(promotionBudgets.promotionId, row.id));
    await tx.insert(promotionBudgetSpends).values({ promotionId: row.id, claimId: claim.id, wantedPoints: wanted, grantedPoints: granted });
    outcomes.push({ promotionId: row.id, name: row.name, wanted, granted, budget: row.budget });
    if (reachedAlert(spent, row.budget)) await alertOnce(tx, row.id, row.name, spent, row.budget);
  }
  return { calculation: applyBudgets(priced, base, outcomes), outcomes };
}

/**
 * Tells the channel team (every active channel manager, and the promotion's author if someone
 * else) that a budget reached 80%: `alerted_at` is claimed by a guarded UPDATE on the row this
 * transaction already holds, so the alert goes out once however many approvals cross the line.
 */
async function alertOnce(tx: Tx, promotionId: string, name: string, spent: number, budget: number) {
  const [claimed] = await tx
    .update(promotionBudgets)
    .set({ alertedAt: new Date() })
    .where(and(eq(promotionBudgets.promotionId, promotionId), sql`${promotionBudgets.alertedAt} is null`))
    .returning({ id: promotionBudgets.promotionId });
  if (!claimed) return;
  const recipients = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(
      and(
        eq(users.status, "active"),
        sql`(${users.role} = 'channel_manager' or ${users.id} = (select created_by from promotions where id = ${promotionId}))`,
      ),
    )
    .orderBy(asc(users.id));
  const percent = Math.floor((spent * 100) / budget);
  for (const person of recipients)
    await notify(tx, {
      userId: person.id,
      topic: "claim_decided",
      titleKey: "gates.budget.notice",
      vars: { promo: name, percent, spent, budget },
      link: "/claims/rules",
      email: {
        template: "promotion_budget",
        props: { name: person.name, promotion: name, spent, budget, percent, url: `${config.publicUrl}/claims/rules` },
      },
    });
  await recordAudit(tx, {
    actor: null,
    action: "promotion.budget_alert",
    entityType: "promotion",
    entityId: promotionId,
    details: { spent, budget, percent, recipients: recipients.length },
  });
}

/**
 * A reversed claim gives back what it took from budgets (its points were taken back too), so the
 * promotion can pay other sales. Runs in the reversing transaction.
 */
export async function releasePromotionBudgets(tx: Tx, claimId: string): Promise<Array<{ promotionId: string; points: number }>> {
  const spends = await tx
    .delete(promotionBudgetSpends)
    .where(eq(promotionBudgetSpends.claimId, claimId))
    .returning({ promotionId: promotionBudgetSpends.promotionId, points: promotionBudgetSpends.grantedPoints });
  for (const s of spends.sort((a, b) => (a.promotionId < b.promotionId ? -1 : 1)))
    if (s.points > 0)
      await tx
        .update(promotionBudgets)
        .set({ spentPoints: sql`greatest(0, ${promotionBudgets.spentPoints} - ${s.points})` })
        .where(eq(promotionBudgets.promotionId, s.promotionId));
  return spends;
}

/**
 * Sets (or with null removes) a promotion's budget. A budget below what is already spent is
 * refused (409, saying how much is spent); lowering the spent share under 80% re-arms the alert.
 */
export async function setPromotionBudget(db: Db, actor: Actor, promotionId: string, budget: number | null) {
  if (!isId(promotionId)) throw new UserError("common.not_found", undefined, undefined, 404);
  return db.transaction(async (tx) => {
    const [promo] = await tx.select({ id: promotions.id, name: promotions.name }).from(promotions).where(eq(promotions.id, promotionId));
    if (!promo) throw new UserError("common.not_found", undefined, undefined, 404);
    const [current] = await tx.select().from(promotionBudgets).where(eq(promotionBudgets.promotionId, promotionId)).for("update");
    if (budget === null) {
      if (current) await tx.delete(promotionBudgets).where(eq(promotionBudgets.promotionId, promotionId));
    } else {
      // A budget set on a running promotion counts from now: earlier claims were paid in full.
      const spent = current?.spentPoints ?? 0;
      if (budget < spent) throw new UserError("gates.errors.budget_below_spent", "budget", { spent }, 409);
      await tx
        .insert(promotionBudgets)
        .values({
          promotionId,
          budgetPoints: budget,
          spentPoints: spent,
          updatedBy: actor.id,
          alertedAt: reachedAlert(spent, budget) ? new Date() : null,
        })
        .onConflictDoUpdate({
          target: promotionBudgets.promotionId,
          set: {
            budgetPoints: budget,
            updatedBy: actor.id,
            updatedAt: new Date(),
            alertedAt: reachedAlert(spent, budget) ? (current?.alertedAt ?? new Date()) : null,
          },
        });
    }
    await recordAudit(tx, {
      actor,
      action: "points_rule.promotion_budget_set",
      entityType: "promotion",
      entityId: promotionId,
      details: { name: promo.name, before: current?.budgetPoints ?? null, after: budget },
    });
  });
}

export type BudgetFigures = { budget: number; spent: number; percent: number; alerted: boolean };

/** Spent vs budget for the promotions page, by promotion id (promotions without a budget are absent). */
export async function budgetsFor(db: Queryable, promotionIds: string[]): Promise<Record<string, BudgetFigures>> {
  if (!promotionIds.length) return {};
  const rows = await db.select().from(promotionBudgets).where(inArray(promotionBudgets.promotionId, promotionIds));
  return Object.fromEntries(
    rows.map((r) => [
      r.promotionId,
      { budget: r.budgetPoints, spent: r.spentPoints, percent: Math.floor((r.spentPoints * 100) / r.budgetPoints), alerted: !!r.alertedAt },
    ]),
  );
}
