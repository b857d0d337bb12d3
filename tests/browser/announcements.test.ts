import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sendDueAnnouncements } from "../../app/domain/communication/announcements.server";
import { getDb } from "../../db/client";
import { announcements } from "../../db/schema";
import { signInOnPage, useBrowser, useDesktop, usePhone, usePortal } from "../support/fixtures";
import { freshPerson } from "../support/people";

const portal = usePortal();
const browser = useBrowser();

describe("announcements", () => {
  it("a channel manager writes, previews and schedules one; a salesperson reads it in the inbox in Russian on a phone", async () => {
    const db = await getDb();
    const seller = await freshPerson({ org: "Baltic Tools Distribution", role: "salesperson", locale: "ru", tag: "reader" });

    // The channel manager at a desk.
    const desk = await useDesktop(browser);
    await signInOnPage(desk.page, portal.url, "chris@volta.example", { by: "click" });
    await desk.page.getByRole("link", { name: "Announcements" }).first().click();
    await desk.page.waitForURL("**/announcements");
    await desk.page.getByRole("link", { name: "New announcement" }).click();
    await desk.page.getByLabel("Title (English)").fill("Double points on drills");
    await desk.page.getByLabel("Text (English)").fill("Until Friday every **drill** earns double points.\n\n- DR18\n- HD36");
    await desk.page.getByLabel("Title (Русский)").fill("Двойные баллы за дрели");
    await desk.page.getByLabel("Text (Русский)").fill("До пятницы каждая **дрель** приносит двойные баллы.");
    await desk.page.getByLabel("Baltic Tools Distribution").check();
    await desk.page.getByRole("checkbox", { name: "Salesperson" }).check();
    await desk.page.getByRole("button", { name: "Save and preview" }).click();
    await desk.page.waitForURL(/\/announcements\/[0-9a-f-]{36}$/);
    const id = desk.page.url().split("/").pop()!;

    // The email as each language will read it, and how many it reaches.
    const english = desk.page.getByRole("region", { name: "Email preview: English" });
    await english.getByRole("heading", { name: "Double points on drills" }).waitFor();
    expect(await english.locator(".announcement-body strong").first().textContent()).toBe("drill");
    const russian = desk.page.getByRole("region", { name: "Email preview: Русский" });
    await russian.getByText("До пятницы каждая").waitFor();
    await desk.page
      .getByTestId("recipient-count")
      .getByText(/\d+ (people|person) will/)
      .waitFor();

    await desk.page.getByLabel(/Send at/).fill(new Date(Date.now() + 86_400_000).toISOString().slice(0, 11) + "09:00");
    await desk.page.getByRole("button", { name: "Schedule" }).click();
    await desk.page
      .getByRole("status")
      .getByText(/Scheduled for/)
      .waitFor();
    expect(desk.problems).toEqual([]);

    // The same page on the manager's phone fits the screen.
    const managerPhone = await usePhone(browser);
    await signInOnPage(managerPhone.page, portal.url, "chris@volta.example");
    await managerPhone.page.goto(`${portal.url}/announcements/${id}`);
    await managerPhone.page.getByRole("region", { name: "Email preview: Русский" }).waitFor();
    expect(await managerPhone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(managerPhone.problems).toEqual([]);
    await managerPhone.ctx.close();

    // Tomorrow 09:00 comes: the jobs send it.
    await db
      .update(announcements)
      .set({ sendAt: new Date(Date.now() - 1000) })
      .where(eq(announcements.id, id));
    expect((await sendDueAnnouncements(db)).sent).toBe(1);

    // The salesperson, Russian-speaking, on a phone.
    const phone = await usePhone(browser);
    await signInOnPage(phone.page, portal.url, seller.email);
    await phone.page.goto(`${portal.url}/inbox`);
    const notice = phone.page.getByRole("button", { name: /Двойные баллы за дрели/ });
    await notice.waitFor();
    await phone.page.getByText("Объявление команды программы. Откройте, чтобы прочитать.").waitFor();
    await notice.tap();
    await phone.page.waitForURL(`**/announcements/${id}/read`);
    await phone.page.getByRole("heading", { name: "Двойные баллы за дрели" }).waitFor();
    await phone.page.getByText("приносит двойные баллы").waitFor();
    expect(await phone.page.locator(".announcement-body strong").textContent()).toBe("дрель");
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(phone.problems).toEqual([]);

    // Back at the desk: the read shows in the delivery counts.
    await desk.page.reload();
    await desk.page.getByTestId("announcement-stats").getByText("Read in the portal").waitFor();
    expect(await desk.page.getByTestId("announcement-stats").textContent()).toMatch(/Read in the portal[1-9]/);
    await desk.ctx.close();
    await phone.ctx.close();
  }, 120_000);
});
