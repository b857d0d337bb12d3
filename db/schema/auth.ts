import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./organisations";

/** Lucia-style sessions: the id is the SHA-256 of the cookie token, never the token itself. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Single-use emailed links (invitation, password reset). Only the token's hash is stored. */
export const userTokens = pgTable(
  "user_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("user_tokens_user_idx").on(t.userId),
    check("user_tokens_purpose_check", sql`${t.purpose} in ('invite', 'password_reset')`),
  ],
);

/**
 * Throttle counters for sign-in, reset mails and invitations: one row per key ("sign_in:account:<email>",
 * "reset:address:<ip>", ...), bumped by one INSERT ... ON CONFLICT DO UPDATE ... RETURNING per attempt,
 * so several server processes share them and simultaneous attempts all count.
 * `allowed` is whether the latest attempt was let through; `blocked_until` the end of a back-off.
 */
export const authThrottle = pgTable(
  "auth_throttle",
  {
    key: text("key").primaryKey(),
    count: integer("count").notNull(),
    allowed: boolean("allowed").notNull(),
    blockedUntil: timestamp("blocked_until", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("auth_throttle_expires_idx").on(t.expiresAt)],
);

/** Which accounts an address tried and failed (or is trying), to count distinct accounts per address (password spraying). */
export const signInSources = pgTable(
  "sign_in_sources",
  {
    address: text("address").notNull(),
    email: text("email").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.address, t.email] }), index("sign_in_sources_expires_idx").on(t.expiresAt)],
);

/**
 * Devices a person has signed in on (OWASP "device cookies"): the cookie holds a random token,
 * the table its SHA-256. A known device is not slowed down by attacks on its owner's account.
 */
export const knownDevices = pgTable(
  "known_devices",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("known_devices_user_idx").on(t.userId), index("known_devices_expires_idx").on(t.expiresAt)],
);
