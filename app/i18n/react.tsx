import { use } from "react";
import { useRouteLoaderData } from "react-router";
import type { Locale } from "@db/schema/enums";
import { messagesReady } from "./catalog";
import { createFormatter } from "./format";
import { createTranslator, type Translate } from "./translate";

// The catalogue ships as one cached chunk per language (catalog.browser.ts); the root loader only says which locale.
export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as { locale: Locale } | undefined;
  return data?.locale ?? "en";
}

export function useT(): Translate {
  const locale = useLocale();
  // In the browser a language's messages arrive on first use (catalog.browser.ts): a page shown
  // in another language than the first (after switching) waits for them inside the navigation.
  const pending = messagesReady(locale);
  if (pending) use(pending);
  return createTranslator(locale);
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
