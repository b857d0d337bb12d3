import type { Locale } from "@db/schema/enums";
import { catalog, type MessageKey } from "./catalog";
import type { Message } from "./define";

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey | (string & {}), vars?: Vars) => string;

function interpolate(text: string, vars: Vars | undefined, locale: Locale): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = vars[name];
    if (v === undefined) return whole;
    return typeof v === "number" ? new Intl.NumberFormat(locale).format(v) : v;
  });
}

export function translate(messages: Record<string, Message>, locale: Locale, key: string, vars?: Vars): string {
  const m = messages[key] ?? catalog.en[key as MessageKey];
  if (m === undefined) return key;
  if (typeof m === "string") return interpolate(m, vars, locale);
  const count = Number(vars?.count ?? 0);
  const form = new Intl.PluralRules(locale).select(count) as keyof typeof m;
  return interpolate(m[form] ?? m.other, vars, locale);
}

export function createTranslator(locale: Locale): Translate {
  const messages = catalog[locale] as Record<string, Message>;
  return (key, vars) => translate(messages, locale, key, vars);
}
