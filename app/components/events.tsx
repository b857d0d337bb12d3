import type { FieldErrors } from "~/lib/form-types";
import { EVENT_KINDS, type EventKind } from "@db/schema/event-kinds";
import { AttendanceFields } from "~/components/training-forms";
import { Badge, Card, SelectField, TextField } from "~/components/ui";
import { useT } from "~/i18n/react";

/** Kind, "in person", and the person's own place: the same on the list and the event's page. */
export function EventBadges({
  kind,
  cancelled,
  status,
  checkedIn,
  full,
}: {
  kind: EventKind;
  cancelled: boolean;
  status: string | null;
  checkedIn: boolean;
  full: boolean;
}) {
  const t = useT();
  return (
    <span className="mb-2 flex flex-wrap gap-1">
      <Badge tone="blue">{t(`events.kind.${kind}`)}</Badge>
      <Badge>{t("events.in_person")}</Badge>
      {cancelled ? <Badge tone="red">{t("events.badge.cancelled")}</Badge> : null}
      {checkedIn ? (
        <Badge tone="green">{t("events.badge.checked_in")}</Badge>
      ) : status === "registered" ? (
        <Badge tone="green">{t("events.badge.registered")}</Badge>
      ) : status === "waitlisted" ? (
        <Badge tone="amber">{t("events.badge.waitlisted")}</Badge>
      ) : full && !cancelled ? (
        <Badge tone="amber">{t("events.badge.full")}</Badge>
      ) : null}
    </span>
  );
}

/** Where, how many seats, what it pays. */
export function EventFacts({
  event,
}: {
  event: { venueName: string; venueAddress: string; capacity: number; seatsTaken: number; points: number };
}) {
  const t = useT();
  return (
    <ul className="mb-3 space-y-1 text-sm text-slate-700">
      <li>
        <span className="text-slate-500">{t("events.venue")}:</span> {event.venueName}, {event.venueAddress}
      </li>
      <li>{t("events.seats", { taken: event.seatsTaken, count: event.capacity })}</li>
      {event.points ? <li>{t("events.points_for_attending", { count: event.points })}</li> : null}
    </ul>
  );
}

/**
 * The person's pass: the QR code drawn on the server (trusted SVG of our own making, no user text
 * in it), the short code to read out when a scanner fails, and the printable page.
 */
export function PassCard({ title, svg, code, printable }: { title: string; svg: string; code: string; printable?: string }) {
  const t = useT();
  return (
    <Card className="mb-4 text-center">
      <h2 className="mb-1 text-lg font-semibold">{t("events.pass.title")}</h2>
      <p className="mb-3 text-sm text-slate-600 print:hidden">{t("events.pass.hint")}</p>
      <div
        role="img"
        aria-label={t("events.pass.qr_label", { title })}
        data-testid="event-pass-qr"
        className="mx-auto aspect-square w-64 max-w-full bg-white"
        // biome-ignore lint/security/noDangerouslySetInnerHtml: the SVG is drawn by our own QR writer from a token we signed
        dangerouslySetInnerHTML={{ __html: svg }}
      />
      <p className="mt-2 font-mono text-xl tracking-widest" data-testid="event-pass-code">
        {t("events.pass.code", { code })}
      </p>
      {printable ? (
        <a href={printable} className="mt-2 inline-flex min-h-11 items-center text-brand-600 underline print:hidden">
          {t("events.pass.printable")}
        </a>
      ) : null}
    </Card>
  );
}

export type EventValues = Record<
  | "kind"
  | "title"
  | "description"
  | "venueName"
  | "venueAddress"
  | "startsLocal"
  | "endsLocal"
  | "timeZone"
  | "capacity"
  | "regions"
  | "points",
  string
> & { targetRoles: readonly string[] };

/** The organiser's form: the webinar form's shape with a venue and an end instead of a link and a duration. */
export function EventFields({ values, errors }: { values: EventValues; errors: FieldErrors }) {
  const t = useT();
  return (
    <div className="grid gap-x-4 md:grid-cols-2">
      <SelectField
        label={t("events.field.kind")}
        name="kind"
        defaultValue={values.kind}
        errors={errors}
        options={EVENT_KINDS.map((k) => ({ value: k, label: t(`events.kind.${k}`) }))}
      />
      <TextField label={t("training.field.title")} name="title" defaultValue={values.title} errors={errors} />
      <TextField label={t("events.field.venue_name")} name="venueName" defaultValue={values.venueName} errors={errors} />
      <TextField label={t("events.field.venue_address")} name="venueAddress" defaultValue={values.venueAddress} errors={errors} />
      <TextField
        label={t("events.field.starts")}
        name="startsLocal"
        type="datetime-local"
        defaultValue={values.startsLocal}
        errors={errors}
      />
      <TextField label={t("events.field.ends")} name="endsLocal" type="datetime-local" defaultValue={values.endsLocal} errors={errors} />
      <TextField
        label={t("training.field.time_zone")}
        name="timeZone"
        defaultValue={values.timeZone}
        errors={errors}
        hint={t("events.field.time_zone_hint")}
      />
      <TextField label={t("events.field.capacity")} name="capacity" inputMode="numeric" defaultValue={values.capacity} errors={errors} />
      <AttendanceFields values={values} errors={errors} />
    </div>
  );
}
