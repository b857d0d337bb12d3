import { randomBytes, randomInt } from "node:crypto";
import { and, asc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { rowsOf, type Db, type Queryable } from "@db/client";
import { certificates, courses, quizAttempts, quizQuestions } from "@db/schema";
import { recordContestProgress } from "~/domain/contests/contests.server";
import { creditPoints } from "~/domain/points/ledger.server";
import { notify } from "~/domain/notifications/notify.server";
import type { Actor } from "~/lib/actor";
import { UserError, notFoundError } from "~/lib/errors";
import { isId } from "~/lib/ids";
import { type Answers, attemptVerdict, type Question, reviewAttempt, scoreQuiz, shuffledQuiz, unanswered } from "./quiz";
import { getCourseFor, requireParticipant } from "./courses.server";
import { contentLocale, loadTranslations, localise } from "~/domain/content/translations.server";
import { DEFAULT_LOCALE, type Locale } from "@db/schema/enums";

/* Quiz attempts: start, the open quiz, submit (certificate and points on a pass), result. */

function addMonths(date: Date, months: number): Date {
  const d = new Date(date);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/**
 * The course's questions with prompts and answer options in `locale` where translated (an
 * option's text is the question's field "option.<option id>"); scoring uses ids, never text.
 */
async function loadQuestions(db: Queryable, courseId: string, locale: Locale): Promise<Question[]> {
  const rows = await db
    .select()
    .from(quizQuestions)
    .where(eq(quizQuestions.courseId, courseId))
    .orderBy(asc(quizQuestions.position), asc(quizQuestions.createdAt));
  const found = await loadTranslations(
    db,
    "quiz_question",
    rows.map((q) => q.id),
    locale,
  );
  return rows.map((q) => {
    const mine = found.get(q.id) ?? {};
    return {
      id: q.id,
      prompt: mine.prompt || q.prompt,
      kind: q.kind,
      options: q.options.map((o) => ({ id: o.id, text: mine[`option.${o.id}`] || o.text })),
      correct: q.correct,
    };
  });
}

/**
 * Opens a quiz attempt, or returns the one already open (so a reload or a second tab never
 * burns an attempt). Refused while a cool-down runs or lessons are unfinished. The partial
 * unique index allows one open attempt, whoever races.
 */
export async function startAttempt(db: Db, actor: Actor, courseId: string, now = new Date()) {
  requireParticipant(actor);
  const detail = await getCourseFor(db, actor, courseId);
  if (detail?.course.status !== "published") throw notFoundError();
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
  return {
    course,
    attempt: { id: attempt.id, startedAt: attempt.startedAt },
    questions: shuffledQuiz(await loadQuestions(db, course.id, contentLocale(actor)), attempt.seed),
  };
}

function certificateNumber() {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(8);
  return `VT-${new Date().getUTCFullYear()}-${[...bytes].map((b) => alphabet[b % alphabet.length]).join("")}`;
}

export type SubmitResult = {
  attemptId: string;
  passed: boolean;
  scorePercent: number;
  correctCount: number;
  questionCount: number;
  points: number;
  certificateId: string | null;
};

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
  // Scoring reads option ids only, so the default-language text saves a query.
  const questions = await loadQuestions(db, course.id, DEFAULT_LOCALE);
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
      .set({
        submittedAt: now,
        correctCount: score.correctCount,
        questionCount: score.questionCount,
        scorePercent: score.scorePercent,
        passed: score.passed,
        answers,
      })
      .where(and(eq(quizAttempts.id, attempt.id), isNull(quizAttempts.submittedAt)))
      .returning({ id: quizAttempts.id });
    if (!closed) throw new UserError("training.quiz.no_open_attempt", undefined, undefined, 409);
    let points = 0;
    let certificateId: string | null = null;
    if (score.passed) {
      const expiresAt = addMonths(now, course.certificateMonths);
      const [cert] = await tx
        .insert(certificates)
        .values({
          userId: actor.id,
          courseId: course.id,
          organisationId: actor.organisationId,
          number: certificateNumber(),
          attemptId: attempt.id,
          issuedAt: now,
          expiresAt,
        })
        .onConflictDoUpdate({
          target: [certificates.userId, certificates.courseId],
          set: { attemptId: attempt.id, issuedAt: now, expiresAt },
        })
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
    return {
      attemptId: attempt.id,
      passed: score.passed,
      scorePercent: score.scorePercent,
      correctCount: score.correctCount,
      questionCount: score.questionCount,
      points,
      certificateId,
    };
  });
}

export async function getAttemptResult(db: Queryable, actor: Actor, courseId: string, attemptId: string) {
  if (!isId(attemptId) || !isId(courseId)) return null;
  const [attempt] = await db
    .select()
    .from(quizAttempts)
    .where(
      and(
        eq(quizAttempts.id, attemptId),
        eq(quizAttempts.courseId, courseId),
        eq(quizAttempts.userId, actor.id),
        isNotNull(quizAttempts.submittedAt),
      ),
    );
  if (!attempt) return null;
  const [stored] = await db.select().from(courses).where(eq(courses.id, courseId));
  const [course] = await localise(db, "course", [stored], ["title", "description"], contentLocale(actor));
  const [cert] = await db
    .select({ id: certificates.id, expiresAt: certificates.expiresAt })
    .from(certificates)
    .where(and(eq(certificates.courseId, courseId), eq(certificates.userId, actor.id)));
  const [credit] = rowsOf<{ amount: number }>(
    await db.execute(
      sql`select amount from ledger_entries where user_id = ${actor.id} and source_type = 'course' and source_id = ${courseId} and kind = 'earn'`,
    ),
  );
  // The points belong to the first pass only; a renewal shows none.
  const [first] = await db
    .select({ id: quizAttempts.id })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.courseId, courseId), eq(quizAttempts.userId, actor.id), eq(quizAttempts.passed, true)))
    .orderBy(asc(quizAttempts.submittedAt))
    .limit(1);
  // After a failure: which answers were wrong (unless the course keeps that to itself) and
  // whether another attempt may start now, so the result page can offer the retry.
  const failed = attempt.passed === false;
  const review =
    failed && course.showWrongAnswers
      ? reviewAttempt(await loadQuestions(db, courseId, contentLocale(actor)), attempt.answers ?? {}, attempt.seed, course.passMark)
      : null;
  const detail = failed ? await getCourseFor(db, actor, courseId) : null;
  return {
    attempt,
    course,
    certificate: attempt.passed ? (cert ?? null) : null,
    pointsEarned: first?.id === attempt.id ? (credit?.amount ?? 0) : 0,
    review,
    retry: detail
      ? {
          openAttemptId: detail.openAttemptId,
          allLessonsDone: detail.allLessonsDone,
          verdict: detail.verdict,
          published: detail.course.status === "published",
        }
      : null,
  };
}
