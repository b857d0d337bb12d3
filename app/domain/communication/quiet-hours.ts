/**
 * Quiet hours: mail that can wait (news, digests, announcements) reaches people between 08:00
 * and 20:00 in their own time zone; anything queued outside that window waits for its start.
 * Security mail (password resets, invitations) never waits. Pure, so the same rule is tested
 * without a clock; the bulk queue (segments.server.ts) says the same in SQL (`releaseAtSql`).
 */
export const QUIET_START_HOUR = 8;
export const QUIET_END_HOUR = 20;

/** Whether a string names a time zone this runtime knows (IANA, e.g. "Europe/Vilnius"). */
export function isTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock parts of `at` in `zone`. */
function wallClock(at: Date, zone: string) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

/** The instant at which the wall clock in `zone` shows the given day and time. */
export function instantAt(zone: string, year: number, month: number, day: number, hour: number, minute = 0): Date {
  const wanted = Date.UTC(year, month - 1, day, hour, minute);
  // Guess as if the zone were UTC, then correct by the zone's offset at that moment (twice, for DST edges).
  let guess = wanted;
  for (let i = 0; i < 2; i++) {
    const w = wallClock(new Date(guess), zone);
    guess += wanted - Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  }
  return new Date(guess);
}

/** A datetime-local value ("2026-12-01T09:30") read as wall-clock time in `zone`. */
export function fromLocalInput(value: string, zone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const at = instantAt(isTimeZone(zone) ? zone : "UTC", year, month, day, hour, minute);
  return Number.isNaN(at.getTime()) ? null : at;
}

/**
 * When a non-urgent mail queued at `now` may go to someone in `zone`: `now` inside the window,
 * else the next 08:00 there. An unknown zone counts as UTC.
 */
export function releaseAt(now: Date, zone: string): Date {
  const tz = isTimeZone(zone) ? zone : "UTC";
  const w = wallClock(now, tz);
  if (w.hour >= QUIET_START_HOUR && w.hour < QUIET_END_HOUR) return now;
  // Before 08:00: today's 08:00; from 20:00: tomorrow's (Date.UTC rolls the day over the month end).
  const next = new Date(Date.UTC(w.year, w.month - 1, w.day + (w.hour >= QUIET_END_HOUR ? 1 : 0)));
  return instantAt(tz, next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), QUIET_START_HOUR);
}

/** Whether `now` is inside the sending window in `zone`. */
export function isSendingWindow(now: Date, zone: string): boolean {
  return releaseAt(now, zone).getTime() === now.getTime();
}
