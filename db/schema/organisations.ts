import { sql } from "drizzle-orm";
import { type AnyPgColumn, boolean, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { localeEnum, orgKindEnum, roleEnum, tierEnum, userStatusEnum } from "./pg-enums";

export const organisations = pgTable(
  "organisations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    kind: orgKindEnum("kind").notNull(),
    region: text("region").notNull().default(""),
    /** ISO 3166-1 alpha-2 (e.g. "LT", "IN"); decides the currency and point value shown (issue 18). Null: the programme's. */
    country: text("country"),
    tier: tierEnum("tier").notNull().default("registered"),
    /** The manufacturer's personal account manager for this partner. */
    channelManagerId: uuid("channel_manager_id").references((): AnyPgColumn => users.id, { onDelete: "set null" }),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("organisations_kind_idx").on(t.kind), index("organisations_channel_manager_idx").on(t.channelManagerId)],
);

export const outlets = pgTable(
  "outlets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    address: text("address").notNull(),
    city: text("city").notNull(),
    postalCode: text("postal_code").notNull().default(""),
    country: text("country").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("outlets_organisation_idx").on(t.organisationId),
    // The target of the (outlet, organisation) foreign keys of users and claims (issue 19): a
    // person or a claim can only name an outlet of its own organisation, enforced by the database.
    uniqueIndex("outlets_id_organisation_unique").on(t.id, t.organisationId),
  ],
);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    /** Lower-cased; null for a person reached by phone only (issue 20). */
    email: text("email"),
    /** E.164 ("+919876543210"), parsed by libphonenumber-js; a person has an email, a phone or both. */
    phone: text("phone"),
    name: text("name").notNull(),
    role: roleEnum("role").notNull(),
    /**
     * Where the person works (issue 19); null when the partner has no outlets or none was chosen.
     * The foreign key (outlet_id, organisation_id) -> outlets is hand-written in migration
     * 0027_outlets (ON DELETE SET NULL (outlet_id) is beyond drizzle), so it is always the
     * person's own organisation's outlet.
     */
    outletId: uuid("outlet_id"),
    status: userStatusEnum("status").notNull().default("invited"),
    passwordHash: text("password_hash"),
    locale: localeEnum("locale"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    activatedAt: timestamp("activated_at", { withTimezone: true }),
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
    /** Set when the person was erased on request: name and email are placeholders, nothing signs in (decision 008). */
    erasedAt: timestamp("erased_at", { withTimezone: true }),
  },
  (t) => [
    // Emails are stored lower-cased by the domain; the index makes that the only way in.
    uniqueIndex("users_email_unique").on(sql`lower(${t.email})`),
    index("users_organisation_idx").on(t.organisationId),
    index("users_outlet_idx").on(t.outletId),
    uniqueIndex("users_phone_unique").on(t.phone),
    check("users_email_or_phone_check", sql`${t.email} is not null or ${t.phone} is not null`),
  ],
);

export type Organisation = typeof organisations.$inferSelect;
export type Outlet = typeof outlets.$inferSelect;
export type User = typeof users.$inferSelect;
