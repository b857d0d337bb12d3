import type { Queryable } from "@db/client";
import { outletScores } from "~/domain/mystery/insights.server";
import { bounds, type Periods } from "./period";
import type { ReportScope, Section } from "./types";

/**
 * Mystery-shopper scores of published reports visited in the period, per outlet and per question
 * (app/domain/mystery/insights.server.ts computes them from the stored answers, the same way the
 * mystery pages do). Scores are per mille of points possible; the shopper is never named here.
 */
export async function readMystery(db: Queryable, scope: ReportScope, periods: Periods): Promise<Section> {
  const read = (p: Periods["current"]) => {
    const { start, end } = bounds(p);
    return outletScores(db, null, { from: start, to: end, organisationId: scope.organisationId });
  };
  const [current, previous, lastYear] = await Promise.all([read(periods.current), read(periods.previous), read(periods.lastYear)]);
  const visits = (r: Awaited<ReturnType<typeof read>>) => r.outlets.reduce((n, o) => n + o.visits, 0);
  // The mean over visits (each outlet weighted by its visits), so one outlet seen once does not count as much as one seen often.
  const mean = (r: Awaited<ReturnType<typeof read>>) => {
    const scored = r.outlets.filter((o) => o.scorePermille !== null);
    const n = scored.reduce((a, o) => a + o.visits, 0);
    return n ? Math.round(scored.reduce((a, o) => a + (o.scorePermille ?? 0) * o.visits, 0) / n) : 0;
  };
  const names = new Map(current.outlets.map((o) => [o.outletId, o.outlet]));
  return {
    id: "mystery",
    title: "reports.mystery.title",
    figures: [
      {
        id: "visits",
        label: "reports.mystery.visits",
        format: "number",
        value: visits(current),
        previous: visits(previous),
        lastYear: visits(lastYear),
      },
      {
        id: "score",
        label: "reports.mystery.score",
        format: "permille",
        value: mean(current),
        previous: mean(previous),
        lastYear: mean(lastYear),
      },
    ],
    tables: [
      {
        id: "outlets",
        title: "reports.mystery.outlets",
        columns: [
          { key: "outlet", label: "reports.col.outlet", format: "text" },
          ...(scope.organisationId ? [] : [{ key: "partner", label: "reports.col.partner", format: "text" as const }]),
          { key: "visits", label: "reports.mystery.visits", format: "number" },
          { key: "score", label: "reports.mystery.score", format: "permille" },
        ],
        rows: current.outlets.slice(0, 200).map((o) => ({
          cells: { outlet: `${o.outlet}, ${o.city}`, partner: o.partner, visits: o.visits, score: o.scorePermille },
        })),
        chart: { kind: "bar", x: "outlet", series: ["score"], horizontal: true },
        empty: "reports.mystery.none",
      },
      {
        id: "questions",
        title: "reports.mystery.questions",
        columns: [
          { key: "outlet", label: "reports.col.outlet", format: "text" },
          { key: "question", label: "reports.mystery.question", format: "text" },
          { key: "answered", label: "reports.mystery.answered", format: "number" },
          { key: "score", label: "reports.mystery.score", format: "permille" },
        ],
        rows: current.questions.slice(0, 200).map((q) => ({
          cells: { outlet: names.get(q.outletId) ?? "", question: q.text, answered: q.answered, score: q.scorePermille },
        })),
        note: "reports.mystery.note",
        empty: "reports.mystery.none",
      },
    ],
  };
}
