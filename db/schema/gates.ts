import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { claims, promotions } from "./claims";
import { users } from "./organisations";
import { courses } from "./training";

/**
 * Promotion budgets and training gates (issue 14).
 *
 * A promotion's budget is the points its extra part may cost in all. `spent_points` only moves by
 * one locked UPDATE in the transaction that credits the claim, and the CHECK is the last line, so
 * racing approvals can never spend past the budget.
 */
export const promotionBudgets = pgTable(
  "promotion_budgets",
  {
    promotionId: uuid("promotion_id")
      .primaryKey()
      .references(() => promotions.id, { onDelete: "cascade" }),
    budgetPoints: integer("budget_points").notNull(),
    spentPoints: integer("spent_points").notNull().default(0),
    /** When the channel team was told the budget reached 80%; claimed once by a guarded UPDATE. */
    alertedAt: timestamp("alerted_at", { withTimezone: true }),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("promotion_budgets_positive", sql`${t.budgetPoints} > 0 and ${t.budgetPoints} <= 1000000000`),
    check("promotion_budgets_within", sql`${t.spentPoints} >= 0 and ${t.spentPoints} <= ${t.budgetPoints}`),
  ],
);

/** What one claim took from a promotion's budget: one row per (promotion, claim), so a claim spends once. */
export const promotionBudgetSpends = pgTable(
  "promotion_budget_spends",
  {
    promotionId: uuid("promotion_id")
      .notNull()
      .references(() => promotions.id, { onDelete: "cascade" }),
    claimId: uuid("claim_id")
      .notNull()
      .references(() => claims.id, { onDelete: "cascade" }),
    /** The promotion's extra points the claim would have earned, and what the budget still allowed. */
    wantedPoints: integer("wanted_points").notNull(),
    grantedPoints: integer("granted_points").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.promotionId, t.claimId] }),
    index("promotion_budget_spends_claim_idx").on(t.claimId),
    check("promotion_budget_spends_range", sql`${t.grantedPoints} >= 0 and ${t.grantedPoints} <= ${t.wantedPoints}`),
  ],
);

export const GATED_SUBJECTS = ["contest", "reward", "tier"] as const;
export type GatedSubject = (typeof GATED_SUBJECTS)[number];
export const gatedSubjectEnum = pgEnum("gated_subject", GATED_SUBJECTS);

/**
 * A course a person must hold a valid certificate of before a contest counts them, a reward can be
 * redeemed, or (for the tier computation) a tier is reached. `subject_id` is the contest's or the
 * reward's id, or the tier's name.
 */
export const trainingRequirements = pgTable(
  "training_requirements",
  {
    subjectType: gatedSubjectEnum("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.subjectType, t.subjectId, t.courseId] }),
    index("training_requirements_course_idx").on(t.courseId),
    check("training_requirements_subject", sql`${t.subjectId} <> '' and length(${t.subjectId}) <= 64`),
  ],
);

export type TrainingRequirement = typeof trainingRequirements.$inferSelect;
