import { and, eq } from "drizzle-orm";
import type { Db, Queryable } from "@db/client";
import { emailOutbox, emailPreferences, emailTopicModes } from "@db/schema";
import type { Actor } from "~/lib/actor";
import { DIGEST_TOPIC, EMAIL_TOPICS, type EmailTopic, isEmailTopic } from "./topics";
import { isId } from "~/lib/ids";

export async function wantsEmail(db: Queryable, userId: string, topic: string): Promise<boolean> {
  const [row] = await db
    .select({ enabled: emailPreferences.enabled })
    .from(emailPreferences)
    .where(and(eq(emailPreferences.userId, userId), eq(emailPreferences.topic, topic)));
  return row?.enabled ?? true;
}

export async function getEmailPreferences(db: Queryable, userId: string): Promise<Record<EmailTopic, boolean>> {
  const rows = await db.select().from(emailPreferences).where(eq(emailPreferences.userId, userId));
  const prefs = Object.fromEntries(EMAIL_TOPICS.map((t) => [t, true])) as Record<EmailTopic, boolean>;
  for (const r of rows) if (isEmailTopic(r.topic)) prefs[r.topic] = r.enabled;
  return prefs;
}

async function setOne(db: Queryable, userId: string, topic: EmailTopic, enabled: boolean) {
  await db
    .insert(emailPreferences)
    .values({ userId, topic, enabled })
    .onConflictDoUpdate({ target: [emailPreferences.userId, emailPreferences.topic], set: { enabled, updatedAt: new Date() } });
}

/** Saves the profile page's switches: the topics listed in `enabled` on, all others off. */
export async function saveEmailPreferences(db: Db, actor: Actor, enabled: EmailTopic[]) {
  await db.transaction(async (tx) => {
    for (const topic of EMAIL_TOPICS) await setOne(tx, actor.id, topic, enabled.includes(topic));
  });
}

/** What an emailed unsubscribe link points at: its topic, if the link is real. */
export async function unsubscribeTarget(db: Queryable, emailId: string) {
  if (!isId(emailId)) return null;
  const [row] = await db
    .select({ userId: emailOutbox.userId, topic: emailOutbox.topic })
    .from(emailOutbox)
    .where(eq(emailOutbox.id, emailId));
  // The weekly digest is a topic of its own for the link: it stops every topic the person gets weekly.
  if (!row?.userId || !row.topic || !(isEmailTopic(row.topic) || row.topic === DIGEST_TOPIC)) return null;
  return { userId: row.userId, topic: row.topic as EmailTopic | typeof DIGEST_TOPIC };
}

/** One-click unsubscribe from the email's topic; no sign-in needed, the link is the key. */
export async function unsubscribeByEmail(db: Queryable, emailId: string) {
  const target = await unsubscribeTarget(db, emailId);
  if (!target) return null;
  if (target.topic === DIGEST_TOPIC) {
    const weekly = await db
      .select({ topic: emailTopicModes.topic })
      .from(emailTopicModes)
      .where(and(eq(emailTopicModes.userId, target.userId), eq(emailTopicModes.mode, "weekly")));
    for (const { topic } of weekly) if (isEmailTopic(topic)) await setOne(db, target.userId, topic, false);
    return target;
  }
  await setOne(db, target.userId, target.topic, false);
  return target;
}
