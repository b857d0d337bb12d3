import { describe, expect, it } from "vitest";
import { setRetailPrice } from "../../app/domain/shop/fair.server";
import { setHobbies } from "../../app/domain/shop/rewards.server";
import { getDb } from "../../db/client";
import { signInOnPage, useBrowser, useDesktop, usePhone, usePortal } from "../support/fixtures";
import { freshPerson } from "../support/people";
import { actorFor } from "../support/portal";
import { makeReward } from "../support/shop";

const portal = usePortal();
const browser = useBrowser();

/** The page is no wider than the screen: nothing to scroll sideways on a phone. */
async function fitsWidth(page: import("playwright-core").Page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

describe("fair rewards in the browser", () => {
  it("a participant's phone shows 'worth about' under the price on the card and the page; the admin sees the warning", async () => {
    const db = await getDb();
    // 6 900 points at the seed's 1 cent a point: EUR 69, against a stated EUR 50 retail price.
    const { reward } = await makeReward({ name: "Fair-phone lantern", pointsPrice: 6900 });
    await setRetailPrice(db, await actorFor("admin@volta.example"), reward.id, "50");

    const person = await freshPerson({ tag: "fairphone" });
    await setHobbies(db, person, []);
    const phone = await usePhone(browser);
    await signInOnPage(phone.page, portal.url, person.email);
    const p = phone.page;
    await p.goto(`${portal.url}/shop?q=${encodeURIComponent("Fair-phone lantern")}`);
    const card = p.getByTestId("reward-card").filter({ hasText: "Fair-phone lantern" });
    await expect(card.getByTestId("worth-about").textContent()).resolves.toBe("Worth about €69");
    await card.getByRole("link", { name: "Fair-phone lantern" }).tap();
    await p.waitForURL(`**/shop/rewards/${reward.id}`);
    // The address changes before the reward's page replaces the shop (whose card has the same
    // test id): wait for the reward page's own heading first.
    await p.getByRole("heading", { level: 1, name: "Fair-phone lantern" }).waitFor();
    const worth = p.getByTestId("worth-about");
    await worth.getByText("Worth about €69").waitFor();
    // Near the price, on the first screen of a 390 x 844 phone, and the rounding is said.
    const box = await worth.boundingBox();
    expect(box && box.y + box.height).toBeLessThan(844);
    await expect(worth.textContent()).resolves.toContain("rounded to the nearest whole unit");
    expect(await p.getByText("retail price").count()).toBe(0);
    expect(await fitsWidth(p)).toBe(true);
    expect(phone.problems).toEqual([]);

    // In Russian the amount is written the Russian way.
    const ru = await freshPerson({ tag: "fairru", locale: "ru" });
    await setHobbies(db, ru, []);
    // Signed in on an English login page; the page after it follows the person's own language.
    const ruPhone = await usePhone(browser);
    await signInOnPage(ruPhone.page, portal.url, ru.email);
    await ruPhone.page.goto(`${portal.url}/shop/rewards/${reward.id}`);
    await expect(ruPhone.page.getByTestId("worth-about").textContent()).resolves.toMatch(/^Стоит около 69\s€/);
    expect(ruPhone.problems).toEqual([]);

    // The admin on a phone sees the warning at the top of the reward's page, and on desktop in the list.
    const adminPhone = await usePhone(browser);
    await signInOnPage(adminPhone.page, portal.url, "admin@volta.example");
    await adminPhone.page.goto(`${portal.url}/shop/manage/rewards/${reward.id}`);
    await adminPhone.page.getByTestId("fair-warning").getByText("Costs participants 38% more than its retail price").waitFor();
    expect(await fitsWidth(adminPhone.page)).toBe(true);
    const desk = await useDesktop(browser);
    await signInOnPage(desk.page, portal.url, "admin@volta.example", { by: "click" });
    await desk.page.goto(`${portal.url}/shop/manage`);
    await desk.page
      .getByRole("row")
      .filter({ hasText: "Fair-phone lantern" })
      .getByText("Costs participants 38% more than its retail price")
      .waitFor();
    expect(desk.problems).toEqual([]);
  }, 120_000);
});
