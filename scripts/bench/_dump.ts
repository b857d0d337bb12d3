import { writeFileSync } from "node:fs";
import postgres from "postgres";
import { databaseUrl, startPostgres } from "../../tests/support/postgres";
import { core } from "./core";
import { startServer } from "./server";
const pg = startPostgres();
try {
  const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe("create database dump");
  await admin.end();
  const url = databaseUrl(pg.adminUrl, "dump");
  process.env.DATABASE_URL = url;
  const { migrate } = await import("../../db/migrate");
  const { getDb, closeDb } = await import("../../db/client");
  const { createSession } = await import("../../app/domain/auth/sessions.server");
  await migrate();
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const ctx = { sql, participants: 20_000 };
  await core.seed(ctx);
  await sql.unsafe("vacuum analyze");
  const pages = core.pages(ctx);
  const db = await getDb();
  const server = await startServer({ DATABASE_URL: url, NODE_ENV: "production" }, [process.execPath, "build/server/serve.js"]);
  const cookies: Record<string, string> = {};
  for (const p of pages) {
    const cookie = p.as ? `portal_session=${(await createSession(db, p.as)).token}` : "";
    if (p.as) cookies[p.path] = cookie;
    const res = await fetch(server.base + p.path, { headers: cookie ? { cookie } : {} });
    writeFileSync(`/tmp/pages/${p.name.replace(/[^a-z]/gi, "_")}.html`, await res.text());
  }
  writeFileSync("/tmp/pages/env.json", JSON.stringify({ base: server.base, url, cookies }));
  console.log("ready", server.base);
  await new Promise((r) => setTimeout(r, Number(process.env.KEEP_MS ?? 5000)));
  await server.stop();
  await closeDb();
  await sql.end();
} finally {
  pg.stop();
}
