import { pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./organisations";

/**
 * One monthly report email per partner executive and month: the row is claimed (primary key) in
 * the transaction that queues the email, so the job sends it once however often or in however
 * many processes it runs.
 */
export const monthlyReportSends = pgTable(
  "monthly_report_sends",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The month reported on, YYYY-MM. */
    month: text("month").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.month] })],
);
