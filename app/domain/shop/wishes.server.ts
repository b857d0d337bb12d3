import { eq, sql } from "drizzle-orm";
import { rowsOf, type Db } from "@db/client";
import { users } from "@db/schema";
import { config } from "~/lib/config.server";
import { notify } from "../notifications/notify.server";

type Reachable = { user_id: string; reward_id: string; name: string; points_price: number };

/**
 * The periodic job that tells participants when a wish-list reward comes within reach: their
 * balance covers it, it is on sale to them and in stock. Each wish is announced once (a claimed
 * timestamp in the same transaction as the notice), and one email per person lists everything
 * that became reachable since the last run, so a big credit never means a pile of emails.
 */
export async function notifyReachableWishes(db: Db, limit = 500) {
  const due = rowsOf<Reachable>(
    await db.execute(sql`
      select w.user_id, w.reward_id,
        -- The reward's name in the person's own language (content_translations), else the default.
        coalesce((select ct.text from content_translations ct where ct.entity_type = 'reward' and ct.entity_id = r.id
          and ct.field = 'name' and ct.locale = u.locale), r.name) as name,
        r.points_price
      from wishlist_items w
      join rewards r on r.id = w.reward_id
      join shop_categories c on c.id = r.category_id
      join point_accounts a on a.user_id = w.user_id
      join users u on u.id = w.user_id
      join organisations o on o.id = u.organisation_id
      where w.reached_notified_at is null
        and a.balance >= r.points_price
        and u.status = 'active'
        and r.active and c.active
        and (r.active_from is null or r.active_from <= now())
        and (r.active_until is null or r.active_until > now())
        and (cardinality(r.tiers) = 0 or o.tier::text = any(r.tiers))
        and (cardinality(r.roles) = 0 or u.role::text = any(r.roles))
        and exists (select 1 from reward_variants v where v.reward_id = r.id and v.active and v.stock > 0)
      order by w.user_id, r.points_price
      limit ${limit}`),
  );
  const byUser = new Map<string, Reachable[]>();
  for (const row of due) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row]);
  let told = 0;
  for (const [userId, wishes] of byUser) {
    told += await db.transaction(async (tx) => {
      // Claim first: a second job runner (or a second process) finds nothing left to announce.
      const claimed = rowsOf<{ reward_id: string }>(
        await tx.execute(sql`
          update wishlist_items set reached_notified_at = now()
          where user_id = ${userId} and reached_notified_at is null
            and reward_id in (${sql.join(
              wishes.map((w) => sql`${w.reward_id}`),
              sql`, `,
            )})
          returning reward_id`),
      ).map((r) => r.reward_id);
      const mine = wishes.filter((w) => claimed.includes(w.reward_id));
      if (!mine.length) return 0;
      const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
      for (const [i, w] of mine.entries()) {
        await notify(tx, {
          userId,
          topic: "wish_list",
          titleKey: "shop.notice.wish_reached",
          vars: { name: w.name },
          link: `/shop/rewards/${w.reward_id}`,
          // One email for the whole batch, carried by the first notice.
          email:
            i === 0
              ? {
                  template: "shop_wish_reached",
                  props: {
                    name: user?.name ?? "",
                    url: `${config.publicUrl}/shop/wishlist`,
                    rewards: mine.map((m) => ({ name: m.name, points: Number(m.points_price) })),
                  },
                }
              : undefined,
        });
      }
      return mine.length;
    });
  }
  return { told };
}
