import { randomBytes, randomInt } from "node:crypto";
import { and, asc, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { rowsOf, type Db, type Queryable } from "@db/client";
import { certificates, courseImages, courseLessons, courses, lessonProgress, quizAttempts, quizQuestions, type Course } from "@db/schema";
import type { Role } from "@db/schema/enums";
import { recordContestProgress } from "~/domain/contests/contests.server";
import { creditPoints } from "~/domain/points/ledger.server";
import { notify } from "~/domain/notifications/notify.server";
import { type Actor, isManufacturer } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { UserError } from "~/lib/errors";
import { can } from "~/lib/permissions";
import { ownerScope } from "~/lib/scope.server";
import type { CourseInput, LessonInput, QuestionInput } from "./forms";
import { type Answers, attemptVerdict, questionProblem, type Question, scoreQuiz, shuffledQuiz, unanswered } from "./quiz";
import { isId } from "~/lib/ids";

export const notFoundError = () => new UserError("common.not_found", undefined, undefined, 404);
export function requireUuid(id: string | undefined): string {
  if (!id || !isId(id)) throw notFoundError();
  return id;
}

function addMonths(date: Date, months: number): Date {
  const d = new Date(date);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/** Only partner people take part (earn points, hold certificates); the gate's role check says the same. */
function requireParticipant(actor: Actor) {
  if (isManufacturer(actor)) throw new UserError("training.participants_only", undefined, undefined, 403);
}

/* ------------------------------------------------------------------ trainer: authoring */

export async function createCourse(db: Db, actor: Actor, input: CourseInput) {
  return db.transaction(async (tx) => {
    const [course] = await tx.insert(courses).values({ ...input, createdBy: actor.id }).returning();
    await recordAudit(tx, { actor, action: "course.created", entityType: "course", entityId: course.id, details: { title: course.title } });
    return course;
  });
}

async function courseForTrainer(db: Queryable, id: string) {
  const [course] = await db.select().from(courses).where(eq(courses.id, requireUuid(id))).limit(1);
  if (!course) throw notFoundError();
  return course;
}

export async function updateCourse(db: Db, actor: Actor, id: string, input: CourseInput) {
  await courseForTrainer(db, id);
  await db.transaction(async (tx) => {
    await tx.update(courses).set({ ...input, updatedAt: new Date() }).where(eq(courses.id, id));
    await recordAudit(tx, { actor, action: "course.updated", entityType: "course", entityId: id, details: { ...input } });
  });
}

/** Everything the editor shows, correct answers included (trainers only); null when there is no such course. */
export async function getCourseForEditing(db: Queryable, id: string) {
  if (!isId(id)) return null;
  const [course] = await db.select().from(courses).where(eq(courses.id, id)).limit(1);
  if (!course) return null;
  const lessons = await db.select().from(courseLessons).where(eq(courseLessons.courseId, id)).orderBy(asc(courseLessons.position), asc(courseLessons.createdAt));
  const questions = await db.select().from(quizQuestions).where(eq(quizQuestions.courseId, id)).orderBy(asc(quizQuestions.position), asc(quizQuestions.createdAt));
  const images = await db.select({ id: courseImages.id }).from(courseImages).where(eq(courseImages.courseId, id)).orderBy(asc(courseImages.createdAt));
  return { course, lessons, questions, images, problems: publishProblems(lessons.length, questions) };
}

function publishProblems(lessonCount: number, questions: Array<Pick<Question, "kind" | "options" | "correct">>): string[] {
  const problems: string[] = [];
  if (!lessonCount) problems.push("training.publish.no_lessons");
  if (!questions.length) problems.push("training.publish.no_questions");
  if (questions.some((q) => questionProblem(q))) problems.push("training.publish.bad_question");
  return problems;
}

async function nextPosition(db: Queryable, table: typeof courseLessons | typeof quizQuestions, courseId: string) {
  const [row] = await db.select({ n: sql<number>`coalesce(max(${table.position}), 0)::int` }).from(table).where(eq(table.courseId, courseId));
  return row.n + 1;
}

export async function addLesson(db: Db, actor: Actor, courseId: string, input: LessonInput) {
  await courseForTrainer(db, courseId);
  const [lesson] = await db
    .insert(courseLessons)
    .values({ courseId, position: await nextPosition(db, courseLessons, courseId), ...input })
    .returning();
  return lesson;
}

export async function updateLesson(db: Db, actor: Actor, courseId: string, lessonId: string, input: LessonInput) {
  const updated = await db
    .update(courseLessons)
    .set(input)
    .where(and(eq(courseLessons.id, requireUuid(lessonId)), eq(courseLessons.courseId, requireUuid(courseId))))
    .returning({ id: courseLessons.id });
  if (!updated.length) throw notFoundError();
}

export async function deleteLesson(db: Db, actor: Actor, courseId: string, lessonId: string) {
  const course = await courseForTrainer(db, courseId);
  // A published course keeps at least one lesson: participants may be in the middle of it.
  if (course.status === "published") {
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(courseLessons).where(eq(courseLessons.courseId, courseId));
    if (n <= 1) throw new UserError("training.publish.no_lessons");
  }
  await db.delete(courseLessons).where(and(eq(courseLessons.id, requireUuid(lessonId)), eq(courseLessons.courseId, courseId)));
}

/** "* right answer" / "wrong answer", one per line, into options with short ids. */
export function optionsFromLines(text: string) {
  const options: Array<{ id: string; text: string }> = [];
  const correct: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const right = line.startsWith("*");
    const label = right ? line.slice(1).trim() : line;
    if (!label) continue;
    const id = `o${options.length + 1}`;
    options.push({ id, text: label.slice(0, 300) });
    if (right) correct.push(id);
  }
  return { options, correct };
}

export async function addQuestion(db: Db, actor: Actor, courseId: string, input: QuestionInput) {
  await courseForTrainer(db, courseId);
  const { options, correct } = optionsFromLines(input.options);
  const problem = questionProblem({ kind: input.kind, options, correct });
  if (problem) throw new UserError(problem, "options");
  const [question] = await db
    .insert(quizQuestions)
    .values({ courseId, position: await nextPosition(db, quizQuestions, courseId), prompt: input.prompt, kind: input.kind, options, correct })
    .returning();
  return question;
}

export async function deleteQuestion(db: Db, actor: Actor, courseId: string, questionId: string) {
  const course = await courseForTrainer(db, courseId);
  if (course.status === "published") {
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(quizQuestions).where(eq(quizQuestions.courseId, courseId));
    if (n <= 1) throw new UserError("training.publish.no_questions");
  }
  await db.delete(quizQuestions).where(and(eq(quizQuestions.id, requireUuid(questionId)), eq(quizQuestions.courseId, courseId)));
}

/** Publishing makes the course visible and its points earnable, so it is audit-logged. */
export async function setCourseStatus(db: Db, actor: Actor, courseId: string, status: "published" | "archived" | "draft") {
  const editing = await getCourseForEditing(db, courseId);
  if (!editing) throw notFoundError();
  if (status === "published" && editing.problems.length) throw new UserError(editing.problems[0]);
  await db.transaction(async (tx) => {
    await tx
      .update(courses)
      .set({ status, updatedAt: new Date(), ...(status === "published" ? { publishedAt: editing.course.publishedAt ?? new Date() } : {}) })
      .where(eq(courses.id, courseId));
    await recordAudit(tx, {
      actor,
      action: `course.${status === "published" ? "published" : status === "archived" ? "archived" : "unpublished"}`,
      entityType: "course",
      entityId: courseId,
      details: { title: editing.course.title, points: editing.course.points },
    });
  });
}

const IMAGE_TYPES: Record<string, (b: Buffer) => boolean> = {
  "image/png": (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  "image/jpeg": (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  "image/webp": (b) => b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP",
  "image/gif": (b) => b.subarray(0, 4).toString("latin1") === "GIF8",
};
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/** Stores an uploaded lesson image; the content type comes from the bytes, not from the browser. */
export async function uploadCourseImage(db: Db, actor: Actor, courseId: string, data: Buffer) {
  await courseForTrainer(db, courseId);
  if (!data.length) throw new UserError("errors.required", "image");
  if (data.length > MAX_IMAGE_BYTES) throw new UserError("training.image.too_large", "image", { mb: 2 });
  const contentType = Object.keys(IMAGE_TYPES).find((t) => IMAGE_TYPES[t](data));
  if (!contentType) throw new UserError("training.image.type", "image");
  const [image] = await db.insert(courseImages).values({ courseId, contentType, data }).returning({ id: courseImages.id });
  return image;
}

export async function getCourseImage(db: Queryable, id: string) {
  if (!isId(id)) return null;
  const [image] = await db.select().from(courseImages).where(eq(courseImages.id, id)).limit(1);
  return image ?? null;
}

/* ------------------------------------------------------------------ participants */

function isAssigned(course: Pick<Course, "targetRoles">, role: Role) {
  return course.targetRoles.includes(role);
}

/** Published courses with the actor's progress: lessons done, passed, certificate expiry. */
export async function listCoursesFor(db: Queryable, actor: Actor) {
  const rows = await db
    .select({
      id: courses.id,
      title: courses.title,
      description: courses.description,
      targetRoles: courses.targetRoles,
      points: courses.points,
      lessons: sql<number>`(select count(*)::int from course_lessons l where l.course_id = ${courses.id})`,
      done: sql<number>`(select count(*)::int from lesson_progress p join course_lessons l on l.id = p.lesson_id where p.course_id = ${courses.id} and p.user_id = ${actor.id})`,
      certificateId: certificates.id,
      certificateExpiresAt: certificates.expiresAt,
    })
    .from(courses)
    .leftJoin(certificates, and(eq(certificates.courseId, courses.id), eq(certificates.userId, actor.id)))
    .where(eq(courses.status, "published"))
    .orderBy(asc(courses.title));
  return rows.map((r) => ({ ...r, assigned: isAssigned(r, actor.role), passed: !!r.certificateId }));
}

/** A published course for a participant (trainers also see drafts), with lesson progress; null when not theirs to see. */
export async function getCourseFor(db: Queryable, actor: Actor, courseId: string) {
  if (!isId(courseId)) return null;
  const [course] = await db.select().from(courses).where(eq(courses.id, courseId)).limit(1);
  if (!course || (course.status !== "published" && !can(actor.role, "learn.manage"))) return null;
  const lessons = await db
    .select({ id: courseLessons.id, title: courseLessons.title, position: courseLessons.position, done: sql<boolean>`${lessonProgress.completedAt} is not null` })
    .from(courseLessons)
    .leftJoin(lessonProgress, and(eq(lessonProgress.lessonId, courseLessons.id), eq(lessonProgress.userId, actor.id)))
    .where(eq(courseLessons.courseId, course.id))
    .orderBy(asc(courseLessons.position), asc(courseLessons.createdAt));
  const [{ questions }] = await db.select({ questions: sql<number>`count(*)::int` }).from(quizQuestions).where(eq(quizQuestions.courseId, course.id));
  const history = await db
    .select({ submittedAt: quizAttempts.submittedAt, passed: quizAttempts.passed, scorePercent: quizAttempts.scorePercent })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.courseId, course.id), eq(quizAttempts.userId, actor.id), isNotNull(quizAttempts.submittedAt)))
    .orderBy(desc(quizAttempts.submittedAt));
  const [open] = await db
    .select({ id: quizAttempts.id })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.courseId, course.id), eq(quizAttempts.userId, actor.id), isNull(quizAttempts.submittedAt)));
  const [certificate] = await db.select().from(certificates).where(and(eq(certificates.courseId, course.id), eq(certificates.userId, actor.id)));
  const verdict = attemptVerdict(
    history.map((h) => ({ submittedAt: h.submittedAt!, passed: !!h.passed })),
    course,
    new Date(),
  );
  return {
    course: { ...course, assigned: isAssigned(course, actor.role) },
    lessons,
    questions,
    history,
    openAttemptId: open?.id ?? null,
    certificate: certificate ?? null,
    verdict,
    allLessonsDone: lessons.every((l) => l.done),
  };
}

