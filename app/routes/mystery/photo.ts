import { getDb } from "@db/client";
import { photoOf } from "~/domain/mystery/visits.server";
import { readPhoto } from "~/domain/mystery/photos.server";
import { orNotFound, requireActor, requireId } from "~/lib/access.server";
import type { Route } from "./+types/photo";

/**
 * A photo or receipt of a report, only to those who may read the report (the same scoped query:
 * another partner's photo, or one of a report not published yet, reads as not found). Served
 * with the type found from its bytes under a neutral name, never cached by anything shared.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "mystery.reports");
  const photo = orNotFound(await photoOf(await getDb(), actor, requireId(params.visitId), requireId(params.photoId)));
  const bytes = orNotFound(await readPhoto(photo.storedName));
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": photo.mime,
      "Content-Length": String(bytes.length),
      "Content-Disposition": `inline; filename="visit-photo.${photo.storedName.split(".").pop()}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
