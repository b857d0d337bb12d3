import gettext from "gettext-parser";
import { eq, sql } from "drizzle-orm";
import type { Queryable } from "@db/client";
import type { AnyPgTable } from "drizzle-orm/pg-core";
import {
  contests,
  courseLessons,
  courses,
  products,
  promotions,
  quizQuestions,
  type QuizOption,
  rewards,
  shopCategories,
  webinars,
} from "@db/schema";
import { listProductCategories, productCategoryId } from "~/domain/claims/products.server";
import { DEFAULT_LOCALE, type Locale } from "@db/schema/enums";
import { type ContentEntity, contentTranslations } from "@db/schema/translations";
import { catalog } from "~/i18n/catalog";
import type { Message } from "~/i18n/define";
import { saveTranslations } from "./translations.server";

/**
 * A translator's round trip without code (issue 18): the interface catalogue and the programme
 * content as gettext PO files (any translation tool opens them), and back. Each entry's context
 * (msgctxt) names what it is: an interface key ("shop.title", a plural form as "shop.points#few"),
 * or a content field ("reward/<id>/name"); msgid is the English or default-language text.
 */

/** Where each kind of content keeps its default-language text, per field. */
const SOURCES: Partial<Record<ContentEntity, { table: AnyPgTable; fields: Record<string, string> }>> = {
  reward: { table: rewards, fields: { name: "name", description: "description" } },
  shop_category: { table: shopCategories, fields: { name: "nameEn" } },
  contest: { table: contests, fields: { name: "name", rules: "rules" } },
  course: { table: courses, fields: { title: "title", description: "description" } },
  lesson: { table: courseLessons, fields: { title: "title", body: "body" } },
  quiz_question: { table: quizQuestions, fields: { prompt: "prompt" } },
  webinar: { table: webinars, fields: { title: "title", description: "description" } },
  product: { table: products, fields: { name: "name", tip: "tip" } },
  promotion: { table: promotions, fields: { name: "name" } },
};

type Authored = { entity: ContentEntity; id: string; field: string; text: string };

/**
 * Every authored text in the programme's default language: the tables' own columns, a quiz
 * question's answer options (field "option.<id>") and the product categories (named by
 * `productCategoryId`, as they are a product's text rather than rows of their own).
 */
async function authoredTexts(db: Queryable): Promise<Authored[]> {
  const out: Authored[] = [];
  for (const [entity, source] of Object.entries(SOURCES) as Array<[ContentEntity, NonNullable<(typeof SOURCES)[ContentEntity]>]>) {
    const rows = (await db.select().from(source.table)) as unknown as Array<Record<string, unknown>>;
    for (const row of rows) {
      for (const [field, column] of Object.entries(source.fields)) {
        const text = String(row[column] ?? "");
        if (text) out.push({ entity, id: String(row.id), field, text });
      }
      if (entity === "quiz_question")
        for (const o of row.options as QuizOption[])
          if (o.text) out.push({ entity, id: String(row.id), field: `option.${o.id}`, text: o.text });
    }
  }
  for (const category of await listProductCategories(db))
    out.push({ entity: "product_category", id: productCategoryId(category), field: "name", text: category });
  return out;
}

type Entry = { context: string; source: string; translation: string };

function poFile(locale: Locale, entries: Entry[]): string {
  const translations: Record<string, Record<string, { msgctxt: string; msgid: string; msgstr: string[] }>> = {};
  for (const e of entries) {
    translations[e.context] = { [e.source]: { msgctxt: e.context, msgid: e.source, msgstr: [e.translation] } };
  }
  const po = gettext.po.compile(
    { charset: "utf-8", headers: { Language: locale, "Content-Type": "text/plain; charset=UTF-8" }, translations },
    { foldLength: 0 },
  );
  return po.toString("utf8");
}

/** Context -> translated text of a PO file; entries with an empty translation count as missing. */
export function readPo(text: string): Map<string, string> {
  const parsed = gettext.po.parse(text, { defaultCharset: "utf-8" });
  const out = new Map<string, string>();
  for (const [context, byId] of Object.entries(parsed.translations)) {
    if (!context) continue;
    for (const entry of Object.values(byId)) out.set(context, entry.msgstr?.[0] ?? "");
  }
  return out;
}

