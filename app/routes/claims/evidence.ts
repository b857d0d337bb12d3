import { getDb } from "@db/client";
import { getClaim } from "~/domain/claims/claims.server";
import { extensionOf, readEvidence } from "~/domain/claims/evidence.server";
import { orNotFound, requireActor } from "~/lib/access.server";
import { isId } from "~/lib/ids";
import type { Route } from "./+types/evidence";

/**
 * The invoice photo or PDF of a claim, only to those who may see the claim (the same scoped query
 * as its page: another partner's file reads as not found). Served with the type found from its
 * bytes, never sniffed by the browser, never cached by anything shared.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "claims.view");
  const db = await getDb();
  // getClaim's scope hides what is not the actor's to see, another's draft included.
  const claim = orNotFound(await getClaim(db, actor, params.claimId));
  // `v` picks one of the claim's attachments (the invoice, a serial-label photo); the newest by default.
  const v = new URL(request.url).searchParams.get("v");
  const evidence = orNotFound(v && isId(v) ? claim.files.find((f) => f.id === v) : claim.evidence);
  const bytes = orNotFound(await readEvidence(evidence.storedName));
  const download = new URL(request.url).searchParams.has("download");
  const index = claim.files.length - claim.files.indexOf(evidence);
  const filename = `claim-${claim.number}${claim.files.length > 1 ? `-${index}` : ""}.${extensionOf(evidence.mime)}`;
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": evidence.mime,
      "Content-Length": String(bytes.length),
      "Content-Disposition": `${download ? "attachment" : "inline"}; filename="${filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
