import { sql } from "drizzle-orm";
import { bigint, date, index, integer, numeric, pgTable, primaryKey, smallint, text, uuid } from "drizzle-orm/pg-core";
import { claimStatusEnum } from "./claims";
import { roleEnum } from "./pg-enums";
import { ledgerKindEnum } from "./ledger";

/**
 * Summary tables the reports read instead of the ledger and the claims (issue 15: dashboards at
 * 2,000,000 ledger rows and 500,000 claims). They are kept by statement-level triggers in the
 * SAME transaction that writes the source rows (migration 0020, `-- custom: report_rollups`), so
 * every append to the ledger, whichever function or credit kind does it, and every claim status
 * change is counted without any caller having to remember. Days are UTC, like the reports.
 * `tests/integration/report-rollups.test.ts` recomputes each table from scratch and compares.
 */
export const reportLedgerDays = pgTable(
  "report_ledger_days",
  {
    organisationId: uuid("organisation_id").notNull(),
    userId: uuid("user_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    kind: ledgerKindEnum("kind").notNull(),
    sourceType: text("source_type").notNull(),
    /** Sum of the entries' amounts (negative for debits). */
    points: bigint("points", { mode: "number" }).notNull(),
    entries: integer("entries").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.day, t.userId, t.kind, t.sourceType] }),
    index("report_ledger_days_day_idx").on(t.day, t.kind),
    // Who was active (earned or redeemed) over a range of days, across the programme or per
    // partner, read from the index alone (migration 0035): the participation figures and the
    // partner ranking's engagement.
    index("report_ledger_days_active_idx").on(t.day, t.userId, t.organisationId).where(sql`${t.kind} in ('earn', 'redeem')`),
  ],
);

/** Non-draft claims by the day of their first submission and where they stand now. */
export const reportClaimDays = pgTable(
  "report_claim_days",
  {
    organisationId: uuid("organisation_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    status: claimStatusEnum("status").notNull(),
    claims: integer("claims").notNull(),
    points: bigint("points", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.day, t.status] }), index("report_claim_days_day_idx").on(t.day)],
);

/** Decided claims (approved, rejected) by the day of the decision, with the summed time from first submission. */
export const reportClaimDecisions = pgTable(
  "report_claim_decisions",
  {
    organisationId: uuid("organisation_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    status: claimStatusEnum("status").notNull(),
    claims: integer("claims").notNull(),
    points: bigint("points", { mode: "number" }).notNull(),
    /** Seconds from submission to decision, summed: the average cycle time is this over `claims`. */
    cycleSeconds: numeric("cycle_seconds").notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.day, t.status] }), index("report_claim_decisions_day_idx").on(t.day)],
);

/** Lines of non-draft claims by product, the claim's first-submission day and its status now. */
export const reportClaimLineDays = pgTable(
  "report_claim_line_days",
  {
    organisationId: uuid("organisation_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    status: claimStatusEnum("status").notNull(),
    sku: text("sku").notNull(),
    productId: uuid("product_id"),
    units: bigint("units", { mode: "number" }).notNull(),
    points: bigint("points", { mode: "number" }).notNull(),
  },
  (t) => [
    // The unique key (organisation, day, status, sku, product) is NULLS NOT DISTINCT, which this
    // drizzle-kit cannot say: it is created in the migration's custom part.
    index("report_claim_line_days_day_idx").on(t.day),
  ],
);

export const REPORT_ROLLUP_TABLES = sql.raw("report_ledger_days, report_claim_days, report_claim_decisions, report_claim_line_days");

/**
 * Ledger entries by organisation, UTC month and kind (migration 0035, same kind of trigger as
 * report_ledger_days): the channel team's whole-programme breakage over twelve months reads a
 * few thousand of these instead of every entry of the year. Per organisation, not one row for
 * the programme, so concurrent appends of different partners never wait on the same row.
 */
export const reportLedgerMonths = pgTable(
  "report_ledger_months",
  {
    organisationId: uuid("organisation_id").notNull(),
    /** The first day of the UTC month. */
    month: date("month", { mode: "string" }).notNull(),
    kind: ledgerKindEnum("kind").notNull(),
    points: bigint("points", { mode: "number" }).notNull(),
    entries: integer("entries").notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.month, t.kind] }), index("report_ledger_months_month_idx").on(t.month, t.kind)],
);

/**
 * What is left of the lots (positive entries with an expiry) by organisation and the UTC month
 * they expire in: each lot adds its amount when appended, each allocation (a debit or the expiry
 * job taking points from a lot) takes its points away (triggers on ledger_entries and
 * ledger_allocations, migration 0035). The liability's expiry profile reads the months after
 * this one here rather than every open lot.
 */
