import { useMemo, useState } from "react";
import { COSTSHARE_ACTIVITY_TYPES } from "@db/schema/costshare";
import { businessDaysBetween, reimbursement, type ExplainLine, type ShareRule } from "~/domain/costshare/rule";
import { FILE_ACCEPT } from "~/domain/costshare/shared";
import { useFormat, useT } from "~/i18n/react";
import type { FieldErrors } from "~/lib/form-types";
import { parseMoney } from "~/lib/money";
import { Badge, FileField, SelectField, TextAreaField, TextField } from "./ui";

/** Shared parts of the cost-share pages: the figures of a fund, status badges, the request form with its live explanation. */

export type FigureSet = { allocated: number; committed: number; claimed: number; paid: number; available: number; expired?: number };

/** Allocated, committed, claimed, paid, available: every figure a sum of ledger entries. */
export function FundFigures({ figures, currency, testId = "fund-figures" }: { figures: FigureSet; currency: string; testId?: string }) {
  const t = useT();
  const f = useFormat();
  const items = [
    ["allocated", figures.allocated],
    ["committed", figures.committed],
    ["claimed", figures.claimed],
    ["paid", figures.paid],
    ["available", figures.available],
  ] as const;
  return (
    <dl data-testid={testId} className="grid grid-cols-2 gap-3 sm:grid-cols-5">
      {items.map(([k, v]) => (
        <div key={k} className={`rounded-lg p-3 ${k === "available" ? "bg-brand-50" : "bg-slate-50"}`}>
          <dt className="text-xs text-slate-600">{t(`costshare.figure.${k}`)}</dt>
          <dd data-testid={`figure-${k}`} className="text-lg font-semibold tabular-nums">
            {f.money(v, currency)}
          </dd>
        </div>
      ))}
      {figures.expired ? (
        <div className="rounded-lg bg-slate-50 p-3">
          <dt className="text-xs text-slate-600">{t("costshare.figure.expired")}</dt>
          <dd className="text-lg font-semibold tabular-nums">{f.money(figures.expired, currency)}</dd>
        </div>
      ) : null}
    </dl>
  );
}

const REQUEST_TONES = {
  submitted: "blue",
  returned: "amber",
  second_approval: "blue",
  approved: "green",
  rejected: "red",
  cancelled: "slate",
  expired: "slate",
  claimed: "green",
} as const;
const CLAIM_TONES = { submitted: "blue", returned: "amber", rejected: "red", approved: "green", paid: "green" } as const;

export function RequestStatus({ status }: { status: keyof typeof REQUEST_TONES }) {
  const t = useT();
  return <Badge tone={REQUEST_TONES[status]}>{t(`costshare.request_status.${status}`)}</Badge>;
}

export function ClaimStatus({ status }: { status: keyof typeof CLAIM_TONES }) {
  const t = useT();
  return <Badge tone={CLAIM_TONES[status]}>{t(`costshare.claim_status.${status}`)}</Badge>;
}

export function Explain({ lines }: { lines: ExplainLine[] }) {
  const t = useT();
  return (
    <ul className="space-y-0.5 text-sm text-slate-700">
      {lines.map((l) => (
        <li key={l.key}>{t(l.key, l.vars)}</li>
      ))}
    </ul>
  );
}

export type PeriodFunds = { id: string; name: string; startsOn: string; endsOn: string; available: number };

export type RequestFormProps = {
  rule: ShareRule;
  currency: string;
  leadBusinessDays: number;
  today: string;
  periods: PeriodFunds[];
  values: Record<string, string>;
  errors: FieldErrors;
};

