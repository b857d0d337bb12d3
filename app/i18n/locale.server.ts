import { isLocale, type Locale } from "@db/schema/enums";
import type { Actor } from "~/lib/actor";
import { readCookie } from "~/lib/session-cookie.server";

export const LOCALE_COOKIE = "portal_locale";

/** The user's saved preference, then the language cookie, then Accept-Language, then English. */
export function resolveLocale(request: Request, actor: Actor | null): Locale {
  if (actor?.locale) return actor.locale;
  const cookie = readCookie(request.headers.get("Cookie"), LOCALE_COOKIE);
  if (isLocale(cookie)) return cookie;
  const header = request.headers.get("Accept-Language") ?? "";
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, q] = part.trim().split(";q=");
      return { lang: tag.toLowerCase().split("-")[0], q: q ? Number(q) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { lang } of ranked) {
    // Browsers in the Philippines often say Tagalog (tl); the interface's Filipino serves them.
    const asked = lang === "tl" ? "fil" : lang;
    if (isLocale(asked)) return asked;
  }
  return "en";
}

export function localeCookie(locale: Locale): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
