import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@db/client";
import type { Locale } from "@db/schema/enums";
import { config } from "~/lib/config.server";
import { DAY_MS, isoDay } from "~/lib/dates";
import { queueEmail } from "../mail/outbox.server";
import { DIGEST_TOPIC } from "../notifications/topics";
import { releaseAt } from "./quiet-hours";
import { timeZoneOf } from "./settings.server";

/** Monday 00:00 UTC of the week `at` falls in: weeks are counted alike in every process. */
export function weekStart(at: Date): Date {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * DAY_MS);
}

type Item = { id: number; topic: string; title_key: string; vars: Record<string, string | number>; link: string | null };

/**
 * The weekly job: everyone with notices waiting for the digest from before this week gets one
 * email grouping them by topic, in their language, held for their daytime (quiet hours). The
 * digest row (unique per person and week) is claimed in the same transaction as the items and
 * the email, so a digest goes once however often or in how many processes the job runs. People
 * with nothing waiting get nothing.
 */
export async function sendWeeklyDigests(db: Db, opts: { now?: Date; limit?: number } = {}): Promise<{ digests: number; items: number }> {
  const now = opts.now ?? new Date();
  const thisWeek = weekStart(now);
  const lastWeek = isoDay(new Date(thisWeek.getTime() - 7 * DAY_MS));
  let digests = 0;
  let items = 0;
  for (let i = 0; i < (opts.limit ?? 200); i++) {
    const done = await db.transaction(async (tx) => {
      const [who] = rowsOf<{ user_id: string; email: string; name: string; locale: Locale | null; status: string }>(
        await tx.execute(sql`select u.id as user_id, u.email, u.name, u.locale, u.status from users u
          where u.id = (select di.user_id from digest_items di where di.digest_id is null and di.created_at < ${thisWeek.toISOString()}
            order by di.created_at limit 1 for update skip locked)`),
      );
      if (!who) return null;
      const [digest] = rowsOf<{ id: string }>(
        await tx.execute(sql`insert into digests (user_id, week_start, items) values (${who.user_id}, ${lastWeek}, 0)
          on conflict (user_id, week_start) do update set week_start = excluded.week_start returning id`),
      );
      // Every waiting item of the person is taken, also one whose notice is gone (an erased person's),
      // so nothing can stay first in the queue forever.
      const taken = rowsOf<Item>(
        await tx.execute(sql`with t as (
            update digest_items di set digest_id = ${digest.id}
            where di.user_id = ${who.user_id} and di.digest_id is null and di.created_at < ${thisWeek.toISOString()}
            returning di.id, di.topic, di.notification_id)
          select t.id, t.topic, n.title_key, n.vars, n.link from t join notifications n on n.id = t.notification_id`),
      );
      await tx.execute(sql`update digests set items = items + ${taken.length} where id = ${digest.id}`);
      if (!taken.length || who.status === "deactivated") return taken.length;
      const groups = new Map<string, Item[]>();
      for (const item of taken.sort((a, b) => a.id - b.id)) groups.set(item.topic, [...(groups.get(item.topic) ?? []), item]);
      await queueEmail(tx, {
        to: who.email,
        template: "digest",
        props: {
          name: who.name,
          url: `${config.publicUrl}/inbox`,
          groups: [...groups].map(([topic, list]) => ({
            topic,
            items: list.map((it) => ({
              id: Number(it.id),
              titleKey: it.title_key,
              vars: it.vars ?? {},
              url: it.link ? `${config.publicUrl}${it.link}` : null,
            })),
          })),
        },
        locale: who.locale ?? "en",
        userId: who.user_id,
        topic: DIGEST_TOPIC,
        notBefore: releaseAt(now, await timeZoneOf(tx, who.user_id)),
      });
      return taken.length;
    });
    if (done === null) break;
    if (done > 0) digests++;
    items += done;
  }
  return { digests, items };
}
