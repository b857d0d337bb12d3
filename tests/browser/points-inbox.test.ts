import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { newPhoneContext, watchForErrors } from "../support/browser";
import { usePortal, useBrowser, signInOnPage } from "../support/fixtures";

const portal = usePortal();
const browser = useBrowser();

const signIn = (page: Page, email: string) => signInOnPage(page, portal.url, email);

describe("on a phone", () => {
  it("an admin finds a participant, adds points with a reason, and is refused a debit beyond the balance; the participant sees it in the inbox", async () => {
    const adminCtx = await newPhoneContext(browser);
    const admin = await adminCtx.newPage();
    const adminProblems = watchForErrors(admin);
    await signIn(admin, "admin@volta.example");
    await admin.getByRole("navigation", { name: "Quick navigation" }).getByRole("link", { name: "Me", exact: true }).tap();
    await admin.getByRole("link", { name: "Points", exact: true }).tap();
    await admin.waitForURL("**/admin/points");
    await admin.getByText("Outstanding point liability").waitFor();

    await admin.getByLabel("Name or email").fill("marta");
    await admin.getByRole("button", { name: "Find" }).tap();
    await admin.getByRole("link", { name: /Marta Kazlauskė/ }).tap();
    await admin.waitForURL(/user=[0-9a-f-]{36}/);
    await admin.getByTestId("participant-balance").getByText("0 points").waitFor();
    // The liability table scrolls inside its card; the page itself never scrolls sideways on a phone.
    expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await admin.getByLabel("Points", { exact: true }).fill("25");
    await admin.getByLabel("Reason").fill("Helped on our stand at the trade show");
    await admin.getByRole("button", { name: "Record adjustment" }).tap();
    await admin.getByText("25 points added. The balance is now 25.").waitFor();
    await admin.getByTestId("participant-balance").getByText("25 points").waitFor();
    // A fresh, empty form for the next adjustment.
    expect(await admin.getByLabel("Points", { exact: true }).inputValue()).toBe("");

    await admin.getByLabel("Take points away").check();
    await admin.getByLabel("Points", { exact: true }).fill("100");
    await admin.getByLabel("Reason").fill("Points were for a colleague");
    await admin.getByRole("button", { name: "Record adjustment" }).tap();
    await admin.getByRole("alert").getByText("The balance is 25, so 100 points cannot be taken away. Nothing was changed.").waitFor();
    // Nothing typed is lost, and the balance is as it was.
    expect(await admin.getByLabel("Reason").inputValue()).toBe("Points were for a colleague");
    expect(await admin.getByTestId("participant-balance").textContent()).toBe("25 points");
    expect(adminProblems).toEqual([]);
    await adminCtx.close();

    const martaCtx = await newPhoneContext(browser);
    const marta = await martaCtx.newPage();
    const martaProblems = watchForErrors(marta);
    await signIn(marta, "marta@baltictools.example");
    const bell = marta.getByRole("link", { name: "Inbox, 1 unread notice" });
    await bell.waitFor();
    await bell.tap();
    await marta.waitForURL("**/inbox");
    await marta.getByText("25 points were added to your account: Helped on our stand at the trade show").waitFor();
    await marta.getByRole("button", { name: "Mark all as read" }).tap();
    await marta.getByText("Everything is read.").waitFor();
    // The badge in the header goes as soon as everything is read.
    await marta.getByRole("link", { name: "Inbox", exact: true }).waitFor();
    expect(await marta.getByTestId("unread-count").count()).toBe(0);
    expect(martaProblems).toEqual([]);
    await martaCtx.close();
  }, 90_000);
});
