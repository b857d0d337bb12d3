import { describe, expect, it } from "vitest";
import { usePortal } from "../support/fixtures";

// A report chart's value scale reads like the table beside it: thousands grouped in the reader's
// language, and a chart of money in the programme's currency.
const portal = usePortal({ people: { ona: "ona@baltictools.example" } });
const { as } = portal;

/** The tick labels of the chart drawn for one table (the SVG's <text> elements), in the order drawn. */
function scaleOf(html: string, tableId: string): string[] {
  const at = html.indexOf(`data-table="${tableId}"`);
  expect(at, tableId).toBeGreaterThan(-1);
  const svg = html.slice(html.indexOf("<svg", at), html.indexOf("</svg>", at));
  return [...svg.matchAll(/<text[^>]*>([\s\S]*?)<\/text>/g)].map((m) =>
    m[1]
      .replace(/<[^>]+>/g, "")
      .replace(/&#x27;/g, "'")
      .replace(/&amp;/g, "&")
      .trim(),
  );
}

describe("report charts' value scales", () => {
  it("writes money in the currency and numbers with thousands grouped, as the tables do", async () => {
    const res = await as.ona.get("/reports?period=quarter");
    expect(res.status).toBe(200);
    const html = await res.text();
    // Baltic Tools' co-op fund this quarter: €20,000.00 in the table, so the scale runs to €20,000.
    const funds = scaleOf(html, "costshare.funds");
    expect(funds).toEqual(expect.arrayContaining(["€0", "€5,000", "€10,000", "€20,000"]));
    expect(funds).not.toContain("20000");
    // Points per person (Lukas's seeded points reach the 1,000 line): a plain number scale, thousands grouped.
    const points = scaleOf(html, "points.per_person");
    expect(points).toContain("1,000");
    expect(points).not.toContain("1000");
  });
});
