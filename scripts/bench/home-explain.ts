/**
 * tsx scripts/bench/home-explain.ts — EXPLAIN (ANALYZE, BUFFERS) of the statement behind a partner
 * person's /home (`partnerHome`) on the bench's core data (BENCH_PARTICIPANTS, 100,000 by
 * default), as the bench's viewer (a salesperson in the middle of the contest board) and as the
 * big partner's executive, then each statement's time over HOME_EXPLAIN_RUNS (20) runs.
 * HOME_EXPLAIN_HOLD=1 keeps the PostgreSQL server up afterwards (its URL printed) for more
 * EXPLAINs by hand, until the process is stopped. Take timings under `flock /work/wt/_bench.lock`.
 */
import os from "node:os";
import type { SQL } from "drizzle-orm";
import { sql as q } from "drizzle-orm";
import postgres from "postgres";
import { databaseUrl, startPostgres } from "../../tests/support/postgres";
import { EXECUTIVE, core, viewer } from "./core";

const participants = Number(process.env.BENCH_PARTICIPANTS ?? 100_000);
const runs = Number(process.env.HOME_EXPLAIN_RUNS ?? 20);

const pg = startPostgres();
try {
  const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe("create database home");
  await admin.end();
  const url = databaseUrl(pg.adminUrl, "home");
  process.env.DATABASE_URL = url;
  const { migrate } = await import("../../db/migrate");
  const { getDb, closeDb } = await import("../../db/client");
  await migrate();
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const ctx = { sql, participants };
  const t = performance.now();
  await core.seed(ctx);
  await sql.unsafe("vacuum analyze");
  console.log(`seeded ${participants} participants in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const { partnerHome } = await import("../../app/domain/home/home.server");
  const db = await getDb();
  const actorOf = async (id: string) => {
    const [u] =
      await sql`select u.id, u.name, u.email, u.phone, u.role, u.locale, u.organisation_id, o.name as org, o.kind, o.tier, o.region
      from users u join organisations o on o.id = u.organisation_id where u.id = ${id}`;
    return {
      id: u.id,
      name: u.name,
      email: u.email,
      phone: u.phone,
      role: u.role,
      locale: u.locale,
      organisationId: u.organisation_id,
      organisationName: u.org,
      organisationKind: u.kind,
      tier: u.tier,
      region: u.region,
    };
  };
  for (const [who, id] of [
    ["salesperson (middle of the board)", viewer(ctx)],
    ["executive", EXECUTIVE],
  ] as const) {
    const actor = await actorOf(id);
    // The statement partnerHome sends, caught on its way to the database.
    let statement: SQL | null = null;
    const catcher = {
      execute: async (s: SQL) => {
        statement = s;
        return [{ pending: { count: 0, points: 0 }, contests: [] }];
      },
    };
    // biome-ignore lint/suspicious/noExplicitAny: a stand-in for the database, execute only
    await partnerHome(catcher as any, actor as any);
    const plan = (await db.execute(q`explain (analyze, buffers) ${statement}`)) as unknown as Array<Record<string, string>>;
    console.log(`\n== ${who}\n${plan.map((r) => r["QUERY PLAN"]).join("\n")}`);
    // biome-ignore lint/suspicious/noExplicitAny: the actor row read above
    for (let i = 0; i < 5; i++) await partnerHome(db, actor as any);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      // biome-ignore lint/suspicious/noExplicitAny: the actor row read above
      await partnerHome(db, actor as any);
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    console.log(
      `${who}: partnerHome median ${times[Math.floor(runs / 2)].toFixed(2)} ms, fastest ${times[0].toFixed(2)} ms over ${runs} runs, load ${os.loadavg()[0].toFixed(1)}`,
    );
  }
  await sql.end();
  if (process.env.HOME_EXPLAIN_HOLD === "1") {
    console.log(`\nholding ${url}; stop this process to end`);
    await new Promise<void>((resolve) => {
      process.once("SIGTERM", resolve);
      process.once("SIGINT", resolve);
    });
  }
  await closeDb();
} finally {
  pg.stop();
}
