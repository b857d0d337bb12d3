import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { actorFor } from "../support/portal";
import { balanceOf, givePoints } from "../support/shop";
import { usePortal, useBrowser, signInOnPage } from "../support/fixtures";

const portal = usePortal();
const browser = useBrowser();

/** A salesperson's phone: small screen, touch, signed in through the real login form. */
async function phoneSignedIn(email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "en-GB" });
  const page = await context.newPage();
  await signInOnPage(page, portal.url, email, { by: "click" });
  return page;
}

describe("reward shop on a phone", () => {
  it("picks hobbies, wishes for a reward, checks out, and sees the order and the new balance", async () => {
    const sam = await actorFor("sam@northfield.example");
    await givePoints(sam, 3000);
    const page = await phoneSignedIn("sam@northfield.example");
    const balance = await balanceOf(sam); // includes the welcome bonus of the first sign-in

    // First visit to the shop asks about hobbies.
    await page.getByRole("navigation", { name: "Quick navigation" }).getByRole("link", { name: "Shop" }).tap();
    await page.waitForURL(/\/shop\/hobbies\?first=1/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("What do you like to do in your free time?");
    await page.getByText("Fishing", { exact: true }).tap();
    await page.getByText("Cars", { exact: true }).tap();
    await page.getByRole("button", { name: "Save my hobbies" }).tap();
    await page.waitForURL(/\/shop\?hobbies=saved/);

    // The shop leads with those hobbies.
    const forYou = page.getByRole("region", { name: "For your hobbies" });
    await forYou.waitFor();
    await expect.poll(() => forYou.getByText("Telescopic carbon rod, 3.6 m").count()).toBe(1);

    // Wish for the rod, which is still out of reach.
    await forYou.getByRole("button", { name: "Add Telescopic carbon rod, 3.6 m to my wish list" }).tap();
    await forYou.getByRole("button", { name: "Remove Telescopic carbon rod, 3.6 m from my wish list" }).waitFor();
    await page.getByRole("link", { name: "Wish list" }).tap();
    await page.waitForURL(/\/shop\/wishlist/);
    const wish = page.getByTestId("wish-item").filter({ hasText: "Telescopic carbon rod" });
    await expect.poll(() => wish.getByTestId("points-to-go").textContent()).toBe(`${(6500 - balance).toLocaleString("en")} points to go`);

    // Buy the tackle box, which is within reach.
    await page.getByRole("link", { name: "Rewards" }).tap();
    await page.waitForURL(/\/shop$/);
    await page.getByRole("link", { name: "Tackle box with 120 lures" }).first().tap();
    await page.waitForURL(/\/shop\/rewards\//);
    await page.getByRole("button", { name: "Add to cart" }).tap();
    await page.getByRole("status").filter({ hasText: "Added to your cart." }).waitFor();
    await page.getByRole("link", { name: "Go to cart" }).tap();
    await page.waitForURL(/\/shop\/cart/);
    // The address is filled in from the participant's branch; only the phone is left to type.
    await expect.poll(() => page.getByLabel("City").inputValue()).toBe("Leeds");
    await page.getByLabel("Phone (for the courier)").fill("+44 113 496 0000");
    await page.getByRole("button", { name: "Order for 2,400 points" }).tap();

    await page.waitForURL(/\/shop\/orders\/[0-9a-f-]{36}\?placed=1/);
    await page.getByRole("status").filter({ hasText: "Order placed: 2,400 points were taken from your balance." }).waitFor();
    await expect
      .poll(() => page.getByTestId("balance").textContent())
      .toBe(`Your balance: ${(balance - 2400).toLocaleString("en")} points`);
    await expect.poll(() => page.getByText("Waiting for approval").count()).toBe(1);
    expect(await balanceOf(sam)).toBe(balance - 2400);

    await page.getByRole("link", { name: "My orders", exact: true }).tap();
    await page.waitForURL(/\/shop\/orders$/);
    await expect.poll(() => page.getByTestId("order-row").first().textContent()).toContain("Tackle box with 120 lures");
    await page.context().close();
  });
});
