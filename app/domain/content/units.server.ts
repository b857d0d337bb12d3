import type { Db, Queryable } from "@db/client";
import type { Locale } from "@db/schema/enums";
import type { Actor } from "~/lib/actor";
import { parseForm } from "~/lib/forms.server";
import { translatedTexts, translationSchema } from "./forms";
import { type ContentRef, contentKey, saveContentTexts, translationsOfMany } from "./translations.server";

/**
 * Texts translated together on one form (issue 18): a course with its lessons and questions, a
 * product with its category. Each item names its row and field, its default-language text, the
 * authoring form's length limit and a label (an i18n key with numbers) for the editor.
 */
export type TextItem = ContentRef & {
  key: string;
  text: string;
  max: number;
  long?: boolean;
  label: string;
  vars?: Record<string, number>;
};

/** Collects a unit's items; empty default texts have nothing to translate and are left out. */
export function textItems(): { items: TextItem[]; add: (ref: ContentRef, rest: Omit<TextItem, keyof ContentRef | "key">) => void } {
  const items: TextItem[] = [];
  const add = (ref: ContentRef, rest: Omit<TextItem, keyof ContentRef | "key">) => {
    if (rest.text) items.push({ ...ref, key: contentKey(ref), ...rest });
  };
  return { items, add };
}

/** The unit's items with every language's translation, for the editor's TranslationsCard. */
export async function unitTranslations(db: Queryable, items: TextItem[]) {
  return { items, translations: await translationsOfMany(db, items) };
}

/** Saves one language of the unit from the editor's form (a blank field removes that translation). */
export async function saveUnitTranslations(db: Db, actor: Actor, items: TextItem[], formData: FormData): Promise<Locale> {
  const limits = Object.fromEntries(items.map((i) => [i.key, i.max]));
  const input = parseForm(translationSchema(limits), formData);
  await db.transaction((tx) => saveContentTexts(tx, items, input.locale, translatedTexts(input, limits), actor.id));
  return input.locale;
}
