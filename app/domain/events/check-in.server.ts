import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { rowsOf, type Db, type Queryable } from "@db/client";
import { eventRegistrations, events, organisations, users } from "@db/schema";
import { creditPoints } from "~/domain/points/ledger.server";
import { notify } from "~/domain/notifications/notify.server";
import { utcToZoned } from "~/domain/training/calendar";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { UserError, notFoundError } from "~/lib/errors";
import { existingId } from "~/lib/ids";
import { eventPath } from "./events.server";
import { normaliseCheckInCode, readPassToken } from "./pass.server";

const HOUR = 3_600_000;
/** The door opens this long before the start and stays open this long after the end. */
export const DOORS_OPEN_HOURS = 3;
export const DOORS_CLOSE_HOURS = 2;

export type CheckInResult = {
  name: string;
  organisation: string;
  /** "10:02", the venue's wall clock. */
  at: string;
  already: boolean;
  points: number;
};

/**
 * The door: a scanned pass or a typed code checks one registered person in. `checked_in_at` is
 * set by one guarded UPDATE (`... where checked_in_at is null`), so of any number of scans at once
 * exactly one succeeds; the others are told when the person was checked in and credit nothing.
 * Points go through the ledger with the event as source, whose unique key is a second guard.
 */
export async function checkIn(db: Db, actor: Actor, eventId: string, scanned: string, now = new Date()): Promise<CheckInResult> {
  return db.transaction(async (tx) => {
    const [event] = await tx
      .select()
      .from(events)
      .where(eq(events.id, existingId(eventId)));
    if (!event) throw notFoundError();
    if (event.cancelledAt) throw new UserError("events.errors.cancelled", "code", undefined, 409);
    if (now.getTime() < event.startsAt.getTime() - DOORS_OPEN_HOURS * HOUR)
      throw new UserError("events.checkin.not_open", "code", { hours: DOORS_OPEN_HOURS }, 409);
    if (now.getTime() > event.endsAt.getTime() + DOORS_CLOSE_HOURS * HOUR)
      throw new UserError("events.checkin.closed", "code", undefined, 409);

    const userId = readPassToken(event.id, scanned);
    const who = userId
      ? eq(eventRegistrations.userId, userId)
      : eq(eventRegistrations.checkInCode, normaliseCheckInCode(scanned).slice(0, 16));
    const [reg] = await tx
      .select({
        userId: eventRegistrations.userId,
        organisationId: eventRegistrations.organisationId,
        status: eventRegistrations.status,
        name: users.name,
        organisation: organisations.name,
      })
      .from(eventRegistrations)
      .innerJoin(users, eq(users.id, eventRegistrations.userId))
      .innerJoin(organisations, eq(organisations.id, eventRegistrations.organisationId))
      .where(and(eq(eventRegistrations.eventId, event.id), who));
    if (!reg || reg.status === "cancelled") throw new UserError("events.checkin.unknown", "code", undefined, 404);
    if (reg.status === "waitlisted") throw new UserError("events.checkin.waitlisted", "code", { name: reg.name }, 409);

    const [done] = await tx
      .update(eventRegistrations)
      .set({ checkedInAt: now, checkedInBy: actor.id })
      .where(
        and(
          eq(eventRegistrations.eventId, event.id),
          eq(eventRegistrations.userId, reg.userId),
          eq(eventRegistrations.status, "registered"),
          isNull(eventRegistrations.checkedInAt),
        ),
      )
      .returning({ checkedInAt: eventRegistrations.checkedInAt });
    const base = { name: reg.name, organisation: reg.organisation };
    if (!done) {
      const [earlier] = await tx
        .select({ checkedInAt: eventRegistrations.checkedInAt })
        .from(eventRegistrations)
        .where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.userId, reg.userId)));
      return { ...base, at: utcToZoned(earlier.checkedInAt!, event.timeZone).slice(11, 16), already: true, points: 0 };
    }
    let points = 0;
    if (event.points > 0) {
      const credit = await creditPoints(tx, {
        userId: reg.userId,
        organisationId: reg.organisationId,
        kind: "earn",
        sourceType: "event",
        sourceId: event.id,
        amount: event.points,
        applyCap: true,
        descriptionKey: "events.desc.attended",
        descriptionVars: { title: event.title },
        calculation: [{ key: "events.calc.attended", vars: { title: event.title, points: event.points } }],
        createdBy: actor.id,
      });
      points = credit.credited;
    }
    await notify(tx, {
      userId: reg.userId,
      topic: "training",
      titleKey: points ? "events.notice.checked_in_points" : "events.notice.checked_in",
      vars: { title: event.title, count: points },
      link: eventPath(event.id),
    });
    await recordAudit(tx, {
      actor,
      action: "event.checked_in",
      entityType: "event",
      entityId: event.id,
      details: { userId: reg.userId, points, by: userId ? "qr" : "code" },
    });
    return { ...base, at: utcToZoned(now, event.timeZone).slice(11, 16), already: false, points };
  });
}

/** Per partner: seats, queue and who came. Manufacturer staff only (the organiser's page). */
export async function attendanceByPartner(db: Queryable, eventId: string) {
  return rowsOf<{ organisation_id: string; organisation: string; registered: number; waitlisted: number; checked_in: number }>(
    await db.execute(sql`
      select o.id as organisation_id, o.name as organisation,
        count(*) filter (where r.status = 'registered')::int as registered,
        count(*) filter (where r.status = 'waitlisted')::int as waitlisted,
        count(*) filter (where r.checked_in_at is not null)::int as checked_in
      from event_registrations r join organisations o on o.id = r.organisation_id
      where r.event_id = ${eventId} and r.status <> 'cancelled'
      group by o.id, o.name
      order by o.name`),
  );
}

/** Everyone registered or waiting, by partner then name: the roster and the CSV. */
export async function eventRoster(db: Queryable, eventId: string) {
  return db
    .select({
      organisation: organisations.name,
      name: users.name,
      email: users.email,
      phone: users.phone,
      status: eventRegistrations.status,
      checkedInAt: eventRegistrations.checkedInAt,
    })
    .from(eventRegistrations)
    .innerJoin(users, eq(users.id, eventRegistrations.userId))
    .innerJoin(organisations, eq(organisations.id, eventRegistrations.organisationId))
    .where(and(eq(eventRegistrations.eventId, eventId), sql`${eventRegistrations.status} <> 'cancelled'`))
    .orderBy(asc(organisations.name), asc(users.name));
}
