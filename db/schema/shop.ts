import { sql } from "drizzle-orm";
import { PARTNER_ROLES_SQL_ARRAY } from "./enums";
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organisations, users } from "./organisations";

export const REWARD_KINDS = ["physical", "digital"] as const;
export type RewardKind = (typeof REWARD_KINDS)[number];
export const rewardKindEnum = pgEnum("reward_kind", REWARD_KINDS);

/**
 * placed -> approved -> shipped -> delivered, or cancelled before shipping. A digital order is
 * delivered the moment it is placed (the code is the delivery), so it is never cancelled.
 */
export const ORDER_STATUSES = ["placed", "approved", "shipped", "delivered", "cancelled"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const orderStatusEnum = pgEnum("order_status", ORDER_STATUSES);

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/**
 * Hobby categories. The built-in ones are rows of the shop_extras migration; admins add more.
 * Names are data, not interface strings, so each category carries its own English and Russian.
 */
export const shopCategories = pgTable(
  "shop_categories",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    /** In the programme's default language; other languages are content_translations (shop_category, name). */
    nameEn: text("name_en").notNull(),
    /** A picture under public/ (e.g. /images/shop/categories/fishing.svg). */
    image: text("image"),
    sortOrder: integer("sort_order").notNull().default(100),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("shop_categories_slug_unique").on(t.slug),
    check("shop_categories_slug_format", sql`${t.slug} ~ '^[a-z0-9][a-z0-9-]{0,39}$'`),
  ],
);

/** Whether (and when) a participant answered the hobby question, so "skip" is remembered too. */
export const shopProfiles = pgTable("shop_profiles", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id),
  hobbiesChosenAt: timestamp("hobbies_chosen_at", { withTimezone: true }).notNull().defaultNow(),
});

export const userHobbies = pgTable(
  "user_hobbies",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    categoryId: uuid("category_id")
      .notNull()
      .references(() => shopCategories.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.categoryId] }), index("user_hobbies_category_idx").on(t.categoryId)],
);

export const rewards = pgTable(
  "rewards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    categoryId: uuid("category_id")
      .notNull()
      .references(() => shopCategories.id),
    /** Name and description in the programme's default language; other languages are content_translations (reward). */
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    /** Picture URLs: files shipped under public/images/shop/ or uploads served from /shop/images/:id. */
    images: jsonb("images").$type<string[]>().notNull().default([]),
    pointsPrice: integer("points_price").notNull(),
    /** Stated retail price (issue 19, fair rewards), integer minor units of retailCurrency; null = not stated. */
    retailPriceMinor: integer("retail_price_minor"),
    retailCurrency: text("retail_currency"),
    kind: rewardKindEnum("kind").notNull(),
    /** Who may see and order it; an empty list means everyone. */
    tiers: text("tiers").array().notNull().default(sql`'{}'::text[]`),
    roles: text("roles").array().notNull().default(sql`'{}'::text[]`),
    activeFrom: timestamp("active_from", { withTimezone: true }),
    activeUntil: timestamp("active_until", { withTimezone: true }),
    active: boolean("active").notNull().default(true),
    /** Demo seed key, so seeding twice finds its own rows; null for admin-made rewards. */
    seedKey: text("seed_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("rewards_category_idx").on(t.categoryId),
    uniqueIndex("rewards_seed_key_unique").on(t.seedKey),
    check("rewards_price_positive", sql`${t.pointsPrice} > 0`),
    check(
      "rewards_retail_price",
      sql`(${t.retailPriceMinor} is null and ${t.retailCurrency} is null) or (${t.retailPriceMinor} > 0 and ${t.retailCurrency} ~ '^[A-Z]{3}$')`,
    ),
    check("rewards_window_order", sql`${t.activeFrom} is null or ${t.activeUntil} is null or ${t.activeFrom} < ${t.activeUntil}`),
    check("rewards_tiers_known", sql`${t.tiers} <@ array['registered','silver','gold','platinum']::text[]`),
    check("rewards_roles_known", sql`${t.roles} <@ ${sql.raw(PARTNER_ROLES_SQL_ARRAY)}`),
  ],
);

/**
 * What is actually ordered and stocked. A reward without sizes or colours has one variant with
 * both empty. Stock is only lowered by one guarded UPDATE (stock >= qty); the CHECK is the last
 * line. For digital rewards stock equals the number of unclaimed codes and moves with them.
 */
export const rewardVariants = pgTable(
  "reward_variants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    rewardId: uuid("reward_id")
      .notNull()
      .references(() => rewards.id),
    size: text("size").notNull().default(""),
    colour: text("colour").notNull().default(""),
    sku: text("sku").notNull().default(""),
    stock: integer("stock").notNull().default(0),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("reward_variants_option_unique").on(t.rewardId, t.size, t.colour),
    check("reward_variants_stock_not_negative", sql`${t.stock} >= 0`),
  ],
);

