import { Form, useLoaderData } from "react-router";
import { z } from "zod";
import { getDb } from "@db/client";
import { type RuleChange, type SimulationRow, simulateRules } from "~/domain/simulator/simulate.server";
import { Button, Card, FormErrors, PageHeader, SelectField, Table, TextField } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { addDays, isIsoDay, isoDay } from "~/lib/dates";
import type { FieldErrors } from "~/lib/form-types";
import type { Route } from "./+types/simulator";

const CHANGES = ["none", "promotion", "tier", "role"] as const;
// Read-only, so it is a GET: the address can be shared. Anything unreadable is reported, not run.
const querySchema = z.object({
  from: z.string().max(10).optional().catch(undefined),
  to: z.string().max(10).optional().catch(undefined),
  change: z.enum(CHANGES).optional().catch(undefined),
  key: z.string().trim().max(100).optional().catch(undefined),
  percent: z.string().max(5).optional().catch(undefined),
});

export async function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "simulator.run");
  const params = new URL(request.url).searchParams;
  const q = querySchema.parse(Object.fromEntries(params));
  const today = isoDay(new Date());
  const values = {
    from: q.from ?? isoDay(addDays(new Date(), -90)),
    to: q.to ?? today,
    change: q.change ?? "none",
    key: q.key ?? "",
    percent: q.percent ?? "",
  };
  if (!params.has("from")) return { values, errors: {} as FieldErrors, result: null };
  const errors: FieldErrors = {};
  const span = isIsoDay(values.from) && isIsoDay(values.to) ? (Date.parse(values.to) - Date.parse(values.from)) / 86_400_000 : -1;
  if (span < 0 || span > 731) errors.from = [{ key: "simulator.errors.period" }];
  let change: RuleChange | null = null;
  if (values.change !== "none") {
    const percent = /^\d{1,4}$/.test(values.percent) ? Number(values.percent) : -1;
    if (!values.key || percent < 0 || percent > 1000 || (values.change === "promotion" && percent <= 100))
      errors.key = [{ key: "simulator.errors.change" }];
    else
      change =
        values.change === "promotion"
          ? { kind: "promotion", category: values.key, percent }
          : { kind: "multiplier", dimension: values.change, key: values.key, percent };
  }
  if (Object.keys(errors).length) return { values, errors, result: null };
  const sim = await simulateRules(await getDb(), { from: values.from, to: values.to, change });
  const { perClaim: _omit, ...result } = sim;
  return { values, errors, result };
}

export default function Simulator() {
  const { values, errors, result } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useFormat();
  const signed = (n: number) => (n > 0 ? `+${f.number(n)}` : f.number(n));
  const table = (title: string, rows: SimulationRow[], showClaims: boolean, tiers = false) => (
    <Card className="mb-4">
      <h2 className="mb-2 font-semibold">{title}</h2>
      <Table
        head={[
          t("simulator.col.key"),
          ...(showClaims ? [t("simulator.col.claims")] : []),
          t("simulator.col.actual"),
          t("simulator.col.simulated"),
          t("simulator.col.difference"),
        ]}
      >
        {rows.map((r) => (
          <tr key={r.key}>
            <td className="px-3 py-2">{tiers ? t(`tier.${r.key}`) : r.key}</td>
            {showClaims ? <td className="px-3 py-2">{f.number(r.claims)}</td> : null}
            <td className="px-3 py-2">{f.number(r.actual)}</td>
            <td className="px-3 py-2">{f.number(r.simulated)}</td>
            <td className="px-3 py-2">{signed(r.simulated - r.actual)}</td>
          </tr>
        ))}
      </Table>
    </Card>
  );
  return (
    <>
      <PageHeader title={t("simulator.title")} subtitle={t("simulator.subtitle")} />
      <FormErrors errors={errors} />
      <Card className="mb-4">
        <Form method="get" className="grid gap-x-3 sm:grid-cols-2 lg:grid-cols-5">
          <TextField label={t("simulator.from")} name="from" type="date" defaultValue={values.from} errors={errors} />
          <TextField label={t("simulator.to")} name="to" type="date" defaultValue={values.to} errors={errors} />
          <SelectField
            label={t("simulator.change")}
            name="change"
            defaultValue={values.change}
            options={CHANGES.map((c) => ({ value: c, label: t(`simulator.change.${c}`) }))}
          />
          <TextField label={t("simulator.key")} name="key" defaultValue={values.key} maxLength={100} errors={errors} />
          <TextField label={t("simulator.percent")} name="percent" inputMode="numeric" defaultValue={values.percent} maxLength={4} />
          <div>
            <Button type="submit">{t("simulator.run")}</Button>
          </div>
        </Form>
      </Card>
      {result ? (
        <>
          <p className="mb-4 font-medium" role="status" data-testid="simulation-summary">
            {t("simulator.summary", {
              claims: f.number(result.claims),
              actual: f.number(result.actual),
              simulated: f.number(result.simulated),
              difference: signed(result.simulated - result.actual),
              cost: f.money(result.simulated * result.pointValueMinor, result.currency),
            })}
          </p>
          {table(t("simulator.by_partner"), result.byPartner, true)}
          {table(t("simulator.by_tier"), result.byTier, true, true)}
          {table(t("simulator.by_category"), result.byCategory, false)}
        </>
      ) : null}
    </>
  );
}
