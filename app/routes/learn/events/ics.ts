import { getDb } from "@db/client";
import { eventCalendar } from "~/domain/events/events.server";
import { orNotFound, requireActor } from "~/lib/access.server";
import type { Route } from "./+types/ics";

/** The calendar file, the venue as its location: phones open it straight into the calendar app. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "learn.view");
  const ics = orNotFound(await eventCalendar(await getDb(), actor, params.eventId));
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="event-${params.eventId}.ics"`,
    },
  });
}
