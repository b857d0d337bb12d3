import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db, Queryable, Tx } from "@db/client";
import { eventRegistrations, events, ledgerEntries, type InPersonEvent, users } from "@db/schema";
import { notify } from "~/domain/notifications/notify.server";
import { icsEvent, zonedToUtc } from "~/domain/training/calendar";
import { type Actor, isManufacturer } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { config } from "~/lib/config.server";
import { UserError, notFoundError } from "~/lib/errors";
import { existingId, isId } from "~/lib/ids";
import type { EventInput } from "./forms";
import { newCheckInCode } from "./pass.server";

const MINUTE = 60_000;

export function eventPath(id: string) {
  return `/learn/events/${id}`;
}

export function durationMinutes(e: Pick<InPersonEvent, "startsAt" | "endsAt">) {
  return Math.round((e.endsAt.getTime() - e.startsAt.getTime()) / MINUTE);
}

/** Partner people see the events aimed at their role and region (empty lists mean everyone), as for webinars. */
function eligibleSql(actor: Actor) {
  if (isManufacturer(actor)) return undefined;
  return sql`(cardinality(${events.targetRoles}) = 0 or ${actor.role}::role = any(${events.targetRoles}))
    and (cardinality(${events.regions}) = 0 or ${actor.region} = any(${events.regions}))`;
}

/* ------------------------------------------------------------------ organiser */

export async function createEvent(db: Db, actor: Actor, input: EventInput, now = new Date()) {
  const startsAt = zonedToUtc(input.startsLocal, input.timeZone);
  if (!startsAt) throw new UserError("errors.training.datetime", "startsLocal");
  const endsAt = zonedToUtc(input.endsLocal, input.timeZone);
  if (!endsAt) throw new UserError("errors.training.datetime", "endsLocal");
  if (startsAt <= now) throw new UserError("events.errors.in_past", "startsLocal");
  if (endsAt <= startsAt) throw new UserError("events.errors.ends_before", "endsLocal");
  const { startsLocal: _s, endsLocal: _e, ...rest } = input;
  return db.transaction(async (tx) => {
    const [event] = await tx
      .insert(events)
      .values({ ...rest, startsAt, endsAt, createdBy: actor.id })
      .returning();
    await recordAudit(tx, {
      actor,
      action: "event.created",
      entityType: "event",
      entityId: event.id,
      details: { title: event.title, kind: event.kind, capacity: event.capacity, points: event.points },
    });
    return event;
  });
}

/** Locks an event for the organiser (every event), or 404. */
async function lockEvent(tx: Tx, id: string) {
  const [event] = await tx
    .select()
    .from(events)
    .where(eq(events.id, existingId(id)))
    .for("update");
  if (!event) throw notFoundError();
  return event;
}

/** Everyone holding a seat or waiting, to be told when the event changes or is called off. */
/** Everyone with a seat or a place on the waiting list, with what they hold, to be told of a change. */
async function peopleOnTheList(tx: Tx, eventId: string) {
  return tx
    .select({ userId: eventRegistrations.userId, name: users.name, status: eventRegistrations.status })
    .from(eventRegistrations)
    .innerJoin(users, eq(users.id, eventRegistrations.userId))
    .where(and(eq(eventRegistrations.eventId, eventId), inArray(eventRegistrations.status, ["registered", "waitlisted"])));
}

/** What the change and cancellation emails say: the event as it now stands, in its own zone. */
function eventEmailProps(event: InPersonEvent, person: { name: string; status: string }) {
  return {
    name: person.name,
    title: event.title,
    startsAt: event.startsAt.toISOString(),
    timeZone: event.timeZone,
    venueName: event.venueName,
    venueAddress: event.venueAddress,
    seat: person.status === "registered",
    url: `${config.publicUrl}${eventPath(event.id)}`,
    icsUrl: `${config.publicUrl}${eventPath(event.id)}/ics`,
  };
}

/**
 * The organiser changes an event that has not started. The same rules as creating it hold; the
 * capacity may not fall below the seats already taken (nobody loses a seat), and a higher
 * capacity seats the waiting list at once, first come first served. When the time or the venue
 * changes, everyone registered or waiting is told in the same transaction. Audit-logged with what
 * changed.
 */
