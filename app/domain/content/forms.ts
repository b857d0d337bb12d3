import { z } from "zod";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "@db/schema/enums";

/** A translator's PO file: a whole interface catalogue is about a megabyte. */
export const MAX_PO_BYTES = 4 * 1024 * 1024;

/** Languages an editor translates into: every one but the programme default (the row's own text). */
const translatable = LOCALES.filter((l) => l !== DEFAULT_LOCALE) as [Locale, ...Locale[]];

/**
 * One language's text of a row's translatable fields, as the editor's language tab posts it:
 * `locale` and one `t_<field>` per field, each bounded; a blank field clears that translation.
 */
export function translationSchema(fields: Record<string, number>) {
  return z.object({
    locale: z.enum(translatable, "errors.choose"),
    ...Object.fromEntries(
      Object.entries(fields).map(([field, max]) => [`t_${field}`, z.string().trim().max(max, "errors.too_long").optional().default("")]),
    ),
  }) as unknown as z.ZodType<{ locale: Locale } & Record<string, string>>;
}

/** The posted form's texts by field name (without the `t_` prefix). */
export function translatedTexts(parsed: Record<string, string>, fields: Record<string, number>): Record<string, string> {
  return Object.fromEntries(Object.keys(fields).map((f) => [f, parsed[`t_${f}`] ?? ""]));
}

/** Which translation file: the interface catalogue or the programme content, and a language other than the default. */
export const exportSchema = z.object({
  kind: z.enum(["interface", "content"], "errors.choose"),
  locale: z.enum(translatable, "errors.choose"),
});
