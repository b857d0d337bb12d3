// The catalogue's choices the page itself shows (the sort menu, the search box's limit), without
// zod: the shop front's script imports this, and importing forms.ts brought all of zod with it
// (issue 17: 20 KB of a salesperson's first load). forms.ts re-exports these for the server.

/** How the catalogue can be ordered; anything else in the address falls back to the first. */
export const CATALOGUE_SORTS = ["points", "points_desc", "newest", "name"] as const;
export type CatalogueSort = (typeof CATALOGUE_SORTS)[number];
/** Longest search the catalogue takes (a reward name is at most 200 characters; a search is a few words). */
export const CATALOGUE_SEARCH_MAX = 80;