export async function updateEvent(db: Db, actor: Actor, id: string, input: EventInput, now = new Date()) {
  const startsAt = zonedToUtc(input.startsLocal, input.timeZone);
  if (!startsAt) throw new UserError("errors.training.datetime", "startsLocal");
  const endsAt = zonedToUtc(input.endsLocal, input.timeZone);
  if (!endsAt) throw new UserError("errors.training.datetime", "endsLocal");
  if (endsAt <= startsAt) throw new UserError("events.errors.ends_before", "endsLocal");
  const { startsLocal: _s, endsLocal: _e, ...rest } = input;
  return db.transaction(async (tx) => {
    const event = await lockEvent(tx, id);
    if (event.cancelledAt) throw new UserError("events.errors.cancelled", undefined, undefined, 409);
    if (event.startsAt <= now) throw new UserError("events.errors.started_edit", undefined, undefined, 409);
    if (startsAt <= now) throw new UserError("events.errors.in_past", "startsLocal");
    if (rest.capacity < event.seatsTaken) throw new UserError("events.errors.capacity_below", "capacity", { count: event.seatsTaken });
    const moved =
      startsAt.getTime() !== event.startsAt.getTime() ||
      endsAt.getTime() !== event.endsAt.getTime() ||
      rest.venueName !== event.venueName ||
      rest.venueAddress !== event.venueAddress;
    const [updated] = await tx
      .update(events)
      .set({ ...rest, startsAt, endsAt })
      .where(eq(events.id, event.id))
      .returning();
    const seated: string[] = [];
    for (let free = updated.capacity - updated.seatsTaken; free > 0; free--) {
      const userId = await promoteNext(tx, updated, now);
      if (!userId) break;
      seated.push(userId);
    }
    const told = moved ? await peopleOnTheList(tx, event.id) : [];
    for (const person of told)
      await notify(tx, {
        userId: person.userId,
        topic: "training",
        titleKey: "events.notice.changed",
        vars: { title: updated.title },
        link: eventPath(event.id),
        email: { template: "event_changed", props: eventEmailProps(updated, person) },
      });
    const changed = (Object.keys(rest) as Array<keyof typeof rest>).filter((k) => String(rest[k]) !== String(event[k]));
    if (startsAt.getTime() !== event.startsAt.getTime()) changed.push("startsAt" as never);
    if (endsAt.getTime() !== event.endsAt.getTime()) changed.push("endsAt" as never);
    await recordAudit(tx, {
      actor,
      action: "event.updated",
      entityType: "event",
      entityId: event.id,
      details: { title: updated.title, changed, capacity: updated.capacity, seated: seated.length, told: told.length },
    });
    return { told: told.length, seated: seated.length };
  });
}

/**
 * The organiser calls an event off before it ends: it stays listed as cancelled, nobody can
 * register or check in, and everyone registered or waiting is told in the same transaction.
 * Calling it off twice changes nothing. Audit-logged.
 */
export async function cancelEvent(db: Db, actor: Actor, id: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const event = await lockEvent(tx, id);
    if (event.cancelledAt) return { told: 0 };
    if (event.endsAt <= now) throw new UserError("events.errors.over", undefined, undefined, 409);
    await tx.update(events).set({ cancelledAt: now }).where(eq(events.id, event.id));
    const told = await peopleOnTheList(tx, event.id);
    for (const person of told)
      await notify(tx, {
        userId: person.userId,
        topic: "training",
        titleKey: "events.notice.cancelled",
        vars: { title: event.title },
        link: eventPath(event.id),
        email: { template: "event_cancelled", props: eventEmailProps(event, person) },
      });
    await recordAudit(tx, {
      actor,
      action: "event.cancelled",
      entityType: "event",
      entityId: event.id,
      details: { title: event.title, told: told.length },
    });
    return { told: told.length };
  });
}

