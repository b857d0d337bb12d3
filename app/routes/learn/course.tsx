import { pageMeta } from "~/lib/page-meta";
import { Form, redirect, useActionData, useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { getCourseFor } from "~/domain/training/courses.server";
import { startAttempt } from "~/domain/training/quizzes.server";
import { Badge, Button, Card, FormErrors, PageHeader, errorsOf, BackLink } from "~/components/ui";
import { ProgressBar } from "~/components/training";
import { useFormat, useT } from "~/i18n/react";
import { orNotFound, requireActor } from "~/lib/access.server";
import { readForm, runAction } from "~/lib/forms.server";
import { can } from "~/lib/permissions";
import type { Route } from "./+types/course";

/** "<item> · <section> · Partner Portal" (app/lib/page-meta.ts). */
export const meta = pageMeta;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "learn.view");
  const detail = orNotFound(await getCourseFor(await getDb(), actor, params.courseId));
  return { ...detail, pageTitle: { name: detail.course.title }, canTake: can(actor.role, "learn.take"), now: Date.now() };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireActor(context, request, "learn.take");
  const formData = await readForm(request);
  return runAction(formData, async () => {
    await startAttempt(await getDb(), actor, params.courseId);
    throw redirect(`/learn/courses/${params.courseId}/quiz`);
  });
}

export default function CoursePage() {
  const { course, lessons, questions, history, openAttemptId, certificate, verdict, allLessonsDone, canTake, now } =
    useLoaderData<typeof loader>();
  const errors = errorsOf(useActionData<typeof action>());
  const t = useT();
  const f = useFormat();
  const done = lessons.filter((l) => l.done).length;
  const nextLesson = lessons.find((l) => !l.done) ?? lessons[0];
  const expired = certificate && new Date(certificate.expiresAt).getTime() <= now;
  return (
    <>
      <BackLink to="/learn">{t("training.title")}</BackLink>
      <PageHeader
        title={course.title}
        subtitle={
          <span className="flex flex-wrap gap-2">
            <Badge tone={course.assigned ? "amber" : "slate"}>
              {t(course.assigned ? "training.course.assigned" : "training.course.optional")}
            </Badge>
            {course.points ? <Badge tone="blue">{t("training.points", { count: course.points })}</Badge> : null}
            {course.status !== "published" ? <Badge tone="red">{t(`training.status.${course.status}`)}</Badge> : null}
          </span>
        }
      />
      {course.description ? <p className="mb-4 text-slate-700">{course.description}</p> : null}
      <FormErrors errors={errors} />
      {certificate ? (
        <Card className="mb-4">
          <p className="font-medium">{expired ? t("training.certificate.expired") : t("training.course.passed")}</p>
          <p className="text-sm text-slate-600">
            {t(expired ? "training.certificate.expired_on" : "training.certificate.valid_until", { date: f.date(certificate.expiresAt) })}
          </p>
          <Link to={`/learn/certificates/${certificate.id}`} className="mt-2 inline-block text-brand-600 underline">
            {t("training.certificate.view")}
          </Link>
        </Card>
      ) : null}
      <Card className="mb-4">
        <h2 className="mb-2 text-lg font-semibold">{t("training.course.lessons")}</h2>
        <ProgressBar done={done} total={lessons.length} label={t("training.course.lessons_done", { done, count: lessons.length })} />
        <ol className="mt-3 divide-y divide-slate-100">
          {lessons.map((l, i) => (
            <li key={l.id}>
              <Link to={`/learn/courses/${course.id}/lessons/${l.id}`} className="flex min-h-12 items-center gap-3">
                <span
                  aria-hidden="true"
                  className={`flex h-7 w-7 shrink-0 items-center justify-center rounded-full text-xs ${l.done ? "bg-emerald-600 text-white" : "bg-slate-100 text-slate-700"}`}
                >
                  {l.done ? "✓" : i + 1}
                </span>
                <span>{l.title}</span>
                {l.done ? <span className="sr-only">{t("training.lesson.done")}</span> : null}
              </Link>
            </li>
          ))}
        </ol>
        {nextLesson && !allLessonsDone ? (
          <Link
            to={`/learn/courses/${course.id}/lessons/${nextLesson.id}`}
            className="mt-3 inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 text-sm font-medium text-white"
          >
            {done ? t("training.course.continue") : t("training.course.start")}
          </Link>
        ) : null}
      </Card>
      <Card>
        <h2 className="mb-2 text-lg font-semibold">{t("training.quiz.title")}</h2>
        <p className="mb-3 text-sm text-slate-600">
          {t("training.quiz.rules", {
            count: questions,
            mark: course.passMark,
            attempts: course.attemptsLimit,
            hours: course.cooldownHours,
          })}
        </p>
        {canTake ? (
          openAttemptId ? (
            <Link
              to={`/learn/courses/${course.id}/quiz`}
              className="inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 text-sm font-medium text-white"
            >
              {t("training.quiz.continue")}
            </Link>
          ) : !allLessonsDone ? (
            <p className="text-sm text-slate-700">{t("training.quiz.lessons_first")}</p>
          ) : verdict.allowed ? (
            <Form method="post">
              <Button type="submit">{certificate ? t("training.quiz.renew") : t("training.quiz.start")}</Button>
              <p className="mt-2 text-xs text-slate-600">{t("training.quiz.attempts_left", { count: verdict.remaining })}</p>
            </Form>
          ) : (
            <p role="status" className="text-sm text-amber-800">
              {t("training.quiz.cooldown_until", { date: f.dateTime(verdict.retryAt) })}
            </p>
          )
        ) : null}
        {history.length ? (
          <>
            <h3 className="mt-4 mb-1 text-sm font-semibold">{t("training.quiz.history")}</h3>
            <ul className="text-sm text-slate-700">
              {history.map((h, i) => (
                <li key={i}>
                  {f.dateTime(h.submittedAt!)} · {h.scorePercent}% · {h.passed ? t("training.quiz.passed") : t("training.quiz.failed")}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Card>
    </>
  );
}
