import { scoreUnit, type ContestShape } from "~/domain/contests/rules";
import { useFormat, useT } from "~/i18n/react";

/** A score or gap with its unit: "70 points", "3 units", "2 courses", "€1,200.00". */
export function useScoreText(metric: ContestShape["metric"], currency: string) {
  const t = useT();
  const f = useFormat();
  const unit = scoreUnit(metric);
  return (n: number) => (unit === "money" ? f.money(n, currency) : t(`pages.unit.${unit}`, { count: n }));
}
