import { isTimeZone } from "~/domain/training/calendar";
import { readCookie } from "./session-cookie.server";
import { TIME_ZONE_COOKIE } from "./time-zone";

/**
 * The zone to show times in for this reader. People have no saved zone in their profile and
 * organisations none either, so the source is the browser's own zone, which the page reports in
 * a small cookie (see TimeZoneHint); null until it has (the first page view, or no script), and
 * then times are shown in the zone they were announced in. A forged or unknown value is ignored.
 */
export function viewerTimeZone(request: Request): string | null {
  const zone = readCookie(request.headers.get("cookie"), TIME_ZONE_COOKIE);
  return zone && isTimeZone(zone) ? zone : null;
}
