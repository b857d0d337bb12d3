import { type AnyColumn, and, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import type { Queryable } from "@db/client";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "@db/schema/enums";
import { type ContentEntity, contentTranslations } from "@db/schema/translations";

/**
 * Programme content in the reader's language (issue 18). Every authored row keeps its text in the
 * programme's default language in its own columns; other languages live in content_translations.
 * Readers get their language where it exists and the default otherwise; editors see which
 * languages are still missing.
 */

/** Field -> text for each row id, in one language: one query for any number of rows (no N+1). */
export async function loadTranslations(
  db: Queryable,
  entity: ContentEntity,
  ids: readonly string[],
  locale: Locale,
): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  if (locale === DEFAULT_LOCALE || ids.length === 0) return out;
  const rows = await db
    .select({ id: contentTranslations.entityId, field: contentTranslations.field, text: contentTranslations.text })
    .from(contentTranslations)
    .where(
      and(
        eq(contentTranslations.entityType, entity),
        eq(contentTranslations.locale, locale),
        inArray(contentTranslations.entityId, [...new Set(ids)]),
      ),
    );
  for (const r of rows) {
    const fields = out.get(r.id) ?? {};
    fields[r.field] = r.text;
    out.set(r.id, fields);
  }
  return out;
}

/**
 * The rows with the named fields in the reader's language where a translation exists, the
 * programme default where not. `fields` lists the row's keys, or maps a row key to the stored
 * field name (a category's `nameEn` is its `name`); `idOf` names the row's id when it is not `id`.
 */
export async function localise<T extends object>(
  db: Queryable,
  entity: ContentEntity,
  rows: T[],
  fields: readonly (keyof T & string)[] | Partial<Record<keyof T & string, string>>,
  locale: Locale,
  idOf: (row: T) => string | null | undefined = (row) => (row as { id?: string }).id,
): Promise<T[]> {
  if (locale === DEFAULT_LOCALE || rows.length === 0) return rows;
  const pairs: Array<[string, string]> = Array.isArray(fields)
    ? fields.map((f) => [f, f])
    : (Object.entries(fields) as Array<[string, string]>);
  const ids = rows.map(idOf).filter((id): id is string => !!id);
  const found = await loadTranslations(db, entity, ids, locale);
  if (found.size === 0) return rows;
  return rows.map((row) => {
    const id = idOf(row);
    const mine = id ? found.get(id) : undefined;
    if (!mine) return row;
    const copy = { ...row } as Record<string, unknown>;
    for (const [key, field] of pairs) if (mine[field]) copy[key] = mine[field];
    return copy as T;
  });
}

/** Every language's text of one row, for its edit form: locale -> field -> text. */
export async function translationsOf(
  db: Queryable,
  entity: ContentEntity,
  id: string,
): Promise<Partial<Record<Locale, Record<string, string>>>> {
  const rows = await db
    .select({ locale: contentTranslations.locale, field: contentTranslations.field, text: contentTranslations.text })
    .from(contentTranslations)
    .where(and(eq(contentTranslations.entityType, entity), eq(contentTranslations.entityId, id)));
  const out: Partial<Record<Locale, Record<string, string>>> = {};
  for (const r of rows) (out[r.locale] ??= {})[r.field] = r.text;
  return out;
}

/**
 * The languages each row still lacks a translation of any of `fields` in (for the editor's
 * "not yet translated" marker), in one query.
 */
