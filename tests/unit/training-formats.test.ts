import { describe, expect, it } from "vitest";
import { parseAttendeeCsv, parseMinutes } from "../../app/domain/training/attendee-csv";
import { foldLine, icsEvent, utcToZoned, zonedToUtc } from "../../app/domain/training/calendar";
import { parseLesson, videoEmbed } from "../../app/domain/training/markdown";

describe("lesson text", () => {
  it("keeps HTML as text and drops unsafe links and foreign images", () => {
    const blocks = parseLesson(
      `# Title\n\n<script>alert(1)</script> **bold** [x](javascript:alert(1)) [ok](https://volta.example)\n\n![pic](https://evil.example/a.png)\n\n![chart](/learn/images/123e4567-e89b-12d3-a456-426614174000)`,
    );
    expect(blocks[0]).toEqual({ type: "heading", level: 2, content: [{ t: "text", v: "Title" }] });
    const para = JSON.stringify(blocks[1]);
    expect(para).toContain('"v":"<script>alert(1)</script> "');
    expect(para).not.toContain("javascript:");
    expect(para).toContain('"href":"https://volta.example"');
    expect(blocks[2]).toEqual({ type: "paragraph", content: [{ t: "text", v: "pic" }] });
    expect(blocks[3]).toEqual({ type: "image", src: "/learn/images/123e4567-e89b-12d3-a456-426614174000", alt: "chart" });
  });

  it("reads lists, numbered lists and quotes", () => {
    const blocks = parseLesson("- one\n- *two*\n\n1. first\n2. second\n\n> a quote\n> goes on");
    expect(blocks.map((b) => b.type)).toEqual(["list", "list", "quote"]);
    expect(blocks[0]).toMatchObject({ ordered: false, items: [[{ t: "text", v: "one" }], [{ t: "em", c: [{ t: "text", v: "two" }] }]] });
    expect(blocks[1]).toMatchObject({ ordered: true });
    expect(blocks[2]).toEqual({ type: "quote", content: [{ t: "text", v: "a quote goes on" }] });
  });

  it("embeds YouTube and Vimeo links only", () => {
    expect(videoEmbed("https://www.youtube.com/watch?v=aqz-KE-bpKQ")?.embedUrl).toBe("https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ");
    expect(videoEmbed("https://youtu.be/aqz-KE-bpKQ")?.provider).toBe("youtube");
    expect(videoEmbed("https://vimeo.com/76979871")?.embedUrl).toBe("https://player.vimeo.com/video/76979871");
    expect(videoEmbed("https://evil.example/watch?v=aqz-KE-bpKQ")).toBeNull();
    expect(videoEmbed("http://www.youtube.com/watch?v=aqz-KE-bpKQ")).toBeNull();
  });
});

describe("time zones and calendar files", () => {
  it("turns a local start in a zone into the right instant, across daylight saving", () => {
    expect(zonedToUtc("2026-12-01T14:00", "Europe/Vilnius")?.toISOString()).toBe("2026-12-01T12:00:00.000Z");
    expect(zonedToUtc("2026-07-01T14:00", "Europe/Vilnius")?.toISOString()).toBe("2026-07-01T11:00:00.000Z");
    expect(zonedToUtc("2026-07-01T09:30", "Asia/Kolkata")?.toISOString()).toBe("2026-07-01T04:00:00.000Z");
    expect(zonedToUtc("2026-02-30T10:00", "Europe/London")).toBeNull();
    expect(zonedToUtc("2026-07-01T10:00", "Mars/Olympus")).toBeNull();
    expect(utcToZoned(new Date("2026-07-01T11:00:00Z"), "Europe/Vilnius")).toBe("2026-07-01T14:00");
  });

  it("writes an RFC 5545 event: CRLF lines, UTC start, duration, escaped text, folded long lines", () => {
    const ics = icsEvent({
      uid: "webinar-1@portal.example",
      start: new Date("2026-12-01T12:00:00Z"),
      durationMinutes: 45,
      summary: "Диагностика; моторы, часть 1",
      description: "Line one\nLine two with a very long text that keeps going past the seventy-five octet limit of a content line",
      url: "https://portal.example/learn/webinars/1",
      stamp: new Date("2026-11-01T08:00:00Z"),
    });
    const lines = ics.split("\r\n");
    expect(ics.endsWith("\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toContain("\n");
    expect(lines).toContain("DTSTART:20261201T120000Z");
    expect(lines).toContain("DTSTAMP:20261101T080000Z");
    expect(lines).toContain("DURATION:PT45M");
    expect(lines).toContain("UID:webinar-1@portal.example");
    expect(lines).toContain("SUMMARY:Диагностика\\; моторы\\, часть 1");
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const unfolded = ics.replace(/\r\n /g, "");
    expect(unfolded).toContain(
      "DESCRIPTION:Line one\\nLine two with a very long text that keeps going past the seventy-five octet limit of a content line",
    );
    expect(
      foldLine("é".repeat(60))
        .split("\r\n ")
        .every((part) => Buffer.byteLength(part) <= 75),
    ).toBe(true);
  });
});

describe("attendee exports", () => {
  it("reads the usual column names and delimiters, and keeps every bad row with its line", () => {
    const csv =
      '\uFEFFAttendee Email;Name;Time in Session (minutes)\r\nSam@Northfield.example;"Patel; Sam";52\r\nnot-an-email;X;40\r\njack@northfield.example;Jack;lots\r\n\r\npriya@proinstall.example;Priya;1:05:30\r\n';
    const r = parseAttendeeCsv(csv);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows).toEqual([
      { line: 2, email: "sam@northfield.example", minutes: 52, problem: null },
      { line: 3, email: "not-an-email", minutes: 40, problem: "invalid_email" },
      { line: 4, email: "jack@northfield.example", minutes: null, problem: "invalid_minutes" },
      { line: 6, email: "priya@proinstall.example", minutes: 65, problem: null },
    ]);
  });

  it("refuses a file without the columns it needs, saying which", () => {
    expect(parseAttendeeCsv("Name,Minutes\nSam,40")).toEqual({ ok: false, error: "training.import.no_email_column" });
    expect(parseAttendeeCsv("Email,Name\nsam@x.example,Sam")).toEqual({ ok: false, error: "training.import.no_minutes_column" });
    expect(parseAttendeeCsv("Email,Minutes\n")).toEqual({ ok: false, error: "training.import.empty" });
  });

  it("reads minutes as numbers or clock times", () => {
    expect(parseMinutes("45")).toBe(45);
    expect(parseMinutes("45,9")).toBe(45);
    expect(parseMinutes("00:45:10")).toBe(45);
    expect(parseMinutes("12:30")).toBe(12);
    expect(parseMinutes("-5")).toBeNull();
    expect(parseMinutes("")).toBeNull();
  });
});

describe("CSV export", () => {
  it("quotes separators and never lets a cell start a spreadsheet formula", async () => {
    const { toCsv } = await import("../../app/lib/csv");
    const csv = toCsv([
      ["Title", "Passed"],
      ['=HYPERLINK("x")', 3],
      ['Drills, saws; "pro"', -1],
    ]);
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[1]).toBe(`"'=HYPERLINK(""x"")",3`);
    expect(lines[2]).toBe(`"Drills, saws; ""pro""",-1`);
  });
});
