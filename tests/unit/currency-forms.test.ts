import { describe, expect, it } from "vitest";
import { countryValueSchema, isCountryCode } from "../../app/domain/points/currency-forms";

/** The per-country currency form (issue 18): ISO 3166 countries, ISO 4217 currencies, integer minor units. */
describe("country point value form", () => {
  it("accepts a real country and currency, in lower case too, as integer minor units", () => {
    expect(countryValueSchema.parse({ country: "in", countryCurrency: "inr", countryPointValue: "1.50" })).toEqual({
      country: "IN",
      currency: "INR",
      pointValueMinor: 150,
    });
    // Yen have no minor unit: one yen is 1.
    expect(countryValueSchema.parse({ country: "JP", countryCurrency: "JPY", countryPointValue: "2" }).pointValueMinor).toBe(2);
  });

  it("refuses unknown codes, too many decimals and absurd values", () => {
    expect(isCountryCode("LT")).toBe(true);
    expect(isCountryCode("QQ")).toBe(false);
    expect(isCountryCode("LTU")).toBe(false);
    const bad = (input: Record<string, string>) =>
      countryValueSchema.safeParse({ country: "LT", countryCurrency: "EUR", countryPointValue: "0.01", ...input }).error?.issues[0].message;
    expect(bad({ country: "QQ" })).toBe("currency.errors.country");
    expect(bad({ countryCurrency: "XYZ" })).toBe("currency.errors.currency");
    expect(bad({ countryCurrency: "JPY", countryPointValue: "0.5" })).toBe("currency.errors.point_value");
    expect(bad({ countryPointValue: "1001" })).toBe("currency.errors.point_value");
    expect(bad({ countryPointValue: "-1" })).toBe("currency.errors.point_value");
  });
});
