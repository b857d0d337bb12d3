import { useState } from "react";
import { Form, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { AnswerInput } from "~/components/questionnaire/answer-input";
import { BackLink, Button, Card, FormErrors, PageHeader, errorsOf, valuesOf } from "~/components/ui";
import { submitResponse, surveyForParticipant } from "~/domain/surveys/surveys.server";
import { useFormat, useT } from "~/i18n/react";
import { orNotFound, requireActor, requireId } from "~/lib/access.server";
import { readForm, runAction } from "~/lib/forms.server";
import type { Route } from "./+types/answer";

/** A participant answers a survey sent to them, on a phone; once answered, the page says so and shows the points. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "surveys.answer");
  const found = orNotFound(await surveyForParticipant(await getDb(), actor, requireId(params.surveyId)));
  const { survey } = found;
  return {
    survey: {
      id: survey.id,
      title: survey.title,
      intro: survey.intro,
      questionnaire: survey.questionnaire,
      points: survey.points,
      closesAt: survey.closesAt,
    },
    response: found.response,
    phase: found.phase,
    pageTitle: { name: survey.title },
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireActor(context, request, "surveys.answer");
  const surveyId = requireId(params.surveyId);
  const formData = await readForm(request);
  return runAction(formData, async () => {
    await submitResponse(await getDb(), actor, surveyId, formData);
    throw redirect(`/surveys/${surveyId}`);
  });
}

export default function AnswerSurvey() {
  const { survey, response, phase } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const f = useFormat();
  const errors = errorsOf(result);
  const [values, setValues] = useState<Record<string, string>>(valuesOf(result));
  const busy = useNavigation().state === "submitting";
  const err = (name: string) => errors[name]?.map((m) => t(m.key, m.vars)).join(" ");
  return (
    <>
      <BackLink to="/surveys">{t("surveys.title")}</BackLink>
      <PageHeader
        title={survey.title}
        subtitle={
          survey.points > 0
            ? t("surveys.earn", { points: survey.points })
            : t("surveys.closes", { date: f.date(new Date(new Date(survey.closesAt).getTime() - 1)) })
        }
      />
      {response ? (
        <Card>
          <p role="status" className="text-base font-medium text-emerald-800" data-testid="survey-done">
            {response.pointsCredited > 0 ? t("surveys.thanks_points", { points: response.pointsCredited }) : t("surveys.thanks")}
          </p>
          <p className="mt-2 text-sm text-slate-600">{t("surveys.answered_on", { date: f.dateTime(response.submittedAt) })}</p>
          <div className="mt-4 flex flex-wrap gap-2">
            <Link to="/points" className="inline-flex min-h-11 items-center rounded-lg border border-slate-300 px-4 text-sm">
              {t("surveys.see_points")}
            </Link>
            <Link to="/surveys" className="inline-flex min-h-11 items-center rounded-lg border border-slate-300 px-4 text-sm">
              {t("surveys.back_to_list")}
            </Link>
          </div>
        </Card>
      ) : phase !== "open" ? (
        <Card>
          <p className="text-sm text-slate-700">{t(`surveys.errors.${phase}`)}</p>
        </Card>
      ) : (
        <Form method="post" noValidate className="space-y-4">
          {survey.intro ? <p className="whitespace-pre-line text-sm text-slate-700">{survey.intro}</p> : null}
          <FormErrors errors={errors} />
          {survey.questionnaire.sections.map((s) => (
            <Card key={s.id}>
              {s.title ? <h2 className="mb-3 text-lg font-semibold">{s.title}</h2> : null}
              <ol className="space-y-5">
                {s.questions.map((q) => {
                  const name = `a.${q.id}`;
                  return (
                    <li key={q.id}>
                      <fieldset>
                        <legend className="font-medium">{q.text}</legend>
                        <AnswerInput
                          question={q}
                          name={name}
                          value={values[name] ?? ""}
                          onChange={(v) => setValues((x) => ({ ...x, [name]: v }))}
                        />
                        {err(name) ? (
                          <p role="alert" className="mt-1 text-sm text-red-700">
                            {err(name)}
                          </p>
                        ) : null}
                      </fieldset>
                    </li>
                  );
                })}
              </ol>
            </Card>
          ))}
          <div className="sticky bottom-16 z-10 rounded-xl border border-slate-200 bg-white p-3 shadow-md md:bottom-2">
            <Button type="submit" disabled={busy} className="w-full">
              {t("surveys.send")}
            </Button>
          </div>
        </Form>
      )}
    </>
  );
}
