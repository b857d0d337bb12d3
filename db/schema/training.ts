import { sql } from "drizzle-orm";
import {
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
import { roleEnum } from "./pg-enums";
import { organisations, users } from "./organisations";

export const COURSE_STATUSES = ["draft", "published", "archived"] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];
export const courseStatusEnum = pgEnum("course_status", COURSE_STATUSES);

export const QUESTION_KINDS = ["single", "multiple"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const questionKindEnum = pgEnum("quiz_question_kind", QUESTION_KINDS);

export const ATTENDANCE_METHODS = ["code", "import"] as const;
export const attendanceMethodEnum = pgEnum("webinar_attendance_method", ATTENDANCE_METHODS);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * A course: lessons then a quiz. `targetRoles` are the partner roles the course is assigned to;
 * every other participant sees it as optional. Points are credited on the first pass only (the
 * ledger's unique key on source 'course' + course id); each pass (re)issues a certificate valid
 * for `certificateMonths`.
 */
export const courses = pgTable(
  "courses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    targetRoles: roleEnum("target_roles").array().notNull().default(sql`'{}'`),
    status: courseStatusEnum("status").notNull().default("draft"),
    points: integer("points").notNull().default(0),
    /** Percentage of questions that must be right, 1..100. */
    passMark: integer("pass_mark").notNull().default(80),
    /** Failed attempts allowed before the cool-down starts. */
    attemptsLimit: integer("attempts_limit").notNull().default(3),
    cooldownHours: integer("cooldown_hours").notNull().default(24),
    certificateMonths: integer("certificate_months").notNull().default(24),
    /** After a failed attempt, show the person which of their answers were wrong (a trainer may hide it for a certification exam). */
    showWrongAnswers: boolean("show_wrong_answers").notNull().default(true),
    createdBy: uuid("created_by").references(() => users.id),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("courses_status_idx").on(t.status),
    check(
      "courses_values",
      sql`${t.points} >= 0 and ${t.passMark} between 1 and 100 and ${t.attemptsLimit} >= 1 and ${t.cooldownHours} >= 0 and ${t.certificateMonths} between 1 and 120`,
    ),
  ],
);

/** A lesson's body is a small Markdown subset, parsed to a tree and rendered by React (never raw HTML). */
export const courseLessons = pgTable(
  "course_lessons",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    videoUrl: text("video_url"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("course_lessons_course_idx").on(t.courseId, t.position)],
);

/** Images uploaded for lessons, served from this site so the page works under a strict CSP. */
export const courseImages = pgTable("course_images", {
  id: uuid("id").primaryKey().defaultRandom(),
  courseId: uuid("course_id")
    .notNull()
    .references(() => courses.id, { onDelete: "cascade" }),
  contentType: text("content_type").notNull(),
  data: bytea("data").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type QuizOption = { id: string; text: string };

/** Options are stored with the question; `correct` never leaves the server before a submission. */
export const quizQuestions = pgTable(
  "quiz_questions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    prompt: text("prompt").notNull(),
    kind: questionKindEnum("kind").notNull(),
    options: jsonb("options").$type<QuizOption[]>().notNull(),
    correct: jsonb("correct").$type<string[]>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("quiz_questions_course_idx").on(t.courseId, t.position)],
);

/** Lessons a participant has finished: progress is saved lesson by lesson. */
export const lessonProgress = pgTable(
  "lesson_progress",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    lessonId: uuid("lesson_id")
      .notNull()
      .references(() => courseLessons.id, { onDelete: "cascade" }),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    completedAt: timestamp("completed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.lessonId] }),
    index("lesson_progress_course_idx").on(t.courseId, t.userId),
    index("lesson_progress_org_idx").on(t.organisationId),
  ],
);

/**
 * One quiz attempt. The question order and option order come from `seed`, fixed when the
 * attempt starts, so reloading shows the same quiz. At most one open attempt per person and course.
 */
export const quizAttempts = pgTable(
  "quiz_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    seed: integer("seed").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    correctCount: integer("correct_count"),
    questionCount: integer("question_count"),
    scorePercent: integer("score_percent"),
    passed: boolean("passed"),
    answers: jsonb("answers").$type<Record<string, string[]>>(),
  },
  (t) => [
    uniqueIndex("quiz_attempts_one_open").on(t.userId, t.courseId).where(sql`${t.submittedAt} is null`),
    index("quiz_attempts_course_idx").on(t.courseId, t.userId),
    index("quiz_attempts_org_idx").on(t.organisationId),
  ],
);

/** The current certificate of a person for a course; passing again renews it. */
export const certificates = pgTable(
  "certificates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    /** Printed on the certificate; stays the same across renewals. */
    number: text("number").notNull(),
    attemptId: uuid("attempt_id").references(() => quizAttempts.id),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("certificates_user_course_unique").on(t.userId, t.courseId),
    uniqueIndex("certificates_number_unique").on(t.number),
    index("certificates_expires_idx").on(t.expiresAt),
    index("certificates_org_idx").on(t.organisationId),
  ],
);