/** Uploaded pictures, kept in the database so the embedded (PGlite) setup needs no file store. */
export const rewardImages = pgTable("reward_images", {
  id: uuid("id").primaryKey().defaultRandom(),
  rewardId: uuid("reward_id")
    .notNull()
    .references(() => rewards.id),
  contentType: text("content_type").notNull(),
  data: bytea("data").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const wishlistItems = pgTable(
  "wishlist_items",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    rewardId: uuid("reward_id")
      .notNull()
      .references(() => rewards.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** When the participant was told they can now afford it: once per wish, never again. */
    reachedNotifiedAt: timestamp("reached_notified_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.rewardId] }),
    index("wishlist_items_waiting_idx").on(t.rewardId).where(sql`${t.reachedNotifiedAt} is null`),
  ],
);

/** Kept on the server so a cart survives a dropped connection or a switch of phone. */
export const cartItems = pgTable(
  "cart_items",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    variantId: uuid("variant_id")
      .notNull()
      .references(() => rewardVariants.id),
    quantity: integer("quantity").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.variantId] }), check("cart_items_quantity_range", sql`${t.quantity} between 1 and 10`)],
);

export const orders = pgTable(
  "orders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Short number people read out on the phone to the warehouse. */
    number: bigserial("number", { mode: "number" }).notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    kind: rewardKindEnum("kind").notNull(),
    status: orderStatusEnum("status").notNull().default("placed"),
    totalPoints: integer("total_points").notNull(),
    /** The redeem entry that paid for it, and the reversal if it was cancelled. */
    debitEntryId: bigint("debit_entry_id", { mode: "number" }),
    refundEntryId: bigint("refund_entry_id", { mode: "number" }),
    /** The form's one-time key: a checkout retried on a bad connection finds its order instead of failing. */
    checkoutKey: uuid("checkout_key").notNull(),
    recipientName: text("recipient_name"),
    phone: text("phone"),
    addressLine: text("address_line"),
    city: text("city"),
    postalCode: text("postal_code"),
    country: text("country"),
    carrier: text("carrier"),
    trackingNumber: text("tracking_number"),
    cancelReason: text("cancel_reason"),
    cancelledBy: uuid("cancelled_by").references(() => users.id),
    /** Digital codes are shown in the portal once; after that only the email has them. */
    codesRevealedAt: timestamp("codes_revealed_at", { withTimezone: true }),
    placedAt: timestamp("placed_at", { withTimezone: true }).notNull().defaultNow(),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    shippedAt: timestamp("shipped_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("orders_number_unique").on(t.number),
    uniqueIndex("orders_checkout_unique").on(t.userId, t.checkoutKey, t.kind),
    index("orders_user_idx").on(t.userId, t.placedAt),
    index("orders_organisation_idx").on(t.organisationId, t.placedAt),
    index("orders_status_idx").on(t.status, t.placedAt),
    check("orders_total_positive", sql`${t.totalPoints} > 0`),
    check(
      "orders_physical_has_address",
      sql`${t.kind} = 'digital' or (${t.recipientName} is not null and ${t.addressLine} is not null and ${t.city} is not null and ${t.country} is not null)`,
    ),
    check(
      "orders_shipped_has_tracking",
      sql`${t.status} not in ('shipped', 'delivered') or ${t.kind} = 'digital' or ${t.trackingNumber} is not null`,
    ),
  ],
);

export const orderLines = pgTable(
  "order_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id),
    rewardId: uuid("reward_id")
      .notNull()
      .references(() => rewards.id),
    variantId: uuid("variant_id")
      .notNull()
      .references(() => rewardVariants.id),
    /** What it was called and cost when ordered; later catalogue edits do not rewrite orders. */
    rewardName: text("reward_name").notNull(),
    variantLabel: text("variant_label").notNull().default(""),
    sku: text("sku").notNull().default(""),
    quantity: integer("quantity").notNull(),
    unitPoints: integer("unit_points").notNull(),
  },
  (t) => [
    index("order_lines_order_idx").on(t.orderId),
    index("order_lines_reward_idx").on(t.rewardId),
    check("order_lines_quantity_positive", sql`${t.quantity} > 0`),
    check("order_lines_price_positive", sql`${t.unitPoints} > 0`),
  ],
);

/** The pool of codes for a digital reward variant; a code belongs to at most one order line. */
export const rewardCodes = pgTable(
  "reward_codes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    variantId: uuid("variant_id")
      .notNull()
      .references(() => rewardVariants.id),
    code: text("code").notNull(),
    orderLineId: uuid("order_line_id").references(() => orderLines.id),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("reward_codes_code_unique").on(t.variantId, t.code),
    index("reward_codes_free_idx").on(t.variantId, t.id).where(sql`${t.orderLineId} is null`),
    index("reward_codes_line_idx").on(t.orderLineId),
  ],
);

export type ShopCategory = typeof shopCategories.$inferSelect;
export type Reward = typeof rewards.$inferSelect;
export type RewardVariant = typeof rewardVariants.$inferSelect;
export type Order = typeof orders.$inferSelect;
export type OrderLine = typeof orderLines.$inferSelect;
