import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { roleEnum } from "./pg-enums";
import { organisations, users } from "./organisations";

/** In-person events held at a venue (webinars are online and live in training.ts). Their kinds: event-kinds.ts. */
import { EVENT_KINDS, type EventKind } from "./event-kinds";

export { EVENT_KINDS, type EventKind };

export const EVENT_REGISTRATION_STATUSES = ["registered", "waitlisted", "cancelled"] as const;
export type EventRegistrationStatus = (typeof EVENT_REGISTRATION_STATUSES)[number];

/**
 * An in-person event. `startsAt`/`endsAt` are instants; `timeZone` is the venue's IANA zone (the
 * time the invitation states). `seatsTaken` is kept in the same transaction as every registration
 * and cancellation; the CHECK `seats_taken <= capacity` makes the database refuse an overbooking
 * whatever the code does. Empty `targetRoles` / `regions` mean everyone, like webinars.
 */
export const events = pgTable(
  "events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").$type<EventKind>().notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    venueName: text("venue_name").notNull(),
    venueAddress: text("venue_address").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    timeZone: text("time_zone").notNull(),
    capacity: integer("capacity").notNull(),
    seatsTaken: integer("seats_taken").notNull().default(0),
    targetRoles: roleEnum("target_roles").array().notNull().default(sql`'{}'`),
    regions: text("regions").array().notNull().default(sql`'{}'`),
    points: integer("points").notNull().default(0),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("events_starts_idx").on(t.startsAt),
    check("events_kind", sql`${t.kind} in ('seminar', 'product_training', 'business_breakfast', 'award_evening')`),
    check(
      "events_values",
      sql`${t.endsAt} > ${t.startsAt} and ${t.capacity} > 0 and ${t.points} >= 0 and ${t.seatsTaken} >= 0 and ${t.seatsTaken} <= ${t.capacity}`,
    ),
  ],
);

/**
 * One person's place at an event: a seat ('registered'), a place in the queue ('waitlisted',
 * ordered by `queuedAt`) or given back ('cancelled', kept so registering again is one update).
 * `checkInCode` is the short code printed under the person's QR (typed when a camera fails);
 * `checkedInAt` is set once by a guarded UPDATE, so a second scan changes nothing.
 */
export const eventRegistrations = pgTable(
  "event_registrations",
  {
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    status: text("status").$type<EventRegistrationStatus>().notNull(),
    queuedAt: timestamp("queued_at", { withTimezone: true }).notNull().defaultNow(),
    checkInCode: text("check_in_code").notNull(),
    checkedInAt: timestamp("checked_in_at", { withTimezone: true }),
    checkedInBy: uuid("checked_in_by").references(() => users.id),
    promotedAt: timestamp("promoted_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.userId] }),
    uniqueIndex("event_registrations_code_unique").on(t.eventId, t.checkInCode),
    index("event_registrations_user_idx").on(t.userId),
    index("event_registrations_queue_idx").on(t.eventId, t.status, t.queuedAt),
    check("event_registrations_status", sql`${t.status} in ('registered', 'waitlisted', 'cancelled')`),
    // Only a seat can be checked in.
    check("event_registrations_checked_in", sql`${t.checkedInAt} is null or ${t.status} = 'registered'`),
  ],
);

export type InPersonEvent = typeof events.$inferSelect;
export type EventRegistration = typeof eventRegistrations.$inferSelect;
