import { z } from "zod";
import { currencyDigits, parseMinorUnits, parseMoney } from "~/lib/money";

/** Form schemas of the per-country currency card on /admin/programme (issue 18). Messages are i18n keys. */

// Intl knows every ISO 4217 code the formatter can show; anything else would render as "XYZ 1.00".
const CURRENCIES = new Set(Intl.supportedValuesOf("currency"));
// An ISO 3166-1 alpha-2 code Intl can name; an unknown code ("QQ") comes back unchanged.
const REGION_NAMES = new Intl.DisplayNames(["en"], { type: "region" });
export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code)) return false;
  try {
    return REGION_NAMES.of(code) !== code;
  } catch {
    return false;
  }
}

// As for the programme: a point is worth at most 1000 of the currency.
const MAX_POINT_VALUE = 1000;

const country = z.string().trim().max(2, "currency.errors.country").toUpperCase().refine(isCountryCode, "currency.errors.country");

export const countryValueSchema = z
  .object({
    country,
    countryCurrency: z
      .string()
      .trim()
      .max(3, "currency.errors.currency")
      .toUpperCase()
      .refine((c) => CURRENCIES.has(c), "currency.errors.currency"),
    /** Typed in major units of the currency ("0.05"); stored as pointValueMinor. */
    countryPointValue: z
      .string()
      .trim()
      .min(1, { message: "errors.required", abort: true })
      .max(20, "currency.errors.point_value")
      .refine((v) => parseMinorUnits(v, 4) != null, "currency.errors.point_value"),
  })
  // The currency says how many decimals the value may have (none for yen).
  // Field names differ from the programme form's own currency and point value on the same page.
  .transform(({ country, countryCurrency: currency, countryPointValue }, ctx) => {
    const pointValueMinor = parseMoney(countryPointValue, currency);
    if (pointValueMinor == null || pointValueMinor > MAX_POINT_VALUE * 10 ** currencyDigits(currency)) {
      ctx.addIssue({ code: "custom", path: ["countryPointValue"], message: "currency.errors.point_value" });
      return z.NEVER;
    }
    return { country, currency, pointValueMinor };
  });
export type CountryValueInput = z.infer<typeof countryValueSchema>;

export const countryRemoveSchema = z.object({ country });
