import type { ComponentProps } from "react";
import { PARTNER_ROLES, TIERS } from "@db/schema/enums";
import { Form } from "react-router";
import { Button, SelectField, TextField } from "~/components/ui";
import { useT } from "~/i18n/react";
import type { FieldErrors } from "~/lib/form-types";
import { inclusiveEndDay, isoDay } from "~/lib/dates";

export function TextArea({
  label,
  name,
  errors,
  className = "",
  ...rest
}: { label: string; name: string; errors?: FieldErrors } & ComponentProps<"textarea">) {
  const t = useT();
  const id = rest.id ?? `f-${name}`;
  const messages = errors?.[name];
  return (
    <div className={`mb-4 ${className}`}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        aria-invalid={messages?.length ? true : undefined}
        aria-describedby={messages?.length ? `${id}-error` : undefined}
        className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base aria-invalid:border-red-500"
        {...rest}
      />
      {messages?.length ? (
        <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-700">
          {messages.map((m) => t(m.key, m.vars)).join(" ")}
        </p>
      ) : null}
    </div>
  );
}

function Checkboxes({
  legend,
  name,
  options,
  checked,
  errors,
}: {
  legend: string;
  name: string;
  options: Array<{ value: string; label: string }>;
  checked: string[];
  errors?: FieldErrors;
}) {
  const t = useT();
  return (
    <fieldset className="mb-4">
      <legend className="mb-1 text-sm font-medium text-slate-700">{legend}</legend>
      <div className="flex flex-wrap gap-2">
        {options.map((o) => (
          <label key={o.value} className="inline-flex min-h-10 items-center gap-2 rounded-lg border border-slate-300 px-3 text-sm">
            <input type="checkbox" name={name} value={o.value} defaultChecked={checked.includes(o.value)} />
            {o.label}
          </label>
        ))}
      </div>
      {errors?.[name] ? (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {errors[name].map((m) => t(m.key, m.vars)).join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}

export type RewardFormValues = {
  categoryId: string;
  name: string;
  description: string;
  pointsPrice: string;
  tiers: string[];
  roles: string[];
  activeFrom: string;
  activeUntil: string;
  active: boolean;
};

const day = (d: Date | string | null | undefined) => (d ? isoDay(new Date(d)) : "");
const lastDay = (d: Date | string | null | undefined) => (d ? inclusiveEndDay(new Date(d)) : "");

/** Form values of a stored reward; the stored end is exclusive, the form shows the last day. */
export function rewardFormValues(r: {
  categoryId: string;
  name: string;
  description: string;
  pointsPrice: number;
  tiers: string[];
  roles: string[];
  activeFrom: Date | string | null;
  activeUntil: Date | string | null;
  active: boolean;
}): RewardFormValues {
  return {
    categoryId: r.categoryId,
    name: r.name,
    description: r.description,
    pointsPrice: String(r.pointsPrice),
    tiers: r.tiers,
    roles: r.roles,
    activeFrom: day(r.activeFrom),
    activeUntil: lastDay(r.activeUntil),
    active: r.active,
  };
}

/** The fields a reward has, for both "new" and "edit". */
export function RewardFields({
  categories,
  values,
  errors,
}: {
  categories: Array<{ id: string; nameEn: string }>;
  values: RewardFormValues;
  errors: FieldErrors;
}) {
  const t = useT();
  return (
    <>
      <div className="grid gap-x-4 md:grid-cols-2">
        <TextField label={t("shop.manage.name_en")} name="name" defaultValue={values.name} errors={errors} />
        <TextArea label={t("shop.manage.description_en")} name="description" rows={4} defaultValue={values.description} errors={errors} />
        <SelectField
          label={t("shop.manage.category")}
          name="categoryId"
          defaultValue={values.categoryId}
          errors={errors}
          options={[{ value: "", label: "—" }, ...categories.map((c) => ({ value: c.id, label: c.nameEn }))]}
        />
        <TextField
          label={t("shop.manage.price")}
          name="pointsPrice"
          inputMode="numeric"
          defaultValue={values.pointsPrice}
          errors={errors}
        />
        <TextField
          label={t("shop.manage.active_from")}
          name="activeFrom"
          type="date"
          defaultValue={values.activeFrom}
          errors={errors}
          hint={t("shop.manage.window_hint")}
        />
        <TextField label={t("shop.manage.active_until")} name="activeUntil" type="date" defaultValue={values.activeUntil} errors={errors} />
      </div>
      <Checkboxes
        legend={t("shop.manage.tiers")}
        name="tiers"
        checked={values.tiers}
        errors={errors}
        options={TIERS.map((x) => ({ value: x, label: t(`tier.${x}`) }))}
      />
      <Checkboxes
        legend={t("shop.manage.roles")}
        name="roles"
        checked={values.roles}
        errors={errors}
        options={PARTNER_ROLES.map((x) => ({ value: x, label: t(`role.${x}`) }))}
      />
      <p className="-mt-2 mb-4 text-xs text-slate-500">{t("shop.manage.visibility_hint")}</p>
      <label className="mb-4 flex min-h-10 items-center gap-2">
        <input type="checkbox" name="active" defaultChecked={values.active} />
        {t("shop.manage.active")}
      </label>
    </>
  );
}

/** The enable/disable button of one row (a category, a variant): posts the row's id and the intent for its state. */
export function ActiveToggle({
  field,
  id,
  active,
  intents,
}: {
  field: string;
  id: string;
  active: boolean;
  intents: { enable: string; disable: string };
}) {
  const t = useT();
  return (
    <Form method="post">
      <input type="hidden" name={field} value={id} />
      <Button type="submit" name="intent" value={active ? intents.disable : intents.enable} variant="secondary" className="min-h-9 px-2">
        {active ? t("shop.manage.disable") : t("shop.manage.enable")}
      </Button>
    </Form>
  );
}
