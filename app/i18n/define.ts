/** A message is a string with {placeholders}, or plural forms chosen by Intl.PluralRules on `count`. */
export type Message = string | { one?: string; few?: string; many?: string; other: string };

/** Each area's messages, English as the reference; Russian must have exactly the same keys. */
export function defineMessages<T extends Record<string, Message>>(m: { en: T; ru: { [K in keyof T]: Message } }) {
  return m;
}
