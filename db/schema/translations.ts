import { sql } from "drizzle-orm";
import { check, index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { localeEnum } from "./pg-enums";
import { users } from "./organisations";

/**
 * What a programme team writes, by kind of row. Each row keeps its text in the programme's
 * default language in its own columns; every other language lives in content_translations.
 */
export const CONTENT_ENTITIES = [
  "reward",
  "shop_category",
  "contest",
  "course",
  "lesson",
  "quiz_question",
  "webinar",
  "product",
  "product_category",
  "promotion",
] as const;
export type ContentEntity = (typeof CONTENT_ENTITIES)[number];

/**
 * One translated text of one field of one authored row (issue 18): one general table rather
 * than a name_ru column per table, so a language is added without a migration per table. The
 * row is named by (entity type, id); deleting the row leaves its translations unused, never shown.
 */
export const contentTranslations = pgTable(
  "content_translations",
  {
    entityType: text("entity_type").$type<ContentEntity>().notNull(),
    entityId: uuid("entity_id").notNull(),
    field: text("field").notNull(),
    locale: localeEnum("locale").notNull(),
    text: text("text").notNull(),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.entityType, t.entityId, t.field, t.locale] }),
    // Export and "what is missing in Lithuanian" read a whole language at once.
    index("content_translations_locale_idx").on(t.locale, t.entityType),
    check("content_translations_text_len", sql`length(${t.text}) between 1 and 20000`),
  ],
);
