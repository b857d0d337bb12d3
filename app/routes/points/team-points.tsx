import { useLoaderData } from "react-router";
import { TeamPointsTable } from "~/components/points/team-points-table";
import { teamPointsPage } from "~/components/points/team-points-table.server";
import { requireActor } from "~/lib/access.server";
import type { Route } from "./+types/team-points";

/** A partner executive's or manager's own people and their points. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "team_points.view");
  return teamPointsPage(request, context, actor, actor.organisationId);
}

export default function TeamPoints() {
  return <TeamPointsTable data={useLoaderData<typeof loader>()} />;
}
