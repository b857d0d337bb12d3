import { useRouteLoaderData } from "react-router";
import type { Locale } from "@db/schema/enums";
import { createFormatter } from "./format";
import { createTranslator, type Translate } from "./translate";

// The catalogue ships in the (cached) client bundle; the root loader only says which locale.
export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as { locale: Locale } | undefined;
  return data?.locale ?? "en";
}

export function useT(): Translate {
  return createTranslator(useLocale());
}

export function useFormat() {
  return createFormatter(useLocale());
}
