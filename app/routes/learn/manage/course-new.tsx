import { useActionData } from "react-router";
import { getDb } from "@db/client";
import { createCourse } from "~/domain/training/course-authoring.server";
import { courseSchema } from "~/domain/training/forms";
import { CourseFields, NewTrainingItem } from "~/components/training-forms";
import { useT } from "~/i18n/react";
import { valuesOf } from "~/components/ui";
import { requireActor } from "~/lib/access.server";
import { parseForm } from "~/lib/forms.server";
import { createAndOpen } from "~/lib/intents.server";
import type { Route } from "./+types/course-new";

export function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "learn.manage");
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  return createAndOpen(
    request,
    context,
    "learn.manage",
    async (actor, formData) => `/learn/manage/courses/${(await createCourse(await getDb(), actor, parseForm(courseSchema, formData))).id}`,
    { lists: ["targetRoles"] },
  );
}

const DEFAULTS = {
  title: "",
  description: "",
  points: "50",
  passMark: "80",
  attemptsLimit: "3",
  cooldownHours: "24",
  certificateMonths: "24",
  showWrongAnswers: "on",
};

export default function NewCourse() {
  const t = useT();
  const result = useActionData<typeof action>();
  // An unticked box is not sent: after a failed save, its absence means "off", not the default.
  const echoed = <V extends { showWrongAnswers: string }>(values: V): V =>
    result ? { ...values, showWrongAnswers: valuesOf(result).showWrongAnswers ?? "" } : values;
  return (
    <NewTrainingItem
      title={t("training.manage.new_course")}
      result={result}
      defaults={DEFAULTS}
      fields={(values, errors) => <CourseFields errors={errors} values={echoed(values)} />}
    />
  );
}
