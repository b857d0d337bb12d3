import { Form, redirect, useActionData } from "react-router";
import { getDb } from "@db/client";
import { webinarSchema } from "~/domain/training/forms";
import { createWebinar } from "~/domain/training/webinars.server";
import { WebinarFields, echoedRoles } from "~/components/training-forms";
import { Button, Card, FormErrors, PageHeader, errorsOf, valuesOf } from "~/components/ui";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { parseForm, readForm, runAction } from "~/lib/forms.server";
import type { Route } from "./+types/webinar-new";

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
      const webinar = await createWebinar(await getDb(), actor, parseForm(webinarSchema, formData));
      throw redirect(`/learn/manage/webinars/${webinar.id}?created=1`);
    },
    { lists: ["targetRoles"] },
  );
}

export default function NewWebinar() {
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const v = valuesOf(result);
  const t = useT();
  return (
    <>
      <PageHeader title={t("training.manage.new_webinar")} />
      <Card>
        <FormErrors errors={errors} />
        <Form method="post" noValidate>
          <WebinarFields
            errors={errors}
            values={{
              title: v.title ?? "",
              description: v.description ?? "",
              speaker: v.speaker ?? "",
              startsLocal: v.startsLocal ?? "",
              timeZone: v.timeZone ?? "Europe/London",
              durationMinutes: v.durationMinutes ?? "60",
              joinUrl: v.joinUrl ?? "",
              capacity: v.capacity ?? "",
              targetRoles: echoedRoles(result, []),
              regions: v.regions ?? "",
              points: v.points ?? "30",
            }}
          />
          <Button type="submit">{t("training.manage.create")}</Button>
        </Form>
      </Card>
    </>
  );
}
