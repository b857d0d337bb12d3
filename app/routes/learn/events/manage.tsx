import { Form, useActionData, useLoaderData, useSearchParams } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { attendanceByPartner, eventRoster } from "~/domain/events/check-in.server";
import { cancelEvent, durationMinutes, getEventForOrganiser, updateEvent } from "~/domain/events/events.server";
import { eventSchema } from "~/domain/events/forms";
import { utcToZoned } from "~/domain/training/calendar";
import { EventBadges, EventFacts, EventFields } from "~/components/events";
import { TimeZoneHint, WebinarWhen } from "~/components/training";
import { echoedRoles } from "~/components/training-forms";
import { BackLink, Button, Card, FormErrors, Notice, PageHeader, Table, errorsOf, valuesOf } from "~/components/ui";
import { useT } from "~/i18n/react";
import { orNotFound, requireActor, requireId } from "~/lib/access.server";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import { pageMeta } from "~/lib/page-meta";
import { viewerTimeZone } from "~/lib/time-zone.server";
import type { Route } from "./+types/manage";

export const meta = pageMeta;

/** The organiser's view of one event: attendance per partner, everyone on the list, the door scanner. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  requireActor(context, request, "events.manage");
  const db = await getDb();
  const event = orNotFound(await getEventForOrganiser(db, params.eventId));
  const [partners, roster] = await Promise.all([attendanceByPartner(db, event.id), eventRoster(db, event.id)]);
  return {
    event,
    minutes: durationMinutes(event),
    partners,
    roster: roster.map((r) => ({
      ...r,
      checkedInAt: r.checkedInAt ? utcToZoned(r.checkedInAt, event.timeZone).slice(11, 16) : null,
    })),
    pageTitle: { name: event.title },
    viewerZone: viewerTimeZone(request),
    startsLocal: utcToZoned(event.startsAt, event.timeZone).slice(0, 16),
    endsLocal: utcToZoned(event.endsAt, event.timeZone).slice(0, 16),
    started: event.startsAt.getTime() <= Date.now(),
    over: event.endsAt.getTime() <= Date.now(),
  };
}

/** The organiser changes the event (time, venue, seats, audience) or calls it off. */
export async function action({ request, context, params }: Route.ActionArgs) {
  const id = requireId(params.eventId);
  const db = await getDb();
  return dispatchIntent(
    request,
    context,
    "events.manage",
    {
      update: {
        run: async (actor, formData) => {
          const { told } = await updateEvent(db, actor, id, parseForm(eventSchema, formData));
          return { ok: true as const, done: told ? "updated_told" : "updated" };
        },
      },
      cancel: {
        run: async (actor) => {
          await cancelEvent(db, actor, id);
          return { ok: true as const, done: "cancelled" };
        },
      },
    },
    { lists: ["targetRoles"] },
  );
}

