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

/**
 * Whether a translator may wait for messages: one made by useT while its component renders, until
 * React commits that render. Only then can React suspend (use()) and render again; afterwards (an
 * event handler, an effect, a translator kept in a closure) there is nothing to wait in.
 */
export type Rendering = { on: boolean };

export function translate(messages: Record<string, Message>, locale: Locale, key: string, vars?: Vars, rendering?: Rendering): string {
  const m = messages[key] ?? catalog.en[key as MessageKey];
  if (m === undefined) return missing(locale, key, vars, rendering);
  if (typeof m === "string") return interpolate(m, vars, locale);
  const count = Number(vars?.count ?? 0);
  const form = pluralRules(locale).select(count) as keyof typeof m;
  return interpolate(m[form] ?? m.other, vars, locale);
}

/**
 * A key with no message. In the browser its messages may not be here yet: a key neither the
 * page's code names nor its data brought (both arrive with the page: catalog.browser.ts,
 * sent-messages.ts). While rendering, wait for its prefix's file (React suspends and renders
 * again); outside rendering the file is asked for, and the key shows until the next render.
 */
function missing(locale: Locale, key: string, vars: Vars | undefined, rendering: Rendering | undefined): string {
  const pending = pendingFor(locale, key);
  if (!pending || !rendering?.on) return key;
  use(pending);
  return translate(catalog[locale] as Record<string, Message>, locale, key, vars);
}

/** A translator for a language; `rendering` (from useT) lets it wait for messages still on their way. */
export function createTranslator(locale: Locale, rendering?: Rendering): Translate {
  const messages = catalog[locale] as Record<string, Message>;
  return (key, vars) => translate(messages, locale, key, vars, rendering);
}
