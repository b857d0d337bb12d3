/** The browser's IANA time zone, reported by the page itself (not a secret, not used for access). */
export const TIME_ZONE_COOKIE = "portal_tz";
