/**
 * The text of a search box as it arrives in the address (`?q=`): control characters dropped
 * (PostgreSQL refuses NUL in text, the others only ever come from a tampered link), spaces
 * trimmed, length capped. A bad value becomes a search for what is left, never an error.
 */
export function searchText(url: URL, max: number, name = "q"): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: dropping them is the point
  return (url.searchParams.get(name) ?? "").replace(/[\u0000-\u001f\u007f-\u009f]/g, "").trim().slice(0, max);
}
