import { describe, expect, it } from "vitest";
import { newPhoneContext, watchForErrors } from "../support/browser";
import { signInOnPage, useBrowser, usePortal } from "../support/fixtures";

const portal = usePortal();
const browser = useBrowser();

// The browser downloads the messages of the pages it shows in one language, not every language's
// whole catalogue (app/i18n/catalog.browser.ts, scripts/vite/portal-messages.ts).
const messagesOf = (files: string[], locale: string) => files.filter((s) => new RegExp(`^/assets/m-[\\w-]+-${locale}-r-`).test(s));

describe("one language at a time", () => {
  it("a phone loads only its language, switches to Russian without a reload, and a Russian reader signs in to Russian", async () => {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    const problems = watchForErrors(page);
    const files: string[] = [];
    page.on("request", (r) => {
      files.push(new URL(r.url()).pathname);
    });
    await signInOnPage(page, portal.url, "marta@baltictools.example");
    await page.getByRole("navigation", { name: "Quick navigation" }).getByRole("link", { name: "Home", exact: true }).waitFor();
    // The home page's own, its layout's and the root's messages, in English only; never the whole catalogue.
    expect(messagesOf(files, "en")).toEqual(expect.arrayContaining([expect.stringMatching(/-en-r-routes_home\.json$/)]));
    expect(messagesOf(files, "ru")).toEqual([]);
    expect(files.filter((s) => /^\/assets\/m-[\w-]+-en\.json$/.test(s))).toEqual([]);

    await page.getByRole("navigation", { name: "Quick navigation" }).getByRole("link", { name: "Me", exact: true }).tap();
    await page.waitForURL("**/me");
    const form = page.locator('form[action="/locale"]');
    await form.getByLabel("Language").selectOption("ru");
    await form.getByRole("button", { name: "Save" }).tap();
    // The page turns Russian in place: the messages arrive inside the navigation.
    await page.getByRole("heading", { name: "Язык" }).waitFor();
    expect(messagesOf(files, "ru")).toEqual(expect.arrayContaining([expect.stringMatching(/-ru-r-routes_me\.json$/)]));
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
