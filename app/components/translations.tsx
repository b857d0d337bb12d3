import { Form, useLocation } from "react-router";
import { Link } from "~/components/link";
import { DEFAULT_LOCALE, LOCALE_NAMES, LOCALES, type Locale } from "@db/schema/enums";
import { useT } from "~/i18n/react";
import type { FieldErrors } from "~/lib/form-types";
import { Badge, Button, Card, Notice, TextAreaField, TextField, errorsOf, valuesOf } from "./ui";

/** The page's address with one parameter set, the others kept (e.g. which category is open). */
function withParam(search: string, name: string, value: string): string {
  const params = new URLSearchParams(search);
  params.set(name, value);
  return params.toString();
}

export type TranslatableField = { name: string; label: string; long?: boolean; maxLength: number; text: string };

/**
 * The editor's language tabs for one authored row (issue 18): one tab per language besides the
 * programme default, each marked "Not yet translated" until every field has its text; the open
 * tab (`?lang=`) holds that language's form, with the default text beside each field.
 */
export function TranslationsCard({
  fields,
  translations,
  errors,
  values,
  saved,
}: {
  fields: TranslatableField[];
  translations: Partial<Record<Locale, Record<string, string>>>;
  errors: FieldErrors;
  values: Record<string, string>;
  saved: boolean;
}) {
  const t = useT();
  const location = useLocation();
  const asked = new URLSearchParams(location.search).get("lang") ?? values.locale;
  const others = LOCALES.filter((l) => l !== DEFAULT_LOCALE);
  const open: Locale = others.find((l) => l === asked) ?? others[0];
  const complete = (l: Locale) => fields.every((f) => translations[l]?.[f.name]);
  const mine = translations[open] ?? {};
  return (
    <Card className="mt-4">
      <h2 className="mb-1 text-lg font-semibold">{t("content.translations")}</h2>
      <p className="mb-3 text-sm text-slate-600">{t("content.hint", { language: LOCALE_NAMES[DEFAULT_LOCALE] })}</p>
      <nav aria-label={t("content.languages")} className="mb-4 flex flex-wrap gap-2">
        {others.map((l) => (
          <Link
            key={l}
            to={`?${withParam(location.search, "lang", l)}`}
            preventScrollReset
            aria-current={l === open ? "page" : undefined}
            className={`inline-flex min-h-11 items-center gap-2 rounded-lg border px-3 text-sm ${l === open ? "border-brand-600 bg-brand-50 font-semibold" : "border-slate-300 bg-white"}`}
          >
            <span lang={l}>{LOCALE_NAMES[l]}</span>
            {complete(l) ? (
              <Badge tone="green">{t("content.translated")}</Badge>
            ) : (
              <Badge tone="amber">{t("content.not_translated")}</Badge>
            )}
          </Link>
        ))}
      </nav>
      {saved ? <Notice>{t("content.saved")}</Notice> : null}
      <Form method="post" action={`${location.pathname}?${withParam(location.search, "lang", open)}`} key={open} lang={open}>
        <input type="hidden" name="intent" value="translate" />
        <input type="hidden" name="locale" value={open} />
        {fields.map((f) => {
          const props = {
            label: `${f.label} (${LOCALE_NAMES[open]})`,
            name: `t_${f.name}`,
            defaultValue: values.locale === open ? (values[`t_${f.name}`] ?? "") : (mine[f.name] ?? ""),
            maxLength: f.maxLength,
            errors,
            hint: t("content.default_text", {
              language: LOCALE_NAMES[DEFAULT_LOCALE],
              text: f.text.length > 160 ? `${f.text.slice(0, 160)}…` : f.text,
            }),
          };
          return f.long ? <TextAreaField key={f.name} rows={5} {...props} /> : <TextField key={f.name} {...props} />;
        })}
        <Button type="submit" variant="secondary">
          {t("content.save")}
        </Button>
      </Form>
    </Card>
  );
}

type UnitItem = { key: string; text: string; max: number; long?: boolean; label: string; vars?: Record<string, number> };

/**
 * The TranslationsCard for texts translated together (a course with its lessons and questions, a
 * product with its category), as `unitTranslations` loads them; `result` is the page's action
 * data, whose errors and typed values belong to this card when its "translate" form failed.
 */
export function UnitTranslations({
  unit,
  result,
}: {
  unit: { items: UnitItem[]; translations: Partial<Record<Locale, Record<string, string>>> };
  result: unknown;
}) {
  const t = useT();
  const values = valuesOf(result as never) as Record<string, string>;
  const mine = values.intent === "translate";
  return (
    <TranslationsCard
      fields={unit.items.map((i) => ({ name: i.key, label: t(i.label, i.vars), long: i.long, maxLength: i.max, text: i.text }))}
      translations={unit.translations}
      errors={mine ? errorsOf(result as never) : {}}
      values={mine ? values : {}}
      saved={!!result && typeof result === "object" && "translated" in result}
    />
  );
}
