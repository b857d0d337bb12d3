import { Form } from "react-router";
import { Button, Card, FormErrors, Notice, TextField } from "~/components/ui";
import { useFormat, useLocale, useT } from "~/i18n/react";
import type { FieldErrors } from "~/lib/form-types";

type Row = { country: string; currency: string; pointValueMinor: number };

/** Currency and point value per country (issue 18): partners in a listed country see points in that money. */
export function CountryValuesCard(props: {
  rows: Row[];
  canEdit: boolean;
  programme: { currency: string; minorPerPoint: number };
  echo: Record<string, string> | null;
  errors: FieldErrors;
  /** What the last save or removal did, shown in this card, next to the button pressed. */
  notice: string | null;
}) {
  const t = useT();
  const f = useFormat();
  const locale = useLocale();
  const names = new Intl.DisplayNames([locale], { type: "region" });
  const countryName = (code: string) => {
    try {
      return names.of(code) ?? code;
    } catch {
      return code;
    }
  };
  const editing = props.echo?.intent === "country.save";
  return (
    <Card className="mt-4">
      <h2 className="mb-1 text-lg font-semibold">{t("currency.title")}</h2>
      <p className="mb-4 text-sm text-slate-600">
        {t("currency.intro", { money: f.money(props.programme.minorPerPoint, props.programme.currency) })}
      </p>
      {props.notice ? <Notice>{props.notice}</Notice> : null}
      <FormErrors errors={props.errors} />
      {props.rows.length ? (
        <ul className="mb-4 divide-y divide-slate-100" data-testid="country-values">
          {props.rows.map((r) => (
            <li key={r.country} className="flex min-h-11 flex-wrap items-center justify-between gap-2 py-2">
              <span className="text-sm">
                <span className="font-medium">{`${countryName(r.country)} (${r.country})`}</span> ·{" "}
                {t("currency.row", { currency: r.currency, money: f.money(r.pointValueMinor, r.currency) })}
              </span>
              {props.canEdit ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="country.remove" />
                  <input type="hidden" name="country" value={r.country} />
                  <Button type="submit" variant="secondary" aria-label={t("currency.remove_named", { country: countryName(r.country) })}>
                    {t("currency.remove")}
                  </Button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mb-4 text-sm text-slate-500">{t("currency.none")}</p>
      )}
      {props.canEdit ? (
        <Form method="post" noValidate key={props.rows.map((r) => `${r.country}${r.pointValueMinor}${r.currency}`).join()}>
          <input type="hidden" name="intent" value="country.save" />
          <h3 className="mb-2 text-sm font-semibold">{t("currency.add")}</h3>
          <div className="grid gap-x-4 md:grid-cols-3">
            <TextField
              label={t("currency.field.country")}
              name="country"
              defaultValue={editing ? props.echo?.country : ""}
              errors={editing ? props.errors : {}}
              hint={t("currency.hint.country")}
              autoCapitalize="characters"
              maxLength={2}
            />
            <TextField
              label={t("currency.field.currency")}
              name="countryCurrency"
              defaultValue={editing ? props.echo?.countryCurrency : ""}
              errors={editing ? props.errors : {}}
              hint={t("currency.hint.currency")}
              autoCapitalize="characters"
              maxLength={3}
            />
            <TextField
              label={t("currency.field.point_value")}
              name="countryPointValue"
              inputMode="decimal"
              defaultValue={editing ? props.echo?.countryPointValue : ""}
              errors={editing ? props.errors : {}}
              hint={t("currency.hint.point_value")}
            />
          </div>
          <Button type="submit">{t("currency.save")}</Button>
        </Form>
      ) : null}
    </Card>
  );
}
