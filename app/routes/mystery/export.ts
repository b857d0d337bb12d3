import { getDb } from "@db/client";
import { reportsCsvRows } from "~/domain/mystery/insights.server";
import { requireActor } from "~/lib/access.server";
import { csvResponse } from "~/lib/csv";
import type { Route } from "./+types/export";

const HEAD = [
  "visit",
  "wave",
  "partner",
  "region",
  "outlet",
  "scenario",
  "version",
  "visited_at",
  "status",
  "late",
  "score_percent",
  "question_id",
  "question",
  "key",
  "weight",
  "answer",
  "earned_quarters",
  "possible_quarters",
];

/** Every filed report with its answers, one row per answer (the channel team's CSV). */
export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "mystery.manage");
  return csvResponse("mystery-reports.csv", [HEAD, ...(await reportsCsvRows(await getDb(), actor))]);
}
