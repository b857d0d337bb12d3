import { pageMeta } from "~/lib/page-meta";
import { Form, redirect, useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { completeLesson, getLessonFor } from "~/domain/training/courses.server";
import { parseLesson, videoEmbed } from "~/domain/training/markdown";
import { LessonBody } from "~/components/training";
import { Button, Card } from "~/components/ui";
import { useT } from "~/i18n/react";
import { orNotFound, requireActor } from "~/lib/access.server";
import { readForm, runAction } from "~/lib/forms.server";
import { can } from "~/lib/permissions";
import type { Route } from "./+types/lesson";

/** "<item> · <section> · Partner Portal" (app/lib/page-meta.ts). */
export const meta = pageMeta;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "learn.view");
  const found = orNotFound(await getLessonFor(await getDb(), actor, params.courseId, params.lessonId));
  return {
    pageTitle: { name: `${found.lesson.title} · ${found.course.title}` },
    course: { id: found.course.id, title: found.course.title },
    lesson: {
      id: found.lesson.id,
      title: found.lesson.title,
      blocks: parseLesson(found.lesson.body),
      video: videoEmbed(found.lesson.videoUrl),
      videoUrl: found.lesson.videoUrl,
    },
    done: found.done,
    index: found.index,
    total: found.total,
    previous: found.previous?.id ?? null,
    next: found.next?.id ?? null,
    canTake: can(actor.role, "learn.take"),
  };
}

/** "Done": progress is saved on the server at once, then on to the next lesson (or back to the course). */
export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireActor(context, request, "learn.take");
  const formData = await readForm(request);
  return runAction(formData, async () => {
    const db = await getDb();
    await completeLesson(db, actor, params.courseId, params.lessonId);
    const next = (await getLessonFor(db, actor, params.courseId, params.lessonId))?.next;
    throw redirect(next ? `/learn/courses/${params.courseId}/lessons/${next.id}` : `/learn/courses/${params.courseId}`);
  });
}

export default function LessonPage() {
  const { course, lesson, done, index, total, previous, next, canTake } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <article>
      <p className="mb-1 text-sm">
        <Link to={`/learn/courses/${course.id}`} className="text-brand-600 underline">
          {course.title}
        </Link>
      </p>
      <p className="text-xs text-slate-500">{t("training.lesson.of", { n: index + 1, count: total })}</p>
      <h1 className="mb-4 text-2xl font-semibold tracking-tight">{lesson.title}</h1>
      <Card className="mb-4">
        <LessonBody blocks={lesson.blocks} />
        {lesson.video ? (
          <div className="mt-4">
            <div className="aspect-video overflow-hidden rounded-lg bg-slate-900">
              <iframe
                src={lesson.video.embedUrl}
                title={lesson.title}
                loading="lazy"
                className="h-full w-full"
                allow="encrypted-media; picture-in-picture; fullscreen"
                referrerPolicy="strict-origin-when-cross-origin"
              />
            </div>
            <a
              href={lesson.video.watchUrl}
              target="_blank"
              rel="noopener noreferrer"
              className="mt-2 inline-block text-sm text-brand-600 underline"
            >
              {t("training.lesson.watch_video")}
            </a>
          </div>
        ) : lesson.videoUrl ? (
          <a href={lesson.videoUrl} target="_blank" rel="noopener noreferrer" className="mt-4 inline-block text-brand-600 underline">
            {t("training.lesson.watch_video")}
          </a>
        ) : null}
      </Card>
      <div className="flex flex-wrap items-center justify-between gap-3">
        {previous ? (
          <Link
            to={`/learn/courses/${course.id}/lessons/${previous}`}
            className="inline-flex min-h-11 items-center text-brand-600 underline"
          >
            {t("training.lesson.previous")}
          </Link>
        ) : (
          <span />
        )}
        {canTake ? (
          <Form method="post">
            <Button type="submit">
              {next
                ? done
                  ? t("training.lesson.next")
                  : t("training.lesson.done_next")
                : done
                  ? t("training.lesson.back_to_course")
                  : t("training.lesson.done_finish")}
            </Button>
          </Form>
        ) : next ? (
          <Link to={`/learn/courses/${course.id}/lessons/${next}`} className="inline-flex min-h-11 items-center text-brand-600 underline">
            {t("training.lesson.next")}
          </Link>
        ) : null}
      </div>
    </article>
  );
}
