import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { isoDay } from "../../app/lib/dates";
import { signInOnPage, useBrowser, useDesktop, usePhone, usePortal } from "../support/fixtures";
import { seedReportData } from "../support/reports";

const portal = usePortal();
const browser = useBrowser();
const fortyDaysAgo = isoDay(new Date(Date.now() - 40 * 86_400_000));
const lastMonth = fortyDaysAgo.slice(0, 7);

beforeAll(async () => {
  await seedReportData(await getDb());
});

/** The CSV as a spreadsheet reads it: quoted cells, CRLF rows, the byte-order mark dropped. */
function parseCsv(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .filter((l) => l !== "")
    .map((l) => l.split(","));
}

async function downloadCsv(page: Page, table: string, by: "tap" | "click"): Promise<string[][]> {
  const link = page.locator(`[data-table="${table}"]`).getByRole("link", { name: "Download CSV" });
  const [download] = await Promise.all([page.waitForEvent("download"), by === "tap" ? link.tap() : link.click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^sales-per_product-${lastMonth}-01-${lastMonth}-\\d\\d\\.csv$`));
  return parseCsv(readFileSync(await download.path(), "utf8"));
}

/** A table cut to its first rows says how many of how many it shows; a table shown whole says nothing. */
async function expectTopRowsNote(page: Page, table: string, shown: number, total: number) {
  const note = page.locator(`[data-table="${table}"] [data-top-rows]`);
  if (total > shown) expect(await note.textContent()).toBe(`The first ${shown} of ${total} rows. Every row is in the CSV.`);
  else expect(await note.count()).toBe(0);
}

/** Picks last month in the period picker, as a person would. */
async function showLastMonth(page: Page, by: "tap" | "click") {
  await page.getByLabel("Period", { exact: true }).selectOption("month");
  await page.getByLabel("A day in the period").fill(fortyDaysAgo);
  const show = page.getByRole("button", { name: "Show" });
  await (by === "tap" ? show.tap() : show.click());
  await page.waitForURL(new RegExp(`period=month&at=${fortyDaysAgo}`));
  // The address changes before last month's figures arrive and are drawn: wait until the
  // table's own download link names last month (on the 1st, this month is still empty and an
  // early look sees this month's chart without bars).
  await page.locator(`[data-table="sales.per_product"] a[download][href*="at=${lastMonth}-01"]`).waitFor();
  await page.waitForLoadState("networkidle");
}

describe("an executive's programme report", () => {
  it("on a desktop: opens the report, changes the period, opens a figure's rows and downloads a table that matches the page", async () => {
    const { ctx, page, problems } = await useDesktop(browser);
    page.setDefaultTimeout(8000);
    await signInOnPage(page, portal.url, "ona@baltictools.example", { by: "click" });
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports", exact: true }).click();
    await page.getByRole("heading", { name: "Programme report" }).waitFor();
    await showLastMonth(page, "click");
    await page.getByRole("heading", { name: "Sales claimed" }).waitFor();
    // A chart beside the table, drawn as SVG on the server.
    expect(await page.locator('[data-table="sales.per_product"] svg .recharts-bar-rectangle').count()).toBeGreaterThan(0);

    // The figure opens the ledger entries it sums.
    const earned = Number((await page.locator('[data-figure="earned"]').textContent())?.replace(/,/g, ""));
    expect(earned).toBeGreaterThan(0);
    await page.getByRole("link", { name: /^Points earned: / }).click();
    await page.getByRole("heading", { name: "Ledger entries" }).waitFor();
    expect(page.url()).toContain("key=earn");
    expect(page.url()).toContain(`at=${lastMonth}-01`);
    await page.getByRole("link", { name: "Back to the report" }).click();
    await page.getByRole("heading", { name: "Programme report" }).waitFor();

    // The per-product CSV holds every row; the page shows its first ones, in the same order, and says so when there are more.
    const csv = await downloadCsv(page, "sales.per_product", "click");
    const shown = await page
      .locator('[data-table="sales.per_product"] .report-table tbody tr')
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("td")].slice(0, 5).map((td) => td.textContent?.trim() ?? "")));
    expect(csv[0]).toEqual(["Product", "SKU", "Category", "Units", "Points"]);
    expect(csv.slice(1, 1 + shown.length).map((r) => [r[1], Number(r[3]), Number(r[4])])).toEqual(
      shown.map((r) => [r[1], Number(r[3].replace(/,/g, "")), Number(r[4].replace(/,/g, ""))]),
    );
    expect(csv.length).toBeGreaterThan(1);
    await expectTopRowsNote(page, "sales.per_product", shown.length, csv.length - 1);
    expect(problems).toEqual([]);
    await ctx.close();
    // Two full page loads (the rows open as a page of their own) and a download: ~30 s on the shared 2-core machine.
  }, 120_000);

  it("on a phone: the same, with the tables as cards and nothing wider than the screen", async () => {
    const { ctx, page, problems } = await usePhone(browser);
    page.setDefaultTimeout(10_000);
    await signInOnPage(page, portal.url, "ona@baltictools.example");
    await page.goto(`${portal.url}/reports`);
    await page.getByRole("heading", { name: "Programme report" }).waitFor();
    await page.waitForLoadState("networkidle");
    // The page as first loaded: each chart is written into the document once (not again in the
    // data the page hydrates from) and is still there once the page has come alive.
    const html = await (await page.request.get(`${portal.url}/reports`)).text();
    expect(html.match(/<figure class="report-chart"><div[^>]*><svg /g)?.length ?? 0).toBe(
      await page.locator("[data-table] figure svg").count(),
    );
    expect(await page.locator("[data-table] figure svg").count()).toBeGreaterThan(0);
    expect(html).not.toContain("\\u003csvg");
    expect(await page.locator('[data-table="participation.active_over_time"] figure svg path').count()).toBeGreaterThan(0);
    await showLastMonth(page, "tap");
    await page.getByRole("heading", { name: "Sales claimed" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.getByRole("link", { name: /^Units: / }).tap();
    await page.getByRole("heading", { name: "Claimed products" }).waitFor();
    // Rows as cards on a phone: the portal's one responsive table, each row a bordered block
    // whose cells say their column's name (no second list of cards drawn beside the table).
    const drilled = page.locator(".responsive-table tbody tr");
    expect(await drilled.count()).toBeGreaterThan(0);
    expect(await page.locator("main ul li dl").count()).toBe(0);
    expect(
      await drilled.first().evaluate((tr) => ({
        row: getComputedStyle(tr).display,
        label: getComputedStyle(tr.querySelector("td") as HTMLElement, "::before").content,
      })),
    ).toEqual({ row: "block", label: '"Claim"' });
    await page.goBack();
    await page.getByRole("heading", { name: "Sales claimed" }).waitFor();

    const csv = await downloadCsv(page, "sales.per_product", "tap");
    // The dashboard's tables are the same <table> as on a desktop, each row shown as a card:
    // a box of its own with one "label  value" line per column (the label from data-label).
    const rows = page.locator('[data-table="sales.per_product"] .report-table tbody tr');
    const cards = await rows.evaluateAll((trs) =>
      trs.map((tr) => {
        const td = [...tr.querySelectorAll("td")].map((d) => d.textContent?.trim() ?? "");
        return [td[1], Number(td[3].replace(/,/g, ""))];
      }),
    );
    const look = await rows.first().evaluate((tr) => {
      const td = tr.querySelector("td") as HTMLElement;
      return {
        row: getComputedStyle(tr).display,
        border: getComputedStyle(tr).borderTopWidth,
        label: getComputedStyle(td, "::before").content,
        header: (tr.closest("table") as HTMLTableElement).tHead?.getBoundingClientRect().height,
      };
    });
    expect(look).toEqual({ row: "block", border: "1px", label: '"Product"', header: 1 });
    expect(csv.slice(1, 1 + cards.length).map((r) => [r[1], Number(r[3])])).toEqual(cards);
    await expectTopRowsNote(page, "sales.per_product", cards.length, csv.length - 1);
    expect(problems).toEqual([]);
    await ctx.close();
  }, 120_000);
});

describe("the channel team's programme report", () => {
  it("on a desktop: the ranked tables scroll inside their box, the page is no wider than the window", async () => {
    const { ctx, page, problems } = await useDesktop(browser);
    page.setDefaultTimeout(8000);
    await signInOnPage(page, portal.url, "chris@volta.example", { by: "click" });
    await page.goto(`${portal.url}/reports/programme`);
    await page.getByRole("heading", { name: "Partners ranked by approved sales" }).waitFor();
    await page.waitForLoadState("networkidle");
    // A table wider than its half of the row scrolls in its own box; the hidden name of its
    // "rows" column (a screen reader's) must not stick out past the box and widen the page.
    expect(await page.locator('[data-table="partners.ranking"] tbody tr').count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    expect(problems).toEqual([]);
    await ctx.close();
  }, 120_000);
});
