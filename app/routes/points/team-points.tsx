import { useLoaderData } from "react-router";
import { getDb } from "@db/client";
import { teamPoints } from "~/domain/points/team-points.server";
import { TeamPointsTable } from "~/components/points/team-points-table";
import { orNotFound, requireActor } from "~/lib/access.server";
import type { Route } from "./+types/team-points";

/** A partner executive's or manager's own people and their points. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "team_points.view");
  const team = orNotFound(await teamPoints(await getDb(), actor, actor.organisationId));
  return team;
}

export default function TeamPoints() {
  return <TeamPointsTable data={useLoaderData<typeof loader>()} />;
}
