import { mkdirSync } from "node:fs";
import type { Locator, Page } from "playwright-core";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { claimFiles, claims, users } from "../../db/schema";
import { daysAgo, pngImage } from "../support/claims";
import { actorFor } from "../support/portal";
import { givePoints } from "../support/shop";
import { usePortal, useBrowser, usePhone, signInOnPage } from "../support/fixtures";

const portal = usePortal();
const browser = useBrowser();
const SHOTS = "/tmp/phone-shots";
mkdirSync(SHOTS, { recursive: true });

/** The element lies wholly inside the phone's screen as it is scrolled now. */
async function inView(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const size = page.viewportSize();
  return !!box && !!size && box.y >= 0 && box.x >= 0 && box.y + box.height <= size.height && box.x + box.width <= size.width;
}

describe("the executive on a phone", () => {
  it("changes a role and deactivates someone from the people cards, with every button on screen and the result near the thumb", async () => {
    const { ctx, page, problems } = await usePhone(browser);
    await signInOnPage(page, portal.url, "emma@northfield.example");
    await page.goto(`${portal.url}/team`);
    await page.waitForURL(/\/organisations\/[0-9a-f-]{36}$/);
    // Nothing is wider than the phone: the people table is a list of cards.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const jack = page.getByRole("row").filter({ hasText: "jack@northfield.example" });
    const role = jack.getByLabel("Role");
    await role.scrollIntoViewIfNeeded();
    expect(await inView(page, role)).toBe(true);
    await role.selectOption("manager");
    // The role's own Save (the row also saves the person's outlet).
    const save = jack.locator("form", { has: page.getByLabel("Role") }).getByRole("button", { name: "Save" });
    expect(await inView(page, save)).toBe(true);
    await save.tap();
    const bar = page.getByTestId("message-bar");
    await bar.getByText("Role changed.").waitFor();
    expect(await inView(page, bar)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/executive-role-changed.png` });

    const olivia = page.getByRole("row").filter({ hasText: "olivia@northfield.example" });
    const deactivate = olivia.getByRole("button", { name: "Deactivate" });
    await deactivate.scrollIntoViewIfNeeded();
    expect(await inView(page, deactivate)).toBe(true);
    await deactivate.tap();
    await bar.getByText(/Person deactivated/).waitFor();
    expect(await inView(page, bar)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/executive-deactivated.png` });

    const db = await getDb();
    const [jackRow] = await db.select({ role: users.role }).from(users).where(eq(users.email, "jack@northfield.example"));
    const [oliviaRow] = await db.select({ status: users.status }).from(users).where(eq(users.email, "olivia@northfield.example"));
    expect(jackRow.role).toBe("manager");
    expect(oliviaRow.status).toBe("deactivated");

    // Team points: every column is on the card, nothing runs off the right edge.
    await page.goto(`${portal.url}/team/points`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/executive-team-points.png`, fullPage: true });
    expect(problems).toEqual([]);
    await ctx.close();
  });
});

describe("the shop on a phone", () => {
  it("counts the cart on the Shop item and says 'added' where the thumb is", { timeout: 60_000 }, async () => {
    const priya = await actorFor("priya@proinstall.example");
    await givePoints(priya, 5000);
    const { ctx, page, problems } = await usePhone(browser);
    await signInOnPage(page, portal.url, "priya@proinstall.example");
    const shop = page.getByRole("navigation", { name: "Quick navigation" }).getByRole("link", { name: /^Shop/ });
    expect(await shop.getByTestId("count-/shop").count()).toBe(0);

    await page.goto(`${portal.url}/shop`);
    await page.getByRole("link", { name: "Travel pillow and eye mask" }).first().tap();
    await page.waitForURL(/\/shop\/rewards\//);
    const add = page.getByRole("button", { name: "Add to cart" });
    await add.scrollIntoViewIfNeeded();
    await add.tap();
    const bar = page.getByTestId("message-bar");
    await bar.getByText("Added to your cart.").waitFor();
    expect(await inView(page, bar)).toBe(true);
    await expect.poll(() => shop.getByTestId("count-/shop").textContent()).toBe("1");
    expect(await shop.getAttribute("aria-label")).toBeNull();
    await expect.poll(() => shop.textContent()).toContain("Shop, 1 item in the cart");
    await page.screenshot({ path: `${SHOTS}/shop-added.png` });

    await add.tap();
    await expect.poll(() => shop.getByTestId("count-/shop").textContent()).toBe("2");
    await bar.getByRole("link", { name: "Go to cart" }).tap();
    await page.waitForURL(/\/shop\/cart/);
    expect(problems).toEqual([]);
    await ctx.close();
  });
});

describe("the claim form on a phone", () => {
  it("puts a focused error summary at the top after a failed send, and takes the invoice and a serial-label photo together; a later photo adds to them", {
    timeout: 90_000,
  }, async () => {
    const { ctx, page, problems } = await usePhone(browser);
    await signInOnPage(page, portal.url, "marta@baltictools.example");
    await page.goto(`${portal.url}/claims/new`);
    await page.getByRole("button", { name: "Send claim" }).tap();
    const summary = page.getByTestId("error-summary");
    await summary.getByRole("heading", { name: "There is a problem" }).waitFor();
    await expect.poll(() => summary.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await inView(page, summary)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/claim-error-summary.png` });
    // Each message leads to its field.
    await summary.getByRole("link").first().tap();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("invoiceNumber");

    await page.getByLabel("Invoice number").fill("PH-ATTACH-1");
    await page.getByLabel("Invoice date").fill(daysAgo(1));
    await page.getByLabel("Add a product: type its SKU or name").fill("ld50");
    await page.getByRole("button", { name: /Volta LD50 laser distance meter/ }).tap();
    await page.locator("#f-evidence").setInputFiles([
      { name: "invoice.png", mimeType: "image/png", buffer: pngImage() },
      { name: "serial-label.png", mimeType: "image/png", buffer: pngImage(320, 240) },
    ]);
    await expect.poll(() => page.getByTestId("chosen-files").getByRole("listitem").count()).toBe(2);
    await page.getByRole("button", { name: "Send claim" }).tap();
    await page.waitForURL(/\/claims\/[0-9a-f-]{36}\?sent=new$/);
    const id = new URL(page.url()).pathname.split("/")[2];
    // The invoice is the first attachment, the serial label the second.
    await page.getByRole("img", { name: "Photo of the invoice (Attachment 1)" }).waitFor();
    await page.getByText("Attachment 2").waitFor();
    expect(await page.getByRole("figure").filter({ hasText: "Attachment 1" }).textContent()).toContain("invoice.png");
    await page.screenshot({ path: `${SHOTS}/claim-two-attachments.png`, fullPage: true });
    const db = await getDb();
    expect(await db.select().from(claimFiles).where(eq(claimFiles.claimId, id))).toHaveLength(2);

    // Asked for a photo of the serial label, the salesperson adds one: the invoice stays.
    const chris = await portal.signedIn("chris@volta.example");
    expect((await chris.post(`/claims/${id}`, { intent: "request_info", note: "Please send a photo of the serial label." })).status).toBe(
      302,
    );
    await page.goto(`${portal.url}/claims/${id}/edit`);
    await page.locator("#f-evidence").setInputFiles([{ name: "serial-2.png", mimeType: "image/png", buffer: pngImage(200, 200) }]);
    await page.getByRole("button", { name: "Send again" }).tap();
    await page.waitForURL(new RegExp(`/claims/${id}\\?sent=${id}$`));
    await page.getByText("Attachment 3").waitFor();
    expect(await db.select().from(claimFiles).where(eq(claimFiles.claimId, id))).toHaveLength(3);
    const [row] = await db.select({ status: claims.status }).from(claims).where(eq(claims.id, id));
    expect(row.status).toBe("in_review");
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
