import { and, asc, eq, sql } from "drizzle-orm";
import type { Db, Queryable } from "@db/client";
import { courseImages, courseLessons, courses, quizQuestions } from "@db/schema";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { UserError, notFoundError } from "~/lib/errors";
import { isId } from "~/lib/ids";
import type { CourseInput, LessonInput, QuestionInput } from "./forms";
import { questionProblem, type Question } from "./quiz";
import { existingId } from "~/lib/ids";

/* The trainer's side: courses, lessons, questions, status and lesson images. */

export async function createCourse(db: Db, actor: Actor, input: CourseInput) {
  return db.transaction(async (tx) => {
    const [course] = await tx
      .insert(courses)
      .values({ ...input, createdBy: actor.id })
      .returning();
    await recordAudit(tx, { actor, action: "course.created", entityType: "course", entityId: course.id, details: { title: course.title } });
    return course;
  });
}

async function courseForTrainer(db: Queryable, id: string) {
  const [course] = await db
    .select()
    .from(courses)
    .where(eq(courses.id, existingId(id)))
    .limit(1);
  if (!course) throw notFoundError();
  return course;
}

export async function updateCourse(db: Db, actor: Actor, id: string, input: CourseInput) {
  await courseForTrainer(db, id);
  await db.transaction(async (tx) => {
    await tx
      .update(courses)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(courses.id, id));
    await recordAudit(tx, { actor, action: "course.updated", entityType: "course", entityId: id, details: { ...input } });
  });
}

/** Everything the editor shows, correct answers included (trainers only); null when there is no such course. */
export async function getCourseForEditing(db: Queryable, id: string) {
  if (!isId(id)) return null;
  const [course] = await db.select().from(courses).where(eq(courses.id, id)).limit(1);
  if (!course) return null;
  const lessons = await db
    .select()
    .from(courseLessons)
    .where(eq(courseLessons.courseId, id))
    .orderBy(asc(courseLessons.position), asc(courseLessons.createdAt));
  const questions = await db
    .select()
    .from(quizQuestions)
    .where(eq(quizQuestions.courseId, id))
    .orderBy(asc(quizQuestions.position), asc(quizQuestions.createdAt));
  const images = await db
    .select({ id: courseImages.id })
    .from(courseImages)
    .where(eq(courseImages.courseId, id))
    .orderBy(asc(courseImages.createdAt));
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
  const [row] = await db
    .select({ n: sql<number>`coalesce(max(${table.position}), 0)::int` })
    .from(table)
    .where(eq(table.courseId, courseId));
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
    .where(and(eq(courseLessons.id, existingId(lessonId)), eq(courseLessons.courseId, existingId(courseId))))
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
  await db.delete(courseLessons).where(and(eq(courseLessons.id, existingId(lessonId)), eq(courseLessons.courseId, courseId)));
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
    .values({
      courseId,
      position: await nextPosition(db, quizQuestions, courseId),
      prompt: input.prompt,
      kind: input.kind,
      options,
      correct,
    })
    .returning();
  return question;
}

export async function deleteQuestion(db: Db, actor: Actor, courseId: string, questionId: string) {
  const course = await courseForTrainer(db, courseId);
  if (course.status === "published") {
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(quizQuestions).where(eq(quizQuestions.courseId, courseId));
    if (n <= 1) throw new UserError("training.publish.no_questions");
  }
  await db.delete(quizQuestions).where(and(eq(quizQuestions.id, existingId(questionId)), eq(quizQuestions.courseId, courseId)));
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
