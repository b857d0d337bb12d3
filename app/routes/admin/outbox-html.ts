import { getDb } from "@db/client";
import { getOutboxEmail } from "~/domain/mail/outbox.server";
import { notFound, requireActor } from "~/lib/access.server";
import { isId } from "~/lib/ids";
import type { Route } from "./+types/outbox-html";

/** The rendered email itself, shown in a sandboxed frame on the outbox page; links and codes masked. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  requireActor(context, request, "outbox.view");
  if (!isId(params.id)) throw notFound();
  const email = await getOutboxEmail(await getDb(), params.id);
  if (!email) throw notFound();
  return new Response(email.rendered.html, {
    headers: { "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": "default-src 'none'; img-src data: https:; style-src 'unsafe-inline'; sandbox" },
  });
}
