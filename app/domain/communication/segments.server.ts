import { type SQL, sql } from "drizzle-orm";
import { rowsOf, type Queryable } from "@db/client";
import type { Segment } from "@db/schema/communication";
import { config } from "~/lib/config.server";
import { DEFAULT_MODES } from "./modes";
import { QUIET_END_HOUR, QUIET_START_HOUR } from "./quiet-hours";

export const EMPTY_SEGMENT: Segment = {
  tiers: [],
  regions: [],
  organisationIds: [],
  roles: [],
  hobbyIds: [],
  activeWithinDays: null,
  inactiveForDays: null,
};

const list = (values: string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/**
 * The people a segment reaches, as a WHERE condition over `u` (users) and `o` (their
 * organisation): active, not erased, in an active partner organisation (announcements are for
 * the programme's participants, not the manufacturer's staff). Each list is "any of"; lists
 * combine with AND. Activity means earning points (a claim, a course, a prize) in the ledger; the
 * welcome bonus is not activity. `onlyOrganisation` (a partner executive's announcement) limits
 * it to one organisation whatever the segment says.
 */
export function segmentCondition(segment: Segment, onlyOrganisation: string | null): SQL {
  const parts: SQL[] = [sql`u.status = 'active'`, sql`u.erased_at is null`, sql`o.active`, sql`o.kind <> 'manufacturer'`];
  if (onlyOrganisation) parts.push(sql`o.id = ${onlyOrganisation}`);
  if (segment.tiers.length) parts.push(sql`o.tier::text in (${list(segment.tiers)})`);
  if (segment.regions.length) parts.push(sql`o.region in (${list(segment.regions)})`);
  if (segment.organisationIds.length) parts.push(sql`o.id::text in (${list(segment.organisationIds)})`);
  if (segment.roles.length) parts.push(sql`u.role::text in (${list(segment.roles)})`);
  if (segment.hobbyIds.length)
    parts.push(sql`exists (select 1 from user_hobbies h where h.user_id = u.id and h.category_id::text in (${list(segment.hobbyIds)}))`);
  const earned = (days: number) =>
    sql`exists (select 1 from ledger_entries le where le.user_id = u.id and le.kind = 'earn' and le.source_type <> 'welcome'
      and le.created_at >= now() - make_interval(days => ${days}))`;
  if (segment.activeWithinDays) parts.push(earned(segment.activeWithinDays));
  if (segment.inactiveForDays) parts.push(sql`not ${earned(segment.inactiveForDays)}`);
  return sql.join(parts, sql` and `);
}

/** How many people a segment reaches now: one count, the same condition the queueing uses. */
export async function countRecipients(db: Queryable, segment: Segment, onlyOrganisation: string | null): Promise<number> {
  const rows = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from users u join organisations o on o.id = u.organisation_id
      where ${segmentCondition(segment, onlyOrganisation)}`),
  );
  return rows[0]?.n ?? 0;
}

/**
 * When quiet hours let a mail go, in SQL, for a time zone expression: now inside 08:00-20:00
 * there, else the next 08:00 there (the same rule as releaseAt in quiet-hours.ts).
 */
export function releaseAtSql(zone: SQL): SQL {
  const local = sql`(now() at time zone ${zone})`;
  return sql`case when extract(hour from ${local}) >= ${QUIET_START_HOUR} and extract(hour from ${local}) < ${QUIET_END_HOUR} then now()
    else (date_trunc('day', ${local}) + make_interval(days => case when extract(hour from ${local}) >= ${QUIET_END_HOUR} then 1 else 0 end, hours => ${QUIET_START_HOUR})) at time zone ${zone} end`;
}

/** The time zone quiet hours use for `u`: their own choice, else their organisation's region, else UTC. */
export const userTimeZoneSql = sql`coalesce((select cs.time_zone from communication_settings cs where cs.user_id = u.id),
  (select rtz.time_zone from region_time_zones rtz where rtz.region = o.region), 'UTC')`;

/**
 * Queues an announcement to everyone in its segment with one statement, whatever the number of
 * people (an INSERT ... SELECT per table, no loop in the application): an inbox notice each, in
 * the person's language; an email where their preference for announcements is "at once", held
 * until their daytime; a digest item where it is "weekly"; and a delivery row tying them to the
 * announcement for the counts. Call inside the transaction that marks the announcement sent.
 */
export async function queueAnnouncement(
  tx: Queryable,
  announcement: { id: string; segment: Segment; organisationId: string | null; link: string | null },
): Promise<number> {
  const defaultMode = DEFAULT_MODES.announcements;
  const url = `${config.publicUrl}/announcements/${announcement.id}/read`;
  const result = await tx.execute(sql`
    with r as materialized (
      select u.id as user_id, u.email, ac.locale, ac.title, ac.body_html,
        case when exists (select 1 from email_preferences ep where ep.user_id = u.id and ep.topic = 'announcements' and not ep.enabled) then 'off'
          else coalesce((select m.mode from email_topic_modes m where m.user_id = u.id and m.topic = 'announcements'), ${defaultMode}) end as mode,
        ${releaseAtSql(userTimeZoneSql)} as release_at
      from users u
      join organisations o on o.id = u.organisation_id
      join announcement_contents ac on ac.announcement_id = ${announcement.id}
        and ac.locale = coalesce((select c.locale from announcement_contents c where c.announcement_id = ${announcement.id} and c.locale = u.locale), 'en')
      where ${segmentCondition(announcement.segment, announcement.organisationId)}
    ),
    n as (
      insert into notifications (user_id, topic, title_key, body_key, vars, link)
      select user_id, 'announcements', 'communication.notice.title', 'communication.notice.body', jsonb_build_object('title', title),
        ${`/announcements/${announcement.id}/read`}
      from r
      returning id, user_id
    ),
    e as (
      insert into email_outbox ("to", template, props, locale, user_id, topic, next_attempt_at)
      select email, 'announcement', jsonb_build_object('title', title, 'html', body_html, 'url', ${url}::text), locale, user_id, 'announcements', release_at
      from r where mode = 'instant'
      returning id, user_id
    ),
    d as (
      insert into digest_items (user_id, topic, notification_id)
      select n.user_id, 'announcements', n.id from n join r on r.user_id = n.user_id where r.mode = 'weekly'
      returning id
    )
    insert into announcement_deliveries (announcement_id, user_id, notification_id, email_id, channel)
    select ${announcement.id}, n.user_id, n.id, e.id, case r.mode when 'instant' then 'email' when 'weekly' then 'digest' else 'off' end
    from n join r on r.user_id = n.user_id left join e on e.user_id = n.user_id
    returning user_id`);
  return rowsOf(result).length;
}
