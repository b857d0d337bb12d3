import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { acceptForDemo } from "../../app/domain/enrolment/participation.server";
import { getDb } from "../../db/client";
import { organisations } from "../../db/schema";
import { signInOnPage, useBrowser, useDesktop, usePhone, usePortal } from "../support/fixtures";
import { freshPerson } from "../support/people";

const portal = usePortal();
const browser = useBrowser();

/** Per-country point value (issue 18) on a phone (the admin's card) and a desktop (a partner's points page). */
describe("currency per country", () => {
  it("is added by an admin on a phone and shown to a Philippine partner's person in pesos", async () => {
    const phone = await usePhone(browser);
    await signInOnPage(phone.page, portal.url, "admin@volta.example");
    const p = phone.page;
    await p.goto(`${portal.url}/admin/programme`);
    await p.locator("#f-country").fill("ph");
    await p.locator("#f-countryCurrency").fill("PHP");
    await p.locator("#f-countryPointValue").fill("0.60");
    await p.getByRole("button", { name: "Save country" }).tap();
    // The result shows in the card next to the button, and the row is listed.
    await p.getByText("Country value saved.").waitFor();
    await p.getByText(/Philippines \(PH\) · PHP, 1 point = ₱0\.60/).waitFor();
    expect(await p.getByRole("button", { name: "Remove Philippines" }).isVisible()).toBe(true);
    expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(phone.problems).toEqual([]);

    const db = await getDb();
    const [org] = await db
      .insert(organisations)
      .values({ name: `Currency browser PH ${randomUUID().slice(0, 8)}`, kind: "dealer", country: "PH" })
      .returning();
    await acceptForDemo(db, org.id);
    const person = await freshPerson({ org: org.name, tag: "currency-ph" });
    const desk = await useDesktop(browser);
    await signInOnPage(desk.page, portal.url, person.email, { by: "click" });
    await desk.page.goto(`${portal.url}/points`);
    const worth = await desk.page.getByTestId("balance-worth").textContent();
    expect(worth).toMatch(/^Worth ₱[\d,]+\.\d\d · 1 point = ₱0\.60$/);
    expect(desk.problems).toEqual([]);
  });
});
