import { and, asc, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db, Queryable } from "@db/client";
import { certificates, courseLessons, courses, lessonProgress, quizAttempts, quizQuestions, type Course } from "@db/schema";
import type { Role } from "@db/schema/enums";
import { type Actor, isManufacturer } from "~/lib/actor";
import { UserError, notFoundError } from "~/lib/errors";
import { can } from "~/lib/permissions";
import { isId } from "~/lib/ids";
import { attemptVerdict } from "./quiz";
import { contentLocale, localise } from "~/domain/content/translations.server";

/* A participant's courses and lessons. Authoring lives in course-authoring.server.ts, quiz
   attempts in quizzes.server.ts, certificates in certificates.server.ts. */

/** Only partner people take part (earn points, hold certificates); the gate's role check says the same. */
export function requireParticipant(actor: Actor) {
  if (isManufacturer(actor)) throw new UserError("training.participants_only", undefined, undefined, 403);
}

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
  // Title and description in the reader's language where translated (issue 18).
  const read = await localise(db, "course", rows, ["title", "description"], contentLocale(actor));
  return read.map((r) => ({ ...r, assigned: isAssigned(r, actor.role), passed: !!r.certificateId }));
}

/** A published course for a participant (trainers also see drafts), with lesson progress; null when not theirs to see. */
export async function getCourseFor(db: Queryable, actor: Actor, courseId: string) {
  if (!isId(courseId)) return null;
  const [stored] = await db.select().from(courses).where(eq(courses.id, courseId)).limit(1);
  if (!stored || (stored.status !== "published" && !can(actor.role, "learn.manage"))) return null;
  const locale = contentLocale(actor);
  const [course] = await localise(db, "course", [stored], ["title", "description"], locale);
  const listed = await db
    .select({
      id: courseLessons.id,
      title: courseLessons.title,
      position: courseLessons.position,
      done: sql<boolean>`${lessonProgress.completedAt} is not null`,
    })
    .from(courseLessons)
    .leftJoin(lessonProgress, and(eq(lessonProgress.lessonId, courseLessons.id), eq(lessonProgress.userId, actor.id)))
    .where(eq(courseLessons.courseId, course.id))
    .orderBy(asc(courseLessons.position), asc(courseLessons.createdAt));
  const lessons = await localise(db, "lesson", listed, ["title"], locale);
  const [{ questions }] = await db
    .select({ questions: sql<number>`count(*)::int` })
    .from(quizQuestions)
    .where(eq(quizQuestions.courseId, course.id));
  const history = await db
    .select({ submittedAt: quizAttempts.submittedAt, passed: quizAttempts.passed, scorePercent: quizAttempts.scorePercent })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.courseId, course.id), eq(quizAttempts.userId, actor.id), isNotNull(quizAttempts.submittedAt)))
    .orderBy(desc(quizAttempts.submittedAt));
  const [open] = await db
    .select({ id: quizAttempts.id })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.courseId, course.id), eq(quizAttempts.userId, actor.id), isNull(quizAttempts.submittedAt)));
  const [certificate] = await db
    .select()
    .from(certificates)
    .where(and(eq(certificates.courseId, course.id), eq(certificates.userId, actor.id)));
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
  const [stored] = await db.select().from(courseLessons).where(eq(courseLessons.id, lessonId));
  const [lesson] = await localise(db, "lesson", [stored], ["title", "body"], contentLocale(actor));
  return {
    course,
    lesson,
    done: lessons[index].done,
    index,
    total: lessons.length,
    previous: lessons[index - 1] ?? null,
    next: lessons[index + 1] ?? null,
  };
}

/** Saves that the participant finished a lesson; finishing it again changes nothing. */
export async function completeLesson(db: Db, actor: Actor, courseId: string, lessonId: string) {
  requireParticipant(actor);
  const found = await getLessonFor(db, actor, courseId, lessonId);
  if (found?.course.status !== "published") throw notFoundError();
  await db
    .insert(lessonProgress)
    .values({ userId: actor.id, lessonId, courseId, organisationId: actor.organisationId })
    .onConflictDoNothing();
}
