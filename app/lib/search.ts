/**
 * The text of a search box as it arrives in the address (`?q=`): control characters dropped
 * (PostgreSQL refuses NUL in text, the others only ever come from a tampered link), spaces
 * trimmed, length capped. A bad value becomes a search for what is left, never an error.
 */
export function searchText(url: URL, max: number, name = "q"): string {
  return (url.searchParams.get(name) ?? "")
    .replace(/\p{Cc}/gu, "")
    .trim()
    .slice(0, max);
}
