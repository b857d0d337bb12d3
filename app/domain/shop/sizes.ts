/**
 * Sizes in the order people read them on a label: clothing XXS … XXXL (also written 2XL, 3XL),
 * then numbers (shoe sizes 38, 39, 40, 42.5; kids' 128, 134; "10.5"), then anything else by its
 * text. A size like "S (48–52)" sorts by its first word. Admins type sizes freely, so nothing
 * here refuses a value: unknown ones simply come last.
 */
const LETTERS = ["XXXS", "XXS", "XS", "S", "M", "L", "XL", "XXL", "XXXL", "XXXXL"];

function lettersRank(token: string): number {
  const t = token.toUpperCase();
  const multi = /^(\d)XL$/.exec(t); // 2XL = XXL, 3XL = XXXL
  if (multi) return LETTERS.indexOf(`${"X".repeat(Number(multi[1]))}L`);
  const xs = /^(\d)XS$/.exec(t);
  if (xs) return LETTERS.indexOf(`${"X".repeat(Number(xs[1]))}S`);
  return LETTERS.indexOf(t);
}

type SizeKey = [group: number, value: number, text: string];

function sizeKey(size: string): SizeKey {
  const first = size.trim().split(/[\s(/]/)[0] ?? "";
  const letters = lettersRank(first);
  if (letters >= 0) return [0, letters, size];
  const number = /^\d+(?:[.,]\d+)?$/.test(first) ? Number(first.replace(",", ".")) : Number.NaN;
  if (!Number.isNaN(number)) return [1, number, size];
  return [2, 0, size];
}

export function compareSizes(a: string, b: string): number {
  const [ga, va, ta] = sizeKey(a);
  const [gb, vb, tb] = sizeKey(b);
  return ga - gb || va - vb || ta.localeCompare(tb, "en", { numeric: true });
}

/** Variants by size in label order, then by colour; the order in which they were made is kept otherwise. */
export function sortBySize<T extends { size: string; colour: string }>(variants: readonly T[]): T[] {
  return [...variants].sort((a, b) => compareSizes(a.size, b.size) || a.colour.localeCompare(b.colour));
}
