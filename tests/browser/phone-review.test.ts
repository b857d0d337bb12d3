import { mkdirSync } from "node:fs";
import type { Locator, Page } from "playwright-core";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { claims } from "../../db/schema";
import { claimForm, daysAgo, pngImage, submitNew } from "../support/claims";
import { usePortal, useBrowser, usePhone, signInOnPage } from "../support/fixtures";

const portal = usePortal({ people: { tomas: "tomas@baltictools.example" } });
const browser = useBrowser();
const SHOTS = "/tmp/phone-shots";
mkdirSync(SHOTS, { recursive: true });

async function inView(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const size = page.viewportSize();
  return !!box && !!size && box.y >= 0 && box.y + box.height <= size.height && box.x >= 0 && box.x + box.width <= size.width;
}

async function waiting(): Promise<number> {
  return (await (await getDb()).select({ id: claims.id }).from(claims).where(eq(claims.status, "in_review"))).length;
}

describe("the channel manager on a phone", () => {
  it("sees the waiting count, reads the invoice zoomed, asks a question, then approves three claims in a row from the bar", {
    timeout: 120_000,
  }, async () => {
    // A claim with a photo of the invoice, just sent, and four more so each of three approvals has a next claim.
    const photo = new File([new Uint8Array(pngImage(600, 800))], "invoice.png", { type: "image/png" });
    const withPhoto = await submitNew(
      portal.as.tomas,
      claimForm({ invoice: "PH-REVIEW-1", date: daysAgo(1), lines: [{ sku: "VT-LD50", qty: 1 }], file: photo }),
    );
    for (const n of [2, 3, 4, 5])
      await submitNew(portal.as.tomas, claimForm({ invoice: `PH-REVIEW-${n}`, date: daysAgo(1), lines: [{ sku: "VT-LD50", qty: 1 }] }));

    const { ctx, page, problems } = await usePhone(browser);
    page.setDefaultTimeout(10_000);
    await signInOnPage(page, portal.url, "chris@volta.example");
    const bottom = page.getByRole("navigation", { name: "Quick navigation" });
    const review = bottom.getByRole("link", { name: /^Approve claims/ });
    const count = review.getByTestId("count-/claims/review");
    expect(await count.textContent()).toBe(String(await waiting()));
    // Home leads with the same number.
    expect(await page.getByTestId("home-waiting").textContent()).toContain(`${await waiting()} claims waiting`);
    await review.tap();
    await page.waitForURL(/\/claims\/review$/);
    // A claim sent today waits "less than a day", never "0 days".
    expect(await page.getByText("waiting 0 days").count()).toBe(0);
    await page.getByText("waiting less than a day").first().waitFor();
    // Each page has its own title.
    expect(await page.title()).toBe("Approve claims · Partner Portal");
    await page.screenshot({ path: `${SHOTS}/review-queue.png` });

    // The invoice: zoomable, and its links are full-size touch targets.
    await page.goto(`${portal.url}/claims/${withPhoto}`);
    expect(await page.title()).toMatch(/^Claim \d+ · Partner Portal$/);
    expect(await page.locator('meta[name="description"]').getAttribute("content")).toContain("partner programme");
    const viewer = page.getByTestId("evidence-viewer");
    const image = viewer.getByRole("img");
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(600);
    const before = (await image.boundingBox())!.width;
    await page.getByRole("button", { name: "Zoom in" }).tap();
    await page.getByRole("button", { name: "Zoom in" }).tap();
    await expect.poll(async () => (await image.boundingBox())!.width).toBeCloseTo(before * 2, 0);
    for (const name of ["Open full size", "Download"]) {
      const box = (await page.getByRole("link", { name }).boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(box.width).toBeGreaterThanOrEqual(44);
    }
    await page.screenshot({ path: `${SHOTS}/review-zoomed.png` });

    // Ask for information from the bar: the page moves on, and the claim reads as the manager's question.
    const bar = page.getByRole("region", { name: "Decision" });
    expect(await inView(page, bar)).toBe(true);
    await bar.locator("summary", { hasText: "Ask" }).tap();
    const question = page.getByLabel("What do you need from the claimant?");
    await expect.poll(() => question.evaluate((el) => el === document.activeElement)).toBe(true);
    await question.fill("Please send a photo of the serial label.");
    await page.screenshot({ path: `${SHOTS}/review-ask.png` });
    await bar.getByRole("button", { name: "Ask for more information" }).tap();
    await page
      .getByTestId("message-bar")
      .getByText(/Your question on claim \d+ was sent\./)
      .waitFor();
    await page.goto(`${portal.url}/claims/${withPhoto}`);
    await page.getByText("Question sent to the claimant:").waitFor();
    expect(await page.getByText("You were asked:").count()).toBe(0);

    // Three approvals in a row, each from the bar, each landing on the next claim.
    await page.goto(`${portal.url}/claims/review`);
    await page
      .getByRole("link", { name: /^Claim \d+$/ })
      .first()
      .tap();
    await page.waitForURL(/\/claims\/[0-9a-f-]{36}$/);
    for (let i = 0; i < 3; i++) {
      const left = await waiting();
      const current = page.url();
      const approve = bar.locator("summary", { hasText: "Approve" });
      expect(await inView(page, approve)).toBe(true);
      await approve.tap();
      const confirm = bar.getByRole("button", { name: /^Approve and credit [\d,]+ points?$/ });
      expect(await inView(page, confirm)).toBe(true);
      if (i === 0) await page.screenshot({ path: `${SHOTS}/review-confirm.png` });
      await confirm.tap();
      await page.waitForURL((url) => url.toString() !== current);
      const message = page.getByTestId("message-bar").getByText(/Claim \d+ approved, [\d,]+ points? credited\. This is the next claim\./);
      await message.waitFor();
      expect(await inView(page, message)).toBe(true);
      expect(await waiting()).toBe(left - 1);
      await expect.poll(() => count.textContent()).toBe(String(left - 1));
    }
    await page.screenshot({ path: `${SHOTS}/review-after-three.png` });
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