export async function getLessonFor(db: Queryable, actor: Actor, courseId: string, lessonId: string) {
  const detail = await getCourseFor(db, actor, courseId);
  if (!detail) return null;
  const { course, lessons } = detail;
  const index = lessons.findIndex((l) => l.id === lessonId);
  if (index < 0) return null;
  const [lesson] = await db.select().from(courseLessons).where(eq(courseLessons.id, lessonId));
  return { course, lesson, done: lessons[index].done, index, total: lessons.length, previous: lessons[index - 1] ?? null, next: lessons[index + 1] ?? null };
}

/** Saves that the participant finished a lesson; finishing it again changes nothing. */
export async function completeLesson(db: Db, actor: Actor, courseId: string, lessonId: string) {
  requireParticipant(actor);
  const found = await getLessonFor(db, actor, courseId, lessonId);
  if (!found || found.course.status !== "published") throw notFoundError();
  await db.insert(lessonProgress).values({ userId: actor.id, lessonId, courseId, organisationId: actor.organisationId }).onConflictDoNothing();
}

async function loadQuestions(db: Queryable, courseId: string): Promise<Question[]> {
  const rows = await db.select().from(quizQuestions).where(eq(quizQuestions.courseId, courseId)).orderBy(asc(quizQuestions.position), asc(quizQuestions.createdAt));
  return rows.map((q) => ({ id: q.id, prompt: q.prompt, kind: q.kind, options: q.options, correct: q.correct }));
}

