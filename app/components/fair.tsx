import { useFormat, useT } from "~/i18n/react";

/** "Worth about €45" under a reward's points price: what the points are worth, rounded to whole units. */
export function WorthAbout({ minor, currency, explain = false }: { minor: number; currency: string; explain?: boolean }) {
  const t = useT();
  const f = useFormat();
  return (
    <p className="text-sm text-slate-600" data-testid="worth-about">
      {t("fair.worth_about", { amount: f.moneyWhole(minor, currency) })}
      {explain ? <span className="block text-xs text-slate-500">{t("fair.worth_rounding")}</span> : null}
    </p>
  );
}

/** The admin's warning: the points cost participants more than the retail price plus the margin. */
export function FairWarning({ percent, className = "" }: { percent: number; className?: string }) {
  const t = useT();
  return (
    <p role="status" className={`text-sm font-medium text-amber-800 ${className}`} data-testid="fair-warning">
      {t("fair.costs_more", { percent })}
    </p>
  );
}
