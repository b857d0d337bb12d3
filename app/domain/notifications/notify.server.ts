import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Queryable } from "@db/client";
import { digestItems, notifications, users } from "@db/schema";
import type { TemplateName, TemplateProps } from "@emails/index";
import { NON_URGENT_TOPICS } from "../communication/modes";
import { releaseAt } from "../communication/quiet-hours";
import { emailModeOf, timeZoneOf } from "../communication/settings.server";
import { queueEmail } from "../mail/outbox.server";
import { textNotice } from "../sms/notices.server";
import type { EmailTopic } from "./topics";

export type Notice<N extends TemplateName = TemplateName> = {
  userId: string;
  /** Which email switch it falls under (the in-app notice is always kept). */
  topic: EmailTopic;
  titleKey: string;
  bodyKey?: string;
  vars?: Record<string, string | number>;
  link?: string;
  /** Also send this email (in the recipient's language), in the same transaction. */
  email?: { template: N; props: TemplateProps<N> };
};

/**
 * The one way to tell a person something: an in-app notice, plus an email when the notice
 * carries one. Call it inside the transaction of the change it reports, so a rolled-back
 * decision never notifies anyone.
 */
export async function notify<N extends TemplateName>(tx: Queryable, notice: Notice<N>): Promise<void> {
  const [inserted] = await tx
    .insert(notifications)
    .values({
      userId: notice.userId,
      topic: notice.topic,
      titleKey: notice.titleKey,
      bodyKey: notice.bodyKey ?? null,
      vars: notice.vars ?? {},
      link: notice.link ?? null,
    })
    .returning({ id: notifications.id });
  // A text message too, when the person chose this topic by SMS (issue 20): one query finds out.
  await textNotice(tx, notice);
  if (!notice.email) return;
  const [user] = await tx
    .select({ email: users.email, locale: users.locale, status: users.status })
    .from(users)
    .where(eq(users.id, notice.userId));
  // Someone reached by phone only has no address: the notice (and any text message) is what they get.
  if (!user || user.status === "deactivated" || !user.email) return;
  // The person's choice for this topic: at once, in the weekly digest (the notice waits for it), or not at all.
  const mode = await emailModeOf(tx, notice.userId, notice.topic);
  if (mode === "off") return;
  if (mode === "weekly") {
    await tx.insert(digestItems).values({ userId: notice.userId, topic: notice.topic, notificationId: inserted.id });
    return;
  }
  const notBefore = NON_URGENT_TOPICS.has(notice.topic) ? releaseAt(new Date(), await timeZoneOf(tx, notice.userId)) : undefined;
  await queueEmail(tx, {
    notBefore,
    to: user.email,
    template: notice.email.template,
    props: notice.email.props,
    locale: user.locale ?? "en",
    userId: notice.userId,
    topic: notice.topic,
  });
}

export async function listNotifications(db: Queryable, userId: string, limit = 50) {
  return db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt)).limit(limit);
}

export async function unreadCount(db: Queryable, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function markAllRead(db: Queryable, userId: string): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}
