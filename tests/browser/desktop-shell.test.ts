import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { newDesktopContext, newPhoneContext, watchForErrors } from "../support/browser";
import { usePortal, useBrowser, signInOnPage } from "../support/fixtures";

const portal = usePortal();
const browser = useBrowser();

async function signIn(page: Page, email: string) {
  await signInOnPage(page, portal.url, email, { by: "click" });
  // The sign-in navigates on the client: the address changes before the signed-in frame is drawn.
  await page.locator('a[aria-current="page"]').first().waitFor({ state: "attached" });
}

/** The names of the links marked as the current page in a navigation landmark. */
async function current(page: Page, nav: string) {
  return page.getByRole("navigation", { name: nav }).locator('a[aria-current="page"]').allInnerTexts();
}

describe("the shell on a desktop (1280x800)", () => {
  it("shows the sidebar with the role's pages, hides the phone's bottom bar, and marks the page you are on", async () => {
    const context = await newDesktopContext(browser);
    const page = await context.newPage();
    const problems = watchForErrors(page);
    await signIn(page, "sam@northfield.example");

    const sidebar = page.getByRole("navigation", { name: "Main navigation" });
    await expect.poll(() => sidebar.isVisible()).toBe(true);
    expect(await page.getByRole("navigation", { name: "Quick navigation" }).isVisible()).toBe(false);
    // The sidebar sits at the left edge, beside the page rather than over it.
    const box = (await sidebar.boundingBox())!;
    expect(box.x).toBeLessThan(20);
    const main = (await page.locator("main").boundingBox())!;
    expect(main.x).toBeGreaterThanOrEqual(box.x + box.width);
    // A salesperson's pages, and none of the programme team's.
    for (const name of ["Home", "Contests", "Claim", "Claims", "My points", "Learn", "Shop", "Me"])
      expect(await sidebar.getByRole("link", { name, exact: true }).isVisible(), name).toBe(true);
    for (const name of ["Audit log", "Approve claims", "Partners"])
      expect(await sidebar.getByRole("link", { name, exact: true }).count(), name).toBe(0);
    expect(await current(page, "Main navigation")).toEqual(["Home"]);

    // Moving through the sidebar moves the mark, to the most specific item only, and stays in the
    // same document: the links are hydrated onto the anchors the server wrote (app/components/link.tsx),
    // so a click asks for the next page's data, not for a whole new page.
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await sidebar.getByRole("link", { name: "Claim", exact: true }).click();
    await page.waitForURL(/\/claims\/new$/);
    await expect.poll(() => current(page, "Main navigation")).toEqual(["Claim"]);
    await sidebar.getByRole("link", { name: "My points", exact: true }).click();
    await page.waitForURL(/\/points$/);
    await expect.poll(() => current(page, "Main navigation")).toEqual(["My points"]);
    expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true);
    // The signed-in person and the way out are in the sidebar too.
    expect(await page.locator("aside").innerText()).toMatch(/Sam Patel[\s\S]*Salesperson[\s\S]*Sign out/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("gives the programme team their own sidebar", async () => {
    const context = await newDesktopContext(browser);
    const page = await context.newPage();
    const problems = watchForErrors(page);
    await signIn(page, "admin@volta.example");
    const sidebar = page.getByRole("navigation", { name: "Main navigation" });
    for (const name of ["Partners", "Audit log", "Programme", "Points"])
      expect(await sidebar.getByRole("link", { name, exact: true }).isVisible(), name).toBe(true);
    for (const name of ["Claim", "My points", "Shop"]) expect(await sidebar.getByRole("link", { name, exact: true }).count(), name).toBe(0);
    await sidebar.getByRole("link", { name: "Audit log", exact: true }).click();
    await page.waitForURL(/\/admin\/audit$/);
    await expect.poll(() => current(page, "Main navigation")).toEqual(["Audit log"]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("swaps back to the bottom bar on a phone", async () => {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await signIn(page, "sam@northfield.example");
    expect(await page.getByRole("navigation", { name: "Main navigation" }).isVisible()).toBe(false);
    expect(await page.getByRole("navigation", { name: "Quick navigation" }).isVisible()).toBe(true);
    expect(await current(page, "Quick navigation")).toEqual(["Home"]);
    await context.close();
  });
});
