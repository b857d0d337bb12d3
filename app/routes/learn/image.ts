import { getDb } from "@db/client";
import { getCourseImage } from "~/domain/training/course-authoring.server";
import { orNotFound, requireActor } from "~/lib/access.server";
import { imageResponse } from "~/lib/image-response.server";
import type { Route } from "./+types/image";

/** A lesson image. The stored type was read from the bytes at upload; nosniff keeps it that way. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  requireActor(context, request, "learn.view");
  const image = orNotFound(await getCourseImage(await getDb(), params.imageId));
  return imageResponse(request, image, { "Content-Security-Policy": "default-src 'none'; sandbox" });
}
