import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, rowsOf } from "../../db/client";
import { ledgerEntries, programmeSettings } from "../../db/schema";
import { creditPoints, debitPoints, expireDuePoints, expiringPoints, getBalance, refundDebit } from "../../app/domain/points/ledger.server";
import { UserError } from "../../app/lib/errors";
import { seedDemo } from "../../scripts/seed/index";
import { freshPerson } from "../support/people";
import { actorFor } from "../support/portal";

async function participant(email: string) {
  const a = await actorFor(email);
  return { userId: a.id, organisationId: a.organisationId };
}

async function credit(p: { userId: string; organisationId: string }, amount: number, sourceId: string, expiresAt?: Date) {
  const db = await getDb();
  return db.transaction((tx) =>
    creditPoints(tx, {
      ...p,
      kind: "earn",
      sourceType: "test",
      sourceId,
      amount,
      descriptionKey: "ledger.desc.test",
      ...(expiresAt ? { expiresAt } : {}),
    }),
  );
}

async function debit(p: { userId: string; organisationId: string }, amount: number, sourceId: string) {
  const db = await getDb();
  return db.transaction((tx) =>
    debitPoints(tx, { ...p, kind: "redeem", sourceType: "order", sourceId, amount, descriptionKey: "ledger.desc.test" }),
  );
}

/** The balance kept on the account always equals the sum of the ledger. */
async function ledgerSum(userId: string) {
  const db = await getDb();
  const [row] = rowsOf<{ s: number }>(
    await db.execute(sql`select coalesce(sum(amount), 0)::int as s from ledger_entries where user_id = ${userId}`),
  );
  return row.s;
}

/** The database's own message, under drizzle's "Failed query" wrapper. */
async function dbError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    const err = e as Error & { cause?: Error };
    return `${err.message} ${err.cause?.message ?? ""} ${(err.cause as { constraint_name?: string })?.constraint_name ?? ""}`;
  }
  return "no error";
}

beforeAll(async () => {
  await seedDemo(await getDb());
});

