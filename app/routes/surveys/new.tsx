import { Form, useActionData, useLoaderData } from "react-router";
import { getDb } from "@db/client";
import { PARTNER_ROLES, TIERS } from "@db/schema/enums";
import { surveySchema } from "~/domain/surveys/forms";
import { createSurvey } from "~/domain/surveys/surveys.server";
import { BackLink, Button, Card, FormErrors, PageHeader, TextAreaField, TextField, errorsOf, valuesOf } from "~/components/ui";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { isoDay, addDays } from "~/lib/dates";
import { parseForm } from "~/lib/forms.server";
import { createAndOpen } from "~/lib/intents.server";
import type { Route } from "./+types/new";

const LISTS = ["roles", "tiers"] as const;

export async function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "surveys.manage");
  return { today: isoDay(new Date()), inTwoWeeks: isoDay(addDays(new Date(), 14)) };
}

export async function action({ request, context }: Route.ActionArgs) {
  return createAndOpen(
    request,
    context,
    "surveys.manage",
    async (actor, formData) => `/surveys/${await createSurvey(await getDb(), actor, parseForm(surveySchema, formData))}/results`,
    { lists: LISTS },
  );
}

const EXAMPLE = `# About the programme
? [nps] How likely are you to recommend the programme to a colleague? | nps
? Which reward would you like more of? | choice | Tools; Electronics; Travel
? Is the claim form easy on your phone? | yes_no
? How useful are the trainings? | scale
? Anything else? | text`;

export default function NewSurvey() {
  const defaults = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const errors = errorsOf(result);
  const values = valuesOf(result);
  const lists = (result as { lists?: Record<string, string[]> } | undefined)?.lists;
  const checked = (list: string, v: string) => lists?.[list]?.includes(v) ?? false;
  return (
    <>
      <BackLink to="/surveys">{t("surveys.title")}</BackLink>
      <PageHeader title={t("surveys.new")} subtitle={t("surveys.new_hint")} />
      <FormErrors errors={errors} />
      <Form method="post" noValidate>
        <Card>
          <TextField label={t("surveys.field.title")} name="title" maxLength={120} defaultValue={values.title} errors={errors} />
          <TextAreaField
            label={t("surveys.field.intro")}
            name="intro"
            rows={2}
            maxLength={2000}
            defaultValue={values.intro}
            errors={errors}
          />
          <TextAreaField
            label={t("surveys.field.questions")}
            name="questionnaire"
            rows={10}
            className="font-mono"
            defaultValue={values.questionnaire ?? EXAMPLE}
            hint={t("surveys.field.questions_hint")}
            errors={errors}
          />
          <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-3">
            <TextField
              label={t("surveys.field.opens")}
              name="opensOn"
              type="date"
              defaultValue={values.opensOn ?? defaults.today}
              errors={errors}
            />
            <TextField
              label={t("surveys.field.closes")}
              name="closesOn"
              type="date"
              defaultValue={values.closesOn ?? defaults.inTwoWeeks}
              errors={errors}
            />
            <TextField
              label={t("surveys.field.points")}
              name="points"
              inputMode="numeric"
              defaultValue={values.points ?? "0"}
              hint={t("surveys.field.points_hint")}
              errors={errors}
            />
          </div>
          <fieldset className="mb-4">
            <legend className="mb-1 text-sm font-medium text-slate-700">{t("surveys.field.roles")}</legend>
            <div className="flex flex-wrap gap-2">
              {PARTNER_ROLES.map((r) => (
                <label key={r} className="flex min-h-11 items-center gap-2 rounded-lg border border-slate-300 px-3 text-sm">
                  <input type="checkbox" name="roles" value={r} defaultChecked={checked("roles", r)} />
                  {t(`role.${r}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset className="mb-4">
            <legend className="mb-1 text-sm font-medium text-slate-700">{t("surveys.field.tiers")}</legend>
            <div className="flex flex-wrap gap-2">
              {TIERS.map((tier) => (
                <label key={tier} className="flex min-h-11 items-center gap-2 rounded-lg border border-slate-300 px-3 text-sm">
                  <input type="checkbox" name="tiers" value={tier} defaultChecked={checked("tiers", tier)} />
                  {t(`tier.${tier}`)}
                </label>
              ))}
            </div>
            <p className="mt-1 text-xs text-slate-500">{t("surveys.field.audience_hint")}</p>
          </fieldset>
          <Button type="submit">{t("surveys.publish")}</Button>
        </Card>
      </Form>
    </>
  );
}
