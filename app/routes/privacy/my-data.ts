import { getDb } from "@db/client";
import { exportPersonalData } from "~/domain/privacy/export.server";
import { isoDay } from "~/lib/dates";
import { requireActor } from "~/lib/access.server";
import type { Route } from "./+types/my-data";

/** The signed-in person's own data as one JSON download; only ever their own (no id is taken from the request). */
export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "profile.manage");
  const body = await exportPersonalData(await getDb(), actor);
  return new Response(JSON.stringify(body, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="my-data-${isoDay(new Date())}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
