import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
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
import { tierEnum } from "./pg-enums";
import { organisations, users } from "./organisations";

/**
 * Marketing cost-share (co-op / MDF): periods, one fund per partner and period, pre-approval
 * requests, claims with proof of performance, payments, and the append-only ledger behind every
 * figure. Amounts are integers in minor units of the programme's currency (programme_settings).
 */

export const COSTSHARE_ACTIVITY_TYPES = ["print_ad", "outdoor", "online", "social", "trade_show", "event", "in_store", "other"] as const;
export type CostshareActivityType = (typeof COSTSHARE_ACTIVITY_TYPES)[number];
export const costshareActivityEnum = pgEnum("costshare_activity", COSTSHARE_ACTIVITY_TYPES);

/** A request: sent, returned for changes, waiting for the second approver, approved (money committed), and its ends. */
export const COSTSHARE_REQUEST_STATUSES = [
  "submitted",
  "returned",
  "second_approval",
  "approved",
  "rejected",
  "cancelled",
  "expired",
  "claimed",
] as const;
export type CostshareRequestStatus = (typeof COSTSHARE_REQUEST_STATUSES)[number];
export const costshareRequestStatusEnum = pgEnum("costshare_request_status", COSTSHARE_REQUEST_STATUSES);

export const COSTSHARE_CLAIM_STATUSES = ["submitted", "returned", "rejected", "approved", "paid"] as const;
export type CostshareClaimStatus = (typeof COSTSHARE_CLAIM_STATUSES)[number];
export const costshareClaimStatusEnum = pgEnum("costshare_claim_status", COSTSHARE_CLAIM_STATUSES);

/**
 * Ledger entry kinds and what each does to the fund's figures (amounts are positive except an
 * adjustment, which may be either sign):
 * allocation, accrual, adjustment -> allocated and available; commitment -> committed up, available down;
 * release -> committed down, available up; claim -> claimed; payment -> paid; expiry -> expired up, available down.
 */
export const COSTSHARE_ENTRY_KINDS = [
  "allocation",
  "accrual",
  "adjustment",
  "commitment",
  "release",
  "claim",
  "payment",
  "expiry",
] as const;
export type CostshareEntryKind = (typeof COSTSHARE_ENTRY_KINDS)[number];
export const costshareEntryKindEnum = pgEnum("costshare_entry_kind", COSTSHARE_ENTRY_KINDS);

export const COSTSHARE_PAYMENT_METHODS = ["credit_note", "bank_transfer"] as const;
export type CostsharePaymentMethod = (typeof COSTSHARE_PAYMENT_METHODS)[number];
export const costsharePaymentMethodEnum = pgEnum("costshare_payment_method", COSTSHARE_PAYMENT_METHODS);

export const COSTSHARE_FILE_KINDS = ["layout", "final", "proof"] as const;
export type CostshareFileKind = (typeof COSTSHARE_FILE_KINDS)[number];
export const costshareFileKindEnum = pgEnum("costshare_file_kind", COSTSHARE_FILE_KINDS);

export type ShareTable = number[];

/** The programme's cost-share settings (one row). Shares are basis points (5000 = 50%). */
export const costshareSettings = pgTable(
  "costshare_settings",
  {
    id: integer("id").primaryKey().default(1),
    /** "table": share by the number of other brands shown; "formula": base / (1 + others). */
    ruleKind: text("rule_kind").$type<"table" | "formula">().notNull().default("table"),
    baseShareBp: integer("base_share_bp").notNull().default(5000),
    /** Share for 0, 1, 2, 3+ other brands (the last applies to any more). */
    shareTable: jsonb("share_table").$type<ShareTable>().notNull().default([5000, 3500, 2500, 1500]),
    /** A request must come at least this many business days (Monday-Friday) before the activity starts. */
    leadBusinessDays: integer("lead_business_days").notNull().default(10),
    /** Days after the activity ends within which it must be claimed. */
    claimWindowDays: integer("claim_window_days").notNull().default(60),
    /** Days after a period ends when its unused allocation expires. */
    expiryDays: integer("expiry_days").notNull().default(30),
    /** Approvals above this amount (minor units) also need finance or an admin. */
    secondApprovalAboveMinor: bigint("second_approval_above_minor", { mode: "number" }).notNull().default(500000),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("costshare_settings_single_row", sql`${t.id} = 1`),
    check(
      "costshare_settings_values",
      sql`${t.baseShareBp} between 0 and 10000 and ${t.leadBusinessDays} between 0 and 120 and ${t.claimWindowDays} between 1 and 730 and ${t.expiryDays} between 0 and 730 and ${t.secondApprovalAboveMinor} >= 0`,
    ),
  ],
);