/** The request form's fields, with the reimbursement computed and explained as the partner types. */
export function RequestFields({ rule, currency, leadBusinessDays, today, periods, values, errors }: RequestFormProps) {
  const t = useT();
  const f = useFormat();
  const [activity, setActivity] = useState(values.activityType ?? "print_ad");
  const [startsOn, setStartsOn] = useState(values.startsOn ?? "");
  const [cost, setCost] = useState(values.plannedCost ?? "");
  const [brands, setBrands] = useState(values.otherBrands ?? "");
  const [equal, setEqual] = useState(values.equalSplit === "1");
  const preview = useMemo(() => {
    const costMinor = parseMoney(cost, currency);
    if (!costMinor) return null;
    const period = periods.find((p) => startsOn && p.startsOn <= startsOn && startsOn <= p.endsOn);
    const others = brands
      .split(/[\n,;]/)
      .map((s) => s.trim())
      .filter(Boolean).length;
    const r = reimbursement({
      rule,
      costMinor,
      otherBrands: others,
      equalSplit: equal && activity === "trade_show",
      capMinor: period?.available,
      capKind: "funds",
    });
    return { ...r, period };
  }, [cost, currency, periods, startsOn, brands, equal, activity, rule]);
  const ahead = startsOn ? businessDaysBetween(today, startsOn) : null;
  return (
    <>
      <SelectField
        label={t("costshare.form.activity")}
        name="activityType"
        value={activity}
        onChange={(e) => setActivity(e.target.value)}
        errors={errors}
        options={COSTSHARE_ACTIVITY_TYPES.map((a) => ({ value: a, label: t(`costshare.activity.${a}`) }))}
      />
      <TextField label={t("costshare.form.title")} name="title" defaultValue={values.title} errors={errors} maxLength={120} required />
      <TextAreaField
        label={t("costshare.form.description")}
        name="description"
        defaultValue={values.description}
        errors={errors}
        rows={3}
        maxLength={4000}
        required
      />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField
          label={t("costshare.form.starts")}
          name="startsOn"
          type="date"
          value={startsOn}
          onChange={(e) => setStartsOn(e.target.value)}
          errors={errors}
          hint={
            ahead !== null && ahead < leadBusinessDays
              ? t("costshare.form.too_soon", { days: leadBusinessDays })
              : t("costshare.form.lead_hint", { days: leadBusinessDays })
          }
          required
        />
        <TextField label={t("costshare.form.ends")} name="endsOn" type="date" defaultValue={values.endsOn} errors={errors} required />
      </div>
      <TextField
        label={t("costshare.form.planned_cost", { currency })}
        name="plannedCost"
        inputMode="decimal"
        value={cost}
        onChange={(e) => setCost(e.target.value)}
        errors={errors}
        required
      />
      <TextAreaField
        label={t("costshare.form.other_brands")}
        name="otherBrands"
        value={brands}
        onChange={(e) => setBrands(e.target.value)}
        errors={errors}
        hint={t("costshare.form.other_brands_hint")}
        rows={2}
      />
      {activity === "trade_show" ? (
        <label className="mb-4 flex min-h-11 items-center gap-2 text-sm">
          <input
            type="checkbox"
            name="equalSplit"
            value="1"
            checked={equal}
            onChange={(e) => setEqual(e.target.checked)}
            className="h-5 w-5"
          />
          {t("costshare.form.equal_split")}
        </label>
      ) : null}
      <div data-testid="reimbursement-preview" aria-live="polite" className="mb-4 rounded-lg border border-brand-100 bg-brand-50 p-3">
        {preview ? (
          <>
            <p className="font-semibold">{t("costshare.form.preview", { amount: f.money(preview.amountMinor, currency) })}</p>
            <ul className="mt-1 space-y-0.5 text-sm text-slate-700">
              {preview.lines.map((l) => (
                <li key={l.key}>
                  {t(l.key, {
                    ...l.vars,
                    amount: f.money(preview.ruleMinor, currency),
                    cost: f.money(parseMoney(cost, currency) ?? 0, currency),
                  })}
                </li>
              ))}
              {preview.period ? (
                <li>
                  {t("costshare.form.available_in", { period: preview.period.name, amount: f.money(preview.period.available, currency) })}
                </li>
              ) : startsOn ? (
                <li className="text-amber-800">{t("costshare.form.no_period")}</li>
              ) : null}
            </ul>
          </>
        ) : (
          <p className="text-sm text-slate-600">{t("costshare.form.preview_empty")}</p>
        )}
      </div>
      <TextAreaField
        label={t("costshare.form.outcome")}
        name="expectedOutcome"
        defaultValue={values.expectedOutcome}
        errors={errors}
        rows={2}
        maxLength={1000}
      />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField
          label={t("costshare.form.leads")}
          name="expectedLeads"
          inputMode="numeric"
          defaultValue={values.expectedLeads}
          errors={errors}
        />
        <TextField
          label={t("costshare.form.reach")}
          name="expectedReach"
          inputMode="numeric"
          defaultValue={values.expectedReach}
          errors={errors}
        />
      </div>
      <FileField
        label={t("costshare.form.layout")}
        name="layout"
        accept={FILE_ACCEPT}
        errors={errors}
        hint={t("costshare.form.file_hint", { mb: 8 })}
      />
    </>
  );
}