/**
 * Opens a quiz attempt, or returns the one already open (so a reload or a second tab never
 * burns an attempt). Refused while a cool-down runs or lessons are unfinished. The partial
 * unique index allows one open attempt, whoever races.
 */
export async function startAttempt(db: Db, actor: Actor, courseId: string, now = new Date()) {
  requireParticipant(actor);
  const detail = await getCourseFor(db, actor, courseId);
  if (!detail || detail.course.status !== "published") throw notFoundError();
  if (detail.openAttemptId) return { id: detail.openAttemptId };
  if (!detail.allLessonsDone) throw new UserError("training.quiz.lessons_first", undefined, undefined, 409);
  const verdict = attemptVerdict(
    detail.history.map((h) => ({ submittedAt: h.submittedAt!, passed: !!h.passed })),
    detail.course,
    now,
  );
  if (!verdict.allowed) throw new UserError("training.quiz.cooldown", undefined, undefined, 409);
  const [created] = await db
    .insert(quizAttempts)
    .values({ userId: actor.id, courseId, organisationId: actor.organisationId, seed: randomInt(1, 2 ** 31 - 1), startedAt: now })
    .onConflictDoNothing()
    .returning({ id: quizAttempts.id });
  if (created) return created;
  const [open] = await db
    .select({ id: quizAttempts.id })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.courseId, courseId), eq(quizAttempts.userId, actor.id), isNull(quizAttempts.submittedAt)));
  return open;
}

