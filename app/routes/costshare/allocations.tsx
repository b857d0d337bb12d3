import { createHash, randomUUID } from "node:crypto";
import { Form, useActionData, useLoaderData, useNavigation } from "react-router";
import { z } from "zod";
import { TIERS } from "@db/schema/enums";
import { getDb } from "@db/client";
import { accrualSchema, allocationSchema, toBp } from "~/domain/costshare/forms";
import {
  accrue,
  allocate,
  fundSummary,
  getSettings,
  importAllocations,
  listPeriods,
  partnerOptions,
  periodOn,
  tierRates,
} from "~/domain/costshare/funds.server";
import { filesOf } from "~/domain/costshare/files.server";
import { FundFigures } from "~/components/costshare";
import { Button, Card, FileField, FormErrors, Notice, PageHeader, SelectField, TextField, errorsOf, valuesOf } from "~/components/ui";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { isoDay } from "~/lib/dates";
import { UserError } from "~/lib/errors";
import { idField } from "~/lib/ids";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import type { Route } from "./+types/allocations";

const filterSchema = z.object({ period: z.string().uuid().optional().catch(undefined) });

/** Allocations per partner and period: typed, imported from CSV, or accrued from last period's sales by tier rate. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "costshare.decide");
  const db = await getDb();
  const filter = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const periods = await listPeriods(db);
  const period = filter.period ? periods.find((p) => p.id === filter.period) : ((await periodOn(db, isoDay(new Date()))) ?? periods[0]);
  const [{ currency }, partners, summary, rates] = await Promise.all([
    getSettings(db),
    partnerOptions(db),
    period ? fundSummary(db, actor, { periodId: period.id }) : Promise.resolve([]),
    period ? tierRates(db, period.id) : Promise.resolve([]),
  ]);
  return {
    currency,
    periods: periods.map((p) => ({ id: p.id, name: p.name })),
    periodId: period?.id ?? null,
    partners,
    summary,
    rates: Object.fromEntries(rates.map((r) => [r.tier, r.rateBp])) as Record<string, number>,
    // Made when the form is shown: a second submit of the same form allocates once.
    key: randomUUID(),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const db = await getDb();
  return dispatchIntent(request, context, "costshare.decide", {
    allocate: {
      run: async (actor, formData) => {
        const { currency } = await getSettings(db);
        const v = parseForm(allocationSchema(currency), formData);
        await allocate(db, actor, { ...v, amountMinor: v.amount, note: v.note ?? "" });
        return { ok: true as const, done: v.direction === "remove" ? "adjusted" : "allocated" };
      },
    },
    import: {
      run: async (actor, formData) => {
        const { periodId } = parseForm(z.object({ periodId: idField }), formData);
        const [file] = filesOf(formData, "file");
        if (!file) throw new UserError("errors.required", "file");
        if (file.size > 2 * 1024 * 1024) throw new UserError("errors.csv.too_big", "file", { mb: 2 }, 413);
        const text = await file.text();
        const report = await importAllocations(db, actor, periodId, text, createHash("sha256").update(text).digest("hex").slice(0, 32));
        if (report.errors.length) return { ok: false as const, importErrors: report.errors.slice(0, 50) };
        return { ok: true as const, done: "imported", count: report.added };
      },
    },
    accrue: {
      run: async (actor, formData) => {
        const v = parseForm(accrualSchema, formData);
        const ratesBp = Object.fromEntries(TIERS.map((t) => [t, toBp(v[`rate_${t}`])])) as Record<(typeof TIERS)[number], number>;
        const r = await accrue(db, actor, { periodId: v.periodId, sourcePeriodId: v.sourcePeriodId, ratesBp });
        return { ok: true as const, done: "accrued", count: r.partners };
      },
    },
  });
}

export default function Allocations() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const values = valuesOf(result);
  const t = useT();
  const busy = useNavigation().state !== "idle";
  const periodOptions = data.periods.map((p) => ({ value: p.id, label: p.name }));
  return (
    <>
      <PageHeader title={t("costshare.allocations_title")} subtitle={t("costshare.allocations_subtitle")} />
      {result && "done" in result ? (
        <Notice>{t(`costshare.done.${result.done}`, { count: "count" in result ? (result.count ?? 0) : 0 })}</Notice>
      ) : null}
      {result && "importErrors" in result && result.importErrors ? (
        <div role="alert" className="mb-4 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          <p>{t("costshare.import_refused")}</p>
          <ul className="mt-1 list-disc pl-5">
            {result.importErrors.map((e) => (
              <li key={`${e.line}-${e.key}`}>{t("costshare.import_line", { line: e.line, message: t(e.key, e.vars) })}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <FormErrors errors={errors} />
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-3">
        <SelectField
          label={t("costshare.period")}
          name="period"
          defaultValue={data.periodId ?? ""}
          options={periodOptions}
          className="mb-0"
        />
        <Button type="submit" variant="secondary">
          {t("costshare.show")}
        </Button>
      </Form>
      {data.periodId ? (
        <div className="grid gap-4 lg:grid-cols-3">
          <Card>
            <h2 className="mb-2 font-semibold">{t("costshare.allocate_title")}</h2>
            <Form method="post">
              <input type="hidden" name="periodId" value={data.periodId} />
              <input type="hidden" name="key" value={data.key} />
              <SelectField
                label={t("costshare.partner")}
                name="organisationId"
                defaultValue={values.organisationId}
                options={data.partners.map((p) => ({ value: p.id, label: p.name }))}
                errors={errors}
              />
              <TextField
                label={t("costshare.amount", { currency: data.currency })}
                name="amount"
                inputMode="decimal"
                defaultValue={values.amount}
                errors={errors}
              />
              <SelectField
                label={t("costshare.direction")}
                name="direction"
                defaultValue={values.direction ?? "add"}
                options={[
                  { value: "add", label: t("costshare.direction.add") },
                  { value: "remove", label: t("costshare.direction.remove") },
                ]}
                errors={errors}
              />
              <TextField label={t("costshare.note")} name="note" defaultValue={values.note} errors={errors} maxLength={500} />
              <Button type="submit" name="intent" value="allocate" disabled={busy}>
                {t("costshare.allocate")}
              </Button>
            </Form>
          </Card>
          <Card>
            <h2 className="mb-2 font-semibold">{t("costshare.import_title")}</h2>
            <p className="mb-3 text-sm text-slate-600">{t("costshare.import_hint")}</p>
            <Form method="post" encType="multipart/form-data">
              <input type="hidden" name="periodId" value={data.periodId} />
              <FileField label={t("costshare.csv_file")} name="file" accept=".csv,text/csv" errors={errors} />
              <Button type="submit" name="intent" value="import" disabled={busy}>
                {t("costshare.import")}
              </Button>
            </Form>
          </Card>
          <Card>
            <h2 className="mb-2 font-semibold">{t("costshare.accrue_title")}</h2>
            <p className="mb-3 text-sm text-slate-600">{t("costshare.accrue_hint")}</p>
            <Form method="post">
              <input type="hidden" name="periodId" value={data.periodId} />
              <SelectField
                label={t("costshare.source_period")}
                name="sourcePeriodId"
                defaultValue={values.sourcePeriodId}
                options={periodOptions.filter((p) => p.value !== data.periodId)}
                errors={errors}
              />
              <div className="grid grid-cols-2 gap-x-3">
                {TIERS.map((tier) => (
                  <TextField
                    key={tier}
                    label={t("costshare.rate_for", { tier: t(`tier.${tier}`) })}
                    name={`rate_${tier}`}
                    inputMode="decimal"
                    defaultValue={values[`rate_${tier}`] ?? (data.rates[tier] !== undefined ? String(data.rates[tier] / 100) : "")}
                    errors={errors}
                  />
                ))}
              </div>
              <Button type="submit" name="intent" value="accrue" disabled={busy}>
                {t("costshare.accrue")}
              </Button>
            </Form>
          </Card>
        </div>
      ) : (
        <Card>
          <p className="text-slate-600">{t("costshare.no_periods")}</p>
        </Card>
      )}
      <ul className="mt-4 space-y-3">
        {data.summary.map((r) => (
          <li key={r.organisationId}>
            <Card>
              <h3 className="mb-2 font-medium">{r.organisationName}</h3>
              <FundFigures figures={r} currency={data.currency} testId={`alloc-${r.organisationName}`} />
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}
