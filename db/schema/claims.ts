import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organisations, users } from "./organisations";

/**
 * Sales claims: the product catalogue, the points rules (with the date each value took effect,
 * so a claim is always calculated with the rules in force on its invoice date), and the claims
 * themselves with their lines, serial numbers, evidence files and history.
 */

export const CLAIM_STATUSES = ["draft", "manager_check", "in_review", "info_requested", "rejected", "approved", "reversed"] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export const claimStatusEnum = pgEnum("claim_status", CLAIM_STATUSES);

export const CLAIM_EVENT_KINDS = [
  "submitted",
  "resubmitted",
  "checked",
  "returned",
  "info_requested",
  "rejected",
  "approved",
  "reversed",
] as const;
export type ClaimEventKind = (typeof CLAIM_EVENT_KINDS)[number];
export const claimEventKindEnum = pgEnum("claim_event_kind", CLAIM_EVENT_KINDS);

export const MULTIPLIER_DIMENSIONS = ["tier", "role"] as const;
export type MultiplierDimension = (typeof MULTIPLIER_DIMENSIONS)[number];
export const multiplierDimensionEnum = pgEnum("multiplier_dimension", MULTIPLIER_DIMENSIONS);

export const PROMOTION_SCOPES = ["category", "products"] as const;
export type PromotionScope = (typeof PROMOTION_SCOPES)[number];
export const promotionScopeEnum = pgEnum("promotion_scope", PROMOTION_SCOPES);

/** The programme's product catalogue. SKUs are stored trimmed and upper-case, so the index is the only way in. */
export const products = pgTable(
  "products",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sku: text("sku").notNull(),
    name: text("name").notNull(),
    category: text("category").notNull(),
    /** Today's base points per unit; the dated history is in product_rates. */
    pointsPerUnit: integer("points_per_unit").notNull(),
    requiresSerial: boolean("requires_serial").notNull().default(false),
    active: boolean("active").notNull().default(true),
    /** Recommended retail price in minor units, for revenue contests; optional. */
    listPriceMinor: integer("list_price_minor"),
    /** A short "did you know" line about the product, used in emails. */
    tip: text("tip"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("products_sku_unique").on(t.sku),
    index("products_category_idx").on(t.category),
    check("products_sku_normalised", sql`${t.sku} = upper(btrim(${t.sku})) and ${t.sku} <> ''`),
    check("products_points_range", sql`${t.pointsPerUnit} >= 0 and ${t.pointsPerUnit} <= 1000000`),
    check("products_price_not_negative", sql`${t.listPriceMinor} is null or ${t.listPriceMinor} >= 0`),
  ],
);

/** Base points per unit of a product from a date on; the row with the latest valid_from <= invoice date applies. */
export const productRates = pgTable(
  "product_rates",
  {
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    pointsPerUnit: integer("points_per_unit").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.productId, t.validFrom] }),
    check("product_rates_points_range", sql`${t.pointsPerUnit} >= 0 and ${t.pointsPerUnit} <= 1000000`),
  ],
);

/**
 * Multipliers by partner tier and by participant role, as whole percent (125 = x1.25), dated
 * like product rates. No row for a tier or role means x1.
 */
export const multiplierRates = pgTable(
  "multiplier_rates",
  {
    dimension: multiplierDimensionEnum("dimension").notNull(),
    key: text("key").notNull(),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    percent: integer("percent").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.dimension, t.key, t.validFrom] }),
    check("multiplier_rates_percent_range", sql`${t.percent} >= 0 and ${t.percent} <= 1000`),
  ],
);

/** A time-boxed bonus on a category or a list of products, e.g. double points on batteries in May. */
export const promotions = pgTable(
  "promotions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    endsOn: date("ends_on", { mode: "string" }).notNull(),
    scope: promotionScopeEnum("scope").notNull(),
    category: text("category"),
    /** Whole percent: 200 doubles the points. */
    percent: integer("percent").notNull(),
    active: boolean("active").notNull().default(true),
    /** Who the promotion is for (issue 19); an empty list means everyone. */
    tiers: text("tiers").array().notNull().default(sql`'{}'`),
    regions: text("regions").array().notNull().default(sql`'{}'`),
    partnerIds: uuid("partner_ids").array().notNull().default(sql`'{}'`),
    roles: text("roles").array().notNull().default(sql`'{}'`),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("promotions_window", sql`${t.endsOn} >= ${t.startsOn}`),
    check("promotions_percent_range", sql`${t.percent} > 100 and ${t.percent} <= 1000`),
    check("promotions_scope_category", sql`(${t.scope} = 'category') = (${t.category} is not null)`),
    index("promotions_window_idx").on(t.startsOn, t.endsOn),
  ],
);

export const promotionProducts = pgTable(
  "promotion_products",
  {
    promotionId: uuid("promotion_id")
      .notNull()
      .references(() => promotions.id, { onDelete: "cascade" }),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id),
  },
  (t) => [primaryKey({ columns: [t.promotionId, t.productId] })],
);

export type CalcLine = { key: string; vars?: Record<string, string | number> };

/**
 * A sales claim. Drafts may be incomplete; once submitted the invoice number is reserved for the
 * partner (a rejected claim keeps it, since its claimant may correct and resubmit it).
 */
