import { describe, expect, it } from "vitest";
import { createFormatter } from "../../app/i18n/format";
import { currencyDigits, minorToMajor, parseMoney } from "../../app/lib/money";

describe("money typed by a person", () => {
  it("reads euros as people write them, into cents, exactly", () => {
    expect(parseMoney("1 234,50", "EUR")).toBe(123450);
    expect(parseMoney("1\u00a0234,50", "EUR")).toBe(123450);
    expect(parseMoney("1,234.50", "EUR")).toBe(123450);
    expect(parseMoney("1.234,50", "EUR")).toBe(123450);
    expect(parseMoney("1.234.567", "EUR")).toBe(123456700);
    expect(parseMoney("129.9", "EUR")).toBe(12990);
    expect(parseMoney("0,07", "EUR")).toBe(7);
    expect(parseMoney("0.29", "EUR")).toBe(29); // 0.29 * 100 is 28.999999999999996 in floating point
    expect(parseMoney(" 5 ", "EUR")).toBe(500);
  });

  it("refuses more decimals than the currency has", () => {
    expect(parseMoney("12.345", "EUR")).toBeNull();
    expect(parseMoney("1,234", "EUR")).toBeNull(); // three decimals of a euro, or a thousand? Ask again.
    expect(parseMoney("0.5", "JPY")).toBeNull();
    expect(parseMoney("12.345", "KWD")).toBe(12345);
  });

  it("reads yen, which have no decimals, with thousands separators", () => {
    expect(currencyDigits("JPY")).toBe(0);
    expect(parseMoney("1500", "JPY")).toBe(1500);
    expect(parseMoney("1,500", "JPY")).toBe(1500);
    expect(parseMoney("1 234 567", "JPY")).toBe(1234567);
  });

  it("says empty for an empty field and refuses what is not an amount", () => {
    expect(parseMoney("", "EUR")).toBeUndefined();
    expect(parseMoney("   ", "EUR")).toBeUndefined();
    for (const bad of ["-3", "abc", "12 EUR", "1,2,3", "1.23,4.5", "12.", ".5", "1e3", "0x10", "1,23.45", "99999999999999999999"])
      expect(parseMoney(bad, "EUR"), bad).toBeNull();
  });

  it("shows minor units back as the amount to type, and through Intl for reading", () => {
    expect(minorToMajor(123450, "EUR")).toBe("1234.50");
    expect(minorToMajor(7, "EUR")).toBe("0.07");
    expect(minorToMajor(1500, "JPY")).toBe("1500");
    expect(createFormatter("ru").moneyInput(123450, "EUR")).toBe("1234,50");
    expect(parseMoney(createFormatter("ru").moneyInput(123450, "EUR"), "EUR")).toBe(123450);
    expect(createFormatter("en").money(123450, "EUR")).toBe("€1,234.50");
    expect(createFormatter("en").money(1500, "JPY")).toBe("¥1,500");
  });
});
