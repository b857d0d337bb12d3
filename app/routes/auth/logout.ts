import { redirect } from "react-router";
import { getDb } from "@db/client";
import { invalidateSession, invalidateUserSessions } from "~/domain/auth/sessions.server";
import { clearSessionCookie, isSecureRequest } from "~/lib/session-cookie.server";
import type { Route } from "./+types/logout";

/** Signs out this device, or with intent=everywhere every device of the account. */
export async function action({ request, context }: Route.ActionArgs) {
  const formData = await request.formData();
  if (context.actor && context.sessionId) {
    const db = await getDb();
    if (formData.get("intent") === "everywhere") await invalidateUserSessions(db, context.actor.id);
    else await invalidateSession(db, context.sessionId);
  }
  throw redirect("/login", { headers: { "Set-Cookie": clearSessionCookie(isSecureRequest(request)) } });
}

export function loader() {
  throw redirect("/");
}
