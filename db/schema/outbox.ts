import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { localeEnum } from "./pg-enums";

/**
 * Durable email outbox. Mail is queued in the same transaction as the change that causes it and
 * delivered by a worker with retries, so a failing SMTP server delays mail but never loses it.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** "email" (to an address) or "sms" (to an E.164 number): one durable queue for both channels (issue 20). */
    channel: text("channel").notNull().default("email"),
    to: text("to").notNull(),
    template: text("template").notNull(),
    props: jsonb("props").$type<Record<string, unknown>>().notNull(),
    locale: localeEnum("locale").notNull().default("en"),
    /** For topic mail: whose preference it falls under, so its unsubscribe link can switch it off. */
    userId: uuid("user_id"),
    topic: text("topic"),
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    index("email_outbox_due_idx").on(t.status, t.nextAttemptAt),
    check("email_outbox_channel_check", sql`${t.channel} in ('email', 'sms')`),
    check("email_outbox_status_check", sql`${t.status} in ('pending', 'sent', 'failed')`),
  ],
);
