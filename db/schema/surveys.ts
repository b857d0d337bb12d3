import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { Answers, Questionnaire } from "../../app/domain/questionnaires/model";
import type { Segment } from "./communication";
import { organisations, users } from "./organisations";

export const SURVEY_STATUSES = ["draft", "published"] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

/**
 * A survey or poll from the channel team (issue 20): questions from the shared questionnaire
 * builder, an audience (a segment; empty lists = every participant), an answering window and
 * optional points for a complete answer, credited once per person through the ledger.
 */
export const surveys = pgTable(
  "surveys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    intro: text("intro").notNull().default(""),
    questionnaire: jsonb("questionnaire").$type<Questionnaire>().notNull(),
    segment: jsonb("segment").$type<Segment>().notNull(),
    opensAt: timestamp("opens_at", { withTimezone: true }).notNull(),
    closesAt: timestamp("closes_at", { withTimezone: true }).notNull(),
    points: integer("points").notNull().default(0),
    status: text("status").$type<SurveyStatus>().notNull().default("draft"),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("surveys_open_idx").on(t.status, t.closesAt),
    check("surveys_points_check", sql`${t.points} >= 0 and ${t.points} <= 100000`),
    check("surveys_window_check", sql`${t.closesAt} > ${t.opensAt}`),
    check("surveys_status_check", sql`${t.status} in ('draft', 'published')`),
  ],
);

/** One answer per person and survey: the unique key makes "can't answer twice" a database fact. */
export const surveyResponses = pgTable(
  "survey_responses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    surveyId: uuid("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    answers: jsonb("answers").$type<Answers>().notNull(),
    /** The NPS answer (0-10) when the survey has one, for the score without reading the JSON. */
    nps: integer("nps"),
    pointsCredited: integer("points_credited").notNull().default(0),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("survey_responses_once").on(t.surveyId, t.userId),
    index("survey_responses_org_idx").on(t.surveyId, t.organisationId),
    check("survey_responses_nps_check", sql`${t.nps} is null or (${t.nps} between 0 and 10)`),
  ],
);

export const SUGGESTION_STATUSES = ["new", "added", "declined"] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

/** "Suggest a reward": a participant's idea for the catalogue, decided by the channel team. */
export const rewardSuggestions = pgTable(
  "reward_suggestions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    name: text("name").notNull(),
    link: text("link"),
    reason: text("reason").notNull(),
    status: text("status").$type<SuggestionStatus>().notNull().default("new"),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("reward_suggestions_status_idx").on(t.status, t.createdAt),
    check("reward_suggestions_status_check", sql`${t.status} in ('new', 'added', 'declined')`),
  ],
);

export type Survey = typeof surveys.$inferSelect;
