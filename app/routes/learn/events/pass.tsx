import { useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { durationMinutes, getEventFor } from "~/domain/events/events.server";
import { displayCheckInCode, passSvg, passToken } from "~/domain/events/pass.server";
import { EventFacts, PassCard } from "~/components/events";
import { WebinarWhen } from "~/components/training";
import { useT } from "~/i18n/react";
import { orNotFound, requireActor } from "~/lib/access.server";
import type { Route } from "./+types/pass";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "learn.view");
  const { event, registration } = orNotFound(await getEventFor(await getDb(), actor, params.eventId));
  const seat = registration?.status === "registered" ? registration : null;
  return {
    event,
    minutes: durationMinutes(event),
    holder: actor.name,
    pass: seat ? { svg: await passSvg(passToken(event.id, actor.id)), code: displayCheckInCode(seat.checkInCode) } : null,
  };
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `${data.event.title} · ${data.holder}` : "Pass" }];
}

/** Outside the signed-in frame on purpose: the page is the pass, and prints as one sheet. */
export default function PassPage() {
  const { event, minutes, holder, pass } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <main className="mx-auto max-w-md p-4 print:max-w-none print:p-0">
      <div className="mb-4 flex items-center justify-between print:hidden">
        <Link to={`/learn/events/${event.id}`} className="inline-flex min-h-11 items-center text-brand-600 underline">
          {t("events.pass.back")}
        </Link>
        {pass ? (
          <button
            type="button"
            onClick={() => window.print()}
            className="inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 text-sm font-medium text-white"
          >
            {t("events.pass.print")}
          </button>
        ) : null}
      </div>
      <h1 className="text-2xl font-semibold">{event.title}</h1>
      <p className="mb-1 text-slate-700">
        <WebinarWhen startsAt={event.startsAt} timeZone={event.timeZone} durationMinutes={minutes} />
      </p>
      <p className="mb-3 text-lg font-medium" data-testid="holder">
        {holder}
      </p>
      <EventFacts event={event} />
      {pass ? <PassCard title={event.title} svg={pass.svg} code={pass.code} /> : <p className="text-slate-700">{t("events.pass.none")}</p>}
    </main>
  );
}
