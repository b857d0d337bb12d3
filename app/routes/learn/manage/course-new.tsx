import { Form, redirect, useActionData } from "react-router";
import { getDb } from "@db/client";
import { createCourse } from "~/domain/training/course-authoring.server";
import { courseSchema } from "~/domain/training/forms";
import { CourseFields, echoedRoles } from "~/components/training-forms";
import { Button, Card, FormErrors, PageHeader, errorsOf, valuesOf } from "~/components/ui";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { parseForm, readForm, runAction } from "~/lib/forms.server";
import type { Route } from "./+types/course-new";

export function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "learn.manage");
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireActor(context, request, "learn.manage");
  const formData = await readForm(request);
  return runAction(
    formData,
    async () => {
      const course = await createCourse(await getDb(), actor, parseForm(courseSchema, formData));
      throw redirect(`/learn/manage/courses/${course.id}`);
    },
    { lists: ["targetRoles"] },
  );
}

export default function NewCourse() {
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const v = valuesOf(result);
  const t = useT();
  return (
    <>
      <PageHeader title={t("training.manage.new_course")} />
      <Card>
        <FormErrors errors={errors} />
        <Form method="post" noValidate>
          <CourseFields
            errors={errors}
            values={{
              title: v.title ?? "",
              description: v.description ?? "",
              targetRoles: echoedRoles(result, []),
              points: v.points ?? "50",
              passMark: v.passMark ?? "80",
              attemptsLimit: v.attemptsLimit ?? "3",
              cooldownHours: v.cooldownHours ?? "24",
              certificateMonths: v.certificateMonths ?? "24",
            }}
          />
          <Button type="submit">{t("training.manage.create")}</Button>
        </Form>
      </Card>
    </>
  );
}
