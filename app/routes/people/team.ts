import { redirect } from "react-router";
import { requireActor } from "~/lib/access.server";
import type { Route } from "./+types/team";

/** A partner executive's "my team" is their own organisation's page. */
export function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "people.invite");
  throw redirect(`/organisations/${actor.organisationId}`);
}
