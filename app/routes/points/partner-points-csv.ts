import { getDb } from "@db/client";
import { teamPoints } from "~/domain/points/team-points.server";
import { resolveLocale } from "~/i18n/locale.server";
import { createTranslator } from "~/i18n/translate";
import { orNotFound, requireActor } from "~/lib/access.server";
import { csvResponse } from "~/lib/csv";
import { isoDay } from "~/lib/dates";
import type { Route } from "./+types/partner-points-csv";

/**
 * The points-per-employee table as CSV, same rows and same scope as the page. Headings follow
 * the reader's language; numbers stay plain integers and dates ISO, so a spreadsheet sorts them.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "partner_points.view");
  const team = orNotFound(await teamPoints(await getDb(), actor, params.orgId));
  const t = createTranslator(resolveLocale(request, actor));
  const rows = [
    [
      t("team_points.col.person"),
      t("auth.email"),
      t("people.role"),
      t("people.status"),
      t("team_points.col.balance"),
      t("team_points.col.earned"),
      t("team_points.col.spent"),
      t("team_points.col.expiring", { count: team.warningDays }),
      t("team_points.col.last_activity"),
    ],
    ...team.rows.map((r) => [
      r.name,
      r.email,
      t(`role.${r.role}`),
      t(`people.status.${r.status}`),
      r.balance,
      r.earned,
      r.spent,
      r.expiringSoon,
      r.lastActivity ? isoDay(r.lastActivity) : "",
    ]),
  ];
  const slug =
    team.organisation.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "partner";
  return csvResponse(`points-${slug}-${isoDay(new Date())}.csv`, rows);
}
