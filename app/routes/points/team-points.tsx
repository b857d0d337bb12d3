import { useLoaderData } from "react-router";
import { getDb } from "@db/client";
import { teamPoints } from "~/domain/points/team-points.server";
import { TeamPointsTable } from "~/components/points/team-points-table";
import { orNotFound, requireActor } from "~/lib/access.server";
import { readCursor, withParam } from "~/lib/paging";
import type { Route } from "./+types/team-points";

/** A partner executive's or manager's own people and their points. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "team_points.view");
  const url = new URL(request.url);
  const after = readCursor(url);
  const team = orNotFound(await teamPoints(await getDb(), actor, actor.organisationId, new Date(), { after }));
  // A page of people at a time; the next page's link keeps the address, the totals stay the team's.
  return {
    ...team,
    // Only what the table shows: the email is the CSV's (issue 17: loader data is sent with the page).
    rows: team.rows.map(({ email: _, ...row }) => row),
    pages: { next: team.next ? withParam(url, "after", team.next) : null, first: after ? withParam(url, "after", null) : null },
  };
}

export default function TeamPoints() {
  return <TeamPointsTable data={useLoaderData<typeof loader>()} />;
}