export default function ManageEvent() {
  const { event, minutes, partners, roster, viewerZone, startsLocal, endsLocal, started, over } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const v = valuesOf(result);
  const failed = result && !result.ok ? v.intent : null;
  const errorsFor = (intent: string) => (failed === intent ? errors : {});
  const done = result?.ok ? result.done : null;
  const [search] = useSearchParams();
  const t = useT();
  return (
    <>
      <TimeZoneHint known={viewerZone} />
      <BackLink to={`/learn/events/${event.id}`}>{event.title}</BackLink>
      <PageHeader
        title={event.title}
        subtitle={<WebinarWhen startsAt={event.startsAt} timeZone={event.timeZone} durationMinutes={minutes} viewerZone={viewerZone} />}
      />
      {search.get("created") ? <Notice>{t("events.manage.created")}</Notice> : null}

      <Card className="mb-4">
        <EventBadges
          kind={event.kind}
          cancelled={!!event.cancelledAt}
          status={null}
          checkedIn={false}
          full={event.seatsTaken >= event.capacity}
        />
        <EventFacts event={event} />
        <p className="mb-3 text-sm text-slate-700">
          {t("events.manage.count", { checkedIn: event.checkedIn, registered: event.seatsTaken })}
          {event.waitlisted ? <> · {t("events.waiting", { count: event.waitlisted })}</> : null}
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <Link
            to={`/learn/manage/events/${event.id}/check-in`}
            className="inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 text-sm font-medium text-white"
          >
            {t("events.manage.scanner")}
          </Link>
          <a
            href={`/learn/manage/events/${event.id}/attendance.csv`}
            className="inline-flex min-h-11 items-center text-brand-600 underline"
            download
          >
            {t("events.manage.csv")}
          </a>
        </div>
      </Card>
      <h2 className="mb-2 text-lg font-semibold">{t("events.manage.attendance")}</h2>
      {partners.length ? (
        <Card className="mb-4">
          <Table
            caption={t("events.manage.attendance")}
            head={[t("events.manage.partner"), t("events.manage.registered"), t("events.manage.waitlisted"), t("events.manage.checked_in")]}
          >
            {partners.map((p) => (
              <tr key={p.organisation_id} data-testid="partner-row">
                <td className="px-3 py-2 font-medium">{p.organisation}</td>
                <td className="px-3 py-2">{p.registered}</td>
                <td className="px-3 py-2">{p.waitlisted}</td>
                <td className="px-3 py-2">{p.checked_in}</td>
              </tr>
            ))}
          </Table>
        </Card>
      ) : (
        <p className="mb-4 text-sm text-slate-600">{t("events.manage.none")}</p>
      )}
      {roster.length ? (
        <>
          <h2 className="mb-2 text-lg font-semibold">{t("events.manage.people")}</h2>
          <Card>
            <Table
              caption={t("events.manage.people")}
              head={[t("events.manage.partner"), t("events.manage.name"), t("events.manage.status"), t("events.manage.checked_in_at")]}
            >
              {roster.map((r) => (
                <tr key={`${r.organisation}-${r.name}-${r.email ?? r.phone}`}>
                  <td className="px-3 py-2">{r.organisation}</td>
                  <td className="px-3 py-2 font-medium">{r.name}</td>
                  <td className="px-3 py-2">{t(r.status === "waitlisted" ? "events.badge.waitlisted" : "events.badge.registered")}</td>
                  <td className="px-3 py-2">{r.checkedInAt ?? "–"}</td>
                </tr>
              ))}
            </Table>
          </Card>
        </>
      ) : null}
      {!event.cancelledAt && !started ? (
        <Card className="mt-4">
          <h2 className="mb-3 text-lg font-semibold">{t("events.manage.edit")}</h2>
          <p className="mb-3 text-sm text-slate-600">{t("events.manage.edit_hint")}</p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="update" />
            <FormErrors errors={errorsFor("update")} />
            <EventFields
              errors={errorsFor("update")}
              values={
                failed === "update"
                  ? ({ ...(v as Record<string, string>), targetRoles: echoedRoles(result, event.targetRoles) } as never)
                  : {
                      kind: event.kind,
                      title: event.title,
                      description: event.description,
                      venueName: event.venueName,
                      venueAddress: event.venueAddress,
                      startsLocal,
                      endsLocal,
                      timeZone: event.timeZone,
                      capacity: String(event.capacity),
                      targetRoles: event.targetRoles,
                      regions: event.regions.join(", "),
                      points: String(event.points),
                    }
              }
            />
            <Button type="submit" className="w-full md:w-auto">
              {t("common.save")}
            </Button>
            {/* The answer shows under the button the thumb just pressed, not at the top of a long page. */}
            {done?.startsWith("updated") ? <Notice>{t(`events.manage.done.${done}`)}</Notice> : null}
          </Form>
        </Card>
      ) : null}
      {!event.cancelledAt && !over ? (
        <Card className="mt-4">
          <Form method="post" className="flex flex-wrap items-center gap-3">
            <input type="hidden" name="intent" value="cancel" />
            <Button type="submit" variant="danger" className="w-full md:w-auto">
              {t("events.manage.cancel")}
            </Button>
            <p className="text-sm text-slate-600">{t("events.manage.cancel_hint")}</p>
          </Form>
          <FormErrors errors={errorsFor("cancel")} />
        </Card>
      ) : null}
      {/* A change refused because the event was called off or started meanwhile: its form is gone, the reason shows here. */}
      {(failed === "update" && (event.cancelledAt || started)) || (failed === "cancel" && (event.cancelledAt || over)) ? (
        <div className="mt-4">
          <FormErrors errors={errors} />
        </div>
      ) : null}
      {done === "cancelled" ? (
        <div className="mt-4">
          <Notice>{t("events.manage.done.cancelled")}</Notice>
        </div>
      ) : null}
    </>
  );
}
