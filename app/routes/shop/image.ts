import { getDb } from "@db/client";
import { getImage } from "~/domain/shop/manage.server";
import { orNotFound, requireActor } from "~/lib/access.server";
import { imageResponse } from "~/lib/image-response.server";
import type { Route } from "./+types/image";

/** An uploaded reward picture: kept a year by the browser, revalidated by its content hash (imageResponse). */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  requireActor(context, request, "home.view");
  const image = orNotFound(await getImage(await getDb(), params.imageId));
  return imageResponse(request, image, { "Content-Security-Policy": "default-src 'none'; sandbox" });
}
