import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { rowsOf, type Db, type Queryable, type Tx } from "@db/client";
import {
  organisations,
  users,
  webinarAttendance,
  webinarImports,
  webinarRegistrations,
  webinars,
  type ImportRowReport,
  type Webinar,
} from "@db/schema";
import { creditPoints } from "~/domain/points/ledger.server";
import { notify } from "~/domain/notifications/notify.server";
import { type Actor, isManufacturer } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { config } from "~/lib/config.server";
import { UserError, notFoundError } from "~/lib/errors";
import { isId } from "~/lib/ids";
import { parseAttendeeCsv } from "./attendee-csv";
import { icsEvent, zonedToUtc } from "./calendar";
import { existingId } from "~/lib/ids";
import type { WebinarInput } from "./forms";
import { contentLocale, localise } from "~/domain/content/translations.server";

const MINUTE = 60_000;
/** Codes are accepted from the start until this long after the scheduled end (late joiners, overruns). */
export const CODE_GRACE_MINUTES = 15;
const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

function newAttendanceCode() {
  return [...randomBytes(6)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}

export function normaliseCode(code: string) {
  return code.toUpperCase().replace(/[\s-]/g, "");
}

export function endsAt(w: Pick<Webinar, "startsAt" | "durationMinutes">) {
  return new Date(w.startsAt.getTime() + w.durationMinutes * MINUTE);
}

export function codeWindow(w: Pick<Webinar, "startsAt" | "durationMinutes">) {
  return { opens: w.startsAt, closes: new Date(endsAt(w).getTime() + CODE_GRACE_MINUTES * MINUTE) };
}

/** Partner people see the webinars aimed at their role and region (empty lists mean everyone). */
function eligibleSql(actor: Actor) {
  if (isManufacturer(actor)) return undefined;
  return sql`(cardinality(${webinars.targetRoles}) = 0 or ${actor.role}::role = any(${webinars.targetRoles}))
    and (cardinality(${webinars.regions}) = 0 or ${actor.region} = any(${webinars.regions}))`;
}

function toValues(input: WebinarInput) {
  const startsAt = zonedToUtc(input.startsLocal, input.timeZone);
  if (!startsAt) throw new UserError("errors.training.datetime", "startsLocal");
  const { startsLocal: _local, ...rest } = input;
  return { ...rest, startsAt };
}

/* ------------------------------------------------------------------ trainer */

export async function createWebinar(db: Db, actor: Actor, input: WebinarInput) {
  const values = toValues(input);
  if (values.startsAt.getTime() < Date.now()) throw new UserError("training.webinar.in_past", "startsLocal");
  return db.transaction(async (tx) => {
    const [webinar] = await tx
      .insert(webinars)
      .values({ ...values, attendanceCode: newAttendanceCode(), createdBy: actor.id })
      .returning();
    await recordAudit(tx, {
      actor,
      action: "webinar.created",
      entityType: "webinar",
      entityId: webinar.id,
      details: { title: webinar.title, points: webinar.points },
    });
    return webinar;
  });
}

export async function updateWebinar(db: Db, actor: Actor, id: string, input: WebinarInput) {
  const current = await getWebinarForTrainer(db, id);
  if (!current) throw notFoundError();
  const values = toValues(input);
  // Shrinking capacity below the seats already taken would strand people; refuse it.
  if (values.capacity !== null && values.capacity < current.registered)
    throw new UserError("training.webinar.capacity_below", "capacity", { count: current.registered });
  await db.transaction(async (tx) => {
    await tx.update(webinars).set(values).where(eq(webinars.id, id));
    await recordAudit(tx, {
      actor,
      action: "webinar.updated",
      entityType: "webinar",
      entityId: id,
      details: { title: values.title, startsAt: values.startsAt.toISOString() },
    });
  });
}

export async function setRecording(db: Db, actor: Actor, id: string, recordingUrl: string | null) {
  const w = await getWebinarForTrainer(db, id);
  if (!w) throw notFoundError();
  if (recordingUrl && w.startsAt.getTime() > Date.now()) throw new UserError("training.webinar.recording_after", "recordingUrl");
  await db.update(webinars).set({ recordingUrl }).where(eq(webinars.id, w.id));
}

export async function getWebinarForTrainer(db: Queryable, id: string) {
  if (!isId(id)) return null;
  const [row] = await db
    .select({
      webinar: webinars,
      registered: sql<number>`(select count(*)::int from webinar_registrations r where r.webinar_id = ${webinars.id} and r.status = 'registered')`,
      attended: sql<number>`(select count(*)::int from webinar_attendance a where a.webinar_id = ${webinars.id})`,
    })
    .from(webinars)
    .where(eq(webinars.id, id));
  if (!row) return null;
  return { ...row.webinar, registered: row.registered, attended: row.attended };
}

/**
 * Calls a webinar off: it stays listed as cancelled, no reminders go out, and everyone still
 * registered is told (in-app and by email) in the same transaction. Audit-logged.
 */
export async function cancelWebinar(db: Db, actor: Actor, id: string, now = new Date()) {
  await db.transaction(async (tx) => {
    const [w] = await tx
      .select()
      .from(webinars)
      .where(eq(webinars.id, existingId(id)))
      .for("update");
    if (!w) throw notFoundError();
    if (w.cancelledAt) return;
    if (endsAt(w) <= now) throw new UserError("training.webinar.over", undefined, undefined, 409);
    await tx.update(webinars).set({ cancelledAt: now }).where(eq(webinars.id, w.id));
    const registered = await tx
      .select({ userId: webinarRegistrations.userId, name: users.name })
      .from(webinarRegistrations)
      .innerJoin(users, eq(users.id, webinarRegistrations.userId))
      .where(and(eq(webinarRegistrations.webinarId, w.id), eq(webinarRegistrations.status, "registered")));
    for (const r of registered) {
      await notify(tx, {
        userId: r.userId,
        topic: "training",
        titleKey: "training.notice.cancelled",
        vars: { title: w.title },
        link: `/learn/webinars/${w.id}`,
        email: { template: "webinar_cancelled", props: webinarEmailProps(w, r.name) },
      });
    }
    await recordAudit(tx, {
      actor,
      action: "webinar.cancelled",
      entityType: "webinar",
      entityId: w.id,
      details: { title: w.title, registered: registered.length },
    });
  });
}

/** Registered people and attendees of one webinar, for the trainer. */
export async function webinarRoster(db: Queryable, id: string) {
  return rowsOf<{
    user_id: string;
    name: string;
    email: string;
    organisation: string;
    status: string | null;
    method: string | null;
    minutes: number | null;
  }>(
    await db.execute(sql`
      select u.id as user_id, u.name, u.email, o.name as organisation, r.status, a.method, a.minutes
      from users u join organisations o on o.id = u.organisation_id
      left join webinar_registrations r on r.user_id = u.id and r.webinar_id = ${id}
      left join webinar_attendance a on a.user_id = u.id and a.webinar_id = ${id}
      where r.user_id is not null or a.user_id is not null
      order by o.name, u.name`),
  );
}

export async function listImports(db: Queryable, webinarId: string) {
  return db.select().from(webinarImports).where(eq(webinarImports.webinarId, webinarId)).orderBy(desc(webinarImports.createdAt));
}

/** Attendance per webinar for the trainer's overview. */
export async function webinarAttendanceReport(db: Queryable) {
  return db
    .select({
      id: webinars.id,
      title: webinars.title,
      startsAt: webinars.startsAt,
      timeZone: webinars.timeZone,
      capacity: webinars.capacity,
      cancelledAt: webinars.cancelledAt,
      recordingUrl: webinars.recordingUrl,
      registered: sql<number>`(select count(*)::int from webinar_registrations r where r.webinar_id = ${webinars.id} and r.status = 'registered')`,
      attended: sql<number>`(select count(*)::int from webinar_attendance a where a.webinar_id = ${webinars.id})`,
      byCode: sql<number>`(select count(*)::int from webinar_attendance a where a.webinar_id = ${webinars.id} and a.method = 'code')`,
    })
    .from(webinars)
    .orderBy(desc(webinars.startsAt));
}

/* ------------------------------------------------------------------ participants */

export async function listWebinarsFor(db: Queryable, actor: Actor) {
  const rows = await db
    .select({
      id: webinars.id,
      title: webinars.title,
      speaker: webinars.speaker,
      startsAt: webinars.startsAt,
      timeZone: webinars.timeZone,
      durationMinutes: webinars.durationMinutes,
      points: webinars.points,
      capacity: webinars.capacity,
      cancelledAt: webinars.cancelledAt,
      recordingUrl: webinars.recordingUrl,
      registered: sql<boolean>`exists (select 1 from webinar_registrations r where r.webinar_id = ${webinars.id} and r.user_id = ${actor.id} and r.status = 'registered')`,
      attended: sql<boolean>`exists (select 1 from webinar_attendance a where a.webinar_id = ${webinars.id} and a.user_id = ${actor.id})`,
      seatsTaken: sql<number>`(select count(*)::int from webinar_registrations r where r.webinar_id = ${webinars.id} and r.status = 'registered')`,
    })
    .from(webinars)
    .where(eligibleSql(actor))
    .orderBy(asc(webinars.startsAt));
  // Titles in the reader's language where translated (issue 18).
  return localise(db, "webinar", rows, ["title"], contentLocale(actor));
}

export async function getWebinarFor(db: Queryable, actor: Actor, id: string) {
  if (!isId(id)) return null;
  const [row] = await db
    .select({
      webinar: webinars,
      seatsTaken: sql<number>`(select count(*)::int from webinar_registrations r where r.webinar_id = ${webinars.id} and r.status = 'registered')`,
      registered: sql<boolean>`exists (select 1 from webinar_registrations r where r.webinar_id = ${webinars.id} and r.user_id = ${actor.id} and r.status = 'registered')`,
      attended: sql<boolean>`exists (select 1 from webinar_attendance a where a.webinar_id = ${webinars.id} and a.user_id = ${actor.id})`,
    })
    .from(webinars)
    .where(and(eq(webinars.id, id), eligibleSql(actor)));
  if (!row) return null;
  const { attendanceCode: _secret, ...stored } = row.webinar;
  const [webinar] = await localise(db, "webinar", [stored], ["title", "description"], contentLocale(actor));
  return { webinar, seatsTaken: row.seatsTaken, registered: row.registered, attended: row.attended };
}

/** Locks the webinar row: registrations for one webinar queue here, so the seat count is exact. */
async function lockEligibleWebinar(tx: Tx, actor: Actor, id: string) {
  const [w] = await tx
    .select()
    .from(webinars)
    .where(and(eq(webinars.id, existingId(id)), eligibleSql(actor)))
    .for("update");
  if (!w) throw notFoundError();
  return w;
}

/**
 * Takes a seat. The webinar row is locked, then the seats are counted and the registration
 * written in the same transaction, so concurrent registrations never exceed the capacity.
 * Registering twice is a no-op.
 */
export async function registerForWebinar(db: Db, actor: Actor, id: string, now = new Date()) {
  if (isManufacturer(actor)) throw new UserError("training.participants_only", undefined, undefined, 403);
  return db.transaction(async (tx) => {
    const w = await lockEligibleWebinar(tx, actor, id);
    if (w.cancelledAt) throw new UserError("training.webinar.cancelled", undefined, undefined, 409);
    if (endsAt(w) <= now) throw new UserError("training.webinar.over", undefined, undefined, 409);
    const [existing] = await tx
      .select({ status: webinarRegistrations.status })
      .from(webinarRegistrations)
      .where(and(eq(webinarRegistrations.webinarId, w.id), eq(webinarRegistrations.userId, actor.id)));
    if (existing?.status === "registered") return { already: true };
    if (w.capacity !== null) {
      const [{ taken }] = await tx
        .select({ taken: sql<number>`count(*)::int` })
        .from(webinarRegistrations)
        .where(and(eq(webinarRegistrations.webinarId, w.id), eq(webinarRegistrations.status, "registered")));
      if (taken >= w.capacity) throw new UserError("training.webinar.full", undefined, undefined, 409);
    }
    await tx
      .insert(webinarRegistrations)
      .values({ webinarId: w.id, userId: actor.id, organisationId: actor.organisationId, status: "registered", registeredAt: now })
      .onConflictDoUpdate({
        target: [webinarRegistrations.webinarId, webinarRegistrations.userId],
        set: { status: "registered", registeredAt: now, cancelledAt: null },
      });
    await notify(tx, {
      userId: actor.id,
      topic: "training",
      titleKey: "training.notice.registered",
      vars: { title: w.title },
      link: `/learn/webinars/${w.id}`,
      email: { template: "webinar_registered", props: webinarEmailProps(w, actor.name) },
    });
    return { already: false };
  });
}

export function webinarEmailProps(w: Webinar, name: string) {
  return {
    name,
    title: w.title,
    speaker: w.speaker,
    startsAt: w.startsAt.toISOString(),
    timeZone: w.timeZone,
    durationMinutes: w.durationMinutes,
    joinUrl: w.joinUrl,
    url: `${config.publicUrl}/learn/webinars/${w.id}`,
    icsUrl: `${config.publicUrl}/learn/webinars/${w.id}/ics`,
  };
}

/** Gives the seat back, up to the start; afterwards there is nothing to cancel. */
export async function cancelRegistration(db: Db, actor: Actor, id: string, now = new Date()) {
  await db.transaction(async (tx) => {
    const w = await lockEligibleWebinar(tx, actor, id);
    if (w.startsAt <= now) throw new UserError("training.webinar.started", undefined, undefined, 409);
    await tx
      .update(webinarRegistrations)
      .set({ status: "cancelled", cancelledAt: now })
      .where(
        and(
          eq(webinarRegistrations.webinarId, w.id),
          eq(webinarRegistrations.userId, actor.id),
          eq(webinarRegistrations.status, "registered"),
        ),
      );
  });
}

/**
 * Records one attendance and credits the webinar's points, inside the caller's transaction.
 * The attendance key (webinar, person) and the ledger key ('webinar', webinar id) each make a
 * second recording a no-op, by code or by import.
 */
async function recordAttendance(
  tx: Tx,
  w: Webinar,
  person: { userId: string; organisationId: string },
  how: { method: "code" | "import"; minutes: number | null; recordedBy: string },
) {
  const [row] = await tx
    .insert(webinarAttendance)
    .values({
      webinarId: w.id,
      userId: person.userId,
      organisationId: person.organisationId,
      method: how.method,
      minutes: how.minutes,
      recordedBy: how.recordedBy,
    })
    .onConflictDoNothing()
    .returning({ userId: webinarAttendance.userId });
  if (!row) return { recorded: false, points: 0 };
  let points = 0;
  if (w.points > 0) {
    const credit = await creditPoints(tx, {
      ...person,
      kind: "earn",
      sourceType: "webinar",
      sourceId: w.id,
      amount: w.points,
      applyCap: true,
      descriptionKey: "training.desc.webinar",
      descriptionVars: { title: w.title },
      calculation: [
        {
          key: how.method === "code" ? "training.calc.webinar_code" : "training.calc.webinar_import",
          vars: { title: w.title, minutes: how.minutes ?? 0 },
        },
        { key: "training.calc.webinar_points", vars: { points: w.points } },
      ],
      createdBy: how.method === "import" ? how.recordedBy : null,
    });
    points = credit.credited;
  }
  await notify(tx, {
    userId: person.userId,
    topic: "training",
    titleKey: points ? "training.notice.attended_points" : "training.notice.attended",
    vars: { title: w.title, count: points },
    link: `/learn/webinars/${w.id}`,
  });
  return { recorded: true, points };
}

/** A participant enters the code announced in the session, only while the session window is open. */
export async function enterAttendanceCode(db: Db, actor: Actor, id: string, code: string, now = new Date()) {
  if (isManufacturer(actor)) throw new UserError("training.participants_only", undefined, undefined, 403);
  return db.transaction(async (tx) => {
    const [w] = await tx
      .select()
      .from(webinars)
      .where(and(eq(webinars.id, existingId(id)), eligibleSql(actor)));
    if (!w) throw notFoundError();
    const window = codeWindow(w);
    if (w.cancelledAt) throw new UserError("training.webinar.cancelled", "code", undefined, 409);
    if (now < window.opens) throw new UserError("training.code.not_yet", "code", undefined, 409);
    if (now > window.closes) throw new UserError("training.code.closed", "code", undefined, 409);
    if (normaliseCode(code) !== w.attendanceCode) throw new UserError("training.code.wrong", "code");
    const result = await recordAttendance(
      tx,
      w,
      { userId: actor.id, organisationId: actor.organisationId },
      { method: "code", minutes: null, recordedBy: actor.id },
    );
    return { ...result, already: !result.recorded };
  });
}

export type ImportSummary = {
  importId: string;
  totalRows: number;
  recorded: number;
  alreadyRecorded: number;
  points: number;
  unmatched: ImportRowReport[];
};

/**
 * The trainer's attendee export import. Rows of one email are added up (platforms write one row
 * per join); people at or over `minMinutes` get attendance and points once. Every row that
 * leads to nothing is reported with its line and reason: bad email, bad minutes, unknown
 * person, not a participant, below the threshold. One transaction, audit-logged.
 */
export async function importAttendance(
  db: Db,
  actor: Actor,
  id: string,
  csv: string,
  minMinutes: number,
  now = new Date(),
): Promise<ImportSummary> {
  const parsed = parseAttendeeCsv(csv);
  if (!parsed.ok) throw new UserError(parsed.error, "file");
  return db.transaction(async (tx) => {
    const [w] = await tx
      .select()
      .from(webinars)
      .where(eq(webinars.id, existingId(id)))
      .for("update");
    if (!w) throw notFoundError();
    if (w.startsAt > now) throw new UserError("training.import.not_started", "file", undefined, 409);
    const unmatched: ImportRowReport[] = [];
    const byEmail = new Map<string, { minutes: number; lines: number[] }>();
    for (const row of parsed.rows) {
      if (row.problem) {
        unmatched.push({ line: row.line, email: row.email, minutes: row.minutes, reason: row.problem });
        continue;
      }
      const entry = byEmail.get(row.email) ?? { minutes: 0, lines: [] };
      entry.minutes += row.minutes!;
      entry.lines.push(row.line);
      byEmail.set(row.email, entry);
    }
    const emails = [...byEmail.keys()];
    const people = emails.length
      ? await tx
          .select({
            id: users.id,
            email: sql<string>`lower(${users.email})`,
            status: users.status,
            organisationId: users.organisationId,
            kind: organisations.kind,
          })
          .from(users)
          .innerJoin(organisations, eq(organisations.id, users.organisationId))
          .where(inArray(sql`lower(${users.email})`, emails))
      : [];
    const found = new Map(people.map((p) => [p.email, p]));
    let recorded = 0;
    let alreadyRecorded = 0;
    let points = 0;
    for (const [email, { minutes, lines }] of byEmail) {
      const person = found.get(email);
      const reason = !person
        ? "unknown_email"
        : person.kind === "manufacturer"
          ? "not_participant"
          : person.status === "deactivated"
            ? "deactivated"
            : minutes < minMinutes
              ? "below_threshold"
              : null;
      if (reason) {
        for (const line of lines) unmatched.push({ line, email, minutes, reason });
        continue;
      }
      const result = await recordAttendance(
        tx,
        w,
        { userId: person!.id, organisationId: person!.organisationId },
        { method: "import", minutes, recordedBy: actor.id },
      );
      if (result.recorded) recorded++;
      else alreadyRecorded++;
      points += result.points;
    }
    unmatched.sort((a, b) => a.line - b.line);
    const [saved] = await tx
      .insert(webinarImports)
      .values({ webinarId: w.id, importedBy: actor.id, minMinutes, totalRows: parsed.rows.length, recorded, alreadyRecorded, unmatched })
      .returning({ id: webinarImports.id });
    await recordAudit(tx, {
      actor,
      action: "webinar.attendance_imported",
      entityType: "webinar",
      entityId: w.id,
      details: { importId: saved.id, rows: parsed.rows.length, recorded, alreadyRecorded, unmatched: unmatched.length, points, minMinutes },
    });
    return { importId: saved.id, totalRows: parsed.rows.length, recorded, alreadyRecorded, points, unmatched };
  });
}

/** The .ics file for a webinar the actor can see. */
export async function webinarCalendar(db: Queryable, actor: Actor, id: string) {
  const found = await getWebinarFor(db, actor, id);
  if (!found) return null;
  const { webinar } = found;
  const url = `${config.publicUrl}/learn/webinars/${webinar.id}`;
  return icsEvent({
    uid: `webinar-${webinar.id}@${new URL(config.publicUrl).hostname}`,
    start: webinar.startsAt,
    durationMinutes: webinar.durationMinutes,
    summary: webinar.title,
    description: [webinar.speaker, webinar.description, webinar.joinUrl].filter(Boolean).join("\n"),
    location: webinar.joinUrl,
    url,
    cancelled: !!webinar.cancelledAt,
  });
}
