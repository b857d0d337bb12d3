import { getDb } from "@db/client";
import { eventRoster } from "~/domain/events/check-in.server";
import { getEventForOrganiser } from "~/domain/events/events.server";
import { utcToZoned } from "~/domain/training/calendar";
import { resolveLocale } from "~/i18n/locale.server";
import { createTranslator } from "~/i18n/translate";
import { orNotFound, requireActor } from "~/lib/access.server";
import { csvResponse } from "~/lib/csv";
import type { Route } from "./+types/attendance-csv";

/** One row per person registered or waiting, by partner; check-in times in the venue's zone. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "events.manage");
  const db = await getDb();
  const event = orNotFound(await getEventForOrganiser(db, params.eventId));
  const t = createTranslator(resolveLocale(request, actor));
  const rows = await eventRoster(db, event.id);
  return csvResponse(`event-${event.id}-attendance.csv`, [
    [
      t("events.manage.partner"),
      t("events.manage.name"),
      t("events.manage.contact"),
      t("events.manage.status"),
      t("events.manage.checked_in_at"),
    ],
    ...rows.map((r) => [
      r.organisation,
      r.name,
      r.email ?? r.phone ?? "",
      t(r.status === "waitlisted" ? "events.badge.waitlisted" : "events.badge.registered"),
      r.checkedInAt ? utcToZoned(r.checkedInAt, event.timeZone).replace("T", " ") : "",
    ]),
  ]);
}
