import { getDb } from "@db/client";
import { getOutboxEmail } from "~/domain/mail/outbox.server";
import { orNotFound, requireActor, requireId } from "~/lib/access.server";
import type { Route } from "./+types/outbox-html";

/** The rendered email itself, shown in a sandboxed frame on the outbox page; links and codes masked. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  requireActor(context, request, "outbox.view");
  const email = orNotFound(await getOutboxEmail(await getDb(), requireId(params.id)));
  return new Response(email.rendered.html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": "default-src 'none'; img-src data: https:; style-src 'unsafe-inline'; sandbox",
    },
  });
}
