import { Form } from "react-router";
import { Button } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";

type Figures = { budget: number; spent: number; percent: number; alerted: boolean };

/**
 * A promotion's points budget on the promotions page: spent vs budget with a bar (amber from 80%,
 * red when used up), and a small form to set, change or (empty) remove it.
 */
export function PromotionBudget({
  promotionId,
  figures,
  error,
  typed,
}: {
  promotionId: string;
  figures: Figures | undefined;
  error?: string;
  typed?: string;
}) {
  const t = useT();
  const f = useFormat();
  const tone = !figures ? "" : figures.spent >= figures.budget ? "bg-red-600" : figures.percent >= 80 ? "bg-amber-500" : "bg-brand-600";
  return (
    <div className="min-w-48" data-budget={promotionId}>
      {figures ? (
        <>
          <p className="text-sm">
            {t("gates.budget.spent_of", { spent: f.number(figures.spent), budget: f.number(figures.budget), percent: figures.percent })}
          </p>
          <div
            className="mt-1 h-2 w-full rounded bg-slate-200"
            role="progressbar"
            aria-label={t("gates.budget.label")}
            aria-valuemin={0}
            aria-valuemax={figures.budget}
            aria-valuenow={figures.spent}
          >
            <div className={`h-2 rounded ${tone}`} style={{ width: `${Math.min(100, figures.percent)}%` }} />
          </div>
        </>
      ) : (
        <p className="text-sm text-slate-600">{t("gates.budget.none")}</p>
      )}
      <Form method="post" className="mt-2 flex items-end gap-2">
        <input type="hidden" name="intent" value="set_budget" />
        <input type="hidden" name="promotionId" value={promotionId} />
        <label className="block text-xs text-slate-700">
          {t("gates.budget.field")}
          <input
            name="budget"
            inputMode="numeric"
            defaultValue={typed ?? (figures ? String(figures.budget) : "")}
            aria-invalid={error ? true : undefined}
            className="mt-0.5 block w-28 rounded-lg border border-slate-300 px-2 py-1.5"
          />
        </label>
        <Button type="submit" variant="secondary" className="min-h-9 px-2">
          {t("gates.budget.save")}
        </Button>
      </Form>
      {error ? (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
