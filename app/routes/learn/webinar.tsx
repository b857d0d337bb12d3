import { pageMeta } from "~/lib/page-meta";
import { Form, useActionData, useLoaderData } from "react-router";
import { getDb } from "@db/client";
import { codeSchema } from "~/domain/training/forms";
import {
  cancelRegistration,
  codeWindow,
  endsAt,
  enterAttendanceCode,
  getWebinarFor,
  registerForWebinar,
} from "~/domain/training/webinars.server";
import { TimeZoneHint, WebinarHeader } from "~/components/training";
import { viewerTimeZone } from "~/lib/time-zone.server";
import { Badge, Button, Card, FormErrors, Notice, TextField, errorsOf, BackLink } from "~/components/ui";
import { useT } from "~/i18n/react";
import { orNotFound, requireActor } from "~/lib/access.server";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import { can } from "~/lib/permissions";
import type { Route } from "./+types/webinar";

/** "<item> · <section> · Partner Portal" (app/lib/page-meta.ts). */
export const meta = pageMeta;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "learn.view");
  const found = orNotFound(await getWebinarFor(await getDb(), actor, params.webinarId));
  const now = Date.now();
  const window = codeWindow(found.webinar);
  return {
    ...found,
    pageTitle: { name: found.webinar.title },
    canTake: can(actor.role, "learn.take"),
    viewerZone: viewerTimeZone(request),
    phase:
      now < found.webinar.startsAt.getTime()
        ? "upcoming"
        : now <= window.closes.getTime()
          ? now <= endsAt(found.webinar).getTime()
            ? "live"
            : "closing"
          : "over",
  } as const;
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const db = await getDb();
  return dispatchIntent(request, context, "learn.take", {
    register: {
      run: async (actor) => {
        const r = await registerForWebinar(db, actor, params.webinarId);
        return { ok: true as const, done: r.already ? "already_registered" : "registered" };
      },
    },
    cancel: {
      run: async (actor) => {
        await cancelRegistration(db, actor, params.webinarId);
        return { ok: true as const, done: "cancelled" };
      },
    },
    code: {
      run: async (actor, formData) => {
        const { code } = parseForm(codeSchema, formData);
        const r = await enterAttendanceCode(db, actor, params.webinarId, code);
        return { ok: true as const, done: r.already ? "already_attended" : "attended", points: r.points };
      },
    },
  });
}

export default function WebinarPage() {
  const { webinar, seatsTaken, registered, attended, canTake, phase, viewerZone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const t = useT();
  const done = result && "done" in result ? result.done : null;
  const full = webinar.capacity !== null && seatsTaken >= webinar.capacity;
  return (
    <>
      <BackLink to="/learn/webinars">{t("training.webinars.title")}</BackLink>
      <TimeZoneHint known={viewerZone} />
      <WebinarHeader webinar={webinar} viewerZone={viewerZone} />
      {done ? (
        <Notice>{t(`training.webinar.done.${done}`, { count: result && "points" in result ? (result.points ?? 0) : 0 })}</Notice>
      ) : null}
      <FormErrors errors={errors._form ? errors : {}} />
      {webinar.cancelledAt ? (
        <Card className="mb-4">
          <Badge tone="red">{t("training.webinar.cancelled_badge")}</Badge>
        </Card>
      ) : null}
      <Card className="mb-4">
        {webinar.description ? <p className="mb-3 whitespace-pre-line text-slate-700">{webinar.description}</p> : null}
        <ul className="mb-3 space-y-1 text-sm text-slate-700">
          {webinar.points ? <li>{t("training.webinar.points_for_attending", { count: webinar.points })}</li> : null}
          {webinar.capacity !== null ? <li>{t("training.webinar.seats", { taken: seatsTaken, count: webinar.capacity })}</li> : null}
        </ul>
        <div className="flex flex-wrap items-center gap-3">
          {attended ? (
            <Badge tone="green">{t("training.webinar.attended")}</Badge>
          ) : registered ? (
            <Badge tone="green">{t("training.webinar.registered")}</Badge>
          ) : null}
          {canTake && !webinar.cancelledAt && phase === "upcoming" ? (
            registered ? (
              <Form method="post">
                <input type="hidden" name="intent" value="cancel" />
                <Button type="submit" variant="secondary">
                  {t("training.webinar.cancel")}
                </Button>
              </Form>
            ) : (
              <Form method="post">
                <input type="hidden" name="intent" value="register" />
                <Button type="submit" disabled={full}>
                  {full ? t("training.webinar.full_badge") : t("training.webinar.register")}
                </Button>
              </Form>
            )
          ) : null}
          {!webinar.cancelledAt && phase !== "over" ? (
            <a href={`/learn/webinars/${webinar.id}/ics`} className="inline-flex min-h-11 items-center text-brand-600 underline" download>
              {t("training.webinar.add_to_calendar")}
            </a>
          ) : null}
        </div>
        {(registered || phase === "live" || phase === "closing") && !webinar.cancelledAt && phase !== "over" ? (
          <p className="mt-3">
            <a
              href={webinar.joinUrl}
              target="_blank"
              rel="noopener noreferrer"
              className="inline-flex min-h-11 items-center rounded-lg bg-emerald-600 px-4 text-sm font-medium text-white"
            >
              {t("training.webinar.join")}
            </a>
          </p>
        ) : null}
      </Card>
      {canTake && !attended && !webinar.cancelledAt && (phase === "live" || phase === "closing") ? (
        <Card className="mb-4">
          <h2 className="mb-2 text-lg font-semibold">{t("training.code.title")}</h2>
          <p className="mb-3 text-sm text-slate-600">{t("training.code.hint")}</p>
          <Form method="post" noValidate className="flex flex-wrap items-end gap-3">
            <input type="hidden" name="intent" value="code" />
            <TextField
              label={t("training.code.label")}
              name="code"
              autoComplete="off"
              autoCapitalize="characters"
              inputMode="text"
              className="mb-0 w-40"
              defaultValue={result && "values" in result ? result.values.code : ""}
              errors={errors}
            />
            <Button type="submit">{t("training.code.submit")}</Button>
          </Form>
        </Card>
      ) : null}
      {webinar.recordingUrl ? (
        <Card>
          <h2 className="mb-2 text-lg font-semibold">{t("training.webinar.recording")}</h2>
          <a href={webinar.recordingUrl} target="_blank" rel="noopener noreferrer" className="text-brand-600 underline">
            {t("training.webinar.watch_recording")}
          </a>
        </Card>
      ) : null}
    </>
  );
}
