import { PARTNER_ROLES } from "@db/schema/enums";
import type { ReactNode } from "react";
import { Form } from "react-router";
import { Button, Card, FormErrors, PageHeader, TextAreaField, TextField, errorsOf, valuesOf } from "~/components/ui";
import { useT } from "~/i18n/react";
import type { FieldErrors } from "~/lib/form-types";

export function RoleChecks({
  name,
  legend,
  hint,
  selected,
  errors,
}: {
  name: string;
  legend: string;
  hint: string;
  selected: readonly string[];
  errors?: FieldErrors;
}) {
  const t = useT();
  const messages = errors?.[name];
  return (
    <fieldset className="mb-4">
      <legend className="mb-1 text-sm font-medium text-slate-700">{legend}</legend>
      <div className="flex flex-wrap gap-x-4">
        {PARTNER_ROLES.map((r) => (
          <label key={r} className="flex min-h-11 items-center gap-2">
            <input type="checkbox" name={name} value={r} defaultChecked={selected.includes(r)} className="h-5 w-5 accent-brand-600" />
            {t(`role.${r}`)}
          </label>
        ))}
      </div>
      <p className="mt-1 text-xs text-slate-500">{hint}</p>
      {messages?.length ? (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {messages.map((m) => t(m.key, m.vars)).join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}

type CourseValues = {
  title: string;
  description: string;
  targetRoles: readonly string[];
  points: string;
  passMark: string;
  attemptsLimit: string;
  cooldownHours: string;
  certificateMonths: string;
  /** A boolean from the course, or the form's echo ("on" when it was ticked). */
  showWrongAnswers: boolean | string;
};

export function CourseFields({ values, errors }: { values: CourseValues; errors: FieldErrors }) {
  const t = useT();
  return (
    <div className="grid gap-x-4 md:grid-cols-2">
      <TextField label={t("training.field.title")} name="title" defaultValue={values.title} errors={errors} className="md:col-span-2" />
      <div className="md:col-span-2">
        <TextAreaField
          label={t("training.field.description")}
          name="description"
          defaultValue={values.description}
          errors={errors}
          rows={3}
        />
        <RoleChecks
          name="targetRoles"
          legend={t("training.field.target_roles")}
          hint={t("training.field.target_roles_hint")}
          selected={values.targetRoles}
          errors={errors}
        />
      </div>
      <TextField label={t("training.field.points")} name="points" inputMode="numeric" defaultValue={values.points} errors={errors} />
      <TextField label={t("training.field.pass_mark")} name="passMark" inputMode="numeric" defaultValue={values.passMark} errors={errors} />
      <TextField
        label={t("training.field.attempts_limit")}
        name="attemptsLimit"
        inputMode="numeric"
        defaultValue={values.attemptsLimit}
        errors={errors}
      />
      <TextField
        label={t("training.field.cooldown_hours")}
        name="cooldownHours"
        inputMode="numeric"
        defaultValue={values.cooldownHours}
        errors={errors}
      />
      <TextField
        label={t("training.field.certificate_months")}
        name="certificateMonths"
        inputMode="numeric"
        defaultValue={values.certificateMonths}
        errors={errors}
      />
      <label className="mb-4 flex min-h-11 items-start gap-3 md:col-span-2">
        <input
          type="checkbox"
          name="showWrongAnswers"
          defaultChecked={values.showWrongAnswers === true || values.showWrongAnswers === "on"}
          className="mt-1 h-5 w-5 accent-brand-600"
        />
        <span>
          <span className="block text-sm font-medium text-slate-700">{t("pages.training.show_wrong")}</span>
          <span className="block text-xs text-slate-600">{t("pages.training.show_wrong_hint")}</span>
        </span>
      </label>
    </div>
  );
}

type WebinarValues = {
  title: string;
  description: string;
  speaker: string;
  startsLocal: string;
  timeZone: string;
  durationMinutes: string;
  joinUrl: string;
  capacity: string;
  targetRoles: readonly string[];
  regions: string;
  points: string;
};

export function WebinarFields({ values, errors }: { values: WebinarValues; errors: FieldErrors }) {
  const t = useT();
  return (
    <div className="grid gap-x-4 md:grid-cols-2">
      <TextField label={t("training.field.title")} name="title" defaultValue={values.title} errors={errors} className="md:col-span-2" />
      <TextField label={t("training.field.speaker")} name="speaker" defaultValue={values.speaker} errors={errors} />
      <TextField
        label={t("training.field.join_url")}
        name="joinUrl"
        type="url"
        inputMode="url"
        defaultValue={values.joinUrl}
        errors={errors}
      />
      <TextField
        label={t("training.field.starts")}
        name="startsLocal"
        type="datetime-local"
        defaultValue={values.startsLocal}
        errors={errors}
      />
      <TextField
        label={t("training.field.time_zone")}
        name="timeZone"
        defaultValue={values.timeZone}
        errors={errors}
        hint={t("training.field.time_zone_hint")}
        list="time-zones"
      />
      <datalist id="time-zones">
        {[
          "Europe/London",
          "Europe/Vilnius",
          "Europe/Riga",
          "Europe/Moscow",
          "Asia/Yekaterinburg",
          "Asia/Kolkata",
          "Asia/Manila",
          "UTC",
        ].map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <TextField
        label={t("training.field.duration")}
        name="durationMinutes"
        inputMode="numeric"
        defaultValue={values.durationMinutes}
        errors={errors}
      />
      <TextField
        label={t("training.field.capacity")}
        name="capacity"
        inputMode="numeric"
        defaultValue={values.capacity}
        errors={errors}
        hint={t("training.field.capacity_hint")}
      />
      <AttendanceFields values={values} errors={errors} />
    </div>
  );
}

/** The ticked roles after a refused submit (all of them), else the saved ones. */
/**
 * What a webinar and an in-person event share at the end of their forms: the points for
 * attending, the regions and roles it is offered to, and its description.
 */
export function AttendanceFields({
  values,
  errors,
}: {
  values: { points: string; regions: string; targetRoles: readonly string[]; description: string };
  errors: FieldErrors;
}) {
  const t = useT();
  return (
    <>
      <TextField label={t("training.field.points")} name="points" inputMode="numeric" defaultValue={values.points} errors={errors} />
      <TextField
        label={t("training.field.regions")}
        name="regions"
        defaultValue={values.regions}
        errors={errors}
        hint={t("training.field.regions_hint")}
      />
      <div className="md:col-span-2">
        <RoleChecks
          name="targetRoles"
          legend={t("training.field.webinar_roles")}
          hint={t("training.field.webinar_roles_hint")}
          selected={values.targetRoles}
          errors={errors}
        />
        <TextAreaField
          label={t("training.field.description")}
          name="description"
          defaultValue={values.description}
          errors={errors}
          rows={3}
        />
      </div>
    </>
  );
}

export function echoedRoles(result: unknown, fallback: readonly string[]): readonly string[] {
  return (result as { lists?: { targetRoles?: string[] } } | undefined)?.lists?.targetRoles ?? fallback;
}

/**
 * The trainer's "new course" and "new webinar" page: a title, the item's fields (starting from
 * `defaults`, or what was typed when the form came back refused) and one create button.
 */
export function NewTrainingItem<V extends Record<string, string>>({
  title,
  result,
  defaults,
  fields,
}: {
  title: string;
  result: unknown;
  defaults: V;
  fields: (values: V & { targetRoles: readonly string[] }, errors: FieldErrors) => ReactNode;
}) {
  const errors = errorsOf(result);
  const t = useT();
  return (
    <>
      <PageHeader title={title} />
      <Card>
        <FormErrors errors={errors} />
        <Form method="post" noValidate>
          {fields({ ...defaults, ...valuesOf(result), targetRoles: echoedRoles(result, []) }, errors)}
          <Button type="submit">{t("training.manage.create")}</Button>
        </Form>
      </Card>
    </>
  );
}
