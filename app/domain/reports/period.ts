import { addDays, isIsoDay, isoDay, startOfDay } from "~/lib/dates";

/**
 * The period a report covers, and the two it is compared with. Pure (shared by the page and the
 * server): days are ISO calendar days in UTC like every other date here (app/lib/dates.ts); a
 * period runs from the first instant of `from` up to, not including, the first instant after `to`.
 */
export const PERIOD_KINDS = ["month", "quarter", "year", "custom"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export type Period = {
  kind: PeriodKind;
  /** First day, inclusive. */
  from: string;
  /** Last day, inclusive (what a person reads and types). */
  to: string;
};

export type Periods = { current: Period; previous: Period; lastYear: Period };

/** A custom period is at most this long, so one request never reads the whole ledger history. */
export const MAX_CUSTOM_DAYS = 731;
const EARLIEST = "2000-01-01";

/** The first instant of the period and the instant it stops (compare `at >= start and at < end`). */
export function bounds(p: Period): { start: Date; end: Date } {
  return { start: startOfDay(p.from), end: addDays(startOfDay(p.to), 1) };
}

export function lengthInDays(p: Period): number {
  return Math.round((bounds(p).end.getTime() - bounds(p).start.getTime()) / 86_400_000);
}

/** `day` moved by whole months; the 31st becomes the last day of a shorter month. */
export function addMonthsToDay(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return isoDay(new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))));
}

function lastDayOfMonth(day: string): string {
  return isoDay(addDays(startOfDay(addMonthsToDay(`${day.slice(0, 7)}-01`, 1)), -1));
}

/** The month, quarter or year that holds `anchor`. */
export function periodOf(kind: Exclude<PeriodKind, "custom">, anchor: string): Period {
  const [y, m] = anchor.split("-").map(Number);
  const firstMonth = kind === "month" ? m : kind === "quarter" ? Math.floor((m - 1) / 3) * 3 + 1 : 1;
  const months = kind === "month" ? 1 : kind === "quarter" ? 3 : 12;
  const from = `${y}-${String(firstMonth).padStart(2, "0")}-01`;
  return { kind, from, to: lastDayOfMonth(addMonthsToDay(from, months - 1)) };
}

/** The period just before: the previous month, quarter or year, or as many days right before a custom one. */
export function previousPeriod(p: Period): Period {
  if (p.kind === "custom") {
    const days = lengthInDays(p);
    return { kind: "custom", from: isoDay(addDays(startOfDay(p.from), -days)), to: isoDay(addDays(startOfDay(p.from), -1)) };
  }
  return periodOf(p.kind, addMonthsToDay(p.from, p.kind === "month" ? -1 : p.kind === "quarter" ? -3 : -12));
}

/** The same period one year earlier (29 February becomes the 28th). */
export function sameLastYear(p: Period): Period {
  if (p.kind !== "custom") return periodOf(p.kind, addMonthsToDay(p.from, -12));
  return { kind: "custom", from: addMonthsToDay(p.from, -12), to: addMonthsToDay(p.to, -12) };
}

export function periodsFor(current: Period): Periods {
  return { current, previous: previousPeriod(current), lastYear: sameLastYear(current) };
}

/**
 * The period asked for in a page address: `period` (month, quarter, year, custom), `at` (a day
 * inside it, default today) or `from`/`to` for custom. Anything unreadable (a wrong kind, 31
 * February, a custom period backwards or longer than two years) gives the current month and
 * `invalid`, so the page says so instead of failing.
 */
export function readPeriod(search: URLSearchParams, today: string): { periods: Periods; invalid: boolean } {
  const fallback = () => ({ periods: periodsFor(periodOf("month", today)), invalid: true });
  const kind = search.get("period") ?? "month";
  if (!(PERIOD_KINDS as readonly string[]).includes(kind)) return fallback();
  if (kind === "custom") {
    const from = search.get("from");
    const to = search.get("to");
    if (!isIsoDay(from) || !isIsoDay(to) || from > to || from < EARLIEST) return fallback();
    const p: Period = { kind: "custom", from, to };
    if (lengthInDays(p) > MAX_CUSTOM_DAYS) return fallback();
    return { periods: periodsFor(p), invalid: false };
  }
  const at = search.get("at") ?? today;
  if (!isIsoDay(at) || at < EARLIEST) return fallback();
  return { periods: periodsFor(periodOf(kind as Exclude<PeriodKind, "custom">, at)), invalid: false };
}

/** The query string that names a period (for links to rows, CSV and the picker). */
export function periodQuery(p: Period): string {
  return p.kind === "custom" ? `period=custom&from=${p.from}&to=${p.to}` : `period=${p.kind}&at=${p.from}`;
}

/** How a chart over the period is split: by day up to two months, by month beyond. */
export function bucketOf(p: Period): "day" | "month" {
  return lengthInDays(p) <= 62 ? "day" : "month";
}

/** The period of one chart bucket (a day "2026-03-14" or a month "2026-03"), for its drill-down. */
export function bucketPeriod(bucket: string): Period {
  return bucket.length === 7 ? periodOf("month", `${bucket}-01`) : { kind: "custom", from: bucket, to: bucket };
}

/**
 * The whole UTC months inside a period: from the first day of the first one (`first`) to the
 * first day after the last one (`end`, exclusive); `first >= end` when it holds none. A month,
 * quarter or year is its own whole months.
 */
export function wholeMonths(p: Period): { first: string; end: string } {
  const first = p.from.endsWith("-01") ? p.from : addMonthsToDay(`${p.from.slice(0, 7)}-01`, 1);
  const after = isoDay(bounds(p).end);
  const end = `${after.slice(0, 7)}-01`;
  return { first, end: end < first ? first : end };
}
