import { describe, expect, it } from "vitest";
import { newPhoneContext, watchForErrors } from "../support/browser";
import { signInOnPage, useBrowser, usePortal } from "../support/fixtures";

const portal = usePortal();
const browser = useBrowser();

// The browser downloads one language's messages, not all of them (app/i18n/catalog.browser.ts).
describe("one language at a time", () => {
  it("a phone loads only its language, switches to Russian without a reload, and a Russian reader signs in to Russian", async () => {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    const problems = watchForErrors(page);
    const scripts: string[] = [];
    page.on("request", (r) => {
      if (r.resourceType() === "script") scripts.push(new URL(r.url()).pathname);
    });
    await signInOnPage(page, portal.url, "marta@baltictools.example");
    await page.getByRole("navigation", { name: "Quick navigation" }).getByRole("link", { name: "Home", exact: true }).waitFor();
    expect(scripts.some((s) => /\/assets\/en-[\w-]+\.js$/.test(s))).toBe(true);
    expect(scripts.some((s) => /\/assets\/ru-[\w-]+\.js$/.test(s))).toBe(false);

    await page.getByRole("navigation", { name: "Quick navigation" }).getByRole("link", { name: "Me", exact: true }).tap();
    await page.waitForURL("**/me");
    const form = page.locator('form[action="/locale"]');
    await form.getByLabel("Language").selectOption("ru");
    await form.getByRole("button", { name: "Save" }).tap();
    // The page turns Russian in place: the messages arrive inside the navigation.
    await page.getByRole("heading", { name: "Язык" }).waitFor();
    expect(scripts.some((s) => /\/assets\/ru-[\w-]+\.js$/.test(s))).toBe(true);
    expect(problems).toEqual([]);
    await context.close();

    const other = await newPhoneContext(browser);
    const irina = await other.newPage();
    const irinaProblems = watchForErrors(irina);
    await signInOnPage(irina, portal.url, "irina@uralinstrument.example");
    await irina.getByRole("link", { name: "Главная", exact: true }).first().waitFor();
    expect(irinaProblems).toEqual([]);
    await other.close();
  });
});
