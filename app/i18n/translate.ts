import type { Locale } from "@db/schema/enums";
import { use } from "react";
import { catalog, pendingFor, type MessageKey } from "./catalog";
import type { Message } from "./define";

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey | (string & {}), vars?: Vars) => string;

// One per language for the life of the process: building Intl objects per message was measurable.
const numbers = new Map<string, Intl.NumberFormat>();
const plurals = new Map<string, Intl.PluralRules>();
function numberFormat(locale: Locale) {
  let f = numbers.get(locale);
  if (!f) numbers.set(locale, (f = new Intl.NumberFormat(locale)));
  return f;
}
function pluralRules(locale: Locale) {
  let p = plurals.get(locale);
  if (!p) plurals.set(locale, (p = new Intl.PluralRules(locale)));
  return p;
}

function interpolate(text: string, vars: Vars | undefined, locale: Locale): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = vars[name];
    if (v === undefined) return whole;
    return typeof v === "number" ? numberFormat(locale).format(v) : v;
  });
}

export function translate(messages: Record<string, Message>, locale: Locale, key: string, vars?: Vars): string {
  const m = messages[key] ?? catalog.en[key as MessageKey];
  if (m === undefined) return missing(locale, key, vars);
  if (typeof m === "string") return interpolate(m, vars, locale);
  const count = Number(vars?.count ?? 0);
  const form = pluralRules(locale).select(count) as keyof typeof m;
  return interpolate(m[form] ?? m.other, vars, locale);
}

/**
 * A key with no message. In the browser its messages may not be here yet (a key the page's code
 * does not name, chosen by the server): while rendering, wait for them (React suspends and
 * renders again); outside rendering (an event handler) there is nothing to wait in, so the key.
 */
function missing(locale: Locale, key: string, vars: Vars | undefined): string {
  const pending = pendingFor(locale, key);
  if (!pending) return key;
  try {
    use(pending);
  } catch (suspended) {
    // Outside rendering React has no dispatcher and use() fails with a TypeError; anything else
    // is React suspending this render, which must reach React.
    if (suspended instanceof TypeError) return key;
    throw suspended;
  }
  return translate(catalog[locale] as Record<string, Message>, locale, key, vars);
}

export function createTranslator(locale: Locale): Translate {
  const messages = catalog[locale] as Record<string, Message>;
  return (key, vars) => translate(messages, locale, key, vars);
}
