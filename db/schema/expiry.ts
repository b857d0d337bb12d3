import { bigint, index, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { ledgerEntries } from "./ledger";

/**
 * Lots the expiry job has not closed yet, by expiry: a trigger adds every lot (a positive entry
 * with an expiry) as it is appended, and the job removes a participant's due rows in the
 * transaction that expires their lots. So a run reads only what fell due since the last one,
 * never the years of lots that expired or were spent before (the ledger itself stays append-only).
 */
export const lotExpiryQueue = pgTable(
  "lot_expiry_queue",
  {
    entryId: bigint("entry_id", { mode: "number" })
      .primaryKey()
      .references(() => ledgerEntries.id),
    userId: uuid("user_id").notNull(),
    organisationId: uuid("organisation_id").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("lot_expiry_queue_due_idx").on(t.expiresAt),
    // A partner's points expiring soon (team points): its open lots by expiry, not every lot it ever had.
    index("lot_expiry_queue_organisation_idx").on(t.organisationId, t.expiresAt),
    // One person's points expiring soon (/points, /home): their open lots by expiry, never the
    // expired lots of every past month that the ledger's own lots index would walk through.
    index("lot_expiry_queue_user_idx").on(t.userId, t.expiresAt),
  ],
);
