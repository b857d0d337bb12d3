import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./organisations";

/** The in-app inbox: one row per thing a person should know about (claim decided, order shipped...). */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    /** What it is about, e.g. claim_decided; also the email preference it falls under. */
    topic: text("topic").notNull(),
    titleKey: text("title_key").notNull(),
    bodyKey: text("body_key"),
    vars: jsonb("vars").$type<Record<string, string | number>>().notNull().default({}),
    /** Where the notice leads inside the portal. */
    link: text("link"),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt)],
);
