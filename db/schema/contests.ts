import { sql } from "drizzle-orm";
import { bigserial, check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { roleEnum, tierEnum } from "./pg-enums";
import { organisations, users } from "./organisations";

export const CONTEST_METRICS = ["sales_points", "units", "revenue", "courses_passed"] as const;
export type ContestMetric = (typeof CONTEST_METRICS)[number];
export const CONTEST_SCOPES = ["all", "tier", "region", "list"] as const;
export const CONTEST_RANKINGS = ["individual", "team"] as const;
export const CONTEST_PRIVACY = ["full_name", "initials_partner", "partner_only"] as const;

export const contestMetricEnum = pgEnum("contest_metric", CONTEST_METRICS);
export const contestScopeEnum = pgEnum("contest_scope", CONTEST_SCOPES);
export const contestRankingEnum = pgEnum("contest_ranking", CONTEST_RANKINGS);
export const contestPrivacyEnum = pgEnum("contest_privacy", CONTEST_PRIVACY);

/**
 * A seller contest. Its phase follows from the clock: upcoming before startsAt, running until
 * endsAt, then a grace period for claims still awaiting approval, then closed (closedAt set by
 * the closing job, which also writes the results and credits prizes).
 */
export const contests = pgTable(
  "contests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    rules: text("rules").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    graceDays: integer("grace_days").notNull().default(7),
    scope: contestScopeEnum("scope").notNull().default("all"),
    tiers: tierEnum("tiers").array().notNull().default(sql`'{}'`),
    regions: text("regions").array().notNull().default(sql`'{}'`),
    roles: roleEnum("roles").array().notNull(),
    metric: contestMetricEnum("metric").notNull(),
    /** For the "units" and "revenue" metrics: only these product SKUs count (empty = all). */
    productSkus: text("product_skus").array().notNull().default(sql`'{}'`),
    ranking: contestRankingEnum("ranking").notNull().default("individual"),
    minScore: integer("min_score").notNull().default(0),
    privacy: contestPrivacyEnum("privacy").notNull().default("initials_partner"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [
    check("contests_period", sql`${t.endsAt} > ${t.startsAt}`),
    check("contests_grace", sql`${t.graceDays} >= 0 and ${t.graceDays} <= 90`),
    check("contests_min_score", sql`${t.minScore} >= 0`),
  ],
);

/** Partners chosen by hand when scope = 'list'. */
export const contestPartners = pgTable(
  "contest_partners",
  {
    contestId: uuid("contest_id")
      .notNull()
      .references(() => contests.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [primaryKey({ columns: [t.contestId, t.organisationId] })],
);

/** Prizes per rank range: points credited at closing, or a named physical prize. */
export const contestPrizes = pgTable(
  "contest_prizes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    contestId: uuid("contest_id")
      .notNull()
      .references(() => contests.id, { onDelete: "cascade" }),
    rankFrom: integer("rank_from").notNull(),
    rankTo: integer("rank_to").notNull(),
    points: integer("points").notNull().default(0),
    description: text("description").notNull().default(""),
  },
  (t) => [check("contest_prizes_ranks", sql`${t.rankFrom} >= 1 and ${t.rankTo} >= ${t.rankFrom} and ${t.points} >= 0`)],
);

/**
 * Every counted contribution, one per source (an approved claim, a passed course), so each
 * score can be traced back to what made it and nothing counts twice.
 */
export const contestEntries = pgTable(
  "contest_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    contestId: uuid("contest_id")
      .notNull()
      .references(() => contests.id, { onDelete: "cascade" }),
    /** The user for individual contests, the partner organisation for team contests. */
    participantId: uuid("participant_id").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    sourceType: text("source_type").notNull(),
    sourceId: text("source_id").notNull(),
    value: integer("value").notNull(),
    /** When the sale or pass happened; the tie-break uses it. */
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    countedAt: timestamp("counted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("contest_entries_source_unique").on(t.contestId, t.sourceType, t.sourceId, t.userId),
    index("contest_entries_participant_idx").on(t.contestId, t.participantId),
  ],
);

/**
 * The leaderboard's summary rows, maintained in the same transaction as each entry so the
 * board is an index range scan, not a GROUP BY over the ledger. reachedAt = when the current
 * score was reached (the latest occurrence counted), for "who reached it first".
 */
export const contestScores = pgTable(
  "contest_scores",
  {
    contestId: uuid("contest_id")
      .notNull()
      .references(() => contests.id, { onDelete: "cascade" }),
    participantId: uuid("participant_id").notNull(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    score: integer("score").notNull().default(0),
    reachedAt: timestamp("reached_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.contestId, t.participantId] }),
    // NULLS FIRST to match "order by score desc", so the board is read straight off this index.
    index("contest_scores_board_idx").on(t.contestId, t.score.desc().nullsFirst(), t.reachedAt.asc(), t.participantId.asc()),
  ],
);

/**
 * How many are on a contest's board ("Place X of N"), kept by a statement-level trigger on
 * contest_scores (migration 0013) in the same transaction as the entries, so every process reads
 * the same N without counting 100,000 rows per view.
 */
export const contestParticipantCounts = pgTable(
  "contest_participant_counts",
  {
    contestId: uuid("contest_id")
      .primaryKey()
      .references(() => contests.id, { onDelete: "cascade" }),
    participants: integer("participants").notNull().default(0),
  },
  (t) => [check("contest_participant_counts_nonnegative", sql`${t.participants} >= 0`)],
);

/**
 * How many participants of a contest are in each score band, kept by statement-level triggers on
 * contest_scores (migration 0043) in the transaction that changes a score, so "place X" is a sum
 * over at most a few hundred bands plus a count inside the viewer's own band, not a count of
 * everyone ahead (50,000 index entries for someone in the middle of a 100,000-person board).
 * Bands (`contest_score_band(score)`, SQL) are monotonic in the score: every score below 64 is its
 * own band, above that 32 bands per power of two.
 */
export const contestScoreBands = pgTable(
  "contest_score_bands",
  {
    contestId: uuid("contest_id")
      .notNull()
      .references(() => contests.id, { onDelete: "cascade" }),
    band: integer("band").notNull(),
    participants: integer("participants").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.contestId, t.band] }), check("contest_score_bands_nonnegative", sql`${t.participants} >= 0`)],
);

/** Final standings, written once when the contest closes. */
export const contestResults = pgTable(
  "contest_results",
  {
    contestId: uuid("contest_id")
      .notNull()
      .references(() => contests.id, { onDelete: "cascade" }),
    rank: integer("rank").notNull(),
    participantId: uuid("participant_id").notNull(),
    organisationId: uuid("organisation_id").notNull(),
    score: integer("score").notNull(),
    prizePoints: integer("prize_points").notNull().default(0),
    prizeDescription: text("prize_description").notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.contestId, t.participantId] }), uniqueIndex("contest_results_rank_unique").on(t.contestId, t.rank)],
);

export type Contest = typeof contests.$inferSelect;
