import { describe, expect, it } from "vitest";
import { phaseOf } from "../../app/domain/contests/rules";
import { createFormatter } from "../../app/i18n/format";
import { endOfDayExclusive, inclusiveEndDay, isIsoDay, lastInstantOfDay, startOfDay } from "../../app/lib/dates";

describe("inclusive end dates", () => {
  it("stops an 'until 31 March' at the end of 31 March, and shows 31 March back", () => {
    expect(endOfDayExclusive("2026-03-31").toISOString()).toBe("2026-04-01T00:00:00.000Z");
    expect(lastInstantOfDay("2026-03-31").toISOString()).toBe("2026-03-31T23:59:59.999Z");
    expect(inclusiveEndDay(endOfDayExclusive("2026-03-31"))).toBe("2026-03-31");
    expect(inclusiveEndDay(lastInstantOfDay("2026-03-31"))).toBe("2026-03-31");
    expect(inclusiveEndDay(endOfDayExclusive("2028-02-29"))).toBe("2028-02-29");
  });

  it("keeps a contest ending 31 March running through the last minute of that day", () => {
    const contest = { startsAt: startOfDay("2026-03-01"), endsAt: lastInstantOfDay("2026-03-31"), graceDays: 0, closedAt: null };
    expect(phaseOf(contest, new Date("2026-03-31T23:59:00Z"))).toBe("running");
    expect(phaseOf(contest, new Date("2026-04-01T00:00:01Z"))).not.toBe("running");
  });

  it("refuses days that do not exist", () => {
    expect(isIsoDay("2026-02-29")).toBe(false);
    expect(isIsoDay("2028-02-29")).toBe(true);
    expect(isIsoDay("2026-13-01")).toBe(false);
  });

  it("shows a date-only value as the same day in every time zone", () => {
    for (const tz of ["Pacific/Pago_Pago", "UTC", "Asia/Vladivostok", "Pacific/Kiritimati"]) {
      expect(createFormatter("en", tz).day("2026-03-31")).toBe("Mar 31, 2026");
    }
  });
});
