import type { Locale } from "@db/schema/enums";
import type { catalog as fullCatalog } from "./catalog";
import type { Message } from "./define";

export type { MessageKey } from "./catalog";

/**
 * The browser's catalogue (the client build uses this file in place of catalog.ts; see
 * vite.config.ts `portalMessages`): it ships empty and each language's messages are fetched as
 * their own chunk the first time a page is shown in that language, so a phone downloads one
 * language, not every language (docs/performance.md). entry.client.tsx waits for the page's
 * language before hydrating; useT suspends for another one (a switch of language).
 */
export const catalog = { en: {}, ru: {}, lt: {}, hi: {}, fil: {} } as unknown as typeof fullCatalog;

const loaders: Record<Locale, () => Promise<{ default: Record<string, Message> }>> = {
  en: () => import("virtual:portal-messages/en"),
  ru: () => import("virtual:portal-messages/ru"),
  lt: () => import("virtual:portal-messages/lt"),
  hi: () => import("virtual:portal-messages/hi"),
  fil: () => import("virtual:portal-messages/fil"),
};
const loaded = new Set<Locale>();
const pending = new Map<Locale, Promise<void>>();

/** Null when the language's messages are here; otherwise the promise of their arrival. */
export function messagesReady(locale: Locale): Promise<void> | null {
  if (loaded.has(locale)) return null;
  let p = pending.get(locale);
  if (!p) {
    p = loaders[locale]().then((m) => {
      Object.assign(catalog[locale], m.default);
      loaded.add(locale);
    });
    pending.set(locale, p);
  }
  return p;
}
