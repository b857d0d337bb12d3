import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { Answers, Questionnaire, SectionScore } from "../../app/domain/mystery/scoring";
import { organisations, outlets, users } from "./organisations";

/**
 * Mystery shopping (capability 7): versioned scenarios with a weighted questionnaire, waves of
 * planned visits, the auditor's report, publication with the seller's award, and the partner's
 * disputes. Scores are kept as integers: "units" are quarter points (a 1-5 answer earns 0-4
 * quarters of its weight), a score is per mille (0-1000).
 */

export const SCENARIO_STATUSES = ["draft", "published", "retired"] as const;
export const scenarioStatusEnum = pgEnum("mystery_scenario_status", SCENARIO_STATUSES);

export const VISIT_STATUSES = ["planned", "submitted", "published", "voided"] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
export const visitStatusEnum = pgEnum("mystery_visit_status", VISIT_STATUSES);

export const DISPUTE_STATUSES = ["open", "upheld", "overturned"] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];
export const disputeStatusEnum = pgEnum("mystery_dispute_status", DISPUTE_STATUSES);

/** One row of programme-wide mystery-shopping settings. */
export const mysterySettings = pgTable(
  "mystery_settings",
  {
    id: integer("id").primaryKey().default(1),
    /** Points a seller earns for a visit whose key questions were answered well. */
    awardPoints: integer("award_points").notNull().default(50),
    /** Days after publication in which the partner may dispute; the award is provisional until then. */
    disputeWindowDays: integer("dispute_window_days").notNull().default(7),
    /** An auditor does not visit the same outlet twice within this many days. */
    rotationDays: integer("rotation_days").notNull().default(60),
    /** Hours after the visit within which the report is due; later ones are flagged late. */
    reportDueHours: integer("report_due_hours").notNull().default(24),
    /** Reports wait for a channel manager's quality check before they are published. */
    reviewRequired: boolean("review_required").notNull().default(true),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("mystery_settings_single_row", sql`${t.id} = 1`),
    check(
      "mystery_settings_values",
      sql`${t.awardPoints} >= 0 and ${t.disputeWindowDays} >= 0 and ${t.rotationDays} >= 0 and ${t.reportDueHours} > 0`,
    ),
  ],
);

/**
 * One version of a scenario. Versions of the same scenario share `familyId`; editing a published
 * version makes the next version (a draft), so a visit keeps the questionnaire it was filed with.
 */
export const mysteryScenarios = pgTable(
  "mystery_scenarios",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    familyId: uuid("family_id").notNull(),
    version: integer("version").notNull(),
    status: scenarioStatusEnum("status").notNull().default("draft"),
    title: text("title").notNull(),
    /** What the shopper tells the seller. */
    legend: text("legend").notNull(),
    instructions: text("instructions").notNull().default(""),
    questionnaire: jsonb("questionnaire").$type<Questionnaire>().notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("mystery_scenarios_version_unique").on(t.familyId, t.version),
    // At most one draft per scenario: two editors of a published version cannot fork it.
    uniqueIndex("mystery_scenarios_one_draft").on(t.familyId).where(sql`${t.status} = 'draft'`),
    check("mystery_scenarios_version_positive", sql`${t.version} > 0`),
  ],
);

export const mysteryWaves = pgTable(
  "mystery_waves",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    /** ISO days on which no visit may be due (holidays, stocktaking, a partner's event). */
    blackoutDates: jsonb("blackout_dates").$type<string[]>().notNull().default([]),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("mystery_waves_dates", sql`${t.endsOn} >= ${t.startsOn}`), index("mystery_waves_starts_idx").on(t.startsOn)],
);

