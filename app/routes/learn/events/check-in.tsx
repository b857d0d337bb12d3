import { Form, useActionData, useLoaderData, useSubmit } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { checkIn } from "~/domain/events/check-in.server";
import { checkInSchema } from "~/domain/events/forms";
import { getEventForOrganiser } from "~/domain/events/events.server";
import { CodeScanner, type ScannerTexts } from "~/components/claims/serial-scanner";
import { BackLink, Button, Card, FormErrors, PageHeader, TextField, errorsOf } from "~/components/ui";
import { useT } from "~/i18n/react";
import { orNotFound, requireActor } from "~/lib/access.server";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import { pageMeta } from "~/lib/page-meta";
import type { Route } from "./+types/check-in";

export const meta = pageMeta;

const TEXTS: ScannerTexts = {
  title: "events.checkin.scan_title",
  live: "events.checkin.camera_hint",
  no_camera: "events.checkin.no_camera",
  photo: "events.checkin.photo",
  not_found: "events.checkin.not_found",
  failed: "events.checkin.failed",
};

export async function loader({ request, context, params }: Route.LoaderArgs) {
  requireActor(context, request, "events.check_in");
  const event = orNotFound(await getEventForOrganiser(await getDb(), params.eventId));
  return {
    event: { id: event.id, title: event.title, seatsTaken: event.seatsTaken, checkedIn: event.checkedIn },
    pageTitle: { name: event.title },
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const db = await getDb();
  return dispatchIntent(request, context, "events.check_in", {
    check_in: {
      run: async (actor, formData) => {
        const { code } = parseForm(checkInSchema, formData);
        return { ok: true as const, result: await checkIn(db, actor, params.eventId, code) };
      },
    },
  });
}

/**
 * The door, on the organiser's phone: the portal's one scanner reads a pass and sends it at once;
 * the typed code is the fallback. The answer sits right under the scan button, by the thumb.
 */
export default function CheckInPage() {
  const { event } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const errors = errorsOf(answer);
  const t = useT();
  const submit = useSubmit();
  const result = answer && "result" in answer ? answer.result : null;
  return (
    <>
      <BackLink to={`/learn/manage/events/${event.id}`}>{event.title}</BackLink>
      <PageHeader
        title={t("events.checkin.title")}
        subtitle={t("events.manage.count", { checkedIn: event.checkedIn, registered: event.seatsTaken })}
      />
      <Card className="mb-4">
        <div className="mb-3 flex items-center gap-3">
          <CodeScanner
            label={t("events.checkin.scan")}
            texts={TEXTS}
            testId="scan-pass"
            onValue={(value) => submit({ intent: "check_in", code: value }, { method: "post" })}
          />
          <span className="text-sm font-medium text-slate-800">{t("events.checkin.scan")}</span>
        </div>
        {result ? (
          <p
            role="status"
            data-testid="check-in-result"
            className={`mb-3 rounded-lg p-3 text-base font-medium ${result.already ? "bg-amber-50 text-amber-900" : "bg-emerald-50 text-emerald-900"}`}
          >
            {result.already
              ? t("events.checkin.already", { name: result.name, time: result.at })
              : t("events.checkin.ok", { name: result.name, organisation: result.organisation, time: result.at })}{" "}
            {!result.already && result.points ? t("events.checkin.ok_points", { count: result.points }) : null}
          </p>
        ) : null}
        <FormErrors errors={errors._form ? errors : {}} />
        <Form method="post" noValidate className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="intent" value="check_in" />
          <TextField
            label={t("events.checkin.code")}
            hint={t("events.checkin.code_hint")}
            name="code"
            autoComplete="off"
            autoCapitalize="characters"
            className="mb-0 w-56"
            defaultValue={answer && "values" in answer ? answer.values.code : ""}
            errors={errors}
          />
          <Button type="submit">{t("events.checkin.submit")}</Button>
        </Form>
      </Card>
      <p className="text-sm">
        <Link to={`/learn/manage/events/${event.id}`} className="text-brand-600 underline">
          {t("events.manage.attendance")}
        </Link>
      </p>
    </>
  );
}
