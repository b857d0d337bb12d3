import { sql } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import type { EmailTopic } from "../../app/domain/notifications/topics";

/** A fixed-offset zone in which the wall clock shows `hour` right now (Etc/GMT signs are inverted). */
export function zoneWithLocalHour(hour: number): string {
  const utc = new Date().getUTCHours();
  for (let off = -12; off <= 14; off++)
    if ((utc + off + 24) % 24 === hour) return off === 0 ? "UTC" : `Etc/GMT${off > 0 ? "-" : "+"}${Math.abs(off)}`;
  throw new Error("no zone");
}

/**
 * News waits for the weekly digest by default and for the reader's daytime (issue 13). A test about
 * the mail itself makes everyone (or the people named by email) choose "at once" for `topics`, as
 * a reader may on the profile page, and, with `daytime`, read mail in a zone where it is noon now,
 * so the test passes whatever the hour it runs at.
 */
export async function readAtOnce(db: Queryable, topics: EmailTopic[], opts: { emails?: string[]; daytime?: boolean } = {}) {
  const who = opts.emails
    ? sql`where lower(u.email) in (${sql.join(
        opts.emails.map((e) => sql`${e.toLowerCase()}`),
        sql`, `,
      )})`
    : sql``;
  for (const topic of topics)
    await db.execute(sql`insert into email_topic_modes (user_id, topic, mode) select u.id, ${topic}, 'instant' from users u ${who}
      on conflict (user_id, topic) do update set mode = 'instant'`);
  if (opts.daytime)
    await db.execute(sql`insert into communication_settings (user_id, time_zone) select u.id, ${zoneWithLocalHour(12)} from users u ${who}
      on conflict (user_id) do update set time_zone = excluded.time_zone`);
}
