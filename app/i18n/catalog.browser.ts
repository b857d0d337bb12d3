import { use, useContext } from "react";
import { UNSAFE_DataRouterStateContext } from "react-router";
import { base, prefixes } from "virtual:portal-messages";
import type { Locale } from "@db/schema/enums";
import type { catalog as fullCatalog } from "./catalog";
import type { Message } from "./define";
import { sentMessagesOf } from "./sent-messages";

export type { MessageKey } from "./catalog";

/**
 * The browser's catalogue (the client build uses this file in place of catalog.ts; see
 * scripts/vite/portal-messages.ts): it ships empty and fills with what the pages shown need, a
 * page's worth at a time: the messages of the page's routes (root, layout, page) as they are
 * opened, and a prefix's file for a key none of them named (docs/performance.md). entry.client.tsx
 * waits for the first page's before hydrating; useT suspends inside a navigation for the next
 * page's or another language's.
 */
export const catalog = { en: {}, ru: {}, lt: {}, hi: {}, fil: {} } as unknown as typeof fullCatalog;

const known = new Set(prefixes);
/** Per language: the prefixes whose messages are here, and the files asked for. */
const have: Record<string, Set<string>> = {};
const files = new Map<string, Promise<void>>();
/** Files (language and name) whose messages are here. */
const done = new Set<string>();

const fileSafe = (routeId: string) => routeId.replace(/[^\w-]/g, "_");

/** The whole language in one file: the service worker keeps it, so pages opened offline have words. */
export function fullLanguageUrl(locale: Locale): string {
  return `${base}${locale}.json`;
}

function load(locale: Locale, name: string): Promise<void> {
  const url = `${base}${locale}${name}.json`;
  let p = files.get(url);
  if (!p) {
    p = fetchMessages(url)
      // A file that did not come (offline, a page of this build never opened): the whole language,
      // which the service worker keeps.
      .catch(() => fetchMessages(fullLanguageUrl(locale)))
      .then(({ p: loaded, m }) => {
        Object.assign(catalog[locale], m);
        const set = (have[locale] ??= new Set());
        for (const prefix of loaded) set.add(prefix);
        done.add(`${locale}${name}`);
      });
    // Not kept when it failed: the next render asks again.
    p.catch(() => files.delete(url));
    files.set(url, p);
  }
  return p;
}

async function fetchMessages(url: string): Promise<{ p: string[]; m: Record<string, Message> }> {
  const response = await fetch(url, { credentials: "same-origin" });
  // A route without a file of its own (a route id the build did not know): nothing to add.
  if (response.status === 404) return { p: [], m: {} };
  if (!response.ok) throw new Error(`messages ${url}: ${response.status}`);
  return response.json();
}

/** Null when the messages of these routes in this language are here; otherwise the promise of their arrival. */
export function messagesReady(locale: Locale, routeIds: readonly string[] = []): Promise<void> | null {
  const waiting = routeIds.map((id) => `-r-${fileSafe(id)}`).filter((name) => !done.has(`${locale}${name}`));
  if (!waiting.length) return null;
  // The same promise for the same wait, so React's use() sees one promise, not a new one per render.
  const key = `${locale}${waiting.join("")}`;
  let p = together.get(key);
  if (!p) {
    p = Promise.all(waiting.map((name) => load(locale, name))).then(() => undefined);
    together.set(key, p);
    p.then(
      () => together.delete(key),
      () => together.delete(key),
    );
  }
  return p;
}

const together = new Map<string, Promise<void>>();

/** Data objects whose messages are already taken (each loader answer is a new object). */
const taken = new WeakSet<object>();

/**
 * Takes the messages a loader's or action's data carries for the keys the server chose (a ledger
 * entry's description, a navigation label; app/i18n/sent-messages.ts) into the catalogue. Called
 * while rendering, before any of them is translated; adding the same messages again changes nothing.
 */
export function takeSentMessages(data: unknown): void {
  if (!data || typeof data !== "object" || taken.has(data)) return;
  taken.add(data);
  const sent = sentMessagesOf(data);
  if (sent && sent.l in catalog) Object.assign(catalog[sent.l as Locale], sent.m);
}

/**
 * In rendering: takes the messages that came with the routes' data, and waits (suspends) until
 * the messages of the routes on screen are here. The router's state rather than useMatches(), for
 * the actions' data as well as the loaders' (an action's error can be a key the server chose).
 */
export function useMessages(locale: Locale): void {
  const state = useContext(UNSAFE_DataRouterStateContext);
  for (const data of Object.values(state?.loaderData ?? {})) takeSentMessages(data);
  for (const data of Object.values(state?.actionData ?? {})) takeSentMessages(data);
  const ids = state?.matches.map((m) => m.route.id) ?? [];
  const pending = messagesReady(locale, ["root", ...ids]);
  if (pending) use(pending);
}

/**
 * The messages of a module loaded later with import() (its path under app/ without the extension,
 * "domain/claims/calculate-points"): loaded beside the module, so what it shows has its words
 * (scripts/vite/portal-messages.ts, `perImport`).
 */
export function lazyMessages(locale: Locale, module: string): Promise<void> {
  return load(locale, `-i-${fileSafe(module)}`);
}

/**
 * Null when a key's messages are here (or no file has it); otherwise the promise of its prefix's
 * file. For keys the routes' code does not name (chosen by the server, for instance).
 */
export function pendingFor(locale: Locale, key: string): Promise<void> | null {
  const dot = key.indexOf(".");
  const prefix = dot < 0 ? key : key.slice(0, dot);
  if (!known.has(prefix) || have[locale]?.has(prefix)) return null;
  return load(locale, `-p-${prefix}`);
}
