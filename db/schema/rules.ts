import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { claims } from "./claims";
import { organisations, users } from "./organisations";

/**
 * Earning rules beside the product rates and promotions (issue 19): percent of invoice value,
 * volume accelerators and bundles. Each covers a category, a list of products, or (both empty)
 * everything; each may target tiers, regions, partners and roles (empty = everyone). The pure
 * calculation (app/domain/claims/calculate-points.ts) reads them; nothing else computes points.
 */
export const EARNING_RULE_KINDS = ["value_percent", "accelerator", "bundle"] as const;
export type EarningRuleKind = (typeof EARNING_RULE_KINDS)[number];

export const earningRules = pgTable(
  "earning_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    kind: text("kind").$type<EarningRuleKind>().notNull(),
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    endsOn: date("ends_on", { mode: "string" }).notNull(),
    category: text("category"),
    productIds: uuid("product_ids").array().notNull().default(sql`'{}'`),
    /** Whose volume counts (participant or partner) and in what (units, or invoice value in minor units). */
    basis: text("basis").$type<"participant" | "partner">().notNull().default("participant"),
    measure: text("measure").$type<"units" | "value">().notNull().default("units"),
    /** Accelerators only: marginal (each unit at its place) or whole (the band reached, for every unit). */
    mode: text("mode").$type<"marginal" | "whole">(),
    /** [{from, value}]: value percent in hundredths by last period's volume, or bonus percent by place. */
    steps: jsonb("steps").$type<Array<{ from: number; value: number }>>().notNull().default([]),
    /** Bundles only: units per set and the bonus points each set earns. */
    setUnits: integer("set_units"),
    bonus: integer("bonus"),
    tiers: text("tiers").array().notNull().default(sql`'{}'`),
    regions: text("regions").array().notNull().default(sql`'{}'`),
    partnerIds: uuid("partner_ids").array().notNull().default(sql`'{}'`),
    roles: text("roles").array().notNull().default(sql`'{}'`),
    active: boolean("active").notNull().default(true),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("earning_rules_kind", sql`${t.kind} in ('value_percent', 'accelerator', 'bundle')`),
    check("earning_rules_window", sql`${t.endsOn} >= ${t.startsOn}`),
    check("earning_rules_basis", sql`${t.basis} in ('participant', 'partner') and ${t.measure} in ('units', 'value')`),
    check(
      "earning_rules_mode",
      sql`(${t.kind} = 'accelerator') = (${t.mode} is not null) and (${t.mode} is null or ${t.mode} in ('marginal', 'whole'))`,
    ),
    check(
      "earning_rules_bundle",
      sql`(${t.kind} = 'bundle') = (${t.setUnits} is not null and ${t.bonus} is not null) and (${t.setUnits} is null or ${t.setUnits} between 1 and 100000) and (${t.bonus} is null or ${t.bonus} between 1 and 1000000)`,
    ),
    index("earning_rules_window_idx").on(t.startsOn, t.endsOn),
  ],
);

/**
 * A bonus beside a claim's lines (a completed bundle set, the first-claim bonus, a referral):
 * `key` names what qualified, and the partial unique index lets only one live award hold a key,
 * so two approvals racing for the same set credit it once. A reversed award frees its key (the
 * set can be completed again). The ledger entry's source is the award's id.
 */
export const bonusAwards = pgTable(
  "bonus_awards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    key: text("key").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    /** The claim whose approval earned it; reversing that claim reverses the award. */
    claimId: uuid("claim_id").references(() => claims.id),
    points: integer("points").notNull(),
    entryId: bigint("entry_id", { mode: "number" }),
    reversedAt: timestamp("reversed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("bonus_awards_live_key_unique").on(t.key).where(sql`${t.reversedAt} is null`),
    index("bonus_awards_claim_idx").on(t.claimId),
    check("bonus_awards_points_positive", sql`${t.points} > 0`),
  ],
);

/**
 * How long points from one kind of source last: months, or null for "never expires". The row
 * for source '*' applies to every source without its own; no row at all keeps the programme's
 * expiry months.
 */
export const earningExpiry = pgTable(
  "earning_expiry",
  {
    sourceType: text("source_type").primaryKey(),
    months: integer("months"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("earning_expiry_months", sql`${t.months} is null or ${t.months} between 1 and 120`)],
);

export type EarningRuleRow = typeof earningRules.$inferSelect;
export type BonusAward = typeof bonusAwards.$inferSelect;
