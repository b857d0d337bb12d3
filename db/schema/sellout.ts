import { sql } from "drizzle-orm";
import { bigserial, boolean, check, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { claims } from "./claims";
import { organisations, users } from "./organisations";

/**
 * Sell-out (point-of-sale) data: what partners actually sold, uploaded as CSV by the channel team
 * or by a distributor for its own dealers, and what each claim's lines matched in it.
 */

export const SELLOUT_UPLOAD_STATUSES = ["active", "replaced", "withdrawn"] as const;
export type SelloutUploadStatus = (typeof SELLOUT_UPLOAD_STATUSES)[number];
export const selloutUploadStatusEnum = pgEnum("sellout_upload_status", SELLOUT_UPLOAD_STATUSES);

export const SELLOUT_MATCH_STATUSES = ["matched", "partial", "unmatched"] as const;
export type SelloutMatchStatus = (typeof SELLOUT_MATCH_STATUSES)[number];
export const selloutMatchStatusEnum = pgEnum("sellout_match_status", SELLOUT_MATCH_STATUSES);

/** One uploaded file. Its rows live while it is active; replacing or withdrawing it deletes them, the record stays. */
export const selloutUploads = pgTable(
  "sellout_uploads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The organisation of the person who uploaded it: the manufacturer, or a distributor for its dealers. */
    uploaderOrganisationId: uuid("uploader_organisation_id")
      .notNull()
      .references(() => organisations.id),
    uploadedBy: uuid("uploaded_by").references(() => users.id),
    filename: text("filename").notNull().default(""),
    status: selloutUploadStatusEnum("status").notNull().default("active"),
    rowCount: integer("row_count").notNull().default(0),
    /** The upload that took this one's place. */
    replacedBy: uuid("replaced_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [index("sellout_uploads_uploader_idx").on(t.uploaderOrganisationId, t.createdAt)],
);

/** A sold line: partner, invoice, day, SKU, quantity. Keys are normalised like the claim's, so they meet by equality. */
export const selloutRows = pgTable(
  "sellout_rows",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    uploadId: uuid("upload_id")
      .notNull()
      .references(() => selloutUploads.id, { onDelete: "cascade" }),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => organisations.id),
    line: integer("line").notNull(),
    invoiceKey: text("invoice_key").notNull(),
    invoiceDate: date("invoice_date", { mode: "string" }).notNull(),
    sku: text("sku").notNull(),
    quantity: integer("quantity").notNull(),
  },
  (t) => [
    index("sellout_rows_match_idx").on(t.partnerId, t.invoiceKey, t.sku),
    index("sellout_rows_upload_idx").on(t.uploadId),
    check("sellout_rows_quantity", sql`${t.quantity} >= 1`),
  ],
);

/** Serial numbers sold, one row each, so a claimed serial is found through one index. */
export const selloutSerials = pgTable(
  "sellout_serials",
  {
    serial: text("serial").notNull(),
    uploadId: uuid("upload_id")
      .notNull()
      .references(() => selloutUploads.id, { onDelete: "cascade" }),
    partnerId: uuid("partner_id").notNull(),
    sku: text("sku").notNull(),
  },
  (t) => [index("sellout_serials_serial_idx").on(t.serial, t.partnerId), index("sellout_serials_upload_idx").on(t.uploadId)],
);

/** Which dealers a distributor reports sell-out for (set by the channel team). */
export const selloutReporters = pgTable(
  "sellout_reporters",
  {
    distributorId: uuid("distributor_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    dealerId: uuid("dealer_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.distributorId, t.dealerId] })],
);

/** What a claim matched in the sell-out data when last compared; the review queue reads it. */
export const selloutMatches = pgTable("sellout_matches", {
  claimId: uuid("claim_id")
    .primaryKey()
    .references(() => claims.id, { onDelete: "cascade" }),
  status: selloutMatchStatusEnum("status").notNull(),
  linesTotal: integer("lines_total").notNull(),
  linesMatched: integer("lines_matched").notNull(),
  /** Claimed serials that the sell-out data shows sold by another partner. */
  foreignSerials: text("foreign_serials").array().notNull().default(sql`'{}'`),
  matchedAt: timestamp("matched_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The programme's sell-out rules (one row). */
export const selloutSettings = pgTable(
  "sellout_settings",
  {
    id: integer("id").primaryKey().default(1),
    /** Claims whose every line matched (and no serial sold elsewhere) are approved by the system. */
    autoApprove: boolean("auto_approve").notNull().default(false),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("sellout_settings_single_row", sql`${t.id} = 1`)],
);

export type SelloutUpload = typeof selloutUploads.$inferSelect;
