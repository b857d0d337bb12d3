import { Form, data, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { getOpenQuiz, submitAttempt } from "~/domain/training/quizzes.server";
import { Button, Card, FormErrors } from "~/components/ui";
import { useT } from "~/i18n/react";
import { orNotFound, requireActor } from "~/lib/access.server";
import { UserError } from "~/lib/errors";
import type { FieldErrors } from "~/lib/form-types";
import { readForm } from "~/lib/forms.server";
import type { Route } from "./+types/quiz";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "learn.take");
  const quiz = orNotFound(await getOpenQuiz(await getDb(), actor, params.courseId));
  // No open attempt (finished, or never started): the course page says what is possible.
  if (!quiz.attempt) throw redirect(`/learn/courses/${params.courseId}`);
  return { course: { id: quiz.course.id, title: quiz.course.title, passMark: quiz.course.passMark }, questions: quiz.questions };
}

/** Answers arrive as q_<question id> fields (one for a radio group, several for checkboxes). */
function answersOf(formData: FormData): Record<string, string[]> {
  const answers: Record<string, string[]> = {};
  for (const key of new Set(formData.keys())) {
    if (!key.startsWith("q_")) continue;
    answers[key.slice(2)] = formData
      .getAll(key)
      .filter((v): v is string => typeof v === "string")
      .slice(0, 20);
  }
  return answers;
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireActor(context, request, "learn.take");
  const answers = answersOf(await readForm(request));
  try {
    const result = await submitAttempt(await getDb(), actor, params.courseId, answers);
    throw redirect(`/learn/courses/${params.courseId}/attempts/${result.attemptId}`);
  } catch (error) {
    // Already scored (a second tab, a double tap): the course page shows the result.
    if (error instanceof UserError && error.key === "training.quiz.no_open_attempt") throw redirect(`/learn/courses/${params.courseId}`);
    // Unanswered questions come back with every choice kept.
    if (error instanceof UserError) {
      const errors: FieldErrors = { _form: [{ key: error.key, vars: error.vars }] };
      return data({ ok: false as const, errors, answers }, { status: error.status });
    }
    throw error;
  }
}

export default function QuizPage() {
  const { course, questions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const kept = result?.answers ?? {};
  return (
    <>
      <p className="mb-1 text-sm">
        <Link to={`/learn/courses/${course.id}`} className="text-brand-600 underline">
          {course.title}
        </Link>
      </p>
      <h1 className="mb-1 text-2xl font-semibold tracking-tight">{t("training.quiz.title")}</h1>
      <p className="mb-4 text-sm text-slate-600">{t("training.quiz.pass_mark", { mark: course.passMark })}</p>
      <FormErrors errors={result?.errors ?? {}} />
      <Form method="post" className="space-y-4">
        {questions.map((q, i) => (
          <Card key={q.id}>
            <fieldset>
              <legend className="mb-1 font-medium">
                {i + 1}. {q.prompt}
              </legend>
              <p className="mb-2 text-xs text-slate-500">
                {t(q.kind === "single" ? "training.quiz.choose_one" : "training.quiz.choose_all")}
              </p>
              {q.options.map((o) => (
                <label key={o.id} className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg px-2 hover:bg-slate-50">
                  <input
                    type={q.kind === "single" ? "radio" : "checkbox"}
                    name={`q_${q.id}`}
                    value={o.id}
                    defaultChecked={(kept[q.id] ?? []).includes(o.id)}
                    className="h-5 w-5 shrink-0 accent-brand-600"
                  />
                  <span>{o.text}</span>
                </label>
              ))}
            </fieldset>
          </Card>
        ))}
        <Button type="submit" disabled={busy} className="w-full sm:w-auto">
          {t("training.quiz.submit")}
        </Button>
      </Form>
    </>
  );
}
