import { describe, expect, it } from "vitest";
import { catalog } from "../../app/i18n/catalog";
import type { Message } from "../../app/i18n/define";
import { createFormatter } from "../../app/i18n/format";
import { resolveLocale } from "../../app/i18n/locale.server";
import { createTranslator } from "../../app/i18n/translate";
import type { Actor } from "../../app/lib/actor";
import type { Locale } from "../../db/schema/enums";

/** Intl puts non-breaking spaces in numbers and dates (so they never wrap); compare them as spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");
const MARCH_5_LATE = new Date("2026-03-05T23:30:00Z");

describe("formatting per locale", () => {
  const en = createFormatter("en");
  const ru = createFormatter("ru");

  it("shows money held in minor units with the currency's own decimals", () => {
    expect(en.money(123456, "EUR")).toBe("€1,234.56");
    expect(plain(ru.money(123456, "EUR"))).toBe("1 234,56 €");
    expect(plain(ru.money(1234567, "RUB"))).toBe("12 345,67 ₽");
    expect(en.money(-5, "GBP")).toBe("-£0.05");
    // Yen has no minor unit: 1234 minor units are 1234 yen, not 12.34.
    expect(en.money(1234, "JPY")).toBe("¥1,234");
    expect(plain(ru.money(1234, "JPY"))).toBe("1 234 ¥");
  });

  it("groups numbers and points the way each language reads them, without breaking the line", () => {
    expect(en.number(1234567.5)).toBe("1,234,567.5");
    expect(plain(ru.number(1234567.5))).toBe("1 234 567,5");
    expect(ru.points(25000)).not.toContain(" ");
    expect(plain(ru.points(25000))).toBe("25 000");
    expect(en.points(25000)).toBe("25,000");
  });

  it("writes dates and times per locale, in the time zone asked for", () => {
    expect(en.date(MARCH_5_LATE)).toBe("Mar 5, 2026");
    expect(plain(ru.date(MARCH_5_LATE))).toBe("5 мар. 2026 г.");
    expect(plain(en.dateTime(MARCH_5_LATE))).toBe("Mar 5, 2026, 11:30 PM");
    expect(plain(ru.dateTime(MARCH_5_LATE))).toBe("5 мар. 2026 г., 23:30");
    expect(en.date(MARCH_5_LATE.toISOString())).toBe("Mar 5, 2026");
    // Half past eleven in London is already the next day in Vilnius.
    expect(createFormatter("en", "Europe/Vilnius").date(MARCH_5_LATE)).toBe("Mar 6, 2026");
  });
});

describe("messages", () => {
  it("has every English message in Russian, with the same placeholders", () => {
    const placeholders = (m: Message) =>
      [
        ...new Set((typeof m === "string" ? [m] : Object.values(m)).flatMap((s) => [...(s ?? "").matchAll(/\{(\w+)\}/g)].map((x) => x[1]))),
      ].sort();
    const problems: string[] = [];
    for (const [key, en] of Object.entries(catalog.en) as Array<[string, Message]>) {
      const ru = catalog.ru[key];
      if (ru === undefined) problems.push(`${key}: no Russian`);
      else if (JSON.stringify(placeholders(ru)) !== JSON.stringify(placeholders(en))) problems.push(`${key}: placeholders differ`);
    }
    for (const key of Object.keys(catalog.ru)) if (!(key in catalog.en)) problems.push(`${key}: only in Russian`);
    expect(problems).toEqual([]);
  });

  it("chooses Russian plural forms by number", () => {
    const t = createTranslator("ru");
    expect(t("auth.throttled", { count: 1 })).toContain("через 1 минуту");
    expect(t("auth.throttled", { count: 3 })).toContain("через 3 минуты");
    expect(t("auth.throttled", { count: 15 })).toContain("через 15 минут");
    expect(t("auth.throttled", { count: 21 })).toContain("через 21 минуту");
    const en = createTranslator("en");
    expect(en("auth.throttled", { count: 1 })).toBe("Too many sign-in attempts. Try again in 1 minute.");
    expect(en("auth.throttled", { count: 15 })).toBe("Too many sign-in attempts. Try again in 15 minutes.");
  });

  it("fills placeholders, formats numbers in them, and falls back to English and then the key", () => {
    expect(createTranslator("en")("home.greeting", { name: "Ona" })).toBe("Hello, Ona");
    expect(plain(createTranslator("ru")("email.invite.expires", { count: 1000 }))).toContain("1 000");
    expect(createTranslator("ru")("no.such.key")).toBe("no.such.key");
  });
});

describe("choosing the language", () => {
  const request = (headers: Record<string, string>) => new Request("http://portal.test/", { headers });
  const actor = (locale: Locale | null) => ({ locale }) as Actor;

  it("follows Accept-Language by preference order, falling back to English", () => {
    expect(resolveLocale(request({ "Accept-Language": "ru-RU,ru;q=0.9,en;q=0.8" }), null)).toBe("ru");
    expect(resolveLocale(request({ "Accept-Language": "de-DE, ru;q=0.5, en;q=0.7" }), null)).toBe("en");
    expect(resolveLocale(request({ "Accept-Language": "de-DE, ru;q=0.5" }), null)).toBe("ru");
    expect(resolveLocale(request({ "Accept-Language": "de" }), null)).toBe("en");
    expect(resolveLocale(request({ "Accept-Language": "lt-LT,lt;q=0.9,en;q=0.8" }), null)).toBe("lt");
    expect(resolveLocale(request({ "Accept-Language": "hi-IN, en;q=0.5" }), null)).toBe("hi");
    expect(resolveLocale(request({ "Accept-Language": "fil-PH" }), null)).toBe("fil");
    // Tagalog, as many browsers in the Philippines name it, is served in Filipino.
    expect(resolveLocale(request({ "Accept-Language": "tl, en;q=0.5" }), null)).toBe("fil");
    expect(resolveLocale(request({}), null)).toBe("en");
  });

  it("prefers the account's choice, then the language cookie, over the browser", () => {
    const ruBrowser = { "Accept-Language": "ru" };
    expect(resolveLocale(request({ ...ruBrowser, Cookie: "portal_locale=en" }), null)).toBe("en");
    expect(resolveLocale(request({ ...ruBrowser, Cookie: "portal_locale=xx" }), null)).toBe("ru");
    expect(resolveLocale(request({ ...ruBrowser, Cookie: "portal_locale=en" }), actor("ru"))).toBe("ru");
    expect(resolveLocale(request({ "Accept-Language": "en" }), actor("ru"))).toBe("ru");
    expect(resolveLocale(request(ruBrowser), actor(null))).toBe("ru");
  });
});
