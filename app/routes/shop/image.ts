import { getDb } from "@db/client";
import { getImage } from "~/domain/shop/manage.server";
import { orNotFound, requireActor } from "~/lib/access.server";
import type { Route } from "./+types/image";

/** An uploaded reward picture. Ids are random and pictures never change, so browsers may keep them. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  requireActor(context, request, "home.view");
  const image = orNotFound(await getImage(await getDb(), params.imageId));
  return new Response(Buffer.from(image.data), {
    headers: {
      "Content-Type": image.contentType,
      "Cache-Control": "private, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
