/**
 * Money typed by a person, the one way. Amounts are typed in major units ("1 234,50" euros) and
 * kept as integers in minor units (123450 cents); the currency says how many decimals it has
 * (EUR 2, JPY 0, KWD 3). Parsing works on the digits as text, never through floating point.
 * Showing money is app/i18n/format.ts (f.money, f.moneyInput).
 */

/**
 * The programme's currency until the programme admin sets another: the programme_settings
 * column's default (db/schema/ledger.ts), and what code reads when that row is not made yet.
 * Everywhere else the currency comes from the settings (or a country's point value), never a literal.
 */
export const DEFAULT_CURRENCY = "EUR";

const digitsCache = new Map<string, number>();

/** How many minor-unit digits a currency has, as Intl knows it (EUR 2, JPY 0, BHD 3). */
export function currencyDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** Spaces of every kind and the Swiss apostrophe group thousands: "1 234", "1'234". */
const GROUPING_SPACE = /[\s\u00a0\u202f'’_]/g;

/**
 * "1 234,50", "1,234.50", "1.234,50", "129.9" or "0,07" in `currency` -> integer minor units.
 * Returns undefined for an empty field, null for anything that is not an amount of that currency:
 * letters, a sign, misplaced thousands separators, or more decimals than the currency has
 * ("0.005" euros). With one separator used once it is the decimal point, except in a currency
 * without decimals, where "1,234" yen can only mean a thousands separator.
 */
export function parseMoney(text: string, currency: string): number | null | undefined {
  return parseMinorUnits(text, currencyDigits(currency));
}

/** parseMoney for a currency with `digits` decimals (4 reads any amount any currency could hold). */
export function parseMinorUnits(text: string, digits: number): number | null | undefined {
  const s = text.trim().replace(GROUPING_SPACE, "");
  if (s === "") return undefined;
  if (!/^\d[\d.,]*$/.test(s) || /[.,]$/.test(s)) return null;
  const dots = s.split(".").length - 1;
  const commas = s.split(",").length - 1;
  let whole = s;
  let fraction = "";
  let decimal: string | null = null;
  if (dots && commas) decimal = s.lastIndexOf(".") > s.lastIndexOf(",") ? "." : ",";
  else if (dots + commas === 1) {
    const sep = dots ? "." : ",";
    const after = s.length - s.indexOf(sep) - 1;
    decimal = digits === 0 && after === 3 ? null : sep;
  }
  if (decimal) {
    const at = s.lastIndexOf(decimal);
    whole = s.slice(0, at);
    fraction = s.slice(at + 1);
    if (fraction.length > digits || /[.,]/.test(fraction)) return null;
  }
  // What is left of the decimal point may only group thousands: 1,234,567 or 1.234.567.
  if (/[.,]/.test(whole)) {
    if (!/^\d{1,3}([.,]\d{3})+$/.test(whole) || new Set(whole.replace(/\d/g, "")).size > 1) return null;
    whole = whole.replace(/[.,]/g, "");
  }
  const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, "0") || "0");
  return minor <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(minor) : null;
}

/** Integer minor units as a plain major-unit amount ("129.90", "1500" for yen), exactly. */
export function minorToMajor(minor: number, currency: string, decimalSeparator = "."): string {
  const digits = currencyDigits(currency);
  const sign = minor < 0 ? "-" : "";
  const text = String(Math.abs(Math.trunc(minor))).padStart(digits + 1, "0");
  return digits ? `${sign}${text.slice(0, -digits)}${decimalSeparator}${text.slice(-digits)}` : `${sign}${text}`;
}
