import { Form, useActionData, useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { cancelEventRegistration, durationMinutes, getEventFor, registerForEvent } from "~/domain/events/events.server";
import { displayCheckInCode, passSvg, passToken } from "~/domain/events/pass.server";
import { utcToZoned } from "~/domain/training/calendar";
import { EventBadges, EventFacts, PassCard } from "~/components/events";
import { TimeZoneHint, WebinarWhen } from "~/components/training";
import { BackLink, Button, Card, FormErrors, Notice, PageHeader, errorsOf } from "~/components/ui";
import { useT } from "~/i18n/react";
import { orNotFound, requireActor } from "~/lib/access.server";
import { dispatchIntent } from "~/lib/intents.server";
import { pageMeta } from "~/lib/page-meta";
import { can } from "~/lib/permissions";
import { viewerTimeZone } from "~/lib/time-zone.server";
import type { Route } from "./+types/detail";

export const meta = pageMeta;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "learn.view");
  const found = orNotFound(await getEventFor(await getDb(), actor, params.eventId));
  const { event, registration } = found;
  const seat = registration?.status === "registered" ? registration : null;
  return {
    event,
    minutes: durationMinutes(event),
    registration: registration && {
      status: registration.status,
      position: registration.position,
      checkedInAt: registration.checkedInAt ? utcToZoned(registration.checkedInAt, event.timeZone).slice(11, 16) : null,
    },
    pass: seat ? { svg: await passSvg(passToken(event.id, actor.id)), code: displayCheckInCode(seat.checkInCode) } : null,
    pointsCredited: found.pointsCredited,
    pageTitle: { name: event.title },
    canTake: can(actor.role, "learn.take"),
    canManage: can(actor.role, "events.manage"),
    started: event.startsAt.getTime() <= Date.now(),
    viewerZone: viewerTimeZone(request),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const db = await getDb();
  return dispatchIntent(request, context, "learn.take", {
    register: {
      run: async (actor) => {
        const r = await registerForEvent(db, actor, params.eventId);
        return { ok: true as const, done: r.already ? "already" : r.status };
      },
    },
    cancel: {
      run: async (actor) => {
        await cancelEventRegistration(db, actor, params.eventId);
        return { ok: true as const, done: "cancelled" };
      },
    },
  });
}

export default function EventPage() {
  const { event, minutes, registration, pass, pointsCredited, canTake, canManage, started, viewerZone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const t = useT();
  const done = result && "done" in result ? (result.done as "registered" | "waitlisted" | "already" | "cancelled") : null;
  const full = event.seatsTaken >= event.capacity;
  const open = canTake && !event.cancelledAt && !started;
  return (
    <>
      <TimeZoneHint known={viewerZone} />
      <BackLink to="/learn/webinars">{t("events.list.title")}</BackLink>
      <PageHeader
        title={event.title}
        subtitle={<WebinarWhen startsAt={event.startsAt} timeZone={event.timeZone} durationMinutes={minutes} viewerZone={viewerZone} />}
        actions={
          canManage ? (
            <Link to={`/learn/manage/events/${event.id}`} className="inline-flex min-h-11 items-center text-brand-600 underline">
              {t("events.manage.attendance")}
            </Link>
          ) : null
        }
      />
      {done ? <Notice>{t(`events.done.${done}`)}</Notice> : null}
      <FormErrors errors={errors._form ? errors : {}} />
      <Card className="mb-4">
        <EventBadges
          kind={event.kind}
          cancelled={!!event.cancelledAt}
          status={registration?.status ?? null}
          checkedIn={!!registration?.checkedInAt}
          full={full}
        />
        <EventFacts event={event} />
        {event.description ? <p className="mb-3 whitespace-pre-line text-slate-700">{event.description}</p> : null}
        {registration?.checkedInAt ? (
          <p className="mb-2 font-medium text-emerald-700" data-testid="checked-in">
            {t("events.status.checked_in", { time: registration.checkedInAt })}{" "}
            {pointsCredited ? t("events.points_credited", { count: pointsCredited }) : null}
          </p>
        ) : null}
        {registration?.status === "waitlisted" ? (
          <p className="mb-2 text-amber-800">{t("events.status.waitlisted", { position: registration.position ?? 1 })}</p>
        ) : null}
        <div className="flex flex-wrap items-center gap-3">
          {open ? (
            registration ? (
              <Form method="post">
                <input type="hidden" name="intent" value="cancel" />
                <Button type="submit" variant="secondary">
                  {registration.status === "waitlisted" ? t("events.leave_waitlist") : t("events.cancel")}
                </Button>
              </Form>
            ) : (
              <Form method="post">
                <input type="hidden" name="intent" value="register" />
                <Button type="submit">{full ? t("events.join_waitlist") : t("events.register")}</Button>
              </Form>
            )
          ) : null}
          {!event.cancelledAt ? (
            <a href={`/learn/events/${event.id}/ics`} className="inline-flex min-h-11 items-center text-brand-600 underline" download>
              {t("events.add_to_calendar")}
            </a>
          ) : null}
        </div>
      </Card>
      {pass && !registration?.checkedInAt && !event.cancelledAt ? (
        <PassCard title={event.title} svg={pass.svg} code={pass.code} printable={`/learn/events/${event.id}/pass`} />
      ) : null}
    </>
  );
}
