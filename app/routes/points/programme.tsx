import { Form, useActionData, useLoaderData } from "react-router";
import { getDb } from "@db/client";
import { programmeSettingsSchema, readExpiryForm } from "~/domain/points/forms";
import { EXPIRY_SOURCES, type ExpiryChoice, listEarningExpiry, saveEarningExpiry } from "~/domain/points/earning-expiry.server";
import { getSettings } from "~/domain/points/ledger.server";
import { updateProgrammeSettings } from "~/domain/points/programme.server";
import { countryRemoveSchema, countryValueSchema } from "~/domain/points/currency-forms";
import { listCountryValues, removeCountryValue, saveCountryValue } from "~/domain/points/currency.server";
import { CountryValuesCard } from "~/components/points/country-values";
import { Button, Card, FormErrors, Notice, PageHeader, TextField, errorsOf, valuesOf } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { FormInvalid, parseForm, readForm, runAction } from "~/lib/forms.server";
import { currencyDigits } from "~/lib/money";
import { can } from "~/lib/permissions";
import type { Route } from "./+types/programme";

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "programme.view");
  const db = await getDb();
  const s = await getSettings(db);
  return {
    expiry: await listEarningExpiry(db),
    countryValues: await listCountryValues(db),
    settings: {
      currency: s.currency,
      pointValueMinor: s.pointValueMinor,
      expiryMonths: s.expiryMonths,
      welcomeBonus: s.welcomeBonus,
      monthlyEarnCap: s.monthlyEarnCap,
      expiryWarningDays: s.expiryWarningDays,
      claimWindowDays: s.claimWindowDays,
      partnerManagerCheck: s.partnerManagerCheck,
      updatedAt: s.updatedAt,
    },
    canEdit: can(actor.role, "programme.manage"),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireActor(context, request, "programme.manage");
  const formData = await readForm(request);
  return runAction(formData, async () => {
    // The second form on the page: how long points last per earning source (issue 19).
    if (formData.get("intent") === "expiry") {
      const { choices, errors } = readExpiryForm(formData, EXPIRY_SOURCES);
      if (Object.keys(errors).length) throw new FormInvalid(errors);
      const { changed } = await saveEarningExpiry(await getDb(), actor, choices as ExpiryChoice[]);
      return { ok: true as const, changed: [] as string[], expiryChanged: changed.length };
    }
    // The third card: currency and point value per country (issue 18).
    if (formData.get("intent") === "country.save") {
      const input = parseForm(countryValueSchema, formData);
      const { changed } = await saveCountryValue(await getDb(), actor, input);
      return {
        ok: true as const,
        changed: [] as string[],
        expiryChanged: null,
        country: changed ? ("saved" as const) : ("unchanged" as const),
      };
    }
    if (formData.get("intent") === "country.remove") {
      const { country } = parseForm(countryRemoveSchema, formData);
      await removeCountryValue(await getDb(), actor, country);
      return { ok: true as const, changed: [] as string[], expiryChanged: null, country: "removed" as const };
    }
    const input = parseForm(programmeSettingsSchema, formData);
    const { changed } = await updateProgrammeSettings(await getDb(), actor, input);
    return { ok: true as const, changed, expiryChanged: null as number | null, country: null };
  });
}

const NUMBER_FIELDS = [
  { name: "welcomeBonus", label: "programme.field.welcome_bonus", hint: "programme.hint.welcome_bonus" },
  { name: "monthlyEarnCap", label: "programme.field.cap", hint: "programme.hint.cap" },
  { name: "expiryMonths", label: "programme.field.expiry_months", hint: "programme.hint.expiry_months" },
  { name: "expiryWarningDays", label: "programme.field.warning_days", hint: "programme.hint.warning_days" },
  { name: "claimWindowDays", label: "programme.field.claim_window", hint: "programme.hint.claim_window" },
] as const;

