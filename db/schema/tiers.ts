import { sql } from "drizzle-orm";
import { bigint, bigserial, check, date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { tierEnum } from "./pg-enums";
import { organisations, users } from "./organisations";

/**
 * Tiers that compute themselves (issue 14): a partner's tier follows its trailing-12-month volume
 * against the programme's thresholds, reviewed on a cadence; organisations.tier stays the one
 * column everything else reads, and every change of it is a tier_history row.
 */

export const TIER_BASES = ["sales", "points"] as const;
export type TierBasis = (typeof TIER_BASES)[number];
export const tierBasisEnum = pgEnum("tier_basis", TIER_BASES);

export const TIER_CADENCES = ["monthly", "quarterly"] as const;
export type TierCadence = (typeof TIER_CADENCES)[number];
export const tierCadenceEnum = pgEnum("tier_cadence", TIER_CADENCES);

export const TIER_CHANGE_REASONS = ["review", "pin", "unpin"] as const;
export type TierChangeReason = (typeof TIER_CHANGE_REASONS)[number];
export const tierChangeReasonEnum = pgEnum("tier_change_reason", TIER_CHANGE_REASONS);

/** The programme's tier rules (one row). */
export const tierSettings = pgTable(
  "tier_settings",
  {
    id: integer("id").primaryKey().default(1),
    /** Approved sales value (list price x quantity, minor units) or points of approved claims. */
    basis: tierBasisEnum("basis").notNull().default("sales"),
    cadence: tierCadenceEnum("cadence").notNull().default("monthly"),
    /** Days a partner below its tier keeps it before a review may lower it. */
    graceDays: integer("grace_days").notNull().default(60),
    /** The certification that counts for "certified people" requirements; null = any valid certificate. */
    certificationCourseId: uuid("certification_course_id"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("tier_settings_single_row", sql`${t.id} = 1`), check("tier_settings_grace", sql`${t.graceDays} between 0 and 365`)],
);

/** What each tier above Registered takes: a volume and, optionally, a number of certified people. */
export const tierThresholds = pgTable(
  "tier_thresholds",
  {
    tier: tierEnum("tier").primaryKey(),
    minVolume: bigint("min_volume", { mode: "number" }).notNull(),
    minCertified: integer("min_certified").notNull().default(0),
  },
  (t) => [
    check("tier_thresholds_not_registered", sql`${t.tier} <> 'registered'`),
    check("tier_thresholds_values", sql`${t.minVolume} >= 0 and ${t.minCertified} between 0 and 1000`),
  ],
);

/** A partner's standing between reviews: a pin, or the day a partner below its tier loses it. */
export const tierStatus = pgTable("tier_status", {
  organisationId: uuid("organisation_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  /** Set by a channel manager: reviews leave the tier alone while it is pinned. */
  pinnedTier: tierEnum("pinned_tier"),
  pinReason: text("pin_reason"),
  pinnedBy: uuid("pinned_by").references(() => users.id),
  pinnedAt: timestamp("pinned_at", { withTimezone: true }),
  /** Below its tier since a review: keeps the tier until this day; the first review from it on lowers it. */
  atRiskUntil: date("at_risk_until", { mode: "string" }),
  /** What the last review measured, for the channel team's list. */
  lastVolume: bigint("last_volume", { mode: "number" }),
  lastCertified: integer("last_certified"),
  lastReviewKey: text("last_review_key"),
  lastReviewedAt: timestamp("last_reviewed_at", { withTimezone: true }),
});

/** A review run: the scheduled one per period ("2026-12", "2026-Q4") or one started by hand. */
export const tierReviews = pgTable("tier_reviews", {
  key: text("key").primaryKey(),
  runBy: uuid("run_by").references(() => users.id),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
  changed: integer("changed").notNull().default(0),
});

/** Every change of organisations.tier, and every pin and unpin. */
export const tierHistory = pgTable(
  "tier_history",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    fromTier: tierEnum("from_tier").notNull(),
    toTier: tierEnum("to_tier").notNull(),
    reason: tierChangeReasonEnum("reason").notNull(),
    /** The review that made the change: one change per partner per review, whoever runs it twice. */
    reviewKey: text("review_key"),
    actorId: uuid("actor_id").references(() => users.id),
    note: text("note"),
    volume: bigint("volume", { mode: "number" }),
    certified: integer("certified"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("tier_history_org_idx").on(t.organisationId, t.createdAt),
    uniqueIndex("tier_history_review_unique").on(t.organisationId, t.reviewKey).where(sql`${t.reviewKey} is not null`),
    check("tier_history_review_key", sql`(${t.reason} = 'review') = (${t.reviewKey} is not null)`),
  ],
);

export type TierThreshold = typeof tierThresholds.$inferSelect;
export type TierHistoryRow = typeof tierHistory.$inferSelect;
