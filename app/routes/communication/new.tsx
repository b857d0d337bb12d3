import { useActionData, useLoaderData } from "react-router";
import { getDb } from "@db/client";
import { createAnnouncement, segmentOptions } from "~/domain/communication/announcements.server";
import { announcementSchema } from "~/domain/communication/forms";
import { AnnouncementForm, SEGMENT_LISTS } from "~/components/communication";
import { BackLink, FormErrors, PageHeader, errorsOf, valuesOf } from "~/components/ui";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { isManufacturer } from "~/lib/actor";
import { parseForm } from "~/lib/forms.server";
import { createAndOpen } from "~/lib/intents.server";
import type { Route } from "./+types/new";

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "announcements.manage");
  return { options: await segmentOptions(await getDb(), actor), manufacturer: isManufacturer(actor) };
}

export async function action({ request, context }: Route.ActionArgs) {
  return createAndOpen(
    request,
    context,
    "announcements.manage",
    async (actor, formData) => `/announcements/${await createAnnouncement(await getDb(), actor, parseForm(announcementSchema, formData))}`,
    { lists: SEGMENT_LISTS },
  );
}

export default function NewAnnouncement() {
  const { options, manufacturer } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const errors = errorsOf(result);
  return (
    <>
      <BackLink to="/announcements">{t("communication.list.title")}</BackLink>
      <PageHeader title={t("communication.new")} subtitle={t("communication.new_hint")} />
      <FormErrors errors={errors} />
      <AnnouncementForm
        options={options}
        errors={errors}
        values={valuesOf(result)}
        lists={(result as { lists?: Record<string, string[]> } | undefined)?.lists}
        manufacturer={manufacturer}
        submitLabel={t("communication.save_preview")}
      />
    </>
  );
}