/** The interface catalogue in one language as PO: every key, each plural form its own entry. */
export function interfacePo(locale: Locale): string {
  const mine = catalog[locale] as Record<string, Message>;
  const entries: Entry[] = [];
  for (const [key, english] of Object.entries(catalog.en as Record<string, Message>)) {
    const theirs = mine[key];
    if (typeof english === "string") entries.push({ context: key, source: english, translation: typeof theirs === "string" ? theirs : "" });
    else
      for (const form of new Intl.PluralRules(locale).resolvedOptions().pluralCategories) {
        const source = english[form as keyof typeof english] ?? english.other;
        const translation = typeof theirs === "object" ? (theirs[form as keyof typeof theirs] ?? "") : "";
        entries.push({ context: `${key}#${form}`, source, translation });
      }
  }
  return poFile(locale, entries);
}

export type InterfaceImport = {
  messages: Record<string, Message>;
  changed: string[];
  missing: string[];
  unknown: string[];
  placeholders: string[];
};

/**
 * A translated interface PO read back into a catalogue: what changed against the current one,
 * which keys (or plural forms) are still missing, entries for keys that do not exist, and
 * translations whose {placeholders} differ from English (kept out).
 */
export function importInterfacePo(locale: Locale, text: string): InterfaceImport {
  const read = readPo(text);
  const current = catalog[locale] as Record<string, Message>;
  const english = catalog.en as Record<string, Message>;
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
  const result: InterfaceImport = { messages: {}, changed: [], missing: [], unknown: [], placeholders: [] };
  const vars = (s: string) =>
    [...s.matchAll(/\{(\w+)\}/g)]
      .map((m) => m[1])
      .sort()
      .join(",");
  for (const context of read.keys()) {
    const key = context.split("#")[0];
    if (!(key in english)) result.unknown.push(context);
  }
  for (const [key, en] of Object.entries(english)) {
    if (typeof en === "string") {
      const got = read.get(key) ?? "";
      if (!got) result.missing.push(key);
      else if (vars(got) !== vars(en)) result.placeholders.push(key);
      else result.messages[key] = got;
    } else {
      const forms: Record<string, string> = {};
      for (const form of categories) {
        const got = read.get(`${key}#${form}`) ?? "";
        if (!got) result.missing.push(`${key}#${form}`);
        else forms[form] = got;
      }
      if (Object.keys(forms).length === categories.length && forms.other) result.messages[key] = forms as Message;
    }
    if (key in result.messages && !sameMessage(result.messages[key], current[key])) result.changed.push(key);
  }
  return result;
}

/** Two messages say the same (plural forms compared by category, whatever their order). */
function sameMessage(a: Message, b: Message | undefined): boolean {
  if (b === undefined || typeof a !== typeof b) return false;
  if (typeof a === "string") return a === b;
  const x = a as Record<string, string>;
  const y = b as Record<string, string>;
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  return [...keys].every((k) => x[k] === y[k]);
}

/** The programme's authored content in one language as PO: every translatable field of every row. */
export async function contentPo(db: Queryable, locale: Locale): Promise<string> {
  const done = await db
    .select({
      entity: contentTranslations.entityType,
      id: contentTranslations.entityId,
      field: contentTranslations.field,
      text: contentTranslations.text,
    })
    .from(contentTranslations)
    .where(eq(contentTranslations.locale, locale));
  const have = new Map(done.map((d) => [`${d.entity}/${d.id}/${d.field}`, d.text]));
  const entries = (await authoredTexts(db)).map((a) => {
    const context = `${a.entity}/${a.id}/${a.field}`;
    return { context, source: a.text, translation: have.get(context) ?? "" };
  });
  return poFile(locale, entries);
}

export type ContentImport = { changed: string[]; missing: string[]; unknown: string[] };

/** A translated content PO saved as content translations (one transaction), with what changed and what is missing. */
export async function importContentPo(db: Queryable, locale: Locale, text: string, by: string | null): Promise<ContentImport> {
  if (locale === DEFAULT_LOCALE) throw new Error("the default language is the rows' own text");
  const read = readPo(text);
  const known = new Map<string, string>();
  const po = await contentPo(db, locale);
  for (const [context, translation] of readPo(po)) known.set(context, translation);
  const result: ContentImport = { changed: [], missing: [], unknown: [] };
  await db.transaction(async (tx) => {
    for (const [context, translation] of read) {
      if (!known.has(context)) {
        result.unknown.push(context);
        continue;
      }
      if (!translation) continue;
      if (translation === known.get(context)) continue;
      const [entity, id, field] = context.split("/");
      await saveTranslations(tx, entity as ContentEntity, id, locale, { [field]: translation }, by);
      result.changed.push(context);
    }
  });
  for (const [context, before] of known) if (!before && !read.get(context)) result.missing.push(context);
  return result;
}

// Row counts per language (for the page): how much content exists and how much is translated.
export async function contentCounts(db: Queryable, locale: Locale) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(contentTranslations).where(eq(contentTranslations.locale, locale));
  return { translated: Number(row?.n ?? 0) };
}
