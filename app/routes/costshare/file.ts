import { and, eq } from "drizzle-orm";
import { getDb } from "@db/client";
import { costshareFiles } from "@db/schema";
import { readStoredFile } from "~/domain/costshare/files.server";
import { getRequestRow } from "~/domain/costshare/requests.server";
import { orNotFound, requireActor, requireId } from "~/lib/access.server";
import type { Route } from "./+types/file";

/**
 * A layout or proof file, only to those who may see its request (the same scoped query as the
 * request's page: another partner's file reads as not found), with the type found from its bytes.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "costshare.view");
  const db = await getDb();
  const [file] = await db
    .select()
    .from(costshareFiles)
    .where(and(eq(costshareFiles.id, requireId(params.fileId))));
  orNotFound(file);
  orNotFound(await getRequestRow(db, actor, file.requestId));
  const bytes = orNotFound(await readStoredFile(file.storedName));
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": file.mime,
      "Content-Length": String(bytes.length),
      "Content-Disposition": `inline; filename="${file.storedName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