/** An event with its counts, for the organiser's pages (manufacturer staff see every event). */
export async function getEventForOrganiser(db: Queryable, id: string) {
  if (!isId(id)) return null;
  const [row] = await db
    .select({
      event: events,
      waitlisted: sql<number>`(select count(*)::int from event_registrations r where r.event_id = ${events.id} and r.status = 'waitlisted')`,
      checkedIn: sql<number>`(select count(*)::int from event_registrations r where r.event_id = ${events.id} and r.checked_in_at is not null)`,
    })
    .from(events)
    .where(eq(events.id, id));
  return row ? { ...row.event, waitlisted: row.waitlisted, checkedIn: row.checkedIn } : null;
}

/* ------------------------------------------------------------------ participants */

const myRegistration = (actor: Actor) => ({
  myStatus: sql<string | null>`(select r.status from event_registrations r where r.event_id = ${events.id} and r.user_id = ${actor.id})`,
  myCheckedInAt: sql<
    string | null
  >`(select r.checked_in_at from event_registrations r where r.event_id = ${events.id} and r.user_id = ${actor.id})`,
});

/** The events a person may see, soonest first, with their own registration. */
export async function listEventsFor(db: Queryable, actor: Actor) {
  const rows = await db
    .select({ event: events, ...myRegistration(actor) })
    .from(events)
    .where(eligibleSql(actor))
    .orderBy(asc(events.startsAt));
  return rows.map((r) => ({
    ...r.event,
    myStatus: r.myStatus,
    checkedIn: r.myCheckedInAt !== null,
  }));
}

/** One event as the person sees it: their place (seat, queue position), their code and any points it gave. */
export async function getEventFor(db: Queryable, actor: Actor, id: string) {
  if (!isId(id)) return null;
  const [event] = await db
    .select()
    .from(events)
    .where(and(eq(events.id, id), eligibleSql(actor)));
  if (!event) return null;
  const [mine] = await db
    .select({
      status: eventRegistrations.status,
      checkInCode: eventRegistrations.checkInCode,
      checkedInAt: eventRegistrations.checkedInAt,
      queuedAt: eventRegistrations.queuedAt,
    })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.userId, actor.id)));
  // A place in the queue: how many of this event's waiting people queued before (or with) this one.
  const position =
    mine?.status === "waitlisted"
      ? (
          await db
            .select({ n: sql<number>`count(*)::int` })
            .from(eventRegistrations)
            .where(
              and(
                eq(eventRegistrations.eventId, event.id),
                eq(eventRegistrations.status, "waitlisted"),
                lte(eventRegistrations.queuedAt, mine.queuedAt),
              ),
            )
        )[0].n
      : null;
  const [credit] = await db
    .select({ amount: ledgerEntries.amount })
    .from(ledgerEntries)
    .where(
      and(
        eq(ledgerEntries.userId, actor.id),
        eq(ledgerEntries.kind, "earn"),
        eq(ledgerEntries.sourceType, "event"),
        eq(ledgerEntries.sourceId, event.id),
      ),
    );
  const active = mine && mine.status !== "cancelled" ? { ...mine, position } : null;
  return { event, registration: active, pointsCredited: credit?.amount ?? 0 };
}

async function lockEligibleEvent(tx: Tx, actor: Actor, id: string) {
  const [event] = await tx
    .select()
    .from(events)
    .where(and(eq(events.id, existingId(id)), eligibleSql(actor)))
    .for("update");
  if (!event) throw notFoundError();
  return event;
}

/**
 * Takes a seat, or a place on the waiting list when every seat is taken. The event row is locked,
 * so registrations for one event queue here; the seat itself is one guarded UPDATE
 * (`seats_taken < capacity`) and the CHECK `seats_taken <= capacity` has the database refuse an
 * overbooking even if this code were wrong. Registering twice changes nothing.
 */