/** The open attempt's questions in its own shuffled order, without the answers. */
export async function getOpenQuiz(db: Queryable, actor: Actor, courseId: string) {
  const detail = await getCourseFor(db, actor, courseId);
  if (!detail) return null;
  const { course } = detail;
  const [attempt] = await db
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.courseId, course.id), eq(quizAttempts.userId, actor.id), isNull(quizAttempts.submittedAt)));
  if (!attempt) return { course, attempt: null, questions: [] };
  return { course, attempt: { id: attempt.id, startedAt: attempt.startedAt }, questions: shuffledQuiz(await loadQuestions(db, course.id), attempt.seed) };
}

function certificateNumber() {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(8);
  return `VT-${new Date().getUTCFullYear()}-${[...bytes].map((b) => alphabet[b % alphabet.length]).join("")}`;
}

export type SubmitResult = { attemptId: string; passed: boolean; scorePercent: number; correctCount: number; questionCount: number; points: number; certificateId: string | null };

/**
 * Scores the open attempt, once: the attempt row is locked and must still be open, so a double
 * submit scores nothing twice. A pass (re)issues the certificate and credits the course's
 * points through the ledger, whose unique key on ('course', course id) makes that the first
 * pass only. All in one transaction.
 */
export async function submitAttempt(db: Db, actor: Actor, courseId: string, answers: Answers, now = new Date()): Promise<SubmitResult> {
  requireParticipant(actor);
  const detail = await getCourseFor(db, actor, courseId);
  if (!detail) throw notFoundError();
  const { course } = detail;
  const [open] = await db
    .select({ id: quizAttempts.id })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.courseId, course.id), eq(quizAttempts.userId, actor.id), isNull(quizAttempts.submittedAt)));
  if (!open) throw new UserError("training.quiz.no_open_attempt", undefined, undefined, 409);
  const questions = await loadQuestions(db, course.id);
  const missing = unanswered(questions, answers);
  if (missing.length) throw new UserError("training.quiz.unanswered", undefined, { count: missing.length });
  return db.transaction(async (tx) => {
    const [attempt] = await tx
      .select()
      .from(quizAttempts)
      .where(and(eq(quizAttempts.courseId, course.id), eq(quizAttempts.userId, actor.id), isNull(quizAttempts.submittedAt)))
      .for("update");
    if (!attempt || attempt.submittedAt) throw new UserError("training.quiz.no_open_attempt", undefined, undefined, 409);
    const score = scoreQuiz(questions, answers, course.passMark);
    const [closed] = await tx
      .update(quizAttempts)
      .set({ submittedAt: now, correctCount: score.correctCount, questionCount: score.questionCount, scorePercent: score.scorePercent, passed: score.passed, answers })
      .where(and(eq(quizAttempts.id, attempt.id), isNull(quizAttempts.submittedAt)))
      .returning({ id: quizAttempts.id });
    if (!closed) throw new UserError("training.quiz.no_open_attempt", undefined, undefined, 409);
    let points = 0;
    let certificateId: string | null = null;
    if (score.passed) {
      const expiresAt = addMonths(now, course.certificateMonths);
      const [cert] = await tx
        .insert(certificates)
        .values({ userId: actor.id, courseId: course.id, organisationId: actor.organisationId, number: certificateNumber(), attemptId: attempt.id, issuedAt: now, expiresAt })
        .onConflictDoUpdate({ target: [certificates.userId, certificates.courseId], set: { attemptId: attempt.id, issuedAt: now, expiresAt } })
        .returning({ id: certificates.id });
      certificateId = cert.id;
      if (course.points > 0) {
        const credit = await creditPoints(tx, {
          userId: actor.id,
          organisationId: actor.organisationId,
          kind: "earn",
          sourceType: "course",
          sourceId: course.id,
          amount: course.points,
          applyCap: true,
          descriptionKey: "training.desc.course",
          descriptionVars: { title: course.title },
          calculation: [
            { key: "training.calc.course_points", vars: { title: course.title, points: course.points } },
            { key: "training.calc.score", vars: { correct: score.correctCount, total: score.questionCount, mark: course.passMark } },
          ],
        });
        points = credit.credited;
      }
      // A course counts toward "courses passed" contests on its first pass only (entries are unique per source too).
      const [{ passes }] = await tx
        .select({ passes: sql<number>`count(*)::int` })
        .from(quizAttempts)
        .where(and(eq(quizAttempts.courseId, course.id), eq(quizAttempts.userId, actor.id), eq(quizAttempts.passed, true)));
      if (passes === 1) {
        await recordContestProgress(tx, {
          coursePassed: true,
          userId: actor.id,
          organisationId: actor.organisationId,
          role: actor.role,
          tier: actor.tier,
          region: actor.region,
          occurredAt: now,
          reachedAt: now,
          sourceType: "course",
          sourceId: course.id,
        });
      }
      await notify(tx, {
        userId: actor.id,
        topic: "training",
        titleKey: points ? "training.notice.passed_points" : "training.notice.passed",
        vars: { title: course.title, count: points },
        link: `/learn/certificates/${certificateId}`,
      });
    }
    return { attemptId: attempt.id, passed: score.passed, scorePercent: score.scorePercent, correctCount: score.correctCount, questionCount: score.questionCount, points, certificateId };
  });
}

