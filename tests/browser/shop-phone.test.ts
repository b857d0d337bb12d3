import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { getDb } from "../../db/client";
import { addVariant, setVariantActive } from "../../app/domain/shop/manage.server";
import { setHobbies } from "../../app/domain/shop/rewards.server";
import { signInOnPage, useBrowser, useDesktop, usePhone, usePortal } from "../support/fixtures";
import { freshPerson } from "../support/people";
import { actorFor } from "../support/portal";
import { makeReward } from "../support/shop";

const portal = usePortal();
const browser = useBrowser();
const SHOTS = process.env.SHOTS_DIR ?? "/tmp/pages-shots";

/** Links and controls in the page's main area smaller than 44 x 44 CSS pixels (WCAG 2.2 target size, enhanced). */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll("main a, main button, main select, main input:not([type=hidden]):not([type=radio])")]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && (box.width < 44 || box.height < 44);
      })
      .map(
        (el) =>
          `${el.tagName} "${(el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 30)}" ${Math.round(el.getBoundingClientRect().width)}x${Math.round(el.getBoundingClientRect().height)}`,
      ),
  );
}

describe("the shop on a phone and a desktop", () => {
  it("finds a reward by search, with thumb-sized links, and lists its sizes in label order", async () => {
    const db = await getDb();
    const admin = await actorFor("admin@volta.example");
    const fleece = await makeReward({ name: "Volta work fleece", pointsPrice: 1_800, description: "Warm zip fleece for the shop floor." });
    for (const size of ["XL", "S", "L", "M"]) await addVariant(db, admin, fleece.reward.id, { size, colour: "", sku: "", stock: 4 });
    await setVariantActive(db, admin, fleece.variantId, false);
    const buyer = await freshPerson({ tag: "shopper" });
    await setHobbies(db, buyer, []);

    const phone = await usePhone(browser);
    await signInOnPage(phone.page, portal.url, buyer.email);
    await phone.page.goto(`${portal.url}/shop`);
    expect(await smallTargets(phone.page)).toEqual([]);
    await phone.page.getByLabel("Search rewards").fill("zip fleece");
    await phone.page.getByRole("button", { name: "Show" }).tap();
    await phone.page.waitForURL(/q=zip/);
    await phone.page.getByRole("heading", { name: "1 reward found for “zip fleece”" }).waitFor();
    const details = phone.page.getByRole("link", { name: "Details" });
    const box = (await details.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(44);
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(await smallTargets(phone.page)).toEqual([]);
    await phone.page.screenshot({ path: `${SHOTS}/shop-search-phone.png`, fullPage: true });
    await details.tap();
    await phone.page.waitForURL(`**/shop/rewards/${fleece.reward.id}`);
    await phone.page.getByRole("heading", { name: "Volta work fleece" }).waitFor();
    // The size picker's words arrive with the page's messages after a client-side navigation.
    await phone.page.getByRole("radio").first().waitFor();
    const sizes = await phone.page.getByRole("radio").evaluateAll((radios) => radios.map((r) => r.parentElement?.textContent?.trim()));
    expect(sizes).toEqual(["S", "M", "L", "XL"]);
    await phone.page.screenshot({ path: `${SHOTS}/shop-sizes-phone.png`, fullPage: true });
    expect(phone.problems).toEqual([]);
    await phone.ctx.close();

    const desk = await useDesktop(browser);
    await signInOnPage(desk.page, portal.url, buyer.email, { by: "click" });
    await desk.page.goto(`${portal.url}/shop`);
    await desk.page.getByLabel("Sort by").selectOption("points_desc");
    await desk.page.getByRole("button", { name: "Show" }).click();
    await desk.page.waitForURL(/sort=points_desc/);
    // Dearest first: the hotel weekend voucher costs more than anything a gold partner's salesperson sees.
    // The address changes before the sorted list is drawn: wait for the first card to become the dearest.
    await desk.page
      .getByTestId("reward-card")
      .first()
      .locator("h3", { hasText: /^Hotel weekend for two \(voucher\)$/ })
      .waitFor({ timeout: 10_000 });
    const first = await desk.page.getByTestId("reward-card").first().locator("h3").textContent();
    expect(first).toBe("Hotel weekend for two (voucher)");
    expect(await desk.page.getByLabel("Sort by").inputValue()).toBe("points_desc");
    await desk.page.screenshot({ path: `${SHOTS}/shop-sorted-desktop.png` });
    expect(desk.problems).toEqual([]);
    await desk.ctx.close();
  });
});