export const reportLotMonths = pgTable(
  "report_lot_months",
  {
    organisationId: uuid("organisation_id").notNull(),
    /** The first day of the UTC month the lots expire in. */
    month: date("month", { mode: "string" }).notNull(),
    points: bigint("points", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.month] }), index("report_lot_months_month_idx").on(t.month)],
);

/**
 * Claims waiting for a decision (manager check, review, information asked) by organisation and
 * status, with the summed instant of their last submission, so the approval queues' counts and
 * average age are read from a few rows instead of every waiting claim (trigger on claims,
 * migration 0036). The oldest is one probe of claims_status_idx per status.
 */
export const reportClaimQueues = pgTable(
  "report_claim_queues",
  {
    organisationId: uuid("organisation_id").notNull(),
    status: claimStatusEnum("status").notNull(),
    claims: integer("claims").notNull(),
    /** Of those, the ones with a last submission instant, and those instants summed (epoch seconds). */
    timed: integer("timed").notNull(),
    sinceSeconds: numeric("since_seconds").notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.status] })],
);

/**
 * Who was active (earned or redeemed points: a ledger entry of kind earn or redeem) in each UTC
 * day, month, quarter and year: one row per person and span, added by a statement-level trigger
 * on ledger_entries with ON CONFLICT DO NOTHING (migration 0037), so two transactions crediting
 * the same person on the same day add the row once. The ledger is append-only, so a person never
 * stops having been active. "Active people in March" is then a count of March's rows, read from
 * the key alone, instead of every ledger day of the month grouped by person (issue 15: that was
 * two thirds of the channel team dashboard's time in PostgreSQL). `grain` is day, month, quarter
 * or year; `start` the span's first day.
 */
export const reportActivePeople = pgTable(
  "report_active_people",
  {
    grain: text("grain").notNull(),
    start: date("start", { mode: "string" }).notNull(),
    organisationId: uuid("organisation_id").notNull(),
    userId: uuid("user_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.grain, t.start, t.organisationId, t.userId] })],
);

/**
 * Who was active in each span across the whole programme (the same spans as
 * report_active_people, without the partner): a person whose entries name two partners is one
 * person in the programme. Kept by the same trigger with ON CONFLICT DO NOTHING (migration 0039);
 * it exists so report_active_counts can count each person once programme-wide.
 */
export const reportActiveProgramme = pgTable(
  "report_active_programme",
  {
    grain: text("grain").notNull(),
    start: date("start", { mode: "string" }).notNull(),
    userId: uuid("user_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.grain, t.start, t.userId] })],
);

/** `report_active_counts.organisation_id` of the programme-wide counts (no partner has this id). */
export const PROGRAMME_COUNTS_KEY = "00000000-0000-0000-0000-000000000000";

/**
 * How many people were active in each span (grain, start): per partner (shard 0), and for the
 * whole programme under PROGRAMME_COUNTS_KEY split over 16 shards by person, so crediting two
 * people the same day never waits on one programme-wide row. The trigger adds one for each row
 * it really inserts into report_active_people / report_active_programme (ON CONFLICT DO NOTHING
 * ... RETURNING), in the same transaction (migration 0039). "Active people in October" is then
 * 16 rows summed instead of 30,000 counted; the chart's days 31 x 16 instead of 85,000 (issue 15).
 */
export const reportActiveCounts = pgTable(
  "report_active_counts",
  {
    grain: text("grain").notNull(),
    start: date("start", { mode: "string" }).notNull(),
    organisationId: uuid("organisation_id").notNull(),
    shard: smallint("shard").notNull(),
    people: integer("people").notNull(),
  },
  (t) => [primaryKey({ columns: [t.grain, t.start, t.organisationId, t.shard] })],
);

/**
 * Lines of APPROVED claims by organisation, invoice day and product (lines with a product only:
 * a promotion covers products, by category or by list). The ROI per promotion reads a month of
 * these instead of every approved claim and its lines; the product's list price and category are
 * joined when read, so a price change shows as it did before. Kept by triggers on claims and
 * claim_lines (migration 0039), like report_claim_line_days.
 */
export const reportApprovedInvoiceLines = pgTable(
  "report_approved_invoice_lines",
  {
    organisationId: uuid("organisation_id").notNull(),
    invoiceDay: date("invoice_day", { mode: "string" }).notNull(),
    productId: uuid("product_id").notNull(),
    units: bigint("units", { mode: "number" }).notNull(),
    points: bigint("points", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.invoiceDay, t.productId] }),
    index("report_approved_invoice_lines_day_idx").on(t.invoiceDay, t.productId),
  ],
);

/**
 * The whole programme's side of report_ledger_months and report_lot_months, split over 16 shards
 * by person (so two credits never wait on one programme-wide row): the channel team's liability
 * and breakage read 16 x 12 rows instead of 2,000 partners x 12 months. Kept by their own
 * statement-level triggers on ledger_entries and ledger_allocations (migration 0040), in the
 * same transaction as the source rows; a partner's own figures still read the per-partner tables.
 */
export const reportProgrammeMonths = pgTable(
  "report_programme_months",
  {
    /** The first day of the UTC month the entries were appended in. */
    month: date("month", { mode: "string" }).notNull(),
    kind: ledgerKindEnum("kind").notNull(),
    shard: smallint("shard").notNull(),
    points: bigint("points", { mode: "number" }).notNull(),
    entries: integer("entries").notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.kind, t.shard] })],
);