export default function ProgrammeSettings() {
  const { settings, canEdit, expiry, countryValues } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const v = valuesOf(result);
  // A refused country row is shown in its own card, not in the programme form above it.
  const countryIntent = !!v.intent?.startsWith("country.");
  const failed = result?.ok === false && !countryIntent;
  const t = useT();
  const f = useFormat();
  const value = (name: keyof typeof settings) => (failed ? v[name] : String(settings[name] ?? ""));
  return (
    <>
      <PageHeader title={t("programme.title")} subtitle={t("programme.subtitle")} />
      {result?.ok && result.country ? null : result?.ok && result.expiryChanged !== null ? (
        <Notice>{t(result.expiryChanged ? "expiry.saved" : "programme.unchanged")}</Notice>
      ) : result?.ok ? (
        <Notice>
          {result.changed.length
            ? t("programme.saved", { fields: result.changed.map((c) => t(`programme.name.${c}`)).join(", ") })
            : t("programme.unchanged")}
        </Notice>
      ) : null}
      {!canEdit ? <Notice>{t("programme.read_only")}</Notice> : null}
      {countryIntent ? null : <FormErrors errors={errors} />}
      <Card>
        <p className="mb-4 text-sm text-slate-600">
          {t("programme.point_worth", { money: f.money(settings.pointValueMinor, settings.currency) })} ·{" "}
          {t("programme.updated", { date: f.dateTime(settings.updatedAt) })}
        </p>
        {/* A new key after each save shows the stored (normalised) values, e.g. "eur" saved as "EUR". */}
        <Form key={String(settings.updatedAt)} method="post" noValidate>
          <fieldset disabled={!canEdit} className="grid gap-x-4 md:grid-cols-2">
            <TextField
              label={t("programme.field.currency")}
              name="currency"
              defaultValue={value("currency")}
              errors={errors}
              hint={t("programme.hint.currency")}
              autoCapitalize="characters"
              maxLength={3}
            />
            <TextField
              label={t("programme.field.point_value", { currency: settings.currency })}
              name="pointValue"
              inputMode="decimal"
              defaultValue={failed ? v.pointValue : f.moneyInput(settings.pointValueMinor, settings.currency)}
              errors={errors}
              hint={t("programme.hint.point_value", {
                example: f.moneyInput(5 * 10 ** Math.max(0, currencyDigits(settings.currency) - 2), settings.currency),
              })}
            />
            {NUMBER_FIELDS.map((field) => (
              <TextField
                key={field.name}
                label={t(field.label)}
                name={field.name}
                inputMode="numeric"
                defaultValue={value(field.name)}
                errors={errors}
                hint={t(field.hint)}
              />
            ))}
            <div className="mb-4 md:col-span-2">
              <label className="flex min-h-11 items-center gap-3 text-sm font-medium text-slate-700">
                <input
                  type="checkbox"
                  name="partnerManagerCheck"
                  defaultChecked={failed ? v.partnerManagerCheck === "on" : settings.partnerManagerCheck}
                  className="h-5 w-5"
                />
                {t("programme.field.manager_check")}
              </label>
              <p className="mt-1 text-xs text-slate-500">{t("programme.hint.manager_check")}</p>
            </div>
            {canEdit ? (
              <div className="md:col-span-2">
                <Button type="submit">{t("common.save")}</Button>
              </div>
            ) : null}
          </fieldset>
        </Form>
      </Card>
      <ExpiryCard
        key={JSON.stringify(expiry)}
        expiry={expiry}
        canEdit={canEdit}
        months={settings.expiryMonths}
        echo={failed && v.intent === "expiry" ? v : null}
        errors={v.intent === "expiry" ? errors : {}}
      />
      <CountryValuesCard
        rows={countryValues}
        canEdit={canEdit}
        programme={{ currency: settings.currency, minorPerPoint: settings.pointValueMinor }}
        echo={countryIntent ? v : null}
        errors={countryIntent ? errors : {}}
        notice={result?.ok && result.country ? t(`currency.${result.country}`) : null}
      />
    </>
  );
}

/** How long points last per earning source: the programme's months, a number of months, or never. */
function ExpiryCard(props: {
  expiry: ExpiryChoice[];
  canEdit: boolean;
  months: number;
  echo: Record<string, string> | null;
  errors: ReturnType<typeof errorsOf>;
}) {
  const t = useT();
  return (
    <Card className="mt-4">
      <h2 className="mb-1 text-lg font-semibold">{t("expiry.title")}</h2>
      <p className="mb-4 text-sm text-slate-600">{t("expiry.intro", { months: props.months })}</p>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="expiry" />
        <fieldset disabled={!props.canEdit}>
          <ul className="divide-y divide-slate-100">
            {props.expiry.map((c) => {
              const rule = props.echo?.[`rule.${c.source}`] ?? c.rule;
              const months = props.echo?.[`months.${c.source}`] ?? (c.rule === "months" ? String(c.months) : "");
              const error = props.errors[`months.${c.source}`]?.map((m) => t(m.key)).join(" ");
              const id = `expiry-${c.source === "*" ? "any" : c.source}`;
              return (
                <li key={c.source} className="grid gap-2 py-3 md:grid-cols-[12rem_1fr_8rem] md:items-center">
                  <label htmlFor={`${id}-rule`} className="text-sm font-medium text-slate-800">
                    {t(`expiry.source.${c.source === "*" ? "any" : c.source}`)}
                  </label>
                  <select
                    id={`${id}-rule`}
                    name={`rule.${c.source}`}
                    defaultValue={rule}
                    className="min-h-11 rounded border border-slate-300 px-2"
                  >
                    <option value="default">{t("expiry.rule.default", { months: props.months })}</option>
                    <option value="months">{t("expiry.rule.months")}</option>
                    <option value="never">{t("expiry.rule.never")}</option>
                  </select>
                  <div>
                    <label htmlFor={`${id}-months`} className="sr-only">
                      {t("expiry.months_label")}
                    </label>
                    <input
                      id={`${id}-months`}
                      name={`months.${c.source}`}
                      inputMode="numeric"
                      defaultValue={months}
                      placeholder={t("expiry.months_label")}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `${id}-error` : undefined}
                      className="min-h-11 w-full rounded border border-slate-300 px-2"
                    />
                    {error ? (
                      <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
                        {error}
                      </p>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ul>
          {props.canEdit ? (
            <Button type="submit" className="mt-3">
              {t("common.save")}
            </Button>
          ) : null}
        </fieldset>
      </Form>
    </Card>
  );
}
