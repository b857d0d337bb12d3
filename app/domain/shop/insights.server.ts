import { sql } from "drizzle-orm";
import { rowsOf, type Queryable } from "@db/client";

export type CategoryInsight = {
  id: string;
  slug: string;
  nameEn: string;
  active: boolean;
  participants: number;
  rewards: number;
  orders: number;
  units: number;
  points: number;
  points90: number;
};

/**
 * For planning the assortment: how many participants chose each hobby, and how much each
 * category redeems (cancelled orders do not count). Only counts leave this function, never
 * who chose what, so it is safe for every manufacturer role that plans the shop.
 */
export async function hobbyInsights(db: Queryable) {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select c.id, c.slug, c.name_en, c.active, c.sort_order,
        (select count(*) from user_hobbies h join users u on u.id = h.user_id
          where h.category_id = c.id and u.status <> 'deactivated')::int as participants,
        (select count(*) from rewards r where r.category_id = c.id and r.active)::int as rewards,
        coalesce(s.orders, 0)::int as orders, coalesce(s.units, 0)::int as units,
        coalesce(s.points, 0)::int as points, coalesce(s.points90, 0)::int as points90
      from shop_categories c
      left join (
        select r.category_id, count(distinct o.id) as orders, sum(l.quantity) as units,
          sum(l.quantity * l.unit_points) as points,
          sum(l.quantity * l.unit_points) filter (where o.placed_at > now() - interval '90 days') as points90
        from order_lines l join orders o on o.id = l.order_id join rewards r on r.id = l.reward_id
        where o.status <> 'cancelled'
        group by r.category_id
      ) s on s.category_id = c.id
      order by c.sort_order, c.name_en`),
  );
  const categories: CategoryInsight[] = rows.map((r) => ({
    id: String(r.id),
    slug: String(r.slug),
    nameEn: String(r.name_en),
    active: Boolean(r.active),
    participants: Number(r.participants),
    rewards: Number(r.rewards),
    orders: Number(r.orders),
    units: Number(r.units),
    points: Number(r.points),
    points90: Number(r.points90),
  }));
  const [totals] = rowsOf<{ participants: number; answered: number; chose: number }>(
    await db.execute(sql`
      select
        (select count(*) from users u join organisations o on o.id = u.organisation_id
          where o.kind <> 'manufacturer' and u.status = 'active')::int as participants,
        (select count(*) from shop_profiles p join users u on u.id = p.user_id where u.status <> 'deactivated')::int as answered,
        (select count(distinct h.user_id) from user_hobbies h join users u on u.id = h.user_id where u.status <> 'deactivated')::int as chose`),
  );
  return {
    categories,
    participants: Number(totals.participants),
    answered: Number(totals.answered),
    chose: Number(totals.chose),
    pointsTotal: categories.reduce((s, c) => s + c.points, 0),
  };
}
