import { Form } from "react-router";
import { PARTNER_ROLES, TIERS } from "@db/schema/enums";
import { Badge, Button, Card, SelectField, TextAreaField, TextField } from "~/components/ui";
import type { FieldErrors } from "~/lib/form-types";
import { useFormat, useT } from "~/i18n/react";

type Rule = {
  id: string;
  name: string;
  kind: string;
  startsOn: string;
  endsOn: string;
  category: string | null;
  basis: string;
  measure: string;
  mode: string | null;
  steps: Array<{ from: number; value: number }>;
  setUnits: number | null;
  bonus: number | null;
  tiers: string[];
  regions: string[];
  roles: string[];
  active: boolean;
};

/** Who a rule or promotion is for, in words: "Everyone" or its tiers, regions and roles. */
export function AudienceText({ tiers, regions, roles }: { tiers: string[]; regions: string[]; roles: string[] }) {
  const t = useT();
  const parts = [...tiers.map((x) => t(`tier.${x}`)), ...regions, ...roles.map((x) => t(`role.${x}`))];
  return <>{parts.length ? parts.join(", ") : t("rules.audience_everyone")}</>;
}

/** Tier and role check boxes and a regions field, shared by the promotion and earning-rule forms. */
export function AudienceFields({ prefix, values }: { prefix: string; values: Record<string, string> }) {
  const t = useT();
  return (
    <fieldset className="mb-4 md:col-span-2">
      <legend className="mb-1 text-sm font-medium text-slate-700">{t("rules.audience")}</legend>
      <p className="mb-2 text-xs text-slate-600">{t("rules.audience_hint")}</p>
      <div className="mb-2 flex flex-wrap gap-x-4 gap-y-2">
        {TIERS.map((tier) => (
          <label key={tier} className="flex min-h-11 items-center gap-2 text-sm">
            <input type="checkbox" name="tiers" value={tier} className="h-5 w-5" />
            {t(`tier.${tier}`)}
          </label>
        ))}
      </div>
      <div className="mb-2 flex flex-wrap gap-x-4 gap-y-2">
        {PARTNER_ROLES.map((role) => (
          <label key={role} className="flex min-h-11 items-center gap-2 text-sm">
            <input type="checkbox" name="roles" value={role} className="h-5 w-5" />
            {t(`role.${role}`)}
          </label>
        ))}
      </div>
      <TextField
        id={`${prefix}-regions`}
        label={t("rules.regions")}
        name="regions"
        defaultValue={values.regions ?? ""}
        hint={t("rules.regions_hint")}
      />
    </fieldset>
  );
}

