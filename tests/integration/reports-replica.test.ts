import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { creditPoints } from "../../app/domain/points/ledger.server";
import { closeDb, getDb, getReadDb, rowsOf } from "../../db/client";
import { seedDemo } from "../../scripts/seed/index";
import { actorFor, startPortal, Visitor } from "../support/portal";
import { databaseUrl, type PgServer, startPostgres, startReplica } from "../support/postgres";
import { DEMO_PASSWORD } from "../../scripts/seed/index";
import { sql } from "drizzle-orm";

/**
 * Reports read from a streaming replica when DATABASE_READ_URL is set: a primary and a hot
 * standby made with pg_basebackup from the PostgreSQL 15 binaries, the portal pointed at both.
 * With replay paused on the replica, a new ledger entry on the primary does not show in the
 * report (it reads the replica); once replay resumes, it does. Sign-in and the points page keep
 * reading and writing the primary.
 */
let primary: PgServer;
let replica: PgServer;
let portal: { url: string; close: () => Promise<void> };
let standby: postgres.Sql;
const saved = { url: process.env.DATABASE_URL, read: process.env.DATABASE_READ_URL };

beforeAll(async () => {
  primary = startPostgres();
  const admin = postgres(primary.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe("create database portal");
  await admin.end();
  await closeDb();
  process.env.DATABASE_URL = databaseUrl(primary.adminUrl, "portal");
  const { migrate } = await import("../../db/migrate");
  await migrate();
  await seedDemo(await getDb());
  replica = startReplica(primary);
  process.env.DATABASE_READ_URL = databaseUrl(replica.adminUrl, "portal");
  standby = postgres(process.env.DATABASE_READ_URL, { max: 1, onnotice: () => {} });
  portal = await startPortal();
}, 180_000);

afterAll(async () => {
  await portal?.close();
  await standby?.end();
  await closeDb();
  process.env.DATABASE_URL = saved.url;
  if (saved.read === undefined) delete process.env.DATABASE_READ_URL;
  else process.env.DATABASE_READ_URL = saved.read;
  replica?.stop();
  primary?.stop();
});

/**
 * Waits until the replica has replayed everything the primary has written so far. The insert
 * position, not pg_current_wal_lsn (the position written out): the test cluster commits
 * asynchronously (synchronous_commit=off), so a commit just returned may still sit in the WAL
 * buffers, behind the written position, and the wait would end before the replica has it.
 */
async function caughtUp() {
  const [{ lsn }] = rowsOf<{ lsn: string }>(await (await getDb()).execute(sql`select pg_current_wal_insert_lsn()::text as lsn`));
  for (let i = 0; i < 200; i++) {
    const [row] = await standby`select pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as done`;
    if (row.done) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the replica did not catch up");
}

describe("reports on a read replica", () => {
  it("read the standby, while everything else reads and writes the primary", async () => {
    const [{ standby: onReplica }] = rowsOf<{ standby: boolean }>(
      await (await getReadDb()).execute(sql`select pg_is_in_recovery() as standby`),
    );
    const [{ standby: onPrimary }] = rowsOf<{ standby: boolean }>(
      await (await getDb()).execute(sql`select pg_is_in_recovery() as standby`),
    );
    expect([onReplica, onPrimary]).toEqual([true, false]);

    const ona = new Visitor(portal.url);
    await ona.signIn("ona@baltictools.example", DEMO_PASSWORD);
    const earned = async () => {
      const html = await (await ona.get("/reports")).text();
      return Number(html.match(/data-figure="earned"[^>]*>([^<]*)</)?.[1].replace(/,/g, ""));
    };
    // Both sign in and open a page first: a first visit may credit the welcome bonus, which
    // must be on the replica before the comparison starts.
    const martaVisitor = new Visitor(portal.url);
    await martaVisitor.signIn("marta@baltictools.example", DEMO_PASSWORD);
    await martaVisitor.get("/points");
    await earned();
    await caughtUp();
    const before = await earned();

    await standby`select pg_wal_replay_pause()`;
    const marta = await actorFor("marta@baltictools.example");
    await (await getDb()).transaction((tx) =>
      creditPoints(tx, {
        userId: marta.id,
        organisationId: marta.organisationId,
        kind: "earn",
        sourceType: "test",
        sourceId: "replica-1",
        amount: 777,
        descriptionKey: "ledger.desc.test",
      }),
    );
    // The write is on the primary; the report, read from the paused replica, does not have it yet.
    expect(await earned()).toBe(before);
    // The participant's own points page reads the primary and has it at once.
    expect(await (await martaVisitor.get("/points")).text()).toContain("777");

    await standby`select pg_wal_replay_resume()`;
    await caughtUp();
    expect(await earned()).toBe(before + 777);
  });
});
