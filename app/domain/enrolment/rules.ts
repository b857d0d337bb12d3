/** Pure rules of joining, shared by the pages and the server (issue 19). */

/** How many companies a name search shows, and the shortest name it searches for: never a list of partners. */
export const FIND_LIMIT = 5;
export const FIND_MIN = 3;

/**
 * A partner's join code: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), so it
 * can be read out over the phone or copied from a poster. Stored bare and upper-case; shown as
 * "ABCD-EFGH"; typed in any case, with or without spaces and dashes.
 */
export const JOIN_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const JOIN_CODE_LENGTH = 8;

/** What a person typed as the stored form, or null when it cannot be a join code. */
export function normaliseJoinCode(text: string): string | null {
  const bare = text.replace(/[\s-]/g, "").toUpperCase();
  if (bare.length !== JOIN_CODE_LENGTH) return null;
  for (const ch of bare) if (!JOIN_CODE_ALPHABET.includes(ch)) return null;
  return bare;
}

export function formatJoinCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
