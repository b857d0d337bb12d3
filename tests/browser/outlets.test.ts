import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { earningExpiry, organisations, outlets, users } from "../../db/schema";
import { daysAgo, pngImage } from "../support/claims";
import { signInOnPage, useBrowser, useDesktop, usePhone, usePortal } from "../support/fixtures";
import { freshPerson } from "../support/people";

/**
 * Issue 19 in Chromium, on a phone (390x844) and a desktop: the executive sets where a person works
 * on the team page, that person's claim form offers the outlet of the sale with their own chosen,
 * and the admin sets a "never expires" source on the programme page.
 */
const portal = usePortal();
const browser = useBrowser();
const db = await getDb();

async function outletId(name: string) {
  const [o] = await db.select({ id: outlets.id }).from(outlets).where(eq(outlets.name, name));
  return o.id;
}

describe("outlets in the browser", () => {
  it("the executive sets a person's outlet on a phone, and the person's claim records it", async () => {
    const [baltic] = await db.select().from(organisations).where(eq(organisations.name, "Baltic Tools Distribution"));
    const person = await freshPerson({ org: "Baltic Tools Distribution", tag: "outlet-phone" });

    const exec = await usePhone(browser);
    await signInOnPage(exec.page, portal.url, "ona@baltictools.example");
    await exec.page.goto(`${portal.url}/organisations/${baltic.id}`);
    const select = exec.page.getByLabel(`Outlet of ${person.name}`);
    await select.selectOption({ label: "Riga trade counter" });
    // The row's own Save button, next to the select.
    await select.locator("xpath=..").getByRole("button", { name: "Save" }).tap();
    await exec.page.getByText("Outlet saved.").waitFor();
    const [row] = await db.select({ outletId: users.outletId }).from(users).where(eq(users.id, person.id));
    expect(row.outletId).toBe(await outletId("Riga trade counter"));
    expect(exec.problems).toEqual([]);
    await exec.ctx.close();

    const phone = await usePhone(browser);
    await signInOnPage(phone.page, portal.url, person.email);
    const m = phone.page;
    await m.goto(`${portal.url}/claims/new`);
    expect(await m.getByLabel("Outlet of the sale").inputValue()).toBe(await outletId("Riga trade counter"));
    await m.getByLabel("Outlet of the sale").selectOption({ label: "Vilnius warehouse, Vilnius" });
    await m.getByLabel("Invoice number").fill(`OUT-PH-${Date.now()}`);
    await m.getByLabel("Invoice date").fill(daysAgo(1));
    await m.getByLabel("Add a product: type its SKU or name").fill("VT-BIT32");
    await m
      .getByRole("button", { name: /VT-BIT32/ })
      .first()
      .tap();
    await m.locator("#f-evidence").setInputFiles({ name: "invoice.png", mimeType: "image/png", buffer: pngImage() });
    await m.getByRole("button", { name: "Send claim" }).tap();
    await m.waitForURL(/\/claims\/[0-9a-f-]{36}\?sent=new/);
    await m.getByText("Outlet of the sale: Vilnius warehouse").waitFor();
    expect(phone.problems).toEqual([]);
    await phone.ctx.close();
  });

  it("the team page's outlet column and the programme's expiry per source work on a desktop", async () => {
    const [baltic] = await db.select().from(organisations).where(eq(organisations.name, "Baltic Tools Distribution"));
    const person = await freshPerson({ org: "Baltic Tools Distribution", tag: "outlet-desk" });
    const desk = await useDesktop(browser);
    await signInOnPage(desk.page, portal.url, "lukas@baltictools.example", { by: "click" });
    await desk.page.goto(`${portal.url}/organisations/${baltic.id}`);
    const select = desk.page.getByLabel(`Outlet of ${person.name}`);
    await select.selectOption({ label: "Vilnius warehouse" });
    await select.locator("xpath=..").getByRole("button", { name: "Save" }).click();
    await desk.page.getByText("Outlet saved.").waitFor();
    expect(desk.problems).toEqual([]);
    await desk.ctx.close();

    const admin = await useDesktop(browser);
    await signInOnPage(admin.page, portal.url, "admin@volta.example", { by: "click" });
    const a = admin.page;
    await a.goto(`${portal.url}/admin/programme`);
    await a.getByRole("heading", { name: "Expiry per earning source" }).waitFor();
    // The expiry card's own Save (the page has other cards with theirs).
    const saveExpiry = a.locator("form", { has: a.locator("#expiry-course-rule") }).getByRole("button", { name: "Save" });
    await a.locator("#expiry-course-rule").selectOption("never");
    await a.locator("#expiry-claim-rule").selectOption("months");
    await a.locator("#expiry-claim-months").fill("abc");
    await saveExpiry.click();
    // A wrong number is refused next to its field, and what was chosen stays.
    await a.locator("#expiry-claim-error").getByText("Enter whole months from 1 to 120.").waitFor();
    expect(await a.locator("#expiry-course-rule").inputValue()).toBe("never");
    await a.locator("#expiry-claim-months").fill("12");
    await saveExpiry.click();
    await a.getByText("Expiry per source saved.").waitFor();
    const rows = await db.select().from(earningExpiry);
    expect(Object.fromEntries(rows.map((r) => [r.sourceType, r.months]))).toMatchObject({ course: null, claim: 12 });
    expect(admin.problems).toEqual([]);
    await admin.ctx.close();

    // The same page on a phone: the settings read without sideways scrolling.
    const phone = await usePhone(browser);
    await signInOnPage(phone.page, portal.url, "admin@volta.example");
    await phone.page.goto(`${portal.url}/admin/programme`);
    expect(await phone.page.locator("#expiry-course-rule").inputValue()).toBe("never");
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(phone.problems).toEqual([]);
    await phone.ctx.close();
  });
});
