/** A message is a string with {placeholders}, or plural forms chosen by Intl.PluralRules on `count`. */
export type Message = string | { one?: string; few?: string; many?: string; other: string };

type Some<T> = { [K in keyof T]?: Message };

/**
 * Each area's messages, English as the reference; Russian must have exactly the same keys. An area
 * may carry its own keys in the other languages too (lt, hi, fil); otherwise they come from the
 * translators' catalogues (app/i18n/translations), and tests/unit/i18n-completeness finds gaps.
 */
export function defineMessages<T extends Record<string, Message>>(m: {
  en: T;
  ru: { [K in keyof T]: Message };
  lt?: Some<T>;
  hi?: Some<T>;
  fil?: Some<T>;
}) {
  return m;
}
