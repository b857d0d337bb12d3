import { useLoaderData } from "react-router";
import { getDb } from "@db/client";
import { teamPoints } from "~/domain/points/team-points.server";
import { TeamPointsTable } from "~/components/points/team-points-table";
import { orNotFound, requireActor } from "~/lib/access.server";
import { readCursor, withParam } from "~/lib/paging";
import type { Route } from "./+types/partner-points";

/** The same table for one partner: the channel team's view, and a partner's own (others read as 404). */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "partner_points.view");
  const url = new URL(request.url);
  const after = readCursor(url);
  const team = orNotFound(await teamPoints(await getDb(), actor, params.orgId, new Date(), { after }));
  // A page of people at a time; the next page's link keeps the address, the totals stay the team's.
  return {
    ...team,
    // Only what the table shows: the email is the CSV's (issue 17: loader data is sent with the page).
    rows: team.rows.map(({ email: _, ...row }) => row),
    pages: { next: team.next ? withParam(url, "after", team.next) : null, first: after ? withParam(url, "after", null) : null },
  };
}

export default function PartnerPoints() {
  return <TeamPointsTable data={useLoaderData<typeof loader>()} />;
}
