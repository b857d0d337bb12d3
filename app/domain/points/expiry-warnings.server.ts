import { eq, sql } from "drizzle-orm";
import { rowsOf, type Db } from "@db/client";
import { expiryWarnings, users } from "@db/schema";
import { config } from "~/lib/config.server";
import { notify } from "../notifications/notify.server";
import { getSettings } from "./ledger.server";
import { addDays } from "~/lib/dates";

type DueLot = { id: number; userId: string; expiresAt: Date };

/**
 * The expiry-warning job: every active participant with points that expire within the warning
 * period (a programme setting) hears about it once per lot, by an in-app notice and an email
 * that links to their points and to the shop. Lots are claimed in expiry_warnings (one row per
 * lot, primary key) in the same transaction as the notice, so running the job twice, or in two
 * processes at once, warns once. Lots that are already due are the expiry job's, not ours.
 */
export async function sendExpiryWarnings(db: Db, now = new Date()) {
  const settings = await getSettings(db);
  const until = addDays(now, settings.expiryWarningDays);
  const due = rowsOf<{ id: number | string; user_id: string; expires_at: string | Date }>(
    await db.execute(sql`
      select e.id, e.user_id, e.expires_at
      from ledger_entries e
      join users u on u.id = e.user_id and u.status = 'active'
      where e.amount > 0 and e.expires_at > ${now.toISOString()} and e.expires_at <= ${until.toISOString()}
        and not exists (select 1 from expiry_warnings w where w.lot_entry_id = e.id)
        and e.amount > coalesce((select sum(a.points) from ledger_allocations a where a.lot_entry_id = e.id), 0)
      order by e.user_id, e.expires_at`),
  ).map((r): DueLot => ({ id: Number(r.id), userId: r.user_id, expiresAt: new Date(r.expires_at) }));

  const byUser = new Map<string, DueLot[]>();
  for (const lot of due) byUser.set(lot.userId, [...(byUser.get(lot.userId) ?? []), lot]);

  let warned = 0;
  let points = 0;
  for (const [userId, lots] of byUser) {
    const sent = await db.transaction(async (tx) => {
      const claimed = await tx
        .insert(expiryWarnings)
        .values(lots.map((l) => ({ lotEntryId: l.id, userId })))
        .onConflictDoNothing()
        .returning({ id: expiryWarnings.lotEntryId });
      if (!claimed.length) return 0;
      const ids = claimed.map((c) => c.id);
      // What is left of the claimed lots now, in this transaction: a purchase a moment ago counts.
      const [left] = rowsOf<{ points: number | string; earliest: string | Date }>(
        await tx.execute(sql`
          select coalesce(sum(e.amount - coalesce((select sum(a.points) from ledger_allocations a where a.lot_entry_id = e.id), 0)), 0) as points,
            min(e.expires_at) as earliest
          from ledger_entries e where e.id in (${sql.join(
            ids.map((id) => sql`${id}`),
            sql`, `,
          )})`),
      );
      const total = Number(left.points);
      if (total <= 0) return 0;
      const [person] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
      const expiresOn = new Date(left.earliest).toISOString();
      await notify(tx, {
        userId,
        topic: "points_expiring",
        titleKey: "points_admin.notice.expiring",
        vars: { count: total, date: expiresOn },
        link: "/points",
        email: {
          template: "points_expiring",
          props: {
            name: person?.name ?? "",
            points: total,
            expiresOn,
            pointsUrl: `${config.publicUrl}/points`,
            shopUrl: `${config.publicUrl}/shop`,
          },
        },
      });
      return total;
    });
    if (sent > 0) {
      warned++;
      points += sent;
    }
  }
  return { participants: warned, points };
}
