import { sql } from "drizzle-orm";
import { getDb } from "@db/client";
import { isDraining } from "~/lib/lifecycle.server";

const DATABASE_WAIT_MS = 2000;

/**
 * Readiness, for a load balancer or orchestrator: 200 when this process can serve a page (the
 * database answers within two seconds), 503 when it cannot or while it is shutting down, so
 * traffic goes to the other processes. Says which, never why in detail.
 */
export async function loader() {
  const headers = { "Cache-Control": "no-store" };
  // The same hint as every other page during an outage (app/server/http.ts).
  const notReady = { ...headers, "Retry-After": "10" };
  if (isDraining()) return Response.json({ ok: false, reason: "shutting down" }, { status: 503, headers: notReady });
  let timer: NodeJS.Timeout | undefined;
  try {
    const db = await getDb();
    await Promise.race([
      db.execute(sql`select 1`),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("database did not answer in time")), DATABASE_WAIT_MS);
      }),
    ]);
    return Response.json({ ok: true }, { headers });
  } catch {
    return Response.json({ ok: false, reason: "database unreachable" }, { status: 503, headers: notReady });
  } finally {
    clearTimeout(timer);
  }
}