/** One expiry warning per certificate validity period: a renewal (new expiry) earns a new warning. */
export const certificateWarnings = pgTable(
  "certificate_warnings",
  {
    certificateId: uuid("certificate_id")
      .notNull()
      .references(() => certificates.id),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.certificateId, t.expiresAt] })],
);

/**
 * A webinar. `startsAt` is the instant (UTC); `timeZone` is the IANA zone it was announced in,
 * used to show the local start time. Empty `targetRoles` / `regions` mean everyone.
 */
export const webinars = pgTable(
  "webinars",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    speaker: text("speaker").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    timeZone: text("time_zone").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    joinUrl: text("join_url").notNull(),
    /** Null: no limit. */
    capacity: integer("capacity"),
    targetRoles: roleEnum("target_roles").array().notNull().default(sql`'{}'`),
    regions: text("regions").array().notNull().default(sql`'{}'`),
    points: integer("points").notNull().default(0),
    /** Announced during the session; participants enter it within the session window. */
    attendanceCode: text("attendance_code").notNull(),
    recordingUrl: text("recording_url"),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("webinars_starts_idx").on(t.startsAt),
    check(
      "webinars_values",
      sql`${t.durationMinutes} between 5 and 600 and (${t.capacity} is null or ${t.capacity} > 0) and ${t.points} >= 0`,
    ),
  ],
);

/** A seat. Cancelling keeps the row (status 'cancelled') so registering again is one update. */
export const webinarRegistrations = pgTable(
  "webinar_registrations",
  {
    webinarId: uuid("webinar_id")
      .notNull()
      .references(() => webinars.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    status: text("status").notNull().default("registered"),
    registeredAt: timestamp("registered_at", { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.webinarId, t.userId] }),
    index("webinar_registrations_user_idx").on(t.userId),
    index("webinar_registrations_org_idx").on(t.organisationId),
    check("webinar_registrations_status", sql`${t.status} in ('registered', 'cancelled')`),
  ],
);

/** Who attended, recorded once per person and webinar, by code or by the trainer's import. */
export const webinarAttendance = pgTable(
  "webinar_attendance",
  {
    webinarId: uuid("webinar_id")
      .notNull()
      .references(() => webinars.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    method: attendanceMethodEnum("method").notNull(),
    minutes: integer("minutes"),
    recordedBy: uuid("recorded_by").references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.webinarId, t.userId] }), index("webinar_attendance_org_idx").on(t.organisationId)],
);

export type ImportRowReport = { line: number; email: string; minutes: number | null; reason: string };

/** Every attendee import, with the rows that did not lead to attendance and why. */
export const webinarImports = pgTable("webinar_imports", {
  id: uuid("id").primaryKey().defaultRandom(),
  webinarId: uuid("webinar_id")
    .notNull()
    .references(() => webinars.id, { onDelete: "cascade" }),
  importedBy: uuid("imported_by").references(() => users.id),
  minMinutes: integer("min_minutes").notNull(),
  totalRows: integer("total_rows").notNull(),
  recorded: integer("recorded").notNull(),
  alreadyRecorded: integer("already_recorded").notNull(),
  unmatched: jsonb("unmatched").$type<ImportRowReport[]>().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Reminder emails sent, one per person, webinar and kind ('day', 'hour'), so each goes out once. */
export const webinarReminders = pgTable(
  "webinar_reminders",
  {
    webinarId: uuid("webinar_id")
      .notNull()
      .references(() => webinars.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.webinarId, t.userId, t.kind] }), check("webinar_reminders_kind", sql`${t.kind} in ('day', 'hour')`)],
);

export type Course = typeof courses.$inferSelect;
export type CourseLesson = typeof courseLessons.$inferSelect;
export type QuizQuestion = typeof quizQuestions.$inferSelect;
export type QuizAttempt = typeof quizAttempts.$inferSelect;
export type Certificate = typeof certificates.$inferSelect;
export type Webinar = typeof webinars.$inferSelect;