describe("points ledger", () => {
  it("50 concurrent debits against a balance covering 10: exactly 10 succeed, balance ends at 0", async () => {
    const p = await participant("jack@northfield.example");
    await credit(p, 100, "race-funds");
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => debit(p, 10, `race-${i}`)));
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    expect(ok).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(UserError);
      expect((r.reason as UserError).key).toBe("ledger.insufficient");
      expect((r.reason as UserError).status).toBe(409);
    }
    expect(await getBalance(await getDb(), p.userId)).toBe(0);
    expect(await ledgerSum(p.userId)).toBe(0);
  });

  it("credits the same source once even when two requests race", async () => {
    const p = await participant("sam@northfield.example");
    const before = await getBalance(await getDb(), p.userId);
    const results = await Promise.all(Array.from({ length: 8 }, () => credit(p, 250, "claim-race")));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(await getBalance(await getDb(), p.userId)).toBe(before + 250);
  });

  it("refuses to update or delete ledger entries", async () => {
    const db = await getDb();
    const p = await participant("marta@baltictools.example");
    await credit(p, 5, "immutable");
    expect(await dbError(db.update(ledgerEntries).set({ amount: 5000 }).where(sql`${ledgerEntries.userId} = ${p.userId}`))).toMatch(
      /append-only/,
    );
    expect(await dbError(db.delete(ledgerEntries).where(sql`${ledgerEntries.userId} = ${p.userId}`))).toMatch(/append-only/);
    expect(await getBalance(db, p.userId)).toBe(5);
  });

  it("refuses an allocation naming a ledger entry that does not exist, and refuses to truncate the ledger", async () => {
    const db = await getDb();
    const p = await participant("marta@baltictools.example");
    const lot = await credit(p, 7, "allocation-check");
    const spent = await debit(p, 3, "allocation-check-spend");
    const count = async () => rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from ledger_allocations`))[0].n;
    const before = await count();
    const [{ missing }] = rowsOf<{ missing: number }>(
      await db.execute(sql`select (max(id) + 1000)::bigint as missing from ledger_entries`),
    );
    // Checked once per statement (migration 0038, issue 17), not per row: one bad row fails the
    // whole statement with the foreign-key code, the good row beside it goes too.
    for (const values of [
      sql`(${spent.entryId}, ${missing}, 1), (${missing}, ${lot.entryId!}, 1)`,
      sql`(${missing}, ${lot.entryId!}, 1)`,
      sql`(${spent.entryId}, ${missing}, 1)`,
    ]) {
      const error = await db.execute(sql`insert into ledger_allocations (debit_entry_id, lot_entry_id, points) values ${values}`).then(
        () => null,
        (e: Error & { cause?: { code?: string; message?: string } }) => e.cause ?? e,
      );
      expect(error).toMatchObject({ code: "23503" });
      expect(String((error as { message?: string }).message)).toMatch(/does not exist/);
    }
    expect(await count()).toBe(before);
    // TRUNCATE skips row triggers; the ledger refuses it on its own.
    for (const table of ["ledger_allocations", "ledger_entries cascade"])
      expect(await dbError(db.execute(sql.raw(`truncate ${table}`)))).toMatch(/append-only/);
    expect(await count()).toBe(before);
    expect(await getBalance(db, p.userId)).toBe(await ledgerSum(p.userId));
  });

  it("refuses an entry naming a person or organisation that does not exist, and keeps those it names", async () => {
    const db = await getDb();
    const p = await participant("marta@baltictools.example");
    const count = async () => rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from ledger_entries`))[0].n;
    const before = await count();
    const nobody = randomUUID();
    const entry = (userId: string, organisationId: string, source: string) =>
      sql`(${userId}, ${organisationId}, 'earn', 'test', ${source}, 5, 'ledger.desc.test')`;
    // Checked once per statement (migration 0047, issue 17), not per row: one bad row fails the
    // whole statement with the foreign-key code, and the good row beside it goes too.
    for (const values of [
      entry(nobody, p.organisationId, "owner-check-1"),
      entry(p.userId, nobody, "owner-check-2"),
      sql`${entry(p.userId, p.organisationId, "owner-check-3")}, ${entry(nobody, p.organisationId, "owner-check-4")}`,
    ]) {
      const error = await db
        .execute(
          sql`insert into ledger_entries (user_id, organisation_id, kind, source_type, source_id, amount, description_key) values ${values}`,
        )
        .then(
          () => null,
          (e: Error & { cause?: { code?: string; message?: string } }) => e.cause ?? e,
        );
      expect(error).toMatchObject({ code: "23503" });
      expect(String((error as { message?: string }).message)).toMatch(/does not exist/);
    }
    expect(await count()).toBe(before);
    // The person and organisation the ledger names cannot go, change their id or be truncated away.
    for (const statement of [
      sql`delete from users where id = ${p.userId}`,
      sql`update users set id = ${nobody} where id = ${p.userId}`,
      sql`delete from organisations where id = ${p.organisationId}`,
      sql`truncate users cascade`,
      sql`truncate organisations cascade`,
    ])
      expect(await dbError(db.execute(statement))).toMatch(/points ledger/);
    // Anything else about them may change.
    await db.execute(sql`update users set name = name where id = ${p.userId}`);
    expect(await participant("marta@baltictools.example")).toEqual(p);
    expect(await count()).toBe(before);
    expect(await getBalance(db, p.userId)).toBe(await ledgerSum(p.userId));
  });

  it("deleting a person waits for an entry being written for them, and is then refused", async () => {
    const person = await freshPerson({ tag: "owner-race" });
    const writer = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    const deleter = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      // Nothing names the new person yet: a delete alone would go through (tried in a transaction
      // that is rolled back).
      await deleter
        .begin(async (t) => {
          await t`delete from users where id = ${person.id}`;
          throw new Error("rolled back");
        })
        .catch((e: Error) => expect(e.message).toBe("rolled back"));
      const written = writer.begin(async (t) => {
        await t`insert into ledger_entries (user_id, organisation_id, kind, source_type, source_id, amount, description_key)
          values (${person.id}, ${person.organisationId}, 'earn', 'test', 'owner-race', 5, 'ledger.desc.test')`;
        // While the entry is not committed, the delete waits for it (it would otherwise miss it and
        // leave the entry naming nobody).
        const waited = await deleter
          .begin(async (d) => {
            await d`set local lock_timeout = '300ms'`;
            await d`delete from users where id = ${person.id}`;
          })
          .then(
            () => "deleted",
            (e: { code?: string }) => e.code,
          );
        expect(waited).toBe("55P03");
      });
      await written;
      const after = await deleter`delete from users where id = ${person.id}`.then(
        () => "deleted",
        (e: { code?: string; message?: string }) => `${e.code} ${e.message}`,
      );
      expect(after).toMatch(/^23503 .*points ledger/);
    } finally {
      await writer.end();
      await deleter.end();
    }
  });

  it("spends and expires the oldest points first", async () => {
    const db = await getDb();
    const p = await participant("tomas@baltictools.example");
    const soon = new Date(Date.now() + 10 * 86_400_000);
    const later = new Date(Date.now() + 400 * 86_400_000);
    await credit(p, 100, "old-lot", soon);
    await credit(p, 100, "new-lot", later);
    await debit(p, 60, "spend-60");
    // 60 came out of the lot that expires first, so only 40 of it is left to expire.
    expect((await expiringPoints(db, p.userId, new Date(Date.now() + 30 * 86_400_000))).points).toBe(40);
    const result = await expireDuePoints(db, new Date(Date.now() + 11 * 86_400_000));
    expect(result.points).toBeGreaterThanOrEqual(40);
    expect(await getBalance(db, p.userId)).toBe(100);
    // Running the job again expires nothing more.
    const again = await expireDuePoints(db, new Date(Date.now() + 11 * 86_400_000));
    expect(again.points).toBe(0);
    expect(await ledgerSum(p.userId)).toBe(100);
  });

  it("refunding a debit gives the points back once", async () => {
    const db = await getDb();
    const p = await participant("olivia@northfield.example");
    await credit(p, 300, "refund-funds");
    const spent = await debit(p, 120, "order-refund");
    expect(await getBalance(db, p.userId)).toBe(180);
    await db.transaction((tx) =>
      refundDebit(tx, spent.entryId, { sourceType: "order", sourceId: "order-refund", descriptionKey: "ledger.desc.test" }),
    );
    const twice = await db.transaction((tx) =>
      refundDebit(tx, spent.entryId, { sourceType: "order", sourceId: "order-refund", descriptionKey: "ledger.desc.test" }),
    );
    expect(twice.duplicate).toBe(true);
    expect(await getBalance(db, p.userId)).toBe(300);
  });

  it("trims credits to the monthly earning cap", async () => {
    const db = await getDb();
    const p = await participant("priya@proinstall.example");
    await db.update(programmeSettings).set({ monthlyEarnCap: 1000 });
    try {
      const first = await db.transaction((tx) =>
        creditPoints(tx, { ...p, kind: "earn", sourceType: "claim", sourceId: "cap-1", amount: 800, descriptionKey: "x", applyCap: true }),
      );
      const second = await db.transaction((tx) =>
        creditPoints(tx, { ...p, kind: "earn", sourceType: "claim", sourceId: "cap-2", amount: 800, descriptionKey: "x", applyCap: true }),
      );
      expect(first.credited).toBe(800);
      expect(second).toMatchObject({ credited: 200, capped: true });
    } finally {
      await db.update(programmeSettings).set({ monthlyEarnCap: null });
    }
  });

  it("a connection killed in the middle of a debit leaves the points as they were", async () => {
    const db = await getDb();
    const p = await participant("dmitry@uralinstrument.example");
    await credit(p, 100, "kill-funds");
    const before = await getBalance(db, p.userId);
    const attempt = db.transaction(async (tx) => {
      const [{ pid }] = rowsOf<{ pid: number }>(await tx.execute(sql`select pg_backend_pid() as pid`));
      await debitPoints(tx, {
        ...p,
        kind: "redeem",
        sourceType: "order",
        sourceId: "killed-order",
        amount: 30,
        descriptionKey: "ledger.desc.test",
      });
      // Another connection ends this one before it commits (a crash, a failover, a DBA).
      await db.execute(sql`select pg_terminate_backend(${pid})`);
      await tx.execute(sql`select 1`);
    });
    await expect(attempt).rejects.toThrow();
    expect(await getBalance(db, p.userId)).toBe(before);
    expect(await ledgerSum(p.userId)).toBe(before);
    // The pool recovers and the same order can be paid for afterwards, once.
    const paid = await debit(p, 30, "killed-order");
    expect(paid.duplicate).toBe(false);
    expect(await getBalance(db, p.userId)).toBe(before - 30);
  });

  it("never lets the balance go negative through the CHECK constraint either", async () => {
    const db = await getDb();
    const p = await participant("paulius@homefix.example");
    await credit(p, 10, "check-funds");
    expect(await dbError(db.execute(sql`update point_accounts set balance = balance - 11 where user_id = ${p.userId}`))).toMatch(
      /point_accounts_balance_not_negative/,
    );
    expect(await getBalance(db, p.userId)).toBe(10);
  });
});
