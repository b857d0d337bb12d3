import { getDb } from "@db/client";
import { teamTraining } from "~/domain/training/reports.server";
import { createFormatter } from "~/i18n/format";
import { resolveLocale } from "~/i18n/locale.server";
import { createTranslator } from "~/i18n/translate";
import { requireActor } from "~/lib/access.server";
import { csvResponse } from "~/lib/csv";
import type { Route } from "./+types/team-export";

/** The team training table as CSV, with the same scope as the page (own organisation for partners). */
export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "learn.team");
  const url = new URL(request.url);
  const members = await teamTraining(await getDb(), actor, url.searchParams.get("org"));
  const locale = resolveLocale(request, actor);
  const t = createTranslator(locale);
  const f = createFormatter(locale);
  return csvResponse("team-training.csv", [
    [
      t("people.name"),
      t("people.role"),
      t("training.team.organisation"),
      t("training.team.assigned"),
      t("training.team.passed"),
      t("training.team.webinars"),
      t("training.team.points"),
      t("training.certificates"),
    ],
    ...members.map((m) => [
      m.name,
      t(`role.${m.role}`),
      m.organisation,
      `${m.assignedPassed}/${m.assigned}`,
      m.coursesPassed,
      m.webinarsAttended,
      m.trainingPoints,
      m.certificates.map((c) => `${c.title} (${f.date(c.expiresAt)})`).join("; "),
    ]),
  ]);
}
