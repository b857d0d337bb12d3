import { describe, expect, it } from "vitest";
import { addMonthsToDay, periodOf, periodsFor, readPeriod } from "../../app/domain/reports/period";
import { bucketsOf } from "../../app/domain/reports/sql.server";

describe("report periods", () => {
  it("finds the month, quarter and year of a day, the one before and the same one last year", () => {
    expect(periodsFor(periodOf("month", "2024-03-31"))).toEqual({
      current: { kind: "month", from: "2024-03-01", to: "2024-03-31" },
      previous: { kind: "month", from: "2024-02-01", to: "2024-02-29" },
      lastYear: { kind: "month", from: "2023-03-01", to: "2023-03-31" },
    });
    expect(periodsFor(periodOf("quarter", "2026-02-10"))).toEqual({
      current: { kind: "quarter", from: "2026-01-01", to: "2026-03-31" },
      previous: { kind: "quarter", from: "2025-10-01", to: "2025-12-31" },
      lastYear: { kind: "quarter", from: "2025-01-01", to: "2025-03-31" },
    });
    expect(periodsFor(periodOf("year", "2026-07-01")).previous).toEqual({ kind: "year", from: "2025-01-01", to: "2025-12-31" });
  });

  it("compares a custom period with as many days right before it and with the same dates a year earlier", () => {
    const { periods, invalid } = readPeriod(new URLSearchParams("period=custom&from=2024-02-20&to=2024-03-05"), "2026-01-01");
    expect(invalid).toBe(false);
    expect(periods.previous).toEqual({ kind: "custom", from: "2024-02-05", to: "2024-02-19" });
    expect(periods.lastYear).toEqual({ kind: "custom", from: "2023-02-20", to: "2023-03-05" });
    expect(addMonthsToDay("2024-02-29", -12)).toBe("2023-02-28");
  });

  it("reads anything unreadable as this month, and says so", () => {
    for (const q of [
      "period=week",
      "period=month&at=2026-02-31",
      "period=custom&from=2026-03-01&to=2026-02-01",
      "period=custom&from=2020-01-01&to=2026-01-01",
      "period=custom&from=x&to=y",
      "period=year&at=1900-01-01",
    ]) {
      const r = readPeriod(new URLSearchParams(q), "2026-05-17");
      expect(r.invalid, q).toBe(true);
      expect(r.periods.current, q).toEqual({ kind: "month", from: "2026-05-01", to: "2026-05-31" });
    }
  });

  it("splits a chart by day up to two months and by month beyond", () => {
    expect(bucketsOf(periodOf("month", "2026-02-10"))).toHaveLength(28);
    expect(bucketsOf(periodOf("year", "2026-02-10"))).toEqual([...Array(12)].map((_, i) => `2026-${String(i + 1).padStart(2, "0")}`));
  });
});
