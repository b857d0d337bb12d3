import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { creditPoints, debitPoints, expireDuePoints, getBalance } from "../../app/domain/points/ledger.server";
import { getDb, rowsOf } from "../../db/client";
import { usePortal } from "../support/fixtures";
import { makeParticipants } from "../support/shop";

/**
 * The set-based expiry job (docs/performance.md): one statement closes every due lot of a batch
 * of locked accounts. Raced against debits of the same people (which expire their own due lots
 * first, then spend), no balance goes negative, no lot expires twice or beyond what it had left,
 * and every balance still equals its ledger.
 */
usePortal();
const db = await getDb();

describe("the expiry job against concurrent debits", () => {
  it("expires each due lot once, never below zero, while people spend at the same moment", async () => {
    const people = await makeParticipants(40);
    // And people who spend nothing meanwhile: only the job closes their lots.
    const idle = await makeParticipants(20);
    const now = new Date();
    for (const [i, p] of [...people, ...idle].entries()) {
      await db.transaction(async (tx) => {
        const base = {
          userId: p.id,
          organisationId: p.organisationId,
          kind: "earn" as const,
          sourceType: "test",
          descriptionKey: "ledger.desc.test",
        };
        // Two lots due (one minute and one day ago) and one that is not.
        await creditPoints(tx, { ...base, sourceId: `due-a-${i}`, amount: 100, expiresAt: new Date(now.getTime() - 60_000) });
        await creditPoints(tx, { ...base, sourceId: `due-b-${i}`, amount: 30 + i, expiresAt: new Date(now.getTime() - 86_400_000) });
        await creditPoints(tx, { ...base, sourceId: `later-${i}`, amount: 50, expiresAt: new Date(now.getTime() + 30 * 86_400_000) });
      });
    }

    // Two runs of the job (as two processes would) and a debit per person, all at once: some
    // debits fit in what will be left (40), some only before expiry (120), which then must fail.
    const debits = people.map((p, i) =>
      db.transaction((tx) =>
        debitPoints(tx, {
          userId: p.id,
          organisationId: p.organisationId,
          kind: "redeem",
          sourceType: "test",
          sourceId: `spend-${i}`,
          amount: i % 2 ? 40 : 120,
          descriptionKey: "ledger.desc.test",
        }),
      ),
    );
    const results = await Promise.allSettled([expireDuePoints(db, now), expireDuePoints(db, now), ...debits]);
    // The job did the idle people's lots (the others' may have gone with their own debits).
    const byJob = results.slice(0, 2).reduce((sum, r) => sum + (r.status === "fulfilled" ? (r.value as { points: number }).points : 0), 0);
    expect(byJob).toBeGreaterThanOrEqual(idle.reduce((sum, _, k) => sum + 100 + 30 + people.length + k, 0));
    for (const p of idle) expect(await getBalance(db, p.id)).toBe(50);
    for (const r of results) if (r.status === "rejected") expect(String(r.reason)).toMatch(/ledger\.insufficient|insufficient/);
    // Every 40 fits (50 stays after expiry); a 120 cannot, because the debit expires the due lots first.
    expect(results.slice(2).filter((r) => r.status === "fulfilled")).toHaveLength(people.length / 2);

    const ids = sql.join(
      people.map((p) => sql`${p.id}::uuid`),
      sql`, `,
    );
    // No lot expired twice, and no lot gave more than it had.
    const twice = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from (select source_id from ledger_entries where kind = 'expire' and user_id in (${ids})
        group by user_id, source_id having count(*) > 1) t`),
    );
    expect(twice[0].n).toBe(0);
    const over = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from ledger_entries e where e.user_id in (${ids}) and e.amount > 0
        and (select coalesce(sum(a.points), 0) from ledger_allocations a where a.lot_entry_id = e.id) > e.amount`),
    );
    expect(over[0].n).toBe(0);
    // Every balance is what its ledger says, not negative, and exactly the lot that is not due (less a 40 spent).
    for (const [i, p] of people.entries()) {
      const balance = await getBalance(db, p.id);
      const [{ sum }] = rowsOf<{ sum: number }>(
        await db.execute(sql`select coalesce(sum(amount), 0)::int as sum from ledger_entries where user_id = ${p.id}`),
      );
      expect(balance).toBe(sum);
      expect(balance).toBe(i % 2 ? 10 : 50);
    }
    // Nothing due is left waiting, and a further run finds nothing.
    const waiting = rowsOf<{ n: number }>(
      await db.execute(
        sql`select count(*)::int as n from lot_expiry_queue where user_id in (${ids}) and expires_at <= ${now.toISOString()}`,
      ),
    );
    expect(waiting[0].n).toBe(0);
    expect((await expireDuePoints(db, now)).points).toBe(0);

    // Each expiry says which lot and when it expired, as the history shows it (same as before).
    const [entry] = rowsOf<{ description_key: string; description_vars: { date: string }; amount: number; expires_at: string }>(
      await db.execute(sql`select x.description_key, x.description_vars, x.amount, l.expires_at::text from ledger_entries x
        join ledger_entries l on l.id = x.source_id::bigint where x.kind = 'expire' and x.user_id = ${people[1].id} and l.source_id = 'due-a-1'`),
    );
    expect(entry.description_key).toBe("ledger.desc.expired");
    expect(new Date(entry.description_vars.date).getTime()).toBe(now.getTime() - 60_000);
    expect(entry.description_vars.date).toBe(new Date(now.getTime() - 60_000).toISOString());
  });
});
