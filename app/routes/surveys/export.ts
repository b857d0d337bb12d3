import { getDb } from "@db/client";
import { surveyCsvRows } from "~/domain/surveys/results.server";
import { getSurvey } from "~/domain/surveys/surveys.server";
import { orNotFound, requireActor, requireId } from "~/lib/access.server";
import { csvResponse } from "~/lib/csv";
import type { Route } from "./+types/export";

/** Every answer of a survey, one row per person who answered (the channel team's CSV). */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  requireActor(context, request, "surveys.manage");
  const db = await getDb();
  const survey = orNotFound(await getSurvey(db, requireId(params.surveyId)));
  const { header, rows } = await surveyCsvRows(db, survey);
  return csvResponse(`survey-${survey.id.slice(0, 8)}.csv`, [header, ...rows]);
}
