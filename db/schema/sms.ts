import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./organisations";

/**
 * The one live sign-in code per person (issue 20): the primary key makes "one valid code" a
 * database fact, so twenty simultaneous requests for a number leave one code, not twenty.
 * Only an HMAC of the code is kept; `attempts` counts wrong guesses at this code.
 */
export const signInCodes = pgTable(
  "sign_in_codes",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    attempts: integer("attempts").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("sign_in_codes_expires_idx").on(t.expiresAt), check("sign_in_codes_attempts_check", sql`${t.attempts} >= 0`)],
);

/**
 * Text messages sent per calendar month (UTC, "2026-12"), counted by the delivery job as the
 * gateway accepts each one; `warned_at` claims the 80% warning so it goes out once a month.
 */
export const smsUsage = pgTable(
  "sms_usage",
  {
    month: text("month").primaryKey(),
    sent: integer("sent").notNull().default(0),
    warnedAt: timestamp("warned_at", { withTimezone: true }),
  },
  (t) => [check("sms_usage_sent_check", sql`${t.sent} >= 0`)],
);

/** Topics a person chose to also get by text message (issue 20); no row, no text. The in-app notice always stays. */
export const smsTopics = pgTable(
  "sms_topics",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    topic: text("topic").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.topic] })],
);