export const costsharePeriods = pgTable(
  "costshare_periods",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    endsOn: date("ends_on", { mode: "string" }).notNull(),
    /** The day unused allocation expires (ends_on + the programme's expiry days when made). */
    expiresOn: date("expires_on", { mode: "string" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("costshare_periods_name_unique").on(t.name),
    check("costshare_periods_dates", sql`${t.startsOn} <= ${t.endsOn} and ${t.endsOn} <= ${t.expiresOn}`),
  ],
);

/** Accrual rate per tier for a period: one rate for every partner of a tier, never graduated by volume. */
export const costshareTierRates = pgTable(
  "costshare_tier_rates",
  {
    periodId: uuid("period_id")
      .notNull()
      .references(() => costsharePeriods.id),
    tier: tierEnum("tier").notNull(),
    rateBp: integer("rate_bp").notNull(),
  },
  (t) => [primaryKey({ columns: [t.periodId, t.tier] }), check("costshare_tier_rates_range", sql`${t.rateBp} between 0 and 10000`)],
);

/**
 * A partner's fund for a period: the running figures, kept in the same transaction as every
 * ledger entry. A commitment is one guarded UPDATE (available >= amount); the CHECKs are the
 * last line, so the database itself refuses an overdraft or paying more than was claimed.
 */
export const costshareFunds = pgTable(
  "costshare_funds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    periodId: uuid("period_id")
      .notNull()
      .references(() => costsharePeriods.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    allocated: bigint("allocated", { mode: "number" }).notNull().default(0),
    committed: bigint("committed", { mode: "number" }).notNull().default(0),
    claimed: bigint("claimed", { mode: "number" }).notNull().default(0),
    paid: bigint("paid", { mode: "number" }).notNull().default(0),
    expired: bigint("expired", { mode: "number" }).notNull().default(0),
    available: bigint("available", { mode: "number" }).notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("costshare_funds_partner_period_unique").on(t.organisationId, t.periodId),
    index("costshare_funds_period_idx").on(t.periodId),
    check("costshare_funds_available_not_negative", sql`${t.available} >= 0`),
    check(
      "costshare_funds_figures",
      sql`${t.committed} >= 0 and ${t.claimed} >= 0 and ${t.paid} >= 0 and ${t.expired} >= 0 and ${t.claimed} <= ${t.committed} and ${t.paid} <= ${t.claimed}`,
    ),
  ],
);

export type ExplainLine = { key: string; vars?: Record<string, string | number> };

export const costshareRequests = pgTable(
  "costshare_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    number: serial("number").notNull(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    fundId: uuid("fund_id")
      .notNull()
      .references(() => costshareFunds.id),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    status: costshareRequestStatusEnum("status").notNull().default("submitted"),
    activityType: costshareActivityEnum("activity_type").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    endsOn: date("ends_on", { mode: "string" }).notNull(),
    plannedCostMinor: bigint("planned_cost_minor", { mode: "number" }).notNull(),
    /** The other brands the material will show (their names). */
    otherBrands: jsonb("other_brands").$type<string[]>().notNull().default([]),
    /** Trade-show booths may split equally among the brands shown instead of the rule. */
    equalSplit: integer("equal_split").notNull().default(0),
    expectedOutcome: text("expected_outcome").notNull().default(""),
    expectedLeads: integer("expected_leads"),
    expectedReach: integer("expected_reach"),
    /** What the rule gave when it was sent: share and amount (capped by the funds then available). */
    requestedShareBp: integer("requested_share_bp").notNull(),
    requestedMinor: bigint("requested_minor", { mode: "number" }).notNull(),
    calculation: jsonb("calculation").$type<ExplainLine[]>().notNull().default([]),
    /** The first approver's amount and share while a second approver is needed, then the approved ones. */
    approvedShareBp: integer("approved_share_bp"),
    approvedMinor: bigint("approved_minor", { mode: "number" }),
    firstApproverId: uuid("first_approver_id").references(() => users.id),
    secondApproverId: uuid("second_approver_id").references(() => users.id),
    decisionNote: text("decision_note"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    /** The last day a claim may be sent (the activity's end + the claim window). */
    claimBy: date("claim_by", { mode: "string" }).notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("costshare_requests_number_unique").on(t.number),
    index("costshare_requests_org_idx").on(t.organisationId, t.createdAt),
    index("costshare_requests_status_idx").on(t.status, t.claimBy),
    index("costshare_requests_fund_idx").on(t.fundId),
    check("costshare_requests_dates", sql`${t.startsOn} <= ${t.endsOn}`),
    check(
      "costshare_requests_amounts",
      sql`${t.plannedCostMinor} > 0 and ${t.requestedMinor} >= 0 and (${t.approvedMinor} is null or ${t.approvedMinor} >= 0)`,
    ),
  ],
);

export const costshareClaims = pgTable(
  "costshare_claims",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    number: serial("number").notNull(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => costshareRequests.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    fundId: uuid("fund_id")
      .notNull()
      .references(() => costshareFunds.id),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    status: costshareClaimStatusEnum("status").notNull().default("submitted"),
    actualCostMinor: bigint("actual_cost_minor", { mode: "number" }).notNull(),
    brandsShown: jsonb("brands_shown").$type<string[]>().notNull().default([]),
    /** What the rule gives on the actual cost, capped by the approved amount. */
    reimbursementMinor: bigint("reimbursement_minor", { mode: "number" }).notNull(),
    calculation: jsonb("calculation").$type<ExplainLine[]>().notNull().default([]),
    approvedMinor: bigint("approved_minor", { mode: "number" }),
    paidMinor: bigint("paid_minor", { mode: "number" }).notNull().default(0),
    note: text("note").notNull().default(""),
    decisionNote: text("decision_note"),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("costshare_claims_number_unique").on(t.number),
    // One claim per request.
    uniqueIndex("costshare_claims_request_unique").on(t.requestId),
    index("costshare_claims_org_idx").on(t.organisationId),
    index("costshare_claims_status_idx").on(t.status),
    check(
      "costshare_claims_amounts",
      sql`${t.actualCostMinor} > 0 and ${t.reimbursementMinor} >= 0 and ${t.paidMinor} >= 0 and ${t.paidMinor} <= coalesce(${t.approvedMinor}, 0)`,
    ),
  ],
);

/** Layouts, final material and proof of performance, in the upload store under costshare/. */
export const costshareFiles = pgTable(
  "costshare_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => costshareRequests.id),
    claimId: uuid("claim_id").references(() => costshareClaims.id),
    kind: costshareFileKindEnum("kind").notNull(),
    storedName: text("stored_name").notNull(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    originalName: text("original_name").notNull().default(""),
    /** A proof file's review: pending, accepted or rejected (with a note). */
    review: text("review").$type<"pending" | "accepted" | "rejected">().notNull().default("pending"),
    reviewNote: text("review_note"),
    uploadedBy: uuid("uploaded_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("costshare_files_request_idx").on(t.requestId), index("costshare_files_claim_idx").on(t.claimId)],
);

export const costshareComments = pgTable(
  "costshare_comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => costshareRequests.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    /** A decision's line (approved, returned ...) or null for a plain comment. */
    event: text("event"),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("costshare_comments_request_idx").on(t.requestId, t.createdAt)],
);

/** One payment by finance; its lines are the ledger's payment entries (one per claim it settles). */
export const costsharePayments = pgTable(
  "costshare_payments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    number: serial("number").notNull(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    paidOn: date("paid_on", { mode: "string" }).notNull(),
    method: costsharePaymentMethodEnum("method").notNull(),
    reference: text("reference").notNull(),
    totalMinor: bigint("total_minor", { mode: "number" }).notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("costshare_payments_number_unique").on(t.number), check("costshare_payments_total", sql`${t.totalMinor} > 0`)],
);

/**
 * Append-only (a trigger refuses UPDATE and DELETE). `sourceKey` names what caused an entry
 * ("request:<id>", "claim:<id>", "payment:<id>:<claim id>", a form key); with the kind it is
 * unique, so one request commits once, one claim is claimed once, one payment pays a claim once.
 */
export const costshareEntries = pgTable(
  "costshare_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    fundId: uuid("fund_id")
      .notNull()
      .references(() => costshareFunds.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    kind: costshareEntryKindEnum("kind").notNull(),
    amount: bigint("amount", { mode: "number" }).notNull(),
    sourceKey: text("source_key").notNull(),
    requestId: uuid("request_id").references(() => costshareRequests.id),
    claimId: uuid("claim_id").references(() => costshareClaims.id),
    paymentId: uuid("payment_id").references(() => costsharePayments.id),
    note: text("note"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("costshare_entries_source_unique").on(t.kind, t.sourceKey),
    index("costshare_entries_fund_idx").on(t.fundId, t.createdAt),
    check(
      "costshare_entries_amount",
      sql`(${t.kind} = 'adjustment' and ${t.amount} <> 0) or (${t.kind} <> 'adjustment' and ${t.amount} > 0)`,
    ),
  ],
);

/** Reminder mails already sent ("fund:<id>:14", "request:<id>:3"), so each goes out once. */
export const costshareReminders = pgTable("costshare_reminders", {
  key: text("key").primaryKey(),
  sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
});

export type CostshareFund = typeof costshareFunds.$inferSelect;
export type CostshareRequest = typeof costshareRequests.$inferSelect;
export type CostshareClaim = typeof costshareClaims.$inferSelect;
export type CostshareEntry = typeof costshareEntries.$inferSelect;
