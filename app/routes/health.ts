import { sql } from "drizzle-orm";
import { getDb } from "@db/client";

export async function loader() {
  await (await getDb()).execute(sql`select 1`);
  return Response.json({ ok: true });
}
