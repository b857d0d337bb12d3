import { useInsertionEffect } from "react";
import { useRouteLoaderData } from "react-router";
import type { Locale } from "@db/schema/enums";
import { useMessages } from "./catalog";
import { createFormatter } from "./format";
import { createTranslator, type Translate } from "./translate";

// The browser's catalogue arrives as cached files per page and language (catalog.browser.ts); the root loader only says which locale.
export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as { locale: Locale } | undefined;
  return data?.locale ?? "en";
}

export function useT(): Translate {
  const locale = useLocale();
  // In the browser messages arrive a page's worth at a time (catalog.browser.ts): the next page,
  // or a page in another language (after switching), waits for its own inside the navigation.
  useMessages(locale);
  // The translator may wait for a missing key's messages only while this render runs: React
  // commits a render before any effect or event handler, and the insertion effect (the first to
  // run at commit) ends it (translate.ts). The server holds every message and never waits.
  const rendering = { on: true };
  useInsertionEffect(() => {
    rendering.on = false;
  });
  return createTranslator(locale, rendering);
}

/** The reader's time zone (root loader: their setting, else their organisation's region; UTC signed out). */
export function useTimeZone(): string {
  const data = useRouteLoaderData("root") as { timeZone?: string } | undefined;
  return data?.timeZone ?? "UTC";
}

/** Dates, times, numbers and money in the reader's language and time zone. */
export function useFormat() {
  return createFormatter(useLocale(), useTimeZone());
}
