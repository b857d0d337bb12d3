import { eq, sql } from "drizzle-orm";
import { rowsOf, type Db, type Queryable } from "@db/client";
import { communicationSettings, emailPreferences, emailTopicModes } from "@db/schema";
import type { EmailMode } from "@db/schema/communication";
import type { Actor } from "~/lib/actor";
import { UserError } from "~/lib/errors";
import { EMAIL_TOPICS, type EmailTopic, isEmailTopic } from "../notifications/topics";
import { DEFAULT_MODES } from "./modes";
import { isTimeZone } from "./quiet-hours";

/** A person's time zone: their own choice, else their organisation's region's, else UTC (`regionOnly`: skip their choice). */
export async function timeZoneOf(db: Queryable, userId: string, opts: { regionOnly?: boolean } = {}): Promise<string> {
  const own = opts.regionOnly ? sql`null` : sql`cs.time_zone`;
  const [row] = rowsOf<{ tz: string }>(
    await db.execute(sql`select coalesce(${own}, rtz.time_zone, 'UTC') as tz
      from users u join organisations o on o.id = u.organisation_id
      left join communication_settings cs on cs.user_id = u.id
      left join region_time_zones rtz on rtz.region = o.region
      where u.id = ${userId}`),
  );
  return row?.tz ?? "UTC";
}

/**
 * How a person wants mail of a topic: an unsubscribe (email_preferences off) wins, then their
 * chosen mode, then the topic's default.
 */
export async function emailModeOf(db: Queryable, userId: string, topic: string): Promise<EmailMode> {
  const [row] = rowsOf<{ enabled: boolean | null; mode: EmailMode | null }>(
    await db.execute(sql`select
      (select ep.enabled from email_preferences ep where ep.user_id = ${userId} and ep.topic = ${topic}) as enabled,
      (select m.mode from email_topic_modes m where m.user_id = ${userId} and m.topic = ${topic}) as mode`),
  );
  if (row?.enabled === false) return "off";
  return row?.mode ?? (isEmailTopic(topic) ? DEFAULT_MODES[topic] : "instant");
}

export async function getEmailSettings(db: Queryable, userId: string) {
  const modes = { ...DEFAULT_MODES };
  for (const r of await db.select().from(emailTopicModes).where(eq(emailTopicModes.userId, userId)))
    if (isEmailTopic(r.topic)) modes[r.topic] = r.mode;
  for (const r of await db.select().from(emailPreferences).where(eq(emailPreferences.userId, userId)))
    if (isEmailTopic(r.topic) && !r.enabled) modes[r.topic] = "off";
  const [own] = await db.select().from(communicationSettings).where(eq(communicationSettings.userId, userId));
  return { modes, timeZone: own?.timeZone ?? null, regionTimeZone: await timeZoneOf(db, userId, { regionOnly: true }) };
}

/**
 * Saves the profile's email settings in one transaction: a mode per topic (kept in step with the
 * on/off switch that one-click unsubscribe writes) and the time zone (empty: the region's).
 */
export async function saveEmailSettings(db: Db, actor: Actor, modes: Record<EmailTopic, EmailMode>, timeZone: string | null) {
  if (timeZone && !isTimeZone(timeZone)) throw new UserError("communication.errors.time_zone", "timeZone");
  await db.transaction(async (tx) => {
    for (const topic of EMAIL_TOPICS) {
      const mode = modes[topic];
      await tx
        .insert(emailTopicModes)
        .values({ userId: actor.id, topic, mode })
        .onConflictDoUpdate({ target: [emailTopicModes.userId, emailTopicModes.topic], set: { mode, updatedAt: new Date() } });
      await tx
        .insert(emailPreferences)
        .values({ userId: actor.id, topic, enabled: mode !== "off" })
        .onConflictDoUpdate({
          target: [emailPreferences.userId, emailPreferences.topic],
          set: { enabled: mode !== "off", updatedAt: new Date() },
        });
    }
    await tx
      .insert(communicationSettings)
      .values({ userId: actor.id, timeZone })
      .onConflictDoUpdate({ target: communicationSettings.userId, set: { timeZone, updatedAt: new Date() } });
  });
}

/** For tests and the digest: whether a person has anything waiting in the digest. */
export async function waitingDigestItems(db: Queryable, userId: string): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from digest_items where user_id = ${userId} and digest_id is null`),
  );
  return row?.n ?? 0;
}