/** What is left of the lots across the programme, by the UTC month they expire in (see reportProgrammeMonths). */
export const reportProgrammeLotMonths = pgTable(
  "report_programme_lot_months",
  {
    month: date("month", { mode: "string" }).notNull(),
    shard: smallint("shard").notNull(),
    points: bigint("points", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.shard] })],
);

/**
 * The whole programme's side of report_claim_days and report_claim_decisions: non-draft claims by
 * first-submission day and status now, and decided claims by decision day, each claim in one of
 * 16 shards (by its id), so two decisions never wait on one programme-wide row. The channel
 * team's claims section reads a month as ~1,000 rows instead of 2,000 partners' ~13,000. Kept by
 * their own statement-level triggers on claims (migration 0040), with the same rules.
 */
export const reportProgrammeClaimDays = pgTable(
  "report_programme_claim_days",
  {
    day: date("day", { mode: "string" }).notNull(),
    status: claimStatusEnum("status").notNull(),
    shard: smallint("shard").notNull(),
    claims: integer("claims").notNull(),
    points: bigint("points", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.status, t.shard] })],
);

/** See reportProgrammeClaimDays. */
export const reportProgrammeClaimDecisions = pgTable(
  "report_programme_claim_decisions",
  {
    day: date("day", { mode: "string" }).notNull(),
    status: claimStatusEnum("status").notNull(),
    shard: smallint("shard").notNull(),
    claims: integer("claims").notNull(),
    points: bigint("points", { mode: "number" }).notNull(),
    cycleSeconds: numeric("cycle_seconds").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.status, t.shard] })],
);

/**
 * People by partner, role and the UTC months they were invited (created), activated and
 * deactivated ('infinity' when not yet), per partner (shard 0) and for the whole programme under
 * PROGRAMME_COUNTS_KEY in 16 shards by person. A whole month, quarter or year starts and ends on
 * a month's edge, so "signed up in the period" (activated before its end, not deactivated before
 * its start), invited and activated in it are sums over these rows: participation and the
 * partner ranking read them instead of every user (custom periods still read the users). Kept by
 * a statement-level trigger on users (migration 0041), in the transaction that writes the user.
 */
export const reportPeopleMonths = pgTable(
  "report_people_months",
  {
    organisationId: uuid("organisation_id").notNull(),
    role: roleEnum("role").notNull(),
    createdMonth: date("created_month", { mode: "string" }).notNull(),
    activatedMonth: date("activated_month", { mode: "string" }).notNull(),
    deactivatedMonth: date("deactivated_month", { mode: "string" }).notNull(),
    shard: smallint("shard").notNull(),
    people: integer("people").notNull(),
  },
  (t) => [
    primaryKey({
      name: "report_people_months_pk",
      columns: [t.organisationId, t.role, t.createdMonth, t.activatedMonth, t.deactivatedMonth, t.shard],
    }),
  ],
);

/**
 * Every point account's balance summed per partner: the programme's outstanding liability is
 * 2,000 rows instead of 50,000 accounts. Kept by statement-level triggers on point_accounts
 * (migration 0042) in the transaction that changes the balances; one row per partner, like
 * report_ledger_months, and only touched when a balance really changes (an account created at
 * zero locks nothing, so the order of locks in a credit stays: the ledger's rows, then this one).
 */
export const reportPartnerBalances = pgTable("report_partner_balances", {
  organisationId: uuid("organisation_id").primaryKey(),
  points: bigint("points", { mode: "number" }).notNull(),
});

/**
 * Points and claims of APPROVED claims per partner and UTC month of the decision: the channel
 * team's partner ranking reads a month as 2,000 rows (a year 24,000) instead of every partner's
 * decision days (10,600 rows a month in the reports bench), the same figures as
 * report_claim_decisions summed over the month's days. Kept by statement-level triggers on claims
 * (migration `report_partner_sales`) in the transaction that moves the claim; a custom period
 * reads its whole months here and the days at its edges from report_claim_decisions.
 */
export const reportPartnerSales = pgTable(
  "report_partner_sales",
  {
    /** The first day of the UTC month of the decision. */
    month: date("month", { mode: "string" }).notNull(),
    organisationId: uuid("organisation_id").notNull(),
    claims: integer("claims").notNull(),
    points: bigint("points", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.organisationId] })],
);