export async function registerForEvent(db: Db, actor: Actor, id: string, now = new Date()) {
  if (isManufacturer(actor)) throw new UserError("training.participants_only", undefined, undefined, 403);
  return db.transaction(async (tx) => {
    const event = await lockEligibleEvent(tx, actor, id);
    if (event.cancelledAt) throw new UserError("events.errors.cancelled", undefined, undefined, 409);
    if (event.startsAt <= now) throw new UserError("events.errors.started", undefined, undefined, 409);
    const [existing] = await tx
      .select({ status: eventRegistrations.status })
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.userId, actor.id)));
    if (existing && existing.status !== "cancelled") return { status: existing.status, already: true };
    const [seat] = await tx
      .update(events)
      .set({ seatsTaken: sql`${events.seatsTaken} + 1` })
      .where(and(eq(events.id, event.id), sql`${events.seatsTaken} < ${events.capacity}`))
      .returning({ id: events.id });
    const status = seat ? ("registered" as const) : ("waitlisted" as const);
    await tx
      .insert(eventRegistrations)
      .values({
        eventId: event.id,
        userId: actor.id,
        organisationId: actor.organisationId,
        status,
        queuedAt: now,
        checkInCode: newCheckInCode(),
      })
      .onConflictDoUpdate({
        target: [eventRegistrations.eventId, eventRegistrations.userId],
        set: { status, queuedAt: now, cancelledAt: null, promotedAt: null },
      });
    await notify(tx, {
      userId: actor.id,
      topic: "training",
      titleKey: seat ? "events.notice.registered" : "events.notice.waitlisted",
      vars: { title: event.title },
      link: eventPath(event.id),
    });
    return { status, already: false };
  });
}

/**
 * Gives a seat (or a place in the queue) back, up to the start. A freed seat goes at once to the
 * first person waiting, in the same transaction, and they are told.
 */
export async function cancelEventRegistration(db: Db, actor: Actor, id: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const event = await lockEligibleEvent(tx, actor, id);
    if (event.startsAt <= now) throw new UserError("events.errors.started_cancel", undefined, undefined, 409);
    // The event row lock above serialises this person's register and cancel, so reading then writing is safe.
    const [mine] = await tx
      .select({ status: eventRegistrations.status, checkedInAt: eventRegistrations.checkedInAt })
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.userId, actor.id)));
    if (!mine || mine.status === "cancelled") return { promoted: null };
    // Doors open before the start: someone already checked in has come, and keeps their seat.
    if (mine.checkedInAt) throw new UserError("events.errors.checked_in_cancel", undefined, undefined, 409);
    await tx
      .update(eventRegistrations)
      .set({ status: "cancelled", cancelledAt: now })
      .where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.userId, actor.id)));
    if (mine.status !== "registered") return { promoted: null };
    await tx
      .update(events)
      .set({ seatsTaken: sql`${events.seatsTaken} - 1` })
      .where(eq(events.id, event.id));
    const promoted = await promoteNext(tx, event, now);
    return { promoted };
  });
}

/** The first person waiting gets the free seat, inside the caller's transaction (the event row is locked). */
async function promoteNext(tx: Tx, event: InPersonEvent, now: Date) {
  const [next] = await tx
    .select({ userId: eventRegistrations.userId })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.status, "waitlisted")))
    .orderBy(asc(eventRegistrations.queuedAt), asc(eventRegistrations.userId))
    .limit(1);
  if (!next) return null;
  const [seat] = await tx
    .update(events)
    .set({ seatsTaken: sql`${events.seatsTaken} + 1` })
    .where(and(eq(events.id, event.id), sql`${events.seatsTaken} < ${events.capacity}`))
    .returning({ id: events.id });
  if (!seat) return null;
  await tx
    .update(eventRegistrations)
    .set({ status: "registered", promotedAt: now })
    .where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.userId, next.userId)));
  await notify(tx, {
    userId: next.userId,
    topic: "training",
    titleKey: "events.notice.promoted",
    vars: { title: event.title },
    link: eventPath(event.id),
  });
  return next.userId;
}

/** The .ics file of an event the person may see: the venue as the location. */
export async function eventCalendar(db: Queryable, actor: Actor, id: string) {
  const found = await getEventFor(db, actor, id);
  if (!found) return null;
  const { event } = found;
  return icsEvent({
    uid: `event-${event.id}@${new URL(config.publicUrl).hostname}`,
    start: event.startsAt,
    durationMinutes: durationMinutes(event),
    summary: event.title,
    description: event.description || undefined,
    location: `${event.venueName}, ${event.venueAddress}`,
    url: `${config.publicUrl}${eventPath(event.id)}`,
    cancelled: !!event.cancelledAt,
  });
}
