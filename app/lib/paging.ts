/**
 * Paging for long lists (docs/performance.md): a page of rows and a link to the next one that
 * keeps every other parameter of the address (filters, search, sort), so it works without
 * JavaScript. Keyset cursors (`?after=`) rather than offsets: the next page is an index range
 * read however deep it is, and a row approved or added meanwhile does not shift the rest.
 */

/** Longest cursor accepted from an address; anything longer (or malformed) reads as the first page. */
export const CURSOR_MAX = 100;

/** The `after` cursor of the address, or null for the first page. Shape checks belong to its reader. */
export function readCursor(url: URL, name = "after"): string | null {
  const value = url.searchParams.get(name);
  return value && value.length <= CURSOR_MAX ? value : null;
}

/** The same address with one parameter set (or removed when null): path and query, for a link. */
export function withParam(url: URL, name: string, value: string | null): string {
  const params = new URLSearchParams(url.search);
  if (value === null) params.delete(name);
  else params.set(name, value);
  const query = params.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

/** Rows of one page plus the cursor of the last one when there may be more (limit + 1 were read). */
export function pageOf<T>(rows: T[], limit: number, cursor: (row: T) => string): { rows: T[]; next: string | null } {
  if (rows.length <= limit) return { rows, next: null };
  const page = rows.slice(0, limit);
  return { rows: page, next: cursor(page[page.length - 1]) };
}
