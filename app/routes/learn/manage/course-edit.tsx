import { Form, useActionData, useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { z } from "zod";
import { getDb } from "@db/client";
import {
  MAX_IMAGE_BYTES,
  addLesson,
  addQuestion,
  deleteLesson,
  deleteQuestion,
  getCourseForEditing,
  setCourseStatus,
  updateCourse,
  updateLesson,
  uploadCourseImage,
} from "~/domain/training/course-authoring.server";
import { courseSchema, lessonSchema, questionSchema } from "~/domain/training/forms";
import { CourseFields, echoedRoles } from "~/components/training-forms";
import {
  Badge,
  Button,
  Card,
  FormErrors,
  Notice,
  PageHeader,
  SelectField,
  TextAreaField,
  TextField,
  errorsOf,
  valuesOf,
  BackLink,
  FileField,
} from "~/components/ui";
import { useT } from "~/i18n/react";
import { orNotFound, requireActor } from "~/lib/access.server";
import { UserError } from "~/lib/errors";
import type { Actor } from "~/lib/actor";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import type { Route } from "./+types/course-edit";
import { courseTranslations, saveCourseTranslations } from "~/domain/training/translations.server";
import { UnitTranslations } from "~/components/translations";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  requireActor(context, request, "learn.manage");
  const db = await getDb();
  const editing = orNotFound(await getCourseForEditing(db, params.courseId));
  // Every text of the course in every language, for the translations card (issue 18).
  return { ...editing, translation: orNotFound(await courseTranslations(db, params.courseId)) };
}

const idSchema = z.object({ id: z.uuid("errors.invalid") });

const TRAINER_FORM = { lists: ["targetRoles"] } as const;

export async function action({ request, context, params }: Route.ActionArgs) {
  const db = await getDb();
  const id = params.courseId;
  // Most buttons change something and report which one did it.
  const step = <I extends string>(intent: I, change: (actor: Actor, formData: FormData) => Promise<unknown>) => ({
    run: async (actor: Actor, formData: FormData) => {
      await change(actor, formData);
      return { ok: true as const, intent, done: intent as string };
    },
  });
  const status = (intent: "publish" | "archive" | "unpublish", to: "published" | "archived" | "draft") =>
    step(intent, (actor) => setCourseStatus(db, actor, id, to));
  return dispatchIntent(
    request,
    context,
    "learn.manage",
    {
      update: step("update", (actor, formData) => updateCourse(db, actor, id, parseForm(courseSchema, formData))),
      add_lesson: step("add_lesson", (actor, formData) => addLesson(db, actor, id, parseForm(lessonSchema, formData))),
      update_lesson: step("update_lesson", (actor, formData) =>
        updateLesson(db, actor, id, parseForm(idSchema, formData).id, parseForm(lessonSchema, formData)),
      ),
      delete_lesson: step("delete_lesson", (actor, formData) => deleteLesson(db, actor, id, parseForm(idSchema, formData).id)),
      add_question: step("add_question", (actor, formData) => addQuestion(db, actor, id, parseForm(questionSchema, formData))),
      delete_question: step("delete_question", (actor, formData) => deleteQuestion(db, actor, id, parseForm(idSchema, formData).id)),
      translate: {
        run: async (actor: Actor, formData: FormData) => {
          await saveCourseTranslations(db, actor, id, formData);
          return { ok: true as const, intent: "translate", done: "translate", translated: true as const };
        },
      },
      publish: status("publish", "published"),
      archive: status("archive", "archived"),
      unpublish: status("unpublish", "draft"),
      upload_image: {
        run: async (actor, formData) => {
          const file = formData.get("image");
          if (!(file instanceof File) || file.size === 0) throw new UserError("errors.required", "image");
          if (file.size > MAX_IMAGE_BYTES) throw new UserError("training.image.too_large", "image", { mb: 2 });
          const image = await uploadCourseImage(db, actor, id, Buffer.from(await file.arrayBuffer()));
          return { ok: true as const, intent: "upload_image", done: "image_uploaded", imageId: image.id };
        },
      },
    },
    TRAINER_FORM,
  );
}

