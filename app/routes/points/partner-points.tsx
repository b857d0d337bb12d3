import { useLoaderData } from "react-router";
import { getDb } from "@db/client";
import { teamPoints } from "~/domain/points/team-points.server";
import { TeamPointsTable } from "~/components/points/team-points-table";
import { orNotFound, requireActor } from "~/lib/access.server";
import type { Route } from "./+types/partner-points";

/** The same table for one partner: the channel team's view, and a partner's own (others read as 404). */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "partner_points.view");
  const team = orNotFound(await teamPoints(await getDb(), actor, params.orgId));
  return team;
}

export default function PartnerPoints() {
  return <TeamPointsTable data={useLoaderData<typeof loader>()} />;
}
