import { useActionData } from "react-router";
import { getDb } from "@db/client";
import { eventSchema } from "~/domain/events/forms";
import { createEvent } from "~/domain/events/events.server";
import { EventFields } from "~/components/events";
import { NewTrainingItem } from "~/components/training-forms";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { parseForm } from "~/lib/forms.server";
import { createAndOpen } from "~/lib/intents.server";
import type { Route } from "./+types/new";

export function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "events.manage");
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  return createAndOpen(
    request,
    context,
    "events.manage",
    async (actor, formData) =>
      `/learn/manage/events/${(await createEvent(await getDb(), actor, parseForm(eventSchema, formData))).id}?created=1`,
    { lists: ["targetRoles"] },
  );
}

const DEFAULTS = {
  kind: "seminar",
  title: "",
  description: "",
  venueName: "",
  venueAddress: "",
  startsLocal: "",
  endsLocal: "",
  timeZone: "Europe/Vilnius",
  capacity: "30",
  regions: "",
  points: "50",
};

export default function NewEvent() {
  const t = useT();
  return (
    <NewTrainingItem
      title={t("events.list.new")}
      result={useActionData<typeof action>()}
      defaults={DEFAULTS}
      fields={(values, errors) => <EventFields errors={errors} values={values} />}
    />
  );
}
