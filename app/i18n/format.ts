import type { Locale } from "@db/schema/enums";
import { dayForDisplay } from "../lib/dates";

/**
 * The one place dates, numbers, points and money become text. Money is held in minor units
 * (integers); only here, for display, is it divided.
 */
export function createFormatter(locale: Locale, timeZone = "UTC") {
  const number = new Intl.NumberFormat(locale);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone });
  // A date-only value is a calendar day, not an instant: read it in UTC whatever the reader's zone.
  const calendarDay = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone });
  return {
    number: (n: number) => number.format(n),
    points: (n: number) => number.format(n),
    money(minor: number, currency: string) {
      const f = new Intl.NumberFormat(locale, { style: "currency", currency });
      const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
      return f.format(minor / 10 ** digits);
    },
    date: (d: Date | string) => date.format(typeof d === "string" ? new Date(d) : d),
    /** A date-only value (YYYY-MM-DD, as typed or stored in a `date` column): the same day everywhere. */
    day: (isoDay: string) => calendarDay.format(dayForDisplay(isoDay)),
    dateTime: (d: Date | string) => dateTime.format(typeof d === "string" ? new Date(d) : d),
  };
}

export type Formatter = ReturnType<typeof createFormatter>;
