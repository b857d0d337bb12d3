import { useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { durationMinutes, listEventsFor } from "~/domain/events/events.server";
import { listWebinarsFor } from "~/domain/training/webinars.server";
import { EventBadges } from "~/components/events";
import { TimeZoneHint, WebinarWhen } from "~/components/training";
import { viewerTimeZone } from "~/lib/time-zone.server";
import { Badge, Card, PageHeader, BackLink } from "~/components/ui";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { can } from "~/lib/permissions";
import type { Route } from "./+types/webinars";

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "learn.view");
  const db = await getDb();
  const [webinars, events] = await Promise.all([listWebinarsFor(db, actor), listEventsFor(db, actor)]);
  const now = Date.now();
  // One list, online and in person, soonest first (issue 20).
  const all = [
    ...webinars.map((w) => ({ ...w, type: "webinar" as const, endsAt: w.startsAt.getTime() + w.durationMinutes * 60_000 })),
    ...events.map((e) => ({ ...e, type: "event" as const, durationMinutes: durationMinutes(e), endsAt: e.endsAt.getTime() })),
  ].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const over = (w: (typeof all)[number]) => w.endsAt <= now;
  return {
    upcoming: all.filter((w) => !over(w)),
    past: all.filter(over).reverse(),
    viewerZone: viewerTimeZone(request),
    canOrganise: can(actor.role, "events.manage"),
  };
}

type Item = Awaited<ReturnType<typeof loader>>["upcoming"][number];

function ListItem({ item, viewerZone }: { item: Item; viewerZone: string | null }) {
  return item.type === "event" ? <EventItem e={item} viewerZone={viewerZone} /> : <WebinarItem w={item} viewerZone={viewerZone} />;
}

function EventItem({ e, viewerZone }: { e: Extract<Item, { type: "event" }>; viewerZone: string | null }) {
  const t = useT();
  return (
    <li>
      <Link to={`/learn/events/${e.id}`} className="block">
        <Card className="hover:border-brand-600">
          <p className="font-medium">{e.title}</p>
          <EventBadges
            kind={e.kind}
            cancelled={!!e.cancelledAt}
            status={e.myStatus}
            checkedIn={e.checkedIn}
            full={e.seatsTaken >= e.capacity}
          />
          <p className="text-sm text-slate-600">
            <WebinarWhen startsAt={e.startsAt} timeZone={e.timeZone} durationMinutes={e.durationMinutes} viewerZone={viewerZone} /> ·{" "}
            {e.venueName}
          </p>
          {e.points ? <p className="text-xs text-slate-500">{t("events.points_for_attending", { count: e.points })}</p> : null}
        </Card>
      </Link>
    </li>
  );
}

function WebinarItem({ w, viewerZone }: { w: Extract<Item, { type: "webinar" }>; viewerZone: string | null }) {
  const t = useT();
  const full = w.capacity !== null && w.seatsTaken >= w.capacity;
  return (
    <li>
      <Link to={`/learn/webinars/${w.id}`} className="block">
        <Card className="hover:border-brand-600">
          <div className="flex flex-wrap items-start justify-between gap-2">
            <p className="font-medium">{w.title}</p>
            <span className="flex gap-1">
              {w.cancelledAt ? <Badge tone="red">{t("training.webinar.cancelled_badge")}</Badge> : null}
              {w.attended ? (
                <Badge tone="green">{t("training.webinar.attended")}</Badge>
              ) : w.registered ? (
                <Badge tone="green">{t("training.webinar.registered")}</Badge>
              ) : null}
              {!w.registered && full && !w.cancelledAt ? <Badge tone="amber">{t("training.webinar.full_badge")}</Badge> : null}
              {w.recordingUrl ? <Badge tone="blue">{t("training.webinar.recording")}</Badge> : null}
            </span>
          </div>
          <p className="text-sm text-slate-600">
            <WebinarWhen startsAt={w.startsAt} timeZone={w.timeZone} durationMinutes={w.durationMinutes} viewerZone={viewerZone} /> ·{" "}
            {w.speaker}
          </p>
          {w.points ? <p className="text-xs text-slate-500">{t("training.webinar.points_for_attending", { count: w.points })}</p> : null}
        </Card>
      </Link>
    </li>
  );
}

export default function Webinars() {
  const { upcoming, past, viewerZone, canOrganise } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <TimeZoneHint known={viewerZone} />
      <BackLink to="/learn">{t("training.title")}</BackLink>
      <PageHeader
        title={t("events.list.title")}
        actions={
          canOrganise ? (
            <Link to="/learn/manage/events/new" className="inline-flex min-h-11 items-center text-brand-600 underline">
              {t("events.list.new")}
            </Link>
          ) : null
        }
      />
      <h2 className="mb-2 text-lg font-semibold">{t("training.webinars.upcoming")}</h2>
      {upcoming.length ? (
        <ul className="mb-6 space-y-2">
          {upcoming.map((w) => (
            <ListItem key={`${w.type}-${w.id}`} item={w} viewerZone={viewerZone} />
          ))}
        </ul>
      ) : (
        <p className="mb-6 text-sm text-slate-600">{t("training.webinars.none")}</p>
      )}
      <h2 className="mb-2 text-lg font-semibold">{t("training.webinars.past")}</h2>
      {past.length ? (
        <ul className="space-y-2">
          {past.map((w) => (
            <ListItem key={`${w.type}-${w.id}`} item={w} viewerZone={viewerZone} />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">{t("training.webinars.none_past")}</p>
      )}
    </>
  );
}