export function EarningRulesCard({ rules, today }: { rules: Rule[]; today: string }) {
  const t = useT();
  const f = useFormat();
  const stepsText = (r: Rule) =>
    r.kind === "bundle"
      ? t("rules.bundle_summary", { units: r.setUnits ?? 0, points: r.bonus ?? 0 })
      : r.steps.map((s) => `${s.from}+ → ${r.kind === "value_percent" ? `${s.value / 100}%` : `+${s.value}%`}`).join(", ");
  return (
    <Card className="mb-4">
      <h2 className="mb-3 text-lg font-semibold">{t("rules.earning_rules")}</h2>
      {rules.length ? (
        <ul className="divide-y divide-slate-100" aria-label={t("rules.earning_rules")}>
          {rules.map((r) => {
            const over = !r.active || r.endsOn < today;
            return (
              <li key={r.id} className={`flex flex-wrap items-start justify-between gap-3 py-3 ${over ? "text-slate-500" : ""}`}>
                <div className="min-w-0">
                  <p className="font-medium">
                    {r.name} <Badge tone="blue">{t(`rules.kind.${r.kind}`)}</Badge>
                  </p>
                  <p className="text-sm">
                    {f.day(r.startsOn)} – {f.day(r.endsOn)} · {r.category ?? t("rules.all_products")} · {t(`rules.basis.${r.basis}`)}
                    {r.mode ? ` · ${t(`rules.mode.${r.mode}`)}` : ""}
                  </p>
                  <p className="text-sm break-words">{stepsText(r)}</p>
                  <p className="text-xs text-slate-600">
                    <AudienceText tiers={r.tiers} regions={r.regions} roles={r.roles} />
                  </p>
                </div>
                {over ? (
                  <Badge>{t("claims.promo_over")}</Badge>
                ) : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="end_earning_rule" />
                    <input type="hidden" name="ruleId" value={r.id} />
                    <Button type="submit" variant="secondary" className="min-h-11 px-3">
                      {t("claims.promo_end")}
                    </Button>
                  </Form>
                )}
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">{t("rules.none")}</p>
      )}
    </Card>
  );
}

export function EarningRuleForm({
  categories,
  today,
  errors,
  values,
}: {
  categories: string[];
  today: string;
  errors?: FieldErrors;
  values: Record<string, string>;
}) {
  const t = useT();
  const v = (k: string, fallback = "") => (errors ? (values[k] ?? fallback) : fallback);
  return (
    <Card className="mb-4">
      <h2 className="mb-1 text-lg font-semibold">{t("rules.new")}</h2>
      <p className="mb-3 text-sm text-slate-600">{t("rules.new_hint")}</p>
      <Form method="post" noValidate className="grid gap-x-4 md:grid-cols-2">
        <input type="hidden" name="intent" value="create_earning_rule" />
        <TextField id="f-rule-name" label={t("claims.promo_name")} name="name" defaultValue={v("name")} errors={errors} />
        <SelectField
          id="f-rule-kind"
          label={t("rules.kind")}
          name="kind"
          defaultValue={v("kind", "value_percent")}
          errors={errors}
          options={(["value_percent", "accelerator", "bundle"] as const).map((k) => ({ value: k, label: t(`rules.kind.${k}`) }))}
        />
        <TextField
          id="f-rule-starts"
          label={t("claims.promo_starts")}
          name="startsOn"
          type="date"
          defaultValue={v("startsOn", today)}
          errors={errors}
        />
        <TextField id="f-rule-ends" label={t("claims.promo_ends")} name="endsOn" type="date" defaultValue={v("endsOn")} errors={errors} />
        <SelectField
          id="f-rule-category"
          label={t("claims.category")}
          name="category"
          defaultValue={v("category")}
          errors={errors}
          options={[{ value: "", label: t("rules.all_products") }, ...categories.map((c) => ({ value: c, label: c }))]}
        />
        <SelectField
          id="f-rule-basis"
          label={t("rules.basis")}
          name="basis"
          defaultValue={v("basis", "participant")}
          errors={errors}
          options={(["participant", "partner"] as const).map((k) => ({ value: k, label: t(`rules.basis.${k}`) }))}
        />
        <SelectField
          id="f-rule-measure"
          label={t("rules.measure")}
          name="measure"
          defaultValue={v("measure", "units")}
          errors={errors}
          options={(["units", "value"] as const).map((k) => ({ value: k, label: t(`rules.measure.${k}`) }))}
        />
        <SelectField
          id="f-rule-mode"
          label={t("rules.mode")}
          name="mode"
          defaultValue={v("mode", "marginal")}
          errors={errors}
          options={(["marginal", "whole"] as const).map((k) => ({ value: k, label: t(`rules.mode.${k}`) }))}
        />
        <TextAreaField
          id="f-rule-steps"
          className="md:col-span-2"
          label={t("rules.steps")}
          name="steps"
          rows={4}
          defaultValue={v("steps")}
          errors={errors}
          hint={t("rules.steps_hint")}
        />
        <TextField
          id="f-rule-set"
          label={t("rules.set_units")}
          name="setUnits"
          inputMode="numeric"
          defaultValue={v("setUnits")}
          errors={errors}
        />
        <TextField id="f-rule-bonus" label={t("rules.bonus")} name="bonus" inputMode="numeric" defaultValue={v("bonus")} errors={errors} />
        <AudienceFields prefix="f-rule" values={errors ? values : {}} />
        <div className="md:col-span-2">
          <Button type="submit">{t("rules.create")}</Button>
        </div>
      </Form>
    </Card>
  );
}

export function FirstClaimBonusForm({ value, errors, typed }: { value: number; errors?: FieldErrors; typed?: string }) {
  const t = useT();
  return (
    <Card className="mb-4">
      <h2 className="mb-1 text-lg font-semibold">{t("rules.first_claim")}</h2>
      <Form method="post" noValidate className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="intent" value="set_first_claim_bonus" />
        <TextField
          id="f-first-claim"
          className="mb-0 w-40"
          label={t("rules.first_claim_points")}
          name="firstClaimBonus"
          inputMode="numeric"
          defaultValue={errors ? typed : String(value)}
          errors={errors}
          hint={t("rules.first_claim_hint")}
        />
        <Button type="submit" variant="secondary" className="mb-1">
          {t("common.save")}
        </Button>
      </Form>
    </Card>
  );
}
