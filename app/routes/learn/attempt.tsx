import { Form, useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { getAttemptResult } from "~/domain/training/quizzes.server";
import { Badge, Button, Card, PageHeader } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { orNotFound, requireActor } from "~/lib/access.server";
import type { Route } from "./+types/attempt";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "learn.take");
  const r = orNotFound(await getAttemptResult(await getDb(), actor, params.courseId, params.attemptId));
  return {
    course: { id: r.course.id, title: r.course.title, passMark: r.course.passMark },
    attempt: {
      passed: !!r.attempt.passed,
      scorePercent: r.attempt.scorePercent ?? 0,
      correct: r.attempt.correctCount ?? 0,
      total: r.attempt.questionCount ?? 0,
    },
    certificate: r.certificate,
    pointsEarned: r.pointsEarned,
    review: r.review,
    hidden: r.attempt.passed === false && !r.course.showWrongAnswers,
    retry: r.retry,
  };
}

export default function AttemptResult() {
  const { course, attempt, certificate, pointsEarned, review, hidden, retry } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useFormat();
  return (
    <>
      <PageHeader title={attempt.passed ? t("training.result.passed_title") : t("training.result.failed_title")} subtitle={course.title} />
      <Card className="mb-4">
        <p className="text-4xl font-semibold" data-testid="score">
          {attempt.scorePercent}%
        </p>
        <p className="text-sm text-slate-600">
          {t("training.result.score", { correct: attempt.correct, count: attempt.total, mark: course.passMark })}
        </p>
        {attempt.passed ? (
          <>
            {pointsEarned ? (
              <p className="mt-3 text-lg font-medium text-emerald-700">{t("training.result.points", { count: pointsEarned })}</p>
            ) : null}
            {certificate ? (
              <p className="mt-3">
                <Link
                  to={`/learn/certificates/${certificate.id}`}
                  className="inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 text-sm font-medium text-white"
                >
                  {t("training.certificate.view")}
                </Link>
                <span className="ml-3 text-sm text-slate-600">
                  {t("training.certificate.valid_until", { date: f.date(certificate.expiresAt) })}
                </span>
              </p>
            ) : null}
          </>
        ) : (
          <>
            <p className="mt-3 text-slate-700">{t("training.result.try_again")}</p>
            {retry ? <RetryQuiz courseId={course.id} retry={retry} /> : null}
          </>
        )}
      </Card>
      {review ? (
        <section aria-labelledby="review" className="mb-4">
          <h2 id="review" className="mb-2 text-lg font-semibold">
            {t("pages.training.your_answers")}
          </h2>
          <p className="mb-2 text-sm text-slate-600">{t("pages.training.review_hint")}</p>
          <ol className="space-y-2">
            {review.map((q, i) => (
              <li
                key={q.id}
                data-testid="reviewed-question"
                className={`rounded-xl border bg-white p-3 ${q.correct ? "border-slate-200" : "border-red-300"}`}
              >
                <p className="flex items-start justify-between gap-2 font-medium">
                  <span>
                    {i + 1}. {q.prompt}
                  </span>
                  <Badge tone={q.correct ? "green" : "red"}>{t(q.correct ? "pages.training.right" : "pages.training.wrong")}</Badge>
                </p>
                <p className="mt-1 text-sm text-slate-700">
                  {t("pages.training.you_chose")}: {q.chosen.length ? q.chosen.join("; ") : t("pages.training.no_answer")}
                </p>
              </li>
            ))}
          </ol>
        </section>
      ) : hidden ? (
        <p className="mb-4 text-sm text-slate-600">{t("pages.training.answers_hidden")}</p>
      ) : null}
      {!attempt.passed && retry?.verdict.allowed && review && review.length > 3 ? (
        <div className="mb-4">
          <RetryQuiz courseId={course.id} retry={retry} compact />
        </div>
      ) : null}
      <Link to={`/learn/courses/${course.id}`} className="inline-flex min-h-11 items-center text-brand-600 underline">
        {t("training.result.back")}
      </Link>
    </>
  );
}

type Retry = {
  openAttemptId: string | null;
  allLessonsDone: boolean;
  published: boolean;
  verdict: { allowed: true; remaining: number } | { allowed: false; retryAt: Date | string };
};

/** "Try again" right on the result: it posts to the course, which opens a new attempt (or the open one) and goes to the quiz. */
function RetryQuiz({ courseId, retry, compact = false }: { courseId: string; retry: Retry; compact?: boolean }) {
  const t = useT();
  const f = useFormat();
  if (!retry.published) return null;
  if (retry.openAttemptId)
    return (
      <Link
        to={`/learn/courses/${courseId}/quiz`}
        className="mt-3 inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 text-sm font-medium text-white"
      >
        {t("training.quiz.continue")}
      </Link>
    );
  if (!retry.verdict.allowed)
    return (
      <p role="status" className="mt-3 text-sm text-amber-800">
        {t("training.quiz.cooldown_until", { date: f.dateTime(retry.verdict.retryAt) })}
      </p>
    );
  return (
    <Form method="post" action={`/learn/courses/${courseId}`} className="mt-3">
      <Button type="submit">{t("pages.training.retry")}</Button>
      {compact ? null : (
        <p className="mt-2 text-xs text-slate-600">{t("training.quiz.attempts_left", { count: retry.verdict.remaining })}</p>
      )}
    </Form>
  );
}
