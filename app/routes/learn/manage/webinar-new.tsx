import { useActionData } from "react-router";
import { getDb } from "@db/client";
import { webinarSchema } from "~/domain/training/forms";
import { createWebinar } from "~/domain/training/webinars.server";
import { NewTrainingItem, WebinarFields } from "~/components/training-forms";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { parseForm } from "~/lib/forms.server";
import { createAndOpen } from "~/lib/intents.server";
import type { Route } from "./+types/webinar-new";

export function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "learn.manage");
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  return createAndOpen(request, context, "learn.manage", async (actor, formData) => `/learn/manage/webinars/${(await createWebinar(await getDb(), actor, parseForm(webinarSchema, formData))).id}?created=1`, { lists: ["targetRoles"] });
}

const DEFAULTS = { title: "", description: "", speaker: "", startsLocal: "", timeZone: "Europe/London", durationMinutes: "60", joinUrl: "", capacity: "", regions: "", points: "30" };

export default function NewWebinar() {
  const t = useT();
  return <NewTrainingItem title={t("training.manage.new_webinar")} result={useActionData<typeof action>()} defaults={DEFAULTS} fields={(values, errors) => <WebinarFields errors={errors} values={values} />} />;
}
