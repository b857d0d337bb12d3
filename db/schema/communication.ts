import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { localeEnum } from "./pg-enums";
import { organisations, users } from "./organisations";

/**
 * Who an announcement goes to. Every list is "any of these" and an empty list means "no limit";
 * lists combine with AND. `activeWithinDays` / `inactiveForDays` look at the points ledger.
 */
export type Segment = {
  tiers: string[];
  regions: string[];
  organisationIds: string[];
  roles: string[];
  hobbyIds: string[];
  activeWithinDays: number | null;
  inactiveForDays: number | null;
};

export const ANNOUNCEMENT_STATUSES = ["draft", "scheduled", "sent"] as const;
export type AnnouncementStatus = (typeof ANNOUNCEMENT_STATUSES)[number];

/**
 * A message from the channel team (or a partner executive, to their own people) to a segment.
 * Content lives per language in announcement_contents; a partner executive's announcement is
 * limited to `organisationId` whatever the segment says.
 */
export const announcements = pgTable(
  "announcements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    /** Set for a partner executive's announcement: it reaches that organisation only. Null: the manufacturer's. */
    organisationId: uuid("organisation_id").references(() => organisations.id),
    segment: jsonb("segment").$type<Segment>().notNull(),
    /** Optional link inside the portal (a course, contest, reward) shown as the call to action. */
    link: text("link"),
    status: text("status").$type<AnnouncementStatus>().notNull().default("draft"),
    sendAt: timestamp("send_at", { withTimezone: true }),
    queuedAt: timestamp("queued_at", { withTimezone: true }),
    recipients: integer("recipients"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("announcements_due_idx").on(t.status, t.sendAt),
    index("announcements_organisation_idx").on(t.organisationId, t.createdAt),
    check("announcements_status_check", sql`${t.status} in ('draft', 'scheduled', 'sent')`),
  ],
);

/** One row per programme language: the title and the Markdown body, with the safe HTML made from it. */
export const announcementContents = pgTable(
  "announcement_contents",
  {
    announcementId: uuid("announcement_id")
      .notNull()
      .references(() => announcements.id, { onDelete: "cascade" }),
    locale: localeEnum("locale").notNull(),
    title: text("title").notNull(),
    bodyMarkdown: text("body_markdown").notNull(),
    bodyHtml: text("body_html").notNull(),
  },
  (t) => [primaryKey({ columns: [t.announcementId, t.locale] })],
);

/** Who an announcement reached: their inbox notice and, when their preferences allowed, their email. */
export const announcementDeliveries = pgTable(
  "announcement_deliveries",
  {
    announcementId: uuid("announcement_id")
      .notNull()
      .references(() => announcements.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    notificationId: uuid("notification_id").notNull(),
    /** The outbox row, when an email was queued; null when the person switched announcements off or to the digest. */
    emailId: uuid("email_id"),
    channel: text("channel").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.announcementId, t.userId] }),
    check("announcement_deliveries_channel_check", sql`${t.channel} in ('email', 'digest', 'off')`),
  ],
);

/** Per person: the time zone quiet hours are kept in (null: the organisation's region decides). */
export const communicationSettings = pgTable("communication_settings", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  timeZone: text("time_zone"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The default time zone of a region, for people who have not chosen one. Data, so a new region needs no release. */
export const regionTimeZones = pgTable("region_time_zones", {
  region: text("region").primaryKey(),
  timeZone: text("time_zone").notNull(),
});

export const EMAIL_MODES = ["instant", "weekly", "off"] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

/**
 * Per person and topic: mail at once, in the weekly digest, or not at all. No row: the topic's
 * default (app/domain/communication/modes.ts). An unsubscribe (email_preferences.enabled = false) wins.
 */
export const emailTopicModes = pgTable(
  "email_topic_modes",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    topic: text("topic").notNull(),
    mode: text("mode").$type<EmailMode>().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.topic] }),
    check("email_topic_modes_mode_check", sql`${t.mode} in ('instant', 'weekly', 'off')`),
  ],
);

/** Something a person chose to hear about weekly: waits here until the week's digest takes it. */
export const digestItems = pgTable(
  "digest_items",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    topic: text("topic").notNull(),
    notificationId: uuid("notification_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    digestId: uuid("digest_id"),
  },
  (t) => [index("digest_items_waiting_idx").on(t.userId, t.createdAt).where(sql`${t.digestId} is null`)],
);

/** One digest per person and week (the unique key makes the weekly job send it once). */
export const digests = pgTable(
  "digests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    weekStart: date("week_start").notNull(),
    items: integer("items").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("digests_user_week_unique").on(t.userId, t.weekStart)],
);

/** "Did you know" tips per product category, each in every programme language (tip_texts). */
export const tips = pgTable(
  "tips",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    category: text("category").notNull(),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("tips_category_idx").on(t.category)],
);

export const tipTexts = pgTable(
  "tip_texts",
  {
    tipId: uuid("tip_id")
      .notNull()
      .references(() => tips.id, { onDelete: "cascade" }),
    locale: localeEnum("locale").notNull(),
    text: text("text").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tipId, t.locale] })],
);

/** When a person last saw a tip, so it is not shown again within 90 days. */
export const tipViews = pgTable(
  "tip_views",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tipId: uuid("tip_id")
      .notNull()
      .references(() => tips.id, { onDelete: "cascade" }),
    seenAt: timestamp("seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.tipId] })],
);

export type Announcement = typeof announcements.$inferSelect;
export type AnnouncementContent = typeof announcementContents.$inferSelect;
export type Tip = typeof tips.$inferSelect;
