import { useLoaderData } from "react-router";
import { TeamPointsTable } from "~/components/points/team-points-table";
import { teamPointsPage } from "~/components/points/team-points-table.server";
import { requireActor } from "~/lib/access.server";
import type { Route } from "./+types/partner-points";

/** The same table for one partner: the channel team's view, and a partner's own (others read as 404). */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "partner_points.view");
  return teamPointsPage(request, context, actor, params.orgId);
}

export default function PartnerPoints() {
  return <TeamPointsTable data={useLoaderData<typeof loader>()} />;
}
