import type { Locale } from "@db/schema/enums";
import { dayForDisplay } from "../lib/dates";
import { currencyDigits, minorToMajor } from "../lib/money";

/**
 * The one place dates, numbers, points and money become text. Money is held in minor units
 * (integers); only here, for display, is it divided. Money typed back in is app/lib/money.ts.
 */
export function createFormatter(locale: Locale, timeZone = "UTC") {
  // Intl objects are costly to build and the same for every request in a language: one per
  // language and zone for the life of the process (the profile showed them on every page).
  const key = `${locale}|${timeZone}`;
  let made = formatters.get(key);
  if (!made) {
    made = buildFormatter(locale, timeZone);
    formatters.set(key, made);
  }
  return made;
}

const formatters = new Map<string, ReturnType<typeof buildFormatter>>();
const currencies = new Map<string, Intl.NumberFormat>();

function buildFormatter(locale: Locale, timeZone: string) {
  const number = new Intl.NumberFormat(locale);
  const decimalMark = number.formatToParts(1.5).find((p) => p.type === "decimal")?.value ?? ".";
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone });
  // A date-only value is a calendar day, not an instant: read it in UTC whatever the reader's zone.
  const calendarDay = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone });
  return {
    number: (n: number) => number.format(n),
    points: (n: number) => number.format(n),
    money(minor: number, currency: string) {
      const key = `${locale}|${currency}`;
      let format = currencies.get(key);
      if (!format) {
        format = new Intl.NumberFormat(locale, { style: "currency", currency });
        currencies.set(key, format);
      }
      return format.format(minor / 10 ** currencyDigits(currency));
    },
    /** A rounded amount ("worth about €45"): no decimals when it is a whole number of units. */
    moneyWhole(minor: number, currency: string) {
      const digits = currencyDigits(currency);
      const whole = minor % 10 ** digits === 0;
      const key = `${locale}|${currency}${whole ? "|whole" : ""}`;
      let format = currencies.get(key);
      if (!format) {
        format = new Intl.NumberFormat(
          locale,
          whole ? { style: "currency", currency, minimumFractionDigits: 0, maximumFractionDigits: 0 } : { style: "currency", currency },
        );
        currencies.set(key, format);
      }
      return format.format(minor / 10 ** digits);
    },
    /** Minor units as the amount to put back in a form field (major units, the reader's decimal mark, no grouping). */
    moneyInput: (minor: number, currency: string) => minorToMajor(minor, currency, decimalMark),
    date: (d: Date | string) => date.format(typeof d === "string" ? new Date(d) : d),
    /** A date-only value (YYYY-MM-DD, as typed or stored in a `date` column): the same day everywhere. */
    day: (isoDay: string) => calendarDay.format(dayForDisplay(isoDay)),
    dateTime: (d: Date | string) => dateTime.format(typeof d === "string" ? new Date(d) : d),
  };
}

export type Formatter = ReturnType<typeof createFormatter>;
