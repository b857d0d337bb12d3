import { getDb } from "@db/client";
import { webinarCalendar } from "~/domain/training/webinars.server";
import { orNotFound, requireActor } from "~/lib/access.server";
import type { Route } from "./+types/webinar-ics";

/** The calendar file: phones open it straight into the calendar app. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "learn.view");
  const ics = orNotFound(await webinarCalendar(await getDb(), actor, params.webinarId));
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="webinar-${params.webinarId}.ics"`,
    },
  });
}
