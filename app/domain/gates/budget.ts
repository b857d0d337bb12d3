import type { Calculation, CalculationLine } from "../claims/calculate-points";

/**
 * Promotion budgets as pure rules (issue 14). A promotion's part of a line is what the line earns
 * with the promotion minus what it would earn without it. When the budget cannot pay all of it,
 * the claim gets THE PART THAT STILL FITS: the base points of every line always, plus the
 * promotion's part up to what is left, given to the claim's lines in their order. Nothing is ever
 * taken from the base points.
 */

export type PromotedLine = { points: number; promotion: { id: string; name: string } | null };

/** Each promotion's part of the claim (never negative), by promotion id, from the priced and the unpromoted lines. */
export function promotionParts(priced: readonly PromotedLine[], base: readonly number[]): Map<string, number> {
  const parts = new Map<string, number>();
  for (const [i, line] of priced.entries()) {
    if (!line.promotion) continue;
    const extra = Math.max(0, line.points - (base[i] ?? line.points));
    parts.set(line.promotion.id, (parts.get(line.promotion.id) ?? 0) + extra);
  }
  return parts;
}

/** What a budget with `room` points left grants of a `wanted` part. */
export function grantOf(wanted: number, room: number): number {
  return Math.max(0, Math.min(wanted, room));
}

/**
 * Line points after the budgets: base + the promotion's part while its grant lasts. `grants` holds
 * only budgeted promotions; a promotion without a budget keeps its whole part.
 */
export function fitLines(priced: readonly PromotedLine[], base: readonly number[], grants: ReadonlyMap<string, number>): number[] {
  const left = new Map(grants);
  return priced.map((line, i) => {
    const id = line.promotion?.id;
    if (!id || !left.has(id)) return line.points;
    const baseline = Math.min(base[i] ?? line.points, line.points);
    const extra = line.points - baseline;
    const given = Math.min(extra, left.get(id)!);
    left.set(id, left.get(id)! - given);
    return baseline + given;
  });
}

export type BudgetOutcome = { promotionId: string; name: string; wanted: number; granted: number; budget: number };

/**
 * The claim's calculation after the budgets: new line points and total, and one line per promotion
 * whose budget did not pay its whole part, so the claim page says why (before the total line).
 */
export function applyBudgets(priced: Calculation, base: readonly number[], outcomes: readonly BudgetOutcome[]): Calculation {
  const short = outcomes.filter((o) => o.granted < o.wanted);
  if (!short.length) return priced;
  const grants = new Map(outcomes.map((o) => [o.promotionId, o.granted]));
  const points = fitLines(priced.lines, base, grants);
  const lines = priced.lines.map((l, i) => ({ ...l, points: points[i] }));
  const total = points.reduce((s, p) => s + p, 0);
  const notes = short.map(
    (o): CalculationLine =>
      o.granted === 0
        ? { key: "gates.calc.budget_exhausted", vars: { promo: o.name, wanted: o.wanted, budget: o.budget } }
        : { key: "gates.calc.budget_partial", vars: { promo: o.name, wanted: o.wanted, granted: o.granted, budget: o.budget } },
  );
  const at = priced.calculation.findIndex((c) => c.key === "claims.calc.total");
  const calculation = [...priced.calculation];
  if (at >= 0) calculation.splice(at, 1, ...notes, { key: "claims.calc.total", vars: { count: total } });
  else calculation.push(...notes, { key: "claims.calc.total", vars: { count: total } });
  return { ...priced, lines, total, credited: Math.min(priced.credited, total), calculation };
}

/** Whether spending moved a budget to 80% or more (the channel team's alert). */
export function reachedAlert(spent: number, budget: number): boolean {
  return budget > 0 && spent * 5 >= budget * 4;
}
