import { Form } from "react-router";
import { LOCALE_NAMES, LOCALES, PARTNER_ROLES, TIERS, type Locale } from "@db/schema/enums";
import type { Segment } from "@db/schema/communication";
import { useT } from "~/i18n/react";
import type { FieldErrors } from "~/lib/form-types";
import { Button, Card, SelectField, TextAreaField, TextField } from "./ui";

/** The language names shown next to per-language fields, each in its own language. */
export const LANGUAGE_NAMES: Record<Locale, string> = LOCALE_NAMES;

export const SEGMENT_LISTS = ["tiers", "regions", "organisationIds", "roles", "hobbyIds"] as const;

type Attachable = { path: string; label: string };

type Options = {
  regions: string[];
  partners: Array<{ id: string; name: string }>;
  hobbies: Array<{ id: string; nameEn: string }>;
  /** What may be attached (attachOptions in the domain). */
  attach: { contests: Attachable[]; courses: Attachable[]; rewards: Attachable[] };
};

type Saved = {
  contents: Array<{ locale: Locale; title: string; bodyMarkdown: string }>;
  link: string | null;
  segment: Segment;
};

function Checks({
  legend,
  name,
  options,
  chosen,
}: {
  legend: string;
  name: string;
  options: Array<{ value: string; label: string }>;
  chosen: string[];
}) {
  if (!options.length) return null;
  return (
    <fieldset className="mb-4">
      <legend className="mb-1 text-sm font-medium text-slate-700">{legend}</legend>
      <div className="flex flex-wrap gap-x-4">
        {options.map((o) => (
          <label key={o.value} className="flex min-h-11 items-center gap-2 text-sm">
            <input type="checkbox" name={name} value={o.value} defaultChecked={chosen.includes(o.value)} className="h-5 w-5" />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * Writing an announcement: a title and Markdown body per programme language, an optional link,
 * and who it goes to. After a refusal the form shows what was typed (`values`, `lists`).
 */
export function AnnouncementForm({
  saved,
  options,
  errors,
  values,
  lists,
  manufacturer,
  submitLabel,
}: {
  saved?: Saved;
  options: Options;
  errors: FieldErrors;
  values: Record<string, string>;
  lists?: Record<string, string[]>;
  manufacturer: boolean;
  submitLabel: string;
}) {
  const t = useT();
  const typed = Object.keys(values).length > 0;
  const value = (name: string, fromSaved: string | undefined) => (typed ? (values[name] ?? "") : (fromSaved ?? ""));
  const attachChoices = [
    { value: "", label: t("communication.attach.none") },
    ...options.attach.contests.map((a) => ({ value: a.path, label: t("communication.attach.contest", { name: a.label }) })),
    ...options.attach.courses.map((a) => ({ value: a.path, label: t("communication.attach.course", { name: a.label }) })),
    ...options.attach.rewards.map((a) => ({ value: a.path, label: t("communication.attach.reward", { name: a.label }) })),
  ];
  const attachPaths = new Set(attachChoices.map((c) => c.value).filter(Boolean));
  const chosen = (name: (typeof SEGMENT_LISTS)[number]) => (typed ? (lists?.[name] ?? []) : (saved?.segment[name] ?? []));
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="save" />
      <div className="grid gap-4 lg:grid-cols-2">
        {LOCALES.map((l) => {
          const content = saved?.contents.find((c) => c.locale === l);
          return (
            <Card key={l}>
              <h2 className="mb-3 text-lg font-semibold" lang={l}>
                {LANGUAGE_NAMES[l]}
              </h2>
              <TextField
                label={t("communication.field.title", { language: LANGUAGE_NAMES[l] })}
                name={`title_${l}`}
                defaultValue={value(`title_${l}`, content?.title)}
                maxLength={150}
                errors={errors}
              />
              <TextAreaField
                label={t("communication.field.body", { language: LANGUAGE_NAMES[l] })}
                name={`body_${l}`}
                defaultValue={value(`body_${l}`, content?.bodyMarkdown)}
                rows={8}
                maxLength={20_000}
                hint={t("communication.field.body_hint")}
                errors={errors}
              />
            </Card>
          );
        })}
      </div>
      <Card className="mt-4">
        <h2 className="mb-1 text-lg font-semibold">{t("communication.segment.title")}</h2>
        <p className="mb-3 text-sm text-slate-600">
          {manufacturer ? t("communication.segment.hint") : t("communication.segment.hint_own")}
        </p>
        {manufacturer ? (
          <>
            <Checks
              legend={t("communication.segment.tiers")}
              name="tiers"
              chosen={chosen("tiers")}
              options={TIERS.map((x) => ({ value: x, label: t(`tier.${x}`) }))}
            />
            <Checks
              legend={t("communication.segment.regions")}
              name="regions"
              chosen={chosen("regions")}
              options={options.regions.map((r) => ({ value: r, label: r }))}
            />
            <Checks
              legend={t("communication.segment.partners")}
              name="organisationIds"
              chosen={chosen("organisationIds")}
              options={options.partners.map((p) => ({ value: p.id, label: p.name }))}
            />
          </>
        ) : null}
        <Checks
          legend={t("communication.segment.roles")}
          name="roles"
          chosen={chosen("roles")}
          options={PARTNER_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
        />
        <Checks
          legend={t("communication.segment.hobbies")}
          name="hobbyIds"
          chosen={chosen("hobbyIds")}
          options={options.hobbies.map((h) => ({ value: h.id, label: h.nameEn }))}
        />
        <div className="grid gap-x-4 sm:grid-cols-2">
          <TextField
            label={t("communication.segment.active_within")}
            name="activeWithinDays"
            inputMode="numeric"
            defaultValue={value("activeWithinDays", saved?.segment.activeWithinDays?.toString())}
            errors={errors}
          />
          <TextField
            label={t("communication.segment.inactive_for")}
            name="inactiveForDays"
            inputMode="numeric"
            defaultValue={value("inactiveForDays", saved?.segment.inactiveForDays?.toString())}
            errors={errors}
          />
        </div>
        <SelectField
          label={t("communication.field.attach")}
          name="attach"
          defaultValue={value("attach", attachPaths.has(saved?.link ?? "") ? (saved?.link ?? "") : "")}
          hint={t("communication.field.attach_hint")}
          options={attachChoices}
          errors={errors}
        />
        <TextField
          label={t("communication.field.link")}
          name="link"
          defaultValue={value("link", saved?.link && !attachPaths.has(saved.link) ? saved.link : "")}
          hint={t("communication.field.link_hint")}
          maxLength={300}
          errors={errors}
        />
        <Button type="submit">{submitLabel}</Button>
      </Card>
    </Form>
  );
}
