import { Link, useLoaderData } from "react-router";
import { getDb } from "@db/client";
import { getAttemptResult } from "~/domain/training/quizzes.server";
import { Card, PageHeader } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { orNotFound, requireActor } from "~/lib/access.server";
import type { Route } from "./+types/attempt";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "learn.take");
  const r = orNotFound(await getAttemptResult(await getDb(), actor, params.courseId, params.attemptId));
  return {
    course: { id: r.course.id, title: r.course.title, passMark: r.course.passMark },
    attempt: { passed: !!r.attempt.passed, scorePercent: r.attempt.scorePercent ?? 0, correct: r.attempt.correctCount ?? 0, total: r.attempt.questionCount ?? 0 },
    certificate: r.certificate,
    pointsEarned: r.pointsEarned,
  };
}

export default function AttemptResult() {
  const { course, attempt, certificate, pointsEarned } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useFormat();
  return (
    <>
      <PageHeader title={attempt.passed ? t("training.result.passed_title") : t("training.result.failed_title")} subtitle={course.title} />
      <Card className="mb-4">
        <p className="text-4xl font-semibold" data-testid="score">
          {attempt.scorePercent}%
        </p>
        <p className="text-sm text-slate-600">{t("training.result.score", { correct: attempt.correct, count: attempt.total, mark: course.passMark })}</p>
        {attempt.passed ? (
          <>
            {pointsEarned ? <p className="mt-3 text-lg font-medium text-emerald-700">{t("training.result.points", { count: pointsEarned })}</p> : null}
            {certificate ? (
              <p className="mt-3">
                <Link to={`/learn/certificates/${certificate.id}`} className="inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 text-sm font-medium text-white">
                  {t("training.certificate.view")}
                </Link>
                <span className="ml-3 text-sm text-slate-600">{t("training.certificate.valid_until", { date: f.date(certificate.expiresAt) })}</span>
              </p>
            ) : null}
          </>
        ) : (
          <p className="mt-3 text-slate-700">{t("training.result.try_again")}</p>
        )}
      </Card>
      <Link to={`/learn/courses/${course.id}`} className="text-brand-600 underline">
        {t("training.result.back")}
      </Link>
    </>
  );
}
