import { useLoaderData } from "react-router";
import { getDb } from "@db/client";
import { withCharts } from "~/components/reports/shown.server";
import { BackLink, Card, PageHeader, Table } from "~/components/ui";
import { surveyResults } from "~/domain/surveys/results.server";
import { getSurvey } from "~/domain/surveys/surveys.server";
import { useFormat, useT } from "~/i18n/react";
import { createTranslator } from "~/i18n/translate";
import { orNotFound, requireActor, requireId } from "~/lib/access.server";
import { resolveLocale } from "~/i18n/locale.server";
import type { Route } from "./+types/results";

/** The channel team's results of one survey: answer counts with a chart per question (drawn on the server), the NPS, free text per partner. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "surveys.manage");
  const db = await getDb();
  const survey = orNotFound(await getSurvey(db, requireId(params.surveyId)));
  const results = await surveyResults(db, survey);
  const locale = resolveLocale(request, actor);
  const t = createTranslator(locale);
  const charted = (
    await withCharts(
      [{ id: "survey", title: survey.title, figures: [], tables: results.questions.flatMap((q) => (q.table ? [q.table] : [])) }],
      t,
      locale,
    )
  )[0].tables;
  return {
    survey: { id: survey.id, title: survey.title, points: survey.points, opensAt: survey.opensAt, closesAt: survey.closesAt },
    responses: results.responses,
    audience: results.audience,
    nps: results.nps,
    questions: results.questions.map((q) => ({
      id: q.question.id,
      text: q.question.text,
      type: q.question.type,
      answered: q.answered,
      average: q.average,
      texts: q.texts,
      table: charted.find((c) => c.id === q.question.id) ?? null,
    })),
  };
}

export default function SurveyResults() {
  const { survey, responses, audience, nps, questions } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useFormat();
  return (
    <>
      <BackLink to="/surveys">{t("surveys.title")}</BackLink>
      <PageHeader
        title={survey.title}
        subtitle={t("surveys.window", { from: f.date(survey.opensAt), to: f.date(new Date(new Date(survey.closesAt).getTime() - 1)) })}
        actions={
          <a
            href={`/surveys/${survey.id}/results.csv`}
            download
            className="inline-flex min-h-11 items-center rounded-lg border border-slate-300 bg-white px-4 text-sm font-medium"
          >
            {t("surveys.results.csv")}
          </a>
        }
      />
      <div className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-3">
        <Card>
          <p className="text-sm text-slate-600">{t("surveys.results.responses")}</p>
          <p className="text-2xl font-semibold" data-testid="survey-responses">
            {f.number(responses)}
          </p>
          <p className="text-xs text-slate-500">{t("surveys.results.of_audience", { count: audience })}</p>
        </Card>
        {nps ? (
          <Card>
            <p className="text-sm text-slate-600">{t("surveys.results.nps")}</p>
            <p className="text-2xl font-semibold" data-testid="survey-nps">
              {nps.score === null ? "–" : f.number(nps.score)}
            </p>
            <p className="text-xs text-slate-500">
              {t("surveys.results.nps_split", { promoters: nps.promoters, passives: nps.passives, detractors: nps.detractors })}
            </p>
          </Card>
        ) : null}
      </div>
      <div className="space-y-4">
        {questions.map((q) => (
          <Card key={q.id}>
            <h2 className="text-lg font-semibold">{q.text}</h2>
            <p className="mb-3 text-xs text-slate-500">{t("surveys.results.answered", { count: q.answered })}</p>
            {q.table ? (
              <div className={q.table.svg ? "grid gap-4 lg:grid-cols-2" : ""}>
                {q.table.svg ? (
                  <figure data-testid="survey-chart">
                    {/* biome-ignore lint/security/noDangerouslySetInnerHtml: SVG drawn on the server by recharts from counts, no user markup */}
                    <div className="w-full [&_svg]:h-auto [&_svg]:w-full" dangerouslySetInnerHTML={{ __html: q.table.svg }} />
                  </figure>
                ) : null}
                <Table head={[t("surveys.results.answer"), t("surveys.results.count")]}>
                  {q.table.rows.map((r) => (
                    <tr key={String(r.cells.answer)}>
                      <td className="px-3 py-2">{q.type === "yes_no" ? t(String(r.cells.answer)) : String(r.cells.answer)}</td>
                      <td className="px-3 py-2 tabular-nums">{f.number(Number(r.cells.count))}</td>
                    </tr>
                  ))}
                </Table>
              </div>
            ) : q.type === "number" ? (
              <p className="text-sm">{t("surveys.results.average", { value: q.average === null ? "–" : f.number(q.average) })}</p>
            ) : (
              <ul className="divide-y divide-slate-100">
                {q.texts.length ? (
                  q.texts.map((x, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: answers have no id of their own on the page
                    <li key={i} className="py-2 text-sm">
                      <span className="block text-xs font-medium text-slate-500">{x.partner}</span>
                      <span className="whitespace-pre-line">{x.text}</span>
                    </li>
                  ))
                ) : (
                  <li className="py-2 text-sm text-slate-500">{t("surveys.results.no_text")}</li>
                )}
              </ul>
            )}
          </Card>
        ))}
      </div>
    </>
  );
}
