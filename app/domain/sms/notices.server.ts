import { and, eq, sql } from "drizzle-orm";
import type { Queryable } from "@db/client";
import { smsTopics, users } from "@db/schema";
import { EMAIL_TOPICS, type EmailTopic } from "../notifications/topics";
import { createTranslator } from "~/i18n/translate";
import { config } from "~/lib/config.server";
import { queueSms } from "./outbox.server";

/**
 * The text-message side of notify(): the notice's title in the person's language and a link to
 * the page, queued in the same transaction, when the person has a phone and chose this topic by
 * SMS. Nothing for anyone else (one indexed lookup).
 */
export async function textNotice(
  tx: Queryable,
  notice: { userId: string; topic: EmailTopic; titleKey: string; vars?: Record<string, string | number>; link?: string },
): Promise<void> {
  const [row] = await tx
    .select({ phone: users.phone, locale: users.locale })
    .from(smsTopics)
    .innerJoin(users, eq(users.id, smsTopics.userId))
    .where(
      and(
        eq(smsTopics.userId, notice.userId),
        eq(smsTopics.topic, notice.topic),
        sql`${users.phone} is not null and ${users.status} = 'active'`,
      ),
    )
    .limit(1);
  if (!row?.phone) return;
  const locale = row.locale ?? "en";
  const title = createTranslator(locale)(notice.titleKey, notice.vars);
  // Only paths inside the portal, like the inbox's links.
  const path = notice.link?.startsWith("/") && !notice.link.startsWith("//") ? notice.link : "/inbox";
  await queueSms(tx, {
    to: row.phone,
    template: "notice",
    props: { title: title.slice(0, 100), url: `${config.publicUrl}${path}` },
    locale,
    userId: notice.userId,
    topic: notice.topic,
  });
}

/** The topics a person gets by text message. */
export async function smsTopicsOf(db: Queryable, userId: string): Promise<Set<EmailTopic>> {
  const rows = await db.select({ topic: smsTopics.topic }).from(smsTopics).where(eq(smsTopics.userId, userId));
  return new Set(rows.map((r) => r.topic as EmailTopic));
}

/** Replaces the person's SMS topics with `topics` (unknown names are ignored). */
export async function setSmsTopics(db: Queryable, userId: string, topics: readonly string[]): Promise<void> {
  const chosen = EMAIL_TOPICS.filter((t) => topics.includes(t));
  await db.delete(smsTopics).where(eq(smsTopics.userId, userId));
  if (chosen.length) await db.insert(smsTopics).values(chosen.map((topic) => ({ userId, topic })));
}