export async function getAttemptResult(db: Queryable, actor: Actor, courseId: string, attemptId: string) {
  if (!isId(attemptId) || !isId(courseId)) return null;
  const [attempt] = await db
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.id, attemptId), eq(quizAttempts.courseId, courseId), eq(quizAttempts.userId, actor.id), isNotNull(quizAttempts.submittedAt)));
  if (!attempt) return null;
  const [course] = await db.select().from(courses).where(eq(courses.id, courseId));
  const [cert] = await db.select({ id: certificates.id, expiresAt: certificates.expiresAt }).from(certificates).where(and(eq(certificates.courseId, courseId), eq(certificates.userId, actor.id)));
  const [credit] = rowsOf<{ amount: number }>(
    await db.execute(sql`select amount from ledger_entries where user_id = ${actor.id} and source_type = 'course' and source_id = ${courseId} and kind = 'earn'`),
  );
  // The points belong to the first pass only; a renewal shows none.
  const [first] = await db
    .select({ id: quizAttempts.id })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.courseId, courseId), eq(quizAttempts.userId, actor.id), eq(quizAttempts.passed, true)))
    .orderBy(asc(quizAttempts.submittedAt))
    .limit(1);
  return { attempt, course, certificate: attempt.passed ? (cert ?? null) : null, pointsEarned: first?.id === attempt.id ? (credit?.amount ?? 0) : 0 };
}