export async function missingLanguages(
  db: Queryable,
  entity: ContentEntity,
  ids: readonly string[],
  fields: readonly string[],
): Promise<Map<string, Locale[]>> {
  const out = new Map<string, Locale[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .select({ id: contentTranslations.entityId, locale: contentTranslations.locale, n: sql<number>`count(*)::int` })
    .from(contentTranslations)
    .where(
      and(
        eq(contentTranslations.entityType, entity),
        inArray(contentTranslations.entityId, [...new Set(ids)]),
        inArray(contentTranslations.field, [...fields]),
      ),
    )
    .groupBy(contentTranslations.entityId, contentTranslations.locale);
  const complete = new Set(rows.filter((r) => Number(r.n) >= fields.length).map((r) => `${r.id}|${r.locale}`));
  for (const id of ids)
    out.set(
      id,
      OTHER_LOCALES.filter((l) => !complete.has(`${id}|${l}`)),
    );
  return out;
}

/** The languages a row may be translated into: all but the programme default. */
export const OTHER_LOCALES: readonly Locale[] = LOCALES.filter((l) => l !== DEFAULT_LOCALE);

/**
 * Saves one language's text of a row's fields: a blank field removes that translation (readers
 * fall back to the default language). Runs in the caller's transaction.
 */
export async function saveTranslations(
  tx: Queryable,
  entity: ContentEntity,
  id: string,
  locale: Locale,
  texts: Record<string, string | null | undefined>,
  by: string | null,
): Promise<void> {
  if (locale === DEFAULT_LOCALE) throw new Error("the default language is the row's own text");
  for (const [field, raw] of Object.entries(texts)) {
    const text = raw?.trim() ?? "";
    const key = and(
      eq(contentTranslations.entityType, entity),
      eq(contentTranslations.entityId, id),
      eq(contentTranslations.field, field),
      eq(contentTranslations.locale, locale),
    );
    if (!text) await tx.delete(contentTranslations).where(key);
    else
      await tx
        .insert(contentTranslations)
        .values({ entityType: entity, entityId: id, field, locale, text, updatedBy: by })
        .onConflictDoUpdate({
          target: [contentTranslations.entityType, contentTranslations.entityId, contentTranslations.field, contentTranslations.locale],
          set: { text, updatedBy: by, updatedAt: new Date() },
        });
  }
}

/**
 * A row's text in `locale` inside a SQL query, the default-language column where not translated:
 * for lists read in one statement (an indexed lookup per row, no second round trip). `id` is the
 * row's id qualified by its table (e.g. sql`"rewards"."id"`), never a bare column.
 */
export function translatedText(entity: ContentEntity, id: SQL, field: string, locale: Locale, fallback: SQL | AnyColumn): SQL<string> {
  if (locale === DEFAULT_LOCALE) return sql<string>`${fallback}`;
  return sql<string>`coalesce((select ct.text from content_translations ct
    where ct.entity_type = ${entity} and ct.entity_id = ${id} and ct.field = ${field} and ct.locale = ${locale}), ${fallback})`;
}

/** One translatable field of one authored row; its key ("course/<id>/title") is also its PO context. */
export type ContentRef = { entity: ContentEntity; id: string; field: string };

export function contentKey(ref: ContentRef): string {
  return `${ref.entity}/${ref.id}/${ref.field}`;
}

/**
 * Every language's text of many rows' fields at once, keyed by `contentKey`: for an editor that
 * translates a whole unit on one form (a course with its lessons and quiz questions).
 */
export async function translationsOfMany(
  db: Queryable,
  refs: readonly ContentRef[],
): Promise<Partial<Record<Locale, Record<string, string>>>> {
  const out: Partial<Record<Locale, Record<string, string>>> = {};
  if (refs.length === 0) return out;
  const wanted = new Set(refs.map(contentKey));
  const byEntity = new Map<ContentEntity, string[]>();
  for (const r of refs) byEntity.set(r.entity, [...(byEntity.get(r.entity) ?? []), r.id]);
  const rows = await db
    .select({
      entity: contentTranslations.entityType,
      id: contentTranslations.entityId,
      field: contentTranslations.field,
      locale: contentTranslations.locale,
      text: contentTranslations.text,
    })
    .from(contentTranslations)
    .where(
      or(
        ...[...byEntity].map(([entity, ids]) =>
          and(eq(contentTranslations.entityType, entity), inArray(contentTranslations.entityId, [...new Set(ids)])),
        ),
      ),
    );
  for (const r of rows) {
    const key = contentKey({ entity: r.entity, id: r.id, field: r.field });
    if (wanted.has(key)) (out[r.locale] ??= {})[key] = r.text;
  }
  return out;
}

/** Saves one language's texts of many rows' fields (keyed by `contentKey`), in the caller's transaction. */
export async function saveContentTexts(
  tx: Queryable,
  refs: readonly ContentRef[],
  locale: Locale,
  texts: Record<string, string>,
  by: string | null,
): Promise<void> {
  for (const ref of refs) await saveTranslations(tx, ref.entity, ref.id, locale, { [ref.field]: texts[contentKey(ref)] ?? "" }, by);
}

/** The reader's language for authored content: their saved choice, else the programme default. */
export function contentLocale(actor: { locale: Locale | null } | null | undefined): Locale {
  return actor?.locale ?? DEFAULT_LOCALE;
}
