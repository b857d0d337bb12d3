import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
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
import { LEDGER_KINDS } from "./enums";
import { organisations, users } from "./organisations";
import { DEFAULT_CURRENCY } from "../../app/lib/money";

export type LedgerKind = (typeof LEDGER_KINDS)[number];
export const ledgerKindEnum = pgEnum("ledger_kind", LEDGER_KINDS);

/**
 * Programme-wide settings (one row). Point value makes the outstanding liability a money amount:
 * `pointValueMinor` minor units of `currency` per point (integers, never floats).
 */
export const programmeSettings = pgTable(
  "programme_settings",
  {
    id: integer("id").primaryKey().default(1),
    currency: text("currency").notNull().default(DEFAULT_CURRENCY),
    pointValueMinor: integer("point_value_minor").notNull().default(1),
    expiryMonths: integer("expiry_months").notNull().default(24),
    welcomeBonus: integer("welcome_bonus").notNull().default(100),
    /** Cap on points earned per participant per calendar month; null = no cap. */
    monthlyEarnCap: integer("monthly_earn_cap"),
    expiryWarningDays: integer("expiry_warning_days").notNull().default(30),
    /** Sales claims: how old an invoice may be, and whether a partner manager checks claims first. */
    claimWindowDays: integer("claim_window_days").notNull().default(90),
    partnerManagerCheck: boolean("partner_manager_check").notNull().default(false),
    /** Points for a participant's first approved claim (issue 19); 0 = none. */
    firstClaimBonus: integer("first_claim_bonus").notNull().default(0),
    /** Fair rewards (issue 19): warn when a reward costs participants more than this % above its retail price. */
    fairMarginPercent: integer("fair_margin_percent").notNull().default(20),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("programme_settings_single_row", sql`${t.id} = 1`),
    check("programme_settings_fair_margin", sql`${t.fairMarginPercent} between 0 and 1000`),
    check(
      "programme_settings_values",
      sql`${t.pointValueMinor} >= 0 and ${t.expiryMonths} > 0 and ${t.welcomeBonus} >= 0 and (${t.monthlyEarnCap} is null or ${t.monthlyEarnCap} > 0)`,
    ),
  ],
);

/**
 * A participant's running balance, kept in the same transaction as every ledger entry. Debits
 * are one guarded UPDATE (balance >= n); the CHECK is the last line if anything slips past.
 */
export const pointAccounts = pgTable(
  "point_accounts",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    balance: integer("balance").notNull().default(0),
    earnedTotal: integer("earned_total").notNull().default(0),
    spentTotal: integer("spent_total").notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("point_accounts_balance_not_negative", sql`${t.balance} >= 0`),
    index("point_accounts_organisation_idx").on(t.organisationId),
  ],
);

/**
 * Append-only: a trigger refuses UPDATE and DELETE. A correction is a new, reversing entry.
 * Positive entries are "lots" that can expire; negative entries consume lots oldest-first
 * (recorded in ledger_allocations).
 */
export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    // The person and the organisation must exist: checked once per statement by a trigger
    // (migration 0047), not by foreign keys, which cost a trigger call, a query and a row lock per
    // entry (a third of the expiry job's 1,000-entry run, issue 17). Deleting a person or an
    // organisation the ledger names is refused by triggers on their tables, as the keys did.
    userId: uuid("user_id").notNull(),
    organisationId: uuid("organisation_id").notNull(),
    kind: ledgerKindEnum("kind").notNull(),
    /** What caused it: claim, course, webinar, contest, mystery_shop, adjustment, order, welcome, lot (expiry). */
    sourceType: text("source_type").notNull(),
    sourceId: text("source_id").notNull(),
    amount: integer("amount").notNull(),
    /** For positive entries: when what is left of them expires. */
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    /** i18n key and values for the plain-language line shown in the history. */
    descriptionKey: text("description_key").notNull(),
    descriptionVars: jsonb("description_vars").$type<Record<string, string | number>>().notNull().default({}),
    /** How the amount was calculated, line by line, when there is a calculation to show. */
    calculation: jsonb("calculation").$type<Array<{ key: string; vars?: Record<string, string | number> }>>(),
    reversesEntryId: bigint("reverses_entry_id", { mode: "number" }),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The same source can never credit (or debit) the same participant twice. The source first, the
    // participant last (issue 17): a batch's keys then sit side by side when its sources do (the
    // expiry's lot ids, which were earned in order), one leaf page for many entries instead of a
    // random leaf per participant; queries by participant use the user/created index.
    uniqueIndex("ledger_entries_source_unique").on(t.kind, t.sourceType, t.sourceId, t.userId),
    index("ledger_entries_user_created_idx").on(t.userId, t.createdAt),
    index("ledger_entries_lots_idx").on(t.userId, t.expiresAt).where(sql`${t.amount} > 0`),
    index("ledger_entries_organisation_idx").on(t.organisationId, t.createdAt),
    // The expiry and expiry-warning jobs (every few seconds) look up lots by date across everyone.
    index("ledger_entries_expiry_idx").on(t.expiresAt).where(sql`${t.amount} > 0`),
    check("ledger_entries_amount_not_zero", sql`${t.amount} <> 0`),
    check(
      "ledger_entries_sign_matches_kind",
      sql`(${t.kind} = 'earn' and ${t.amount} > 0) or (${t.kind} in ('redeem', 'expire') and ${t.amount} < 0) or ${t.kind} in ('adjust', 'reverse')`,
    ),
  ],
);

/**
 * Which lots a debit used up, oldest first; append-only like the ledger.
 *
 * Both ids must be ledger entries, checked by a statement-level trigger (migration 0038) rather
 * than declared foreign keys: a foreign key costs a trigger call, a query and a row lock per
 * allocation (2,000 for the expiry job's 1,000 lots, issue 17), while the ledger rows they point
 * at can never change or go (UPDATE, DELETE and TRUNCATE are refused), so one anti-join per
 * statement gives the same guarantee.
 */
export const ledgerAllocations = pgTable(
  "ledger_allocations",
  {
    debitEntryId: bigint("debit_entry_id", { mode: "number" }).notNull(),
    lotEntryId: bigint("lot_entry_id", { mode: "number" }).notNull(),
    points: integer("points").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.debitEntryId, t.lotEntryId] }),
    index("ledger_allocations_lot_idx").on(t.lotEntryId),
    check("ledger_allocations_points_positive", sql`${t.points} > 0`),
  ],
);

/** One warning per expiring lot, so the expiry email is never sent twice. */
export const expiryWarnings = pgTable("expiry_warnings", {
  lotEntryId: bigint("lot_entry_id", { mode: "number" })
    .primaryKey()
    .references(() => ledgerEntries.id),
  userId: uuid("user_id").notNull(),
  sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
});

export type LedgerEntry = typeof ledgerEntries.$inferSelect;
