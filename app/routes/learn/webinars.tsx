import { Link, useLoaderData } from "react-router";
import { getDb } from "@db/client";
import { listWebinarsFor } from "~/domain/training/webinars.server";
import { TimeZoneHint, WebinarWhen } from "~/components/training";
import { viewerTimeZone } from "~/lib/time-zone.server";
import { Badge, Card, PageHeader, BackLink } from "~/components/ui";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import type { Route } from "./+types/webinars";

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "learn.view");
  const all = await listWebinarsFor(await getDb(), actor);
  const now = Date.now();
  const over = (w: (typeof all)[number]) => w.startsAt.getTime() + w.durationMinutes * 60_000 <= now;
  return { upcoming: all.filter((w) => !over(w)), past: all.filter(over).reverse(), viewerZone: viewerTimeZone(request) };
}

type Row = Awaited<ReturnType<typeof loader>>["upcoming"][number];

function WebinarItem({ w, viewerZone }: { w: Row; viewerZone: string | null }) {
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
  const { upcoming, past, viewerZone } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <TimeZoneHint known={viewerZone} />
      <BackLink to="/learn">{t("training.title")}</BackLink>
      <PageHeader title={t("training.webinars.title")} />
      <h2 className="mb-2 text-lg font-semibold">{t("training.webinars.upcoming")}</h2>
      {upcoming.length ? (
        <ul className="mb-6 space-y-2">
          {upcoming.map((w) => (
            <WebinarItem key={w.id} w={w} viewerZone={viewerZone} />
          ))}
        </ul>
      ) : (
        <p className="mb-6 text-sm text-slate-600">{t("training.webinars.none")}</p>
      )}
      <h2 className="mb-2 text-lg font-semibold">{t("training.webinars.past")}</h2>
      {past.length ? (
        <ul className="space-y-2">
          {past.map((w) => (
            <WebinarItem key={w.id} w={w} viewerZone={viewerZone} />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">{t("training.webinars.none_past")}</p>
      )}
    </>
  );
}
