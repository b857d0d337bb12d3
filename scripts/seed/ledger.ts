import { eq, sql } from "drizzle-orm";
import { actorFrom } from "../../app/domain/auth/actor.server";
import type { Db } from "../../db/client";
import { organisations, users } from "../../db/schema";
import { adjustPoints } from "../../app/domain/points/adjustments.server";
import { creditPoints } from "../../app/domain/points/ledger.server";
import { addDays } from "../../app/lib/dates";

/**
 * Balances carried over from the previous programme, so the points pages, the liability and the
 * expiry warning have something to show. Only people the test suites do not count points for get
 * any (tests start those at zero). Alexey's first lot expires within the warning period: the first
 * job run emails him (in Russian) and leaves a notice in his inbox.
 */
const CARRIED_OVER: Array<{ email: string; lots: Array<{ points: number; expiresInDays?: number }>; activityOnly?: boolean }> = [
  { email: "alexey@uralinstrument.example", lots: [{ points: 600, expiresInDays: 12 }, { points: 1200 }] },
  { email: "irina@uralinstrument.example", lots: [{ points: 700 }] },
  { email: "lukas@baltictools.example", lots: [{ points: 300, expiresInDays: 20 }, { points: 650 }] },
  { email: "harry@northfield.example", lots: [{ points: 1300 }] },
  // Only with demo activity (npm start): tests of the shop count on these two starting at zero.
  { email: "ben@proinstall.example", lots: [{ points: 2400 }], activityOnly: true },
  { email: "rasa@homefix.example", lots: [{ points: 400 }], activityOnly: true },
];

/** A fixed key: seeding again finds the adjustment already recorded and changes nothing. */
const DEMO_ADJUSTMENT_KEY = "5f0c4c1e-7a51-4d36-9a3e-2f1d3b6c8e01";

async function person(db: Db, email: string) {
  const [row] = await db
    .select({ user: users, org: organisations })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1);
  return row;
}

/** Idempotent: every entry has a fixed source, and the ledger credits a source once. */
export async function seedLedger(db: Db, opts: { activity?: boolean } = {}): Promise<void> {
  for (const p of CARRIED_OVER) {
    if (p.activityOnly && !opts.activity) continue;
    const row = await person(db, p.email);
    if (!row) continue;
    await db.transaction(async (tx) => {
      for (const [i, lot] of p.lots.entries()) {
        await creditPoints(tx, {
          userId: row.user.id,
          organisationId: row.org.id,
          kind: "earn",
          sourceType: "carried_over",
          sourceId: `lot-${i + 1}`,
          amount: lot.points,
          descriptionKey: "ledger.desc.carried_over",
          ...(lot.expiresInDays ? { expiresAt: addDays(Date.now(), lot.expiresInDays) } : {}),
        });
      }
    });
  }
  if (!opts.activity) return;
  const admin = await person(db, "admin@volta.example");
  const ben = await person(db, "ben@proinstall.example");
  if (!admin || !ben) return;
  const actor = actorFrom(admin.user, admin.org);

  await adjustPoints(db, actor, {
    userId: ben.user.id,
    direction: "credit",
    points: 250,
    reason: "Installation training in Bristol, attended before the portal opened",
    key: DEMO_ADJUSTMENT_KEY,
  });
}