/* ------------------------------------------------------------------ certificates */

export async function listCertificatesOf(db: Queryable, userId: string) {
  return db
    .select({ id: certificates.id, number: certificates.number, courseId: courses.id, title: courses.title, issuedAt: certificates.issuedAt, expiresAt: certificates.expiresAt })
    .from(certificates)
    .innerJoin(courses, eq(courses.id, certificates.courseId))
    .where(eq(certificates.userId, userId))
    .orderBy(asc(certificates.expiresAt));
}

/**
 * A certificate the actor may see (the "training" visibility rule: their own; for partner
 * executives and managers, anyone's in their organisation; for manufacturer staff, any), or null.
 */
export async function getCertificate(db: Queryable, actor: Actor, id: string) {
  if (!isId(id)) return null;
  const seen = ownerScope(actor, "training", { organisation: sql`c.organisation_id`, owner: sql`c.user_id` });
  const rows = rowsOf<{ id: string; number: string; issued_at: string | Date; expires_at: string | Date; title: string; certificate_months: number; holder: string; organisation: string; user_id: string }>(
    await db.execute(sql`
      select c.id, c.number, c.issued_at, c.expires_at, co.title, co.certificate_months, u.name as holder, o.name as organisation, c.user_id
      from certificates c join courses co on co.id = c.course_id join users u on u.id = c.user_id join organisations o on o.id = c.organisation_id
      where c.id = ${id} and ${seen ?? sql`true`}`),
  );
  const row = rows[0];
  if (!row) return null;
  return { ...row, issued_at: new Date(row.issued_at), expires_at: new Date(row.expires_at) };
}

/* ------------------------------------------------------------------ reports */

/** The trainer's funnel per course: who started, who attempted, who passed, how many attempts failed. */
export async function courseFunnels(db: Queryable) {
  const rows = rowsOf<{ id: string; title: string; status: string; points: number; started: number; attempted: number; passed: number; failed_attempts: number; certified: number }>(
    await db.execute(sql`
      select c.id, c.title, c.status, c.points,
        (select count(distinct x.user_id)::int from (
            select user_id from lesson_progress where course_id = c.id
            union select user_id from quiz_attempts where course_id = c.id) x) as started,
        (select count(distinct user_id)::int from quiz_attempts where course_id = c.id and submitted_at is not null) as attempted,
        (select count(distinct user_id)::int from quiz_attempts where course_id = c.id and passed) as passed,
        (select count(*)::int from quiz_attempts where course_id = c.id and passed = false) as failed_attempts,
        (select count(*)::int from certificates where course_id = c.id and expires_at > now()) as certified
      from courses c
      order by c.status = 'archived', c.title`),
  );
  return rows.map((r) => ({ id: r.id, title: r.title, status: r.status, points: r.points, started: r.started, attempted: r.attempted, passed: r.passed, failedAttempts: r.failed_attempts, certified: r.certified }));
}
