/**
 * Days and calendar dates in one place. A "date" typed into a form or stored in a `date` column
 * is an ISO day (YYYY-MM-DD) with no time zone; timestamps are instants (Date).
 */
export const DAY_MS = 86_400_000;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDay(value: unknown): value is string {
  if (typeof value !== "string" || !ISO_DAY.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The instant `days` days after `from` (negative for before). */
export function addDays(from: Date | number, days: number): Date {
  return new Date((typeof from === "number" ? from : from.getTime()) + days * DAY_MS);
}

/** The ISO day of an instant, in UTC. */
export function isoDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The first instant of an ISO day (UTC midnight). */
export function startOfDay(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/**
 * An inclusive end date ("until 31 March") as the instant it stops: the first instant of the
 * next day, so comparisons read `at < endOf(day)`. The one rule for every "until" a user types.
 */
export function endOfDayExclusive(day: string): Date {
  return addDays(startOfDay(day), 1);
}

/**
 * The last instant of an ISO day, for the older columns compared with `<=` (a contest's
 * endsAt): the same "until 31 March" rule as endOfDayExclusive, one millisecond earlier.
 */
export function lastInstantOfDay(day: string): Date {
  return new Date(endOfDayExclusive(day).getTime() - 1);
}

/**
 * The inclusive ISO day a stored end stands for, to show in a form or a page: the inverse of
 * endOfDayExclusive and of lastInstantOfDay alike (31 March for 1 April 00:00 or for
 * 31 March 23:59:59.999).
 */
export function inclusiveEndDay(end: Date): string {
  return isoDay(new Date(end.getTime() - 1));
}

/**
 * A date-only value as an instant to hand to a date formatter: noon UTC, so every time zone
 * from UTC-11 to UTC+11 shows the same calendar day.
 */
export function dayForDisplay(day: string): Date {
  return new Date(`${day}T12:00:00Z`);
}
