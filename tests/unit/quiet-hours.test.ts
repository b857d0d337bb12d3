import { describe, expect, it } from "vitest";
import { fromLocalInput, isSendingWindow, isTimeZone, releaseAt } from "../../app/domain/communication/quiet-hours";

describe("quiet hours (08:00-20:00 in the reader's time zone)", () => {
  it("lets mail go at once inside the window", () => {
    const noonInVilnius = new Date("2026-12-01T10:00:00Z"); // 12:00 in Vilnius (UTC+2 in winter)
    expect(releaseAt(noonInVilnius, "Europe/Vilnius")).toEqual(noonInVilnius);
    expect(isSendingWindow(noonInVilnius, "Europe/Vilnius")).toBe(true);
  });

  it("holds mail queued at night until 08:00 there: the same morning before 08:00, the next one from 20:00", () => {
    expect(releaseAt(new Date("2026-12-01T01:30:00Z"), "Europe/Vilnius")).toEqual(new Date("2026-12-01T06:00:00Z"));
    expect(releaseAt(new Date("2026-12-01T18:00:00Z"), "Europe/Vilnius")).toEqual(new Date("2026-12-02T06:00:00Z"));
    // 19:59 is still inside; 20:00 is not.
    expect(releaseAt(new Date("2026-12-01T17:59:00Z"), "Europe/Vilnius")).toEqual(new Date("2026-12-01T17:59:00Z"));
    // Yekaterinburg is UTC+5: 22:00 UTC is 03:00 there, released at 03:00 UTC.
    expect(releaseAt(new Date("2026-12-01T22:00:00Z"), "Asia/Yekaterinburg")).toEqual(new Date("2026-12-02T03:00:00Z"));
  });

  it("follows summer time and month ends", () => {
    // London on the night summer time starts (29 March 2026): 08:00 BST is 07:00 UTC.
    expect(releaseAt(new Date("2026-03-29T00:30:00Z"), "Europe/London")).toEqual(new Date("2026-03-29T07:00:00Z"));
    // 31 January, 21:00 in Vilnius -> 1 February 08:00.
    expect(releaseAt(new Date("2026-01-31T19:00:00Z"), "Europe/Vilnius")).toEqual(new Date("2026-02-01T06:00:00Z"));
  });

  it("treats an unknown zone as UTC and reads a typed local time in a zone", () => {
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(releaseAt(new Date("2026-12-01T03:00:00Z"), "Mars/Olympus")).toEqual(new Date("2026-12-01T08:00:00Z"));
    expect(fromLocalInput("2026-12-02T09:30", "Europe/Vilnius")).toEqual(new Date("2026-12-02T07:30:00Z"));
    expect(fromLocalInput("2026-13-02T09:30", "UTC")).toBeNull();
    expect(fromLocalInput("tomorrow", "UTC")).toBeNull();
  });
});
