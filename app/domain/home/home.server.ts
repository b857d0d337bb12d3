import { sql } from "drizzle-orm";
import { rowsOf, type Queryable } from "@db/client";
import type { Actor } from "~/lib/actor";
import { can } from "~/lib/permissions";
import { type OpenContestRow, openContestStandingsSql, openContestsFor } from "../contests/contests.server";
import { rewardVisibleTo } from "../shop/rewards.server";
import { DEFAULT_LOCALE, type Locale } from "@db/schema/enums";
import { translatedText } from "../content/translations.server";
import { PENDING_STATUSES } from "../claims/shared";
import { type ExpiringSoon, expiringSoonJson, expiringSoonOf } from "../points/ledger.server";
import { DEFAULT_CURRENCY } from "~/lib/money";

type Row = {
  balance: number | null;
  currency: string | null;
  pending: { count: number; points: number };
  expiring: ExpiringSoon | string | null;
  asked: number;
  to_check: number;
  team: { people: number; balance: number; earned: number; waiting: number } | null;
  contests: OpenContestRow[];
  course: { id: string; title: string; lessons: number; done: number; assigned: boolean } | null;
  promotion: { id: string; name: string; percent: number; ends_on: string } | null;
  reward: { id: string; name: string; points_price: number; wished: boolean } | null;
};

const pendingList = sql.raw(PENDING_STATUSES.map((s) => `'${s}'`).join(", "));

/**
 * Everything a partner person's home leads with, in one statement: their balance and claims in
 * flight, claims that ask for their answer (and, for a manager, the team's claims waiting for
 * their check), their place in open contests, the course to finish next, and one offer (a
 * running promotion, else the reward they are closest to affording, wished-for ones first).
 * Executives also get their team in numbers. Each part is an index lookup or a small range.
 */
export async function partnerHome(db: Queryable, actor: Actor, locale: Locale = actor.locale ?? DEFAULT_LOCALE) {
  const lead = actor.role === "executive" || actor.role === "manager";
  const visible = rewardVisibleTo(actor);
  const [row] = rowsOf<Row>(
    await db.execute(sql`
      with me as (select coalesce((select balance from point_accounts where user_id = ${actor.id}), 0) as balance)
      select
        (select balance from me) as balance,
        (select currency from programme_settings where id = 1) as currency,
        (select json_build_object('count', count(*), 'points', coalesce(sum(points), 0)) from claims
          where user_id = ${actor.id} and status in (${pendingList})) as pending,
        ${expiringSoonJson(actor.id)} as expiring,
        (select count(*)::int from claims where user_id = ${actor.id} and status = 'info_requested') as asked,
        ${can(actor.role, "claims.check") ? sql`(select count(*)::int from claims where organisation_id = ${actor.organisationId} and status = 'manager_check')` : sql`0`} as to_check,
        ${
          lead
            ? sql`(select json_build_object(
                'people', (select count(*) from users where organisation_id = ${actor.organisationId} and status = 'active'),
                'balance', (select coalesce(sum(balance), 0) from point_accounts where organisation_id = ${actor.organisationId}),
                'earned', (select coalesce(sum(earned_total), 0) from point_accounts where organisation_id = ${actor.organisationId}),
                'waiting', (select count(*) from claims where organisation_id = ${actor.organisationId} and status in (${pendingList}))))`
            : sql`null`
        } as team,
        ${openContestStandingsSql(actor, { bestOfOrganisation: actor.role === "executive" })} as contests,
        (select json_build_object('id', c.id, 'title', c.title, 'lessons', c.lessons, 'done', c.done, 'assigned', c.assigned) from (
          select co.id, ${translatedText("course", sql`co.id`, "title", locale, sql`co.title`)} as title, ${actor.role}::role = any(co.target_roles) as assigned,
            (select count(*) from course_lessons l where l.course_id = co.id) as lessons,
            (select count(*) from lesson_progress p where p.course_id = co.id and p.user_id = ${actor.id} and p.completed_at is not null) as done
          from courses co
          where co.status = 'published'
            and (cardinality(co.target_roles) = 0 or ${actor.role}::role = any(co.target_roles))
            and not exists (select 1 from certificates ce where ce.course_id = co.id and ce.user_id = ${actor.id} and ce.expires_at > now())
          order by assigned desc, done desc, co.title limit 1) c) as course,
        ${
          // A promotion is an offer only to people who claim sales; the others get a reward.
          can(actor.role, "claims.submit")
            ? sql`(select json_build_object('id', p.id, 'name', ${translatedText("promotion", sql`p.id`, "name", locale, sql`p.name`)}, 'percent', p.percent, 'ends_on', p.ends_on) from promotions p
          where p.active and p.starts_on <= current_date and p.ends_on >= current_date
          order by p.percent desc, p.ends_on limit 1)`
            : sql`null`
        } as promotion,
        (select json_build_object('id', r.id, 'name', ${translatedText("reward", sql`r.id`, "name", locale, sql`r.name`)}, 'points_price', r.points_price, 'wished', r.wished) from (
          select r0.* from (
            select rewards.id, rewards.name, rewards.points_price,
              exists (select 1 from wishlist_items w where w.reward_id = rewards.id and w.user_id = ${actor.id}) as wished
            from rewards
            where ${visible ?? sql`true`} and rewards.points_price > (select balance from me)
            -- Sorted before the stock check (offset 0 keeps the check out of this query), so the check
            -- stops at the first reward in stock. Checked for every reward first, the visibility rule's
            -- estimate of one row made PostgreSQL scan all variants once per reward (4 ms of /home).
            order by wished desc, rewards.points_price asc offset 0) r0
          where exists (select 1 from reward_variants v where v.reward_id = r0.id and v.active and v.stock > 0)
          order by r0.wished desc, r0.points_price asc limit 1) r) as reward`),
  );
  return {
    balance: Number(row.balance ?? 0),
    // Sales-value contests count money in the programme's currency.
    currency: row.currency ?? DEFAULT_CURRENCY,
    pending: { claims: Number(row.pending.count), points: Number(row.pending.points) },
    // In the programme's warning window, as on /points and team points. Before the settings row
    // exists (a new database, nothing can expire yet) there is nothing to show.
    expiring: expiringSoonOf(row.expiring) ?? { points: 0, earliest: null, days: 0 },
    asked: Number(row.asked),
    toCheck: Number(row.to_check),
    team: row.team
      ? {
          people: Number(row.team.people),
          balance: Number(row.team.balance),
          earned: Number(row.team.earned),
          waiting: Number(row.team.waiting),
        }
      : null,
    contests: openContestsFor(actor, row.contests),
    course: row.course ? { ...row.course, lessons: Number(row.course.lessons), done: Number(row.course.done) } : null,
    promotion: row.promotion
      ? { id: row.promotion.id, name: row.promotion.name, percent: row.promotion.percent, endsOn: row.promotion.ends_on }
      : null,
    reward: row.reward
      ? {
          id: row.reward.id,
          name: row.reward.name,
          price: row.reward.points_price,
          toGo: row.reward.points_price - Number(row.balance ?? 0),
          wished: row.reward.wished,
        }
      : null,
  };
}

export type PartnerHome = Awaited<ReturnType<typeof partnerHome>>;