export const mysteryVisits = pgTable(
  "mystery_visits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    waveId: uuid("wave_id")
      .notNull()
      .references(() => mysteryWaves.id),
    outletId: uuid("outlet_id")
      .notNull()
      .references(() => outlets.id),
    /** The outlet's partner, kept here so every scoped query filters one column. */
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    scenarioId: uuid("scenario_id")
      .notNull()
      .references(() => mysteryScenarios.id),
    auditorId: uuid("auditor_id")
      .notNull()
      .references(() => users.id),
    dueFrom: date("due_from").notNull(),
    dueTo: date("due_to").notNull(),
    status: visitStatusEnum("status").notNull().default("planned"),
    visitedAt: timestamp("visited_at", { withTimezone: true }),
    leftAt: timestamp("left_at", { withTimezone: true }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    /** Submitted later than the report deadline after the visit. */
    late: boolean("late").notNull().default(false),
    sellerUserId: uuid("seller_user_id").references(() => users.id),
    sellerDescription: text("seller_description").notNull().default(""),
    answers: jsonb("answers").$type<Answers>().notNull().default({}),
    earnedUnits: integer("earned_units"),
    possibleUnits: integer("possible_units"),
    scorePermille: integer("score_permille"),
    sectionScores: jsonb("section_scores").$type<SectionScore[]>(),
    keyPassed: boolean("key_passed"),
    reviewNote: text("review_note"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    publishedBy: uuid("published_by").references(() => users.id),
    /** The partner may dispute until this instant; the seller's award is provisional until then. */
    disputeUntil: timestamp("dispute_until", { withTimezone: true }),
    awardEntryId: bigint("award_entry_id", { mode: "number" }),
    awardPoints: integer("award_points").notNull().default(0),
    awardReversedAt: timestamp("award_reversed_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("mystery_visits_wave_idx").on(t.waveId),
    index("mystery_visits_auditor_idx").on(t.auditorId, t.dueFrom),
    index("mystery_visits_outlet_idx").on(t.outletId, t.dueFrom),
    index("mystery_visits_organisation_idx").on(t.organisationId, t.status),
    index("mystery_visits_seller_idx").on(t.sellerUserId).where(sql`${t.awardPoints} > 0`),
    check("mystery_visits_due_window", sql`${t.dueTo} >= ${t.dueFrom}`),
    check("mystery_visits_score_range", sql`${t.scorePermille} is null or (${t.scorePermille} between 0 and 1000)`),
  ],
);

/** Photos and the receipt of a visit, in the upload store under mystery/ with random names. */
export const mysteryPhotos = pgTable(
  "mystery_photos",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    visitId: uuid("visit_id")
      .notNull()
      .references(() => mysteryVisits.id),
    /** The question it answers, or "receipt". */
    questionId: text("question_id").notNull(),
    storedName: text("stored_name").notNull(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("mystery_photos_visit_idx").on(t.visitId)],
);

export const mysteryDisputes = pgTable(
  "mystery_disputes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    visitId: uuid("visit_id")
      .notNull()
      .references(() => mysteryVisits.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    raisedBy: uuid("raised_by")
      .notNull()
      .references(() => users.id),
    /** The question disputed, or null for the report as a whole. */
    questionId: text("question_id"),
    reason: text("reason").notNull(),
    evidence: text("evidence").notNull().default(""),
    status: disputeStatusEnum("status").notNull().default("open"),
    /** For an overturn: "rescored" (score changed) or "voided" (the visit no longer counts). */
    outcome: text("outcome"),
    previousScorePermille: integer("previous_score_permille"),
    newScorePermille: integer("new_score_permille"),
    decisionNote: text("decision_note"),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("mystery_disputes_visit_idx").on(t.visitId, t.createdAt),
    // One open dispute per report at a time.
    uniqueIndex("mystery_disputes_one_open").on(t.visitId).where(sql`${t.status} = 'open'`),
    check("mystery_disputes_outcome", sql`${t.outcome} is null or ${t.outcome} in ('rescored', 'voided')`),
  ],
);

export type MysteryScenario = typeof mysteryScenarios.$inferSelect;
export type MysteryVisit = typeof mysteryVisits.$inferSelect;
export type MysteryWave = typeof mysteryWaves.$inferSelect;
export type MysteryDispute = typeof mysteryDisputes.$inferSelect;
