import { redirect } from "react-router";
import { getDb } from "@db/client";
import { invalidateSession, invalidateUserSessions } from "~/domain/auth/sessions.server";
import { readFormResult } from "~/lib/forms.server";
import { clearSessionCookie, isSecureRequest } from "~/lib/session-cookie.server";
import type { Route } from "./+types/logout";

/** Signs out this device, or with intent=everywhere every device of the account. */
export async function action({ request, context }: Route.ActionArgs) {
  // Signing out always works: a body that is not a readable form signs out this device.
  const read = await readFormResult(request);
  if (context.actor && context.sessionId) {
    const db = await getDb();
    if (read.ok && read.formData.get("intent") === "everywhere") await invalidateUserSessions(db, context.actor.id);
    else await invalidateSession(db, context.sessionId);
  }
  throw redirect("/login", { headers: { "Set-Cookie": clearSessionCookie(isSecureRequest(request)) } });
}

export function loader() {
  throw redirect("/");
}
