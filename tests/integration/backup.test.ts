import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBalance } from "../../app/domain/points/ledger.server";
import { readEvidence } from "../../app/domain/claims/evidence.server";
import { getDb, type Db } from "../../db/client";
import * as schema from "../../db/schema";
import { seedDemo } from "../../scripts/seed/index";
import { databaseUrl } from "../support/postgres";

/**
 * The backup the README describes, and its restore, on PostgreSQL 15: pg_dump in custom format
 * plus a copy of the upload store, restored with pg_restore into a fresh database. The portal's
 * own reads must find the same balances, claims and invoice files there.
 */
const BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";
const adminUrl = process.env.TEST_DATABASE_ADMIN_URL!;
const restoredName = `restored_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const work = mkdtempSync(path.join(tmpdir(), "portal-backup-"));
let db: Db;

function run(cmd: string, args: string[]) {
  const r = spawnSync(path.join(BIN, cmd), args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}):\n${r.stderr}`);
  return r.stdout;
}

beforeAll(async () => {
  db = await getDb();
  await seedDemo(db, { activity: true });
});
afterAll(async () => {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${restoredName} with (force)`);
  await admin.end();
  rmSync(work, { recursive: true, force: true });
});

describe("backup and restore", () => {
  it("restores balances, claims and their invoice files from pg_dump and a copy of the uploads", { timeout: 120_000 }, async () => {
    expect(run("pg_dump", ["--version"])).toMatch(/PostgreSQL\) 15\./);
    const dump = path.join(work, "portal.dump");
    run("pg_dump", ["--format=custom", "--no-owner", "--file", dump, process.env.DATABASE_URL!]);
    const uploads = path.join(work, "uploads");
    cpSync(process.env.UPLOAD_DIR!, uploads, { recursive: true });

    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${restoredName}`);
    await admin.end();
    const restoredUrl = databaseUrl(adminUrl, restoredName);
    run("pg_restore", ["--no-owner", "--exit-on-error", "--dbname", restoredUrl, dump]);

    const client = postgres(restoredUrl, { max: 2, onnotice: () => {} });
    const restored = drizzle(client, { schema }) as unknown as Db;
    try {
      const accounts = await db.select().from(schema.pointAccounts);
      expect(accounts.filter((a) => a.balance > 0).length).toBeGreaterThan(3);
      for (const a of accounts) expect(await getBalance(restored, a.userId), a.userId).toBe(await getBalance(db, a.userId));

      const order = (rows: Array<{ id: string }>) => rows.sort((x, y) => x.id.localeCompare(y.id));
      const claimsBefore = order(await db.select().from(schema.claims));
      expect(claimsBefore.length).toBeGreaterThan(3);
      expect(order(await restored.select().from(schema.claims))).toEqual(claimsBefore);
      expect((await restored.select().from(schema.ledgerEntries)).length).toBe((await db.select().from(schema.ledgerEntries)).length);

      // Invoice files: every claim file of the restored database is in the copied upload store.
      const files = await restored.select().from(schema.claimFiles);
      expect(files.length).toBeGreaterThan(0);
      const live = process.env.UPLOAD_DIR;
      process.env.UPLOAD_DIR = uploads;
      try {
        for (const f of files) expect(await readEvidence(f.storedName), f.storedName).not.toBeNull();
      } finally {
        process.env.UPLOAD_DIR = live;
      }
    } finally {
      await client.end();
    }
  });
});