export const claims = pgTable(
  "claims",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The short number people quote ("claim 1042"). */
    number: serial("number").notNull(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    status: claimStatusEnum("status").notNull().default("draft"),
    /**
     * The outlet the sale was made at (issue 19): the claimant's outlet unless they chose another
     * of their partner's. Foreign key (outlet_id, organisation_id) -> outlets by hand in 0027_outlets.
     */
    outletId: uuid("outlet_id"),
    invoiceNumber: text("invoice_number").notNull().default(""),
    /** invoiceNumber trimmed, upper-case, inner spaces collapsed: what uniqueness is checked on. */
    invoiceKey: text("invoice_key").notNull().default(""),
    /** Letters and digits only, leading zeros dropped: "INV-0042" and "inv 42" meet here, for the near-duplicate flag. */
    invoiceLooseKey: text("invoice_loose_key").notNull().default(""),
    invoiceDate: date("invoice_date", { mode: "string" }),
    /** Points as calculated at the last submission, and at approval the points actually due. */
    points: integer("points").notNull().default(0),
    calculation: jsonb("calculation").$type<CalcLine[]>().notNull().default([]),
    /** Why a reviewer should look twice (near-duplicate invoice, unusual quantity), as i18n lines. */
    flags: jsonb("flags").$type<CalcLine[]>().notNull().default([]),
    /** First submission: the claim window is measured to it, so a returned claim is not penalised for review time. */
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    lastSubmittedAt: timestamp("last_submitted_at", { withTimezone: true }),
    checkedBy: uuid("checked_by").references(() => users.id),
    checkedAt: timestamp("checked_at", { withTimezone: true }),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    /** The reason of a rejection or the question of a request for information, shown to the claimant. */
    decisionNote: text("decision_note"),
    creditedEntryId: bigint("credited_entry_id", { mode: "number" }),
    creditedPoints: integer("credited_points"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("claims_number_unique").on(t.number),
    uniqueIndex("claims_invoice_unique").on(t.organisationId, t.invoiceKey).where(sql`${t.status} <> 'draft'`),
    index("claims_invoice_loose_key_idx").on(t.invoiceLooseKey),
    index("claims_status_idx").on(t.status, t.lastSubmittedAt),
    index("claims_organisation_idx").on(t.organisationId, t.createdAt),
    index("claims_user_idx").on(t.userId, t.createdAt),
    index("claims_outlet_idx").on(t.outletId),
    check(
      "claims_submitted_complete",
      sql`${t.status} = 'draft' or (${t.invoiceKey} <> '' and ${t.invoiceDate} is not null and ${t.submittedAt} is not null)`,
    ),
    check("claims_points_not_negative", sql`${t.points} >= 0`),
    check("claims_decided", sql`${t.status} not in ('approved', 'rejected') or ${t.decidedAt} is not null`),
  ],
);

export const claimLines = pgTable(
  "claim_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    claimId: uuid("claim_id")
      .notNull()
      .references(() => claims.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    /** As typed (upper-cased); productId is set once it matches the catalogue. */
    sku: text("sku").notNull(),
    productId: uuid("product_id").references(() => products.id),
    quantity: integer("quantity"),
    serials: text("serials").array().notNull().default(sql`'{}'`),
    points: integer("points").notNull().default(0),
  },
  (t) => [
    index("claim_lines_claim_idx").on(t.claimId, t.position),
    index("claim_lines_product_idx").on(t.productId),
    check("claim_lines_quantity_range", sql`${t.quantity} is null or (${t.quantity} >= 1 and ${t.quantity} <= 999)`),
  ],
);

/**
 * Serial numbers of submitted claims: the unique index makes one unit claimable once across the
 * whole programme, whoever races for it. Drafts reserve nothing.
 */
export const claimSerials = pgTable(
  "claim_serials",
  {
    serial: text("serial").notNull(),
    claimId: uuid("claim_id")
      .notNull()
      .references(() => claims.id, { onDelete: "cascade" }),
    lineId: uuid("line_id")
      .notNull()
      .references(() => claimLines.id, { onDelete: "cascade" }),
  },
  (t) => [uniqueIndex("claim_serials_serial_unique").on(t.serial), index("claim_serials_claim_idx").on(t.claimId)],
);

/** Invoice photos and PDFs, stored under UPLOAD_DIR by a random name; the newest one is the claim's evidence. */
export const claimFiles = pgTable(
  "claim_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    claimId: uuid("claim_id")
      .notNull()
      .references(() => claims.id, { onDelete: "cascade" }),
    storedName: text("stored_name").notNull(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    originalName: text("original_name").notNull().default(""),
    uploadedBy: uuid("uploaded_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("claim_files_stored_name_unique").on(t.storedName),
    index("claim_files_claim_idx").on(t.claimId, t.createdAt),
    check("claim_files_size", sql`${t.size} > 0`),
  ],
);

/** What happened to a claim and who did it, shown as its timeline. */
export const claimEvents = pgTable(
  "claim_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    claimId: uuid("claim_id")
      .notNull()
      .references(() => claims.id, { onDelete: "cascade" }),
    actorId: uuid("actor_id").references(() => users.id),
    kind: claimEventKindEnum("kind").notNull(),
    note: text("note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("claim_events_claim_idx").on(t.claimId, t.createdAt)],
);

export type Product = typeof products.$inferSelect;
export type Claim = typeof claims.$inferSelect;
export type ClaimLine = typeof claimLines.$inferSelect;
export type Promotion = typeof promotions.$inferSelect;
