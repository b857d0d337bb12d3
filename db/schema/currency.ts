import { sql } from "drizzle-orm";
import { check, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Per country (ISO 3166-1 alpha-2): the currency (ISO 4217) a point is shown in there and what a
 * point is worth in that currency's minor units (issue 18). Countries without a row use the
 * programme's currency and point value (programme_settings). Integers only, never floats.
 */
export const countryPointValues = pgTable(
  "country_point_values",
  {
    country: text("country").primaryKey(),
    currency: text("currency").notNull(),
    pointValueMinor: integer("point_value_minor").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("country_point_values_valid", sql`${t.country} ~ '^[A-Z]{2}$' and ${t.currency} ~ '^[A-Z]{3}$' and ${t.pointValueMinor} >= 0`),
  ],
);