export default function EditCourse() {
  const { course, lessons, questions, images, problems, translation } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const v = valuesOf(result);
  const t = useT();
  const failedIntent = result && !result.ok ? v.intent : null;
  const errorsFor = (intent: string, id?: string) => (failedIntent === intent && (!id || v.id === id) ? errors : {});
  const done = result?.ok ? result.done : null;
  return (
    <>
      <BackLink to="/learn/manage">{t("training.manage.title")}</BackLink>
      <PageHeader
        title={course.title}
        subtitle={
          <Badge tone={course.status === "published" ? "green" : course.status === "draft" ? "amber" : "slate"}>
            {t(`training.status.${course.status}`)}
          </Badge>
        }
        actions={
          <div className="flex flex-wrap gap-2">
            <Link to={`/learn/courses/${course.id}`} className="inline-flex min-h-11 items-center px-2 text-sm text-brand-600 underline">
              {t("training.manage.preview")}
            </Link>
            <Form method="post" className="flex gap-2">
              {course.status !== "published" ? (
                <Button type="submit" name="intent" value="publish">
                  {t("training.manage.publish")}
                </Button>
              ) : (
                <Button type="submit" name="intent" value="unpublish" variant="secondary">
                  {t("training.manage.unpublish")}
                </Button>
              )}
              {course.status !== "archived" ? (
                <Button type="submit" name="intent" value="archive" variant="secondary">
                  {t("training.manage.archive")}
                </Button>
              ) : null}
            </Form>
          </div>
        }
      />
      {done && done !== "translate" ? <Notice>{t(`training.manage.done.${done}`)}</Notice> : null}
      <FormErrors errors={errors} />
      {problems.length && course.status !== "published" ? (
        <div className="mb-4 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          <p className="font-medium">{t("training.publish.before")}</p>
          <ul className="list-disc pl-5">
            {problems.map((p) => (
              <li key={p}>{t(p)}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <Card className="mb-4">
        <h2 className="mb-3 text-lg font-semibold">{t("training.manage.details")}</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="update" />
          <CourseFields
            errors={errorsFor("update")}
            values={{
              title: failedIntent === "update" ? v.title : course.title,
              description: failedIntent === "update" ? v.description : course.description,
              targetRoles: failedIntent === "update" ? echoedRoles(result, course.targetRoles) : course.targetRoles,
              points: failedIntent === "update" ? v.points : String(course.points),
              passMark: failedIntent === "update" ? v.passMark : String(course.passMark),
              attemptsLimit: failedIntent === "update" ? v.attemptsLimit : String(course.attemptsLimit),
              cooldownHours: failedIntent === "update" ? v.cooldownHours : String(course.cooldownHours),
              certificateMonths: failedIntent === "update" ? v.certificateMonths : String(course.certificateMonths),
              showWrongAnswers: failedIntent === "update" ? v.showWrongAnswers === "on" : course.showWrongAnswers,
            }}
          />
          <Button type="submit" variant="secondary">
            {t("common.save")}
          </Button>
        </Form>
      </Card>

      <Card className="mb-4">
        <h2 className="mb-3 text-lg font-semibold">{t("training.course.lessons")}</h2>
        <ol className="mb-4 space-y-3">
          {lessons.map((l, i) => (
            <li key={l.id}>
              <details className="rounded-lg border border-slate-200 p-3" open={failedIntent === "update_lesson" && v.id === l.id}>
                <summary className="cursor-pointer font-medium">
                  {i + 1}. {l.title}
                </summary>
                <Form method="post" noValidate className="mt-3">
                  <input type="hidden" name="id" value={l.id} />
                  <TextField
                    label={t("training.field.title")}
                    name="title"
                    id={`title-${l.id}`}
                    defaultValue={l.title}
                    errors={errorsFor("update_lesson", l.id)}
                  />
                  <TextAreaField
                    label={t("training.field.body")}
                    name="body"
                    id={`body-${l.id}`}
                    defaultValue={l.body}
                    rows={10}
                    hint={t("training.field.body_hint")}
                    errors={errorsFor("update_lesson", l.id)}
                  />
                  <TextField
                    label={t("training.field.video_url")}
                    name="videoUrl"
                    id={`video-${l.id}`}
                    defaultValue={l.videoUrl ?? ""}
                    errors={errorsFor("update_lesson", l.id)}
                  />
                  <div className="flex gap-2">
                    <Button type="submit" name="intent" value="update_lesson" variant="secondary">
                      {t("common.save")}
                    </Button>
                    <Button type="submit" name="intent" value="delete_lesson" variant="danger">
                      {t("training.manage.delete")}
                    </Button>
                  </div>
                </Form>
              </details>
            </li>
          ))}
        </ol>
        <h3 className="mb-2 font-semibold">{t("training.manage.add_lesson")}</h3>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="add_lesson" />
          <TextField
            label={t("training.field.title")}
            name="title"
            id="new-lesson-title"
            defaultValue={failedIntent === "add_lesson" ? v.title : ""}
            errors={errorsFor("add_lesson")}
          />
          <TextAreaField
            label={t("training.field.body")}
            name="body"
            rows={8}
            hint={t("training.field.body_hint")}
            defaultValue={failedIntent === "add_lesson" ? v.body : ""}
            errors={errorsFor("add_lesson")}
          />
          <TextField
            label={t("training.field.video_url")}
            name="videoUrl"
            id="new-lesson-video"
            defaultValue={failedIntent === "add_lesson" ? v.videoUrl : ""}
            errors={errorsFor("add_lesson")}
          />
          <Button type="submit" variant="secondary">
            {t("training.manage.add_lesson")}
          </Button>
        </Form>
      </Card>

      <Card className="mb-4">
        <h2 className="mb-3 text-lg font-semibold">{t("training.manage.images")}</h2>
        {images.length ? (
          <ul className="mb-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
            {images.map((img) => (
              <li key={img.id} className="text-xs">
                <img src={`/learn/images/${img.id}`} alt="" className="mb-1 h-24 w-full rounded object-cover" />
                <code className="break-all select-all">{`![](/learn/images/${img.id})`}</code>
              </li>
            ))}
          </ul>
        ) : null}
        <Form method="post" encType="multipart/form-data" className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="intent" value="upload_image" />
          <FileField
            label={t("training.field.image")}
            name="image"
            accept="image/png,image/jpeg,image/webp,image/gif"
            errors={errorsFor("upload_image")}
          />
          <Button type="submit" variant="secondary" className="mb-4">
            {t("training.manage.upload")}
          </Button>
        </Form>
      </Card>

      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("training.quiz.title")}</h2>
        <ol className="mb-4 space-y-3">
          {questions.map((q, i) => (
            <li key={q.id} className="rounded-lg border border-slate-200 p-3">
              <div className="flex items-start justify-between gap-3">
                <div>
                  <p className="font-medium">
                    {i + 1}. {q.prompt} <span className="text-xs text-slate-500">({t(`training.question.kind.${q.kind}`)})</span>
                  </p>
                  <ul className="mt-1 text-sm">
                    {q.options.map((o) => (
                      <li key={o.id} className={q.correct.includes(o.id) ? "font-medium text-emerald-700" : "text-slate-700"}>
                        {q.correct.includes(o.id) ? "✓ " : "· "}
                        {o.text}
                      </li>
                    ))}
                  </ul>
                </div>
                <Form method="post">
                  <input type="hidden" name="id" value={q.id} />
                  <Button type="submit" name="intent" value="delete_question" variant="danger" className="min-h-9 px-2">
                    {t("training.manage.delete")}
                  </Button>
                </Form>
              </div>
            </li>
          ))}
        </ol>
        <h3 className="mb-2 font-semibold">{t("training.manage.add_question")}</h3>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="add_question" />
          <TextField
            label={t("training.field.prompt")}
            name="prompt"
            defaultValue={failedIntent === "add_question" ? v.prompt : ""}
            errors={errorsFor("add_question")}
          />
          <SelectField
            label={t("training.field.kind")}
            name="kind"
            defaultValue={failedIntent === "add_question" ? v.kind : "single"}
            options={[
              { value: "single", label: t("training.question.kind.single") },
              { value: "multiple", label: t("training.question.kind.multiple") },
            ]}
            errors={errorsFor("add_question")}
          />
          <TextAreaField
            label={t("training.field.options")}
            name="options"
            rows={5}
            hint={t("training.field.options_hint")}
            defaultValue={failedIntent === "add_question" ? v.options : ""}
            errors={errorsFor("add_question")}
          />
          <Button type="submit" variant="secondary">
            {t("training.manage.add_question")}
          </Button>
        </Form>
      </Card>

      <UnitTranslations unit={translation} result={result} />
    </>
  );
}
