import { Form, useActionData, useLoaderData, useNavigation } from "react-router";
import { getDb } from "@db/client";
import { periodSchema, settingsSchema, toBp } from "~/domain/costshare/forms";
import { createPeriod, getSettings, listPeriods, saveSettings } from "~/domain/costshare/funds.server";
import { percent } from "~/domain/costshare/rule";
import { Button, Card, FormErrors, Notice, PageHeader, SelectField, TextField, errorsOf, valuesOf } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import { can } from "~/lib/permissions";
import type { Route } from "./+types/periods";

/** Cost-share periods (quarter or year) and the programme's rule; the rule and thresholds are an admin's to change. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "costshare.decide");
  const db = await getDb();
  const [settings, periods] = await Promise.all([getSettings(db), listPeriods(db)]);
  return { settings, periods, canEditRule: can(actor.role, "programme.manage") };
}

export async function action({ request, context }: Route.ActionArgs) {
  const db = await getDb();
  return dispatchIntent(request, context, "costshare.decide", {
    create_period: {
      run: async (actor, formData) => {
        await createPeriod(db, actor, parseForm(periodSchema, formData));
        return { ok: true as const, done: "period_created" };
      },
    },
    save_settings: {
      can: "programme.manage",
      run: async (actor, formData) => {
        const { currency } = await getSettings(db);
        const v = parseForm(settingsSchema(currency), formData);
        await saveSettings(db, actor, {
          ruleKind: v.ruleKind,
          baseShareBp: toBp(v.baseShare),
          shareTable: [v.share0, v.share1, v.share2, v.share3].map(toBp),
          leadBusinessDays: v.leadBusinessDays,
          claimWindowDays: v.claimWindowDays,
          expiryDays: v.expiryDays,
          secondApprovalAboveMinor: v.secondApprovalAbove,
        });
        return { ok: true as const, done: "settings_saved" };
      },
    },
  });
}

export default function CostSharePeriods() {
  const { settings, periods, canEditRule } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const values = valuesOf(result);
  const t = useT();
  const f = useFormat();
  const busy = useNavigation().state !== "idle";
  const pct = (bp: number) => String(bp / 100);
  return (
    <>
      <PageHeader title={t("costshare.periods_title")} subtitle={t("costshare.periods_subtitle")} />
      {result && "done" in result ? <Notice>{t(`costshare.done.${result.done}`)}</Notice> : null}
      <FormErrors errors={errors} />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <h2 className="mb-2 font-semibold">{t("costshare.periods_list")}</h2>
          <ul className="mb-4 space-y-1 text-sm">
            {periods.map((p) => (
              <li key={p.id}>
                <span className="font-medium">{p.name}</span>: {f.day(p.startsOn)} – {f.day(p.endsOn)} ·{" "}
                {t("costshare.expires_on", { day: f.day(p.expiresOn) })}
              </li>
            ))}
          </ul>
          <Form method="post">
            <TextField label={t("costshare.period_name")} name="name" defaultValue={values.name} errors={errors} maxLength={60} />
            <div className="grid gap-x-4 sm:grid-cols-2">
              <TextField label={t("costshare.form.starts")} name="startsOn" type="date" defaultValue={values.startsOn} errors={errors} />
              <TextField label={t("costshare.form.ends")} name="endsOn" type="date" defaultValue={values.endsOn} errors={errors} />
            </div>
            <Button type="submit" name="intent" value="create_period" disabled={busy}>
              {t("costshare.create_period")}
            </Button>
          </Form>
        </Card>
        <Card>
          <h2 className="mb-2 font-semibold">{t("costshare.rule_title")}</h2>
          <p className="mb-3 text-sm text-slate-700">
            {settings.ruleKind === "formula"
              ? t("costshare.rule_formula_now", { base: percent(settings.baseShareBp) })
              : t("costshare.rule_table_now", { table: settings.shareTable.map(percent).join(" / ") })}{" "}
            {t("costshare.threshold_now", { amount: f.money(settings.secondApprovalAboveMinor, settings.currency) })}
          </p>
          {canEditRule ? (
            <Form method="post">
              <SelectField
                label={t("costshare.rule_kind")}
                name="ruleKind"
                defaultValue={values.ruleKind ?? settings.ruleKind}
                options={[
                  { value: "table", label: t("costshare.rule_kind.table") },
                  { value: "formula", label: t("costshare.rule_kind.formula") },
                ]}
                errors={errors}
              />
              <TextField
                label={t("costshare.base_share")}
                name="baseShare"
                inputMode="decimal"
                defaultValue={values.baseShare ?? pct(settings.baseShareBp)}
                errors={errors}
              />
              <div className="grid grid-cols-2 gap-x-4 sm:grid-cols-4">
                {[0, 1, 2, 3].map((i) => (
                  <TextField
                    key={i}
                    label={t("costshare.share_for", { count: i })}
                    name={`share${i}`}
                    inputMode="decimal"
                    defaultValue={values[`share${i}`] ?? pct(settings.shareTable[i] ?? 0)}
                    errors={errors}
                  />
                ))}
              </div>
              <div className="grid gap-x-4 sm:grid-cols-3">
                <TextField
                  label={t("costshare.lead_days")}
                  name="leadBusinessDays"
                  inputMode="numeric"
                  defaultValue={values.leadBusinessDays ?? String(settings.leadBusinessDays)}
                  errors={errors}
                />
                <TextField
                  label={t("costshare.claim_window")}
                  name="claimWindowDays"
                  inputMode="numeric"
                  defaultValue={values.claimWindowDays ?? String(settings.claimWindowDays)}
                  errors={errors}
                />
                <TextField
                  label={t("costshare.expiry_days")}
                  name="expiryDays"
                  inputMode="numeric"
                  defaultValue={values.expiryDays ?? String(settings.expiryDays)}
                  errors={errors}
                />
              </div>
              <TextField
                label={t("costshare.threshold", { currency: settings.currency })}
                name="secondApprovalAbove"
                inputMode="decimal"
                defaultValue={values.secondApprovalAbove ?? f.moneyInput(settings.secondApprovalAboveMinor, settings.currency)}
                errors={errors}
              />
              <Button type="submit" name="intent" value="save_settings" disabled={busy}>
                {t("costshare.save_rule")}
              </Button>
            </Form>
          ) : null}
        </Card>
      </div>
    </>
  );
}
