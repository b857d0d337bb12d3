import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { submitClaim } from "../../app/domain/claims/claims.server";
import { approveClaim } from "../../app/domain/claims/review.server";
import { isoDate } from "../../app/domain/claims/shared";
import { referColleague } from "../../app/domain/enrolment/referrals.server";
import { getDb } from "../../db/client";
import { programmeSettings } from "../../db/schema";
import { invoicePdf } from "../../scripts/seed/claims";
import { DEMO_REFERRAL_BONUS } from "../../scripts/seed/enrolment";
import { deliverAndTake } from "../support/mail";
import { signInOnPage, useBrowser, useDesktop, usePhone, usePortal, useSmtp } from "../support/fixtures";
import { freshPerson } from "../support/people";
import { actorFor } from "../support/portal";

/**
 * Issue 19 on a phone (390x844), end to end: a colleague invited by a participant at another
 * partner finds their company, asks to join, the executive approves on their phone, the new
 * person sets a password from the email and signs in; their first claim is approved and earns
 * the first-claim bonus, and the referrer sees their referral bonus.
 */
const portal = usePortal();
const smtp = useSmtp();
const browser = useBrowser();
const db = await getDb();

const NEWCOMER = { name: "Ieva Naujokė", password: "fresh start in vilnius" };

describe("joining on a phone", () => {
  it("a new person asks to join, the executive approves, the person signs in and their first claim earns both bonuses", async () => {
    await db.update(programmeSettings).set({ firstClaimBonus: 250 }).where(eq(programmeSettings.id, 1));
    const email = `ieva-${randomUUID().slice(0, 8)}@example.com`;
    const referrer = await freshPerson({ org: "Northfield Building Supplies", tag: "phone-referrer" });
    await referColleague(db, referrer, { name: NEWCOMER.name, email });

    // 1. The newcomer, without an account, finds Baltic Tools and asks to join.
    const newcomer = await usePhone(browser);
    const page = newcomer.page;
    await page.goto(`${portal.url}/login`);
    await page.getByRole("link", { name: "New here? Ask to join your company" }).tap();
    await page.waitForURL("**/enrol");
    await page.getByLabel("Company name").fill("baltic");
    await page.getByRole("button", { name: "Find my company" }).tap();
    await page.getByRole("link", { name: /Baltic Tools Distribution/ }).tap();
    await page.getByRole("heading", { name: "Join Baltic Tools Distribution" }).waitFor();
    await page.getByLabel("Full name").fill(NEWCOMER.name);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Your role").selectOption("salesperson");
    await page.getByLabel("Your outlet").selectOption({ label: "Vilnius warehouse, Vilnius" });
    const ask = page.getByRole("button", { name: "Ask to join" });
    const box = (await ask.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await ask.tap();
    await page.getByText("Your request to join Baltic Tools Distribution was sent").waitFor();

    // 2. The executive approves it on their phone; the answer shows in the message bar.
    const exec = await usePhone(browser);
    await signInOnPage(exec.page, portal.url, "ona@baltictools.example");
    await exec.page.goto(`${portal.url}/team/requests`);
    await exec.page.getByRole("heading", { name: NEWCOMER.name }).waitFor();
    await exec.page.getByRole("button", { name: `Approve ${NEWCOMER.name}` }).tap();
    await exec.page.getByText(`${NEWCOMER.name} was approved and told how to sign in.`).waitFor();
    await exec.page.getByText("No requests are waiting.").waitFor();
    expect(exec.problems).toEqual([]);

    // 3. The approval email's link sets a password and signs the newcomer in.
    const { path } = await deliverAndTake(smtp, email, "/invite/");
    await page.goto(`${portal.url}${path}`);
    await page.getByLabel("New password", { exact: true }).fill(NEWCOMER.password);
    await page.getByLabel("Repeat the new password").fill(NEWCOMER.password);
    await page.getByRole("button", { name: "Create my account" }).tap();
    await page.waitForURL("**/home?welcome=1");

    // 4. Their first claim is approved: the first-claim bonus for them, the referral bonus for the referrer.
    const today = isoDate(new Date());
    const claim = await submitClaim(db, await actorFor(email), null, {
      invoiceNumber: "JOIN-1",
      invoiceDate: today,
      lines: [{ index: 0, sku: "VT-BIT32", quantity: "2", serials: [] }],
      evidence: [invoicePdf("JOIN-1", today, ["2 x VT-BIT32"])],
    });
    await approveClaim(db, await actorFor("chris@volta.example"), claim.id);
    await page.goto(`${portal.url}/points`);
    await page.getByText("First-claim bonus").first().waitFor();
    expect(newcomer.problems).toEqual([]);

    const referrerPhone = await usePhone(browser);
    await signInOnPage(referrerPhone.page, portal.url, referrer.email);
    await referrerPhone.page.goto(`${portal.url}/referrals`);
    await referrerPhone.page.getByText("Bonus earned").waitFor();
    await referrerPhone.page.getByText(`+${DEMO_REFERRAL_BONUS} points`).waitFor();
    await referrerPhone.page.goto(`${portal.url}/points`);
    await referrerPhone.page.getByText(`Referral bonus: ${NEWCOMER.name}'s first approved claim`).first().waitFor();
    expect(referrerPhone.problems).toEqual([]);
    for (const p of [newcomer, exec, referrerPhone]) await p.ctx.close();
  }, 180_000);

  it("on a desktop the executive re-accepts the terms with the roles they choose, and the admin sees the terms and bonus", async () => {
    const exec = await useDesktop(browser);
    await signInOnPage(exec.page, portal.url, "ona@baltictools.example", { by: "click" });
    await exec.page.goto(`${portal.url}/team/terms`);
    await exec.page.getByText("Version 1 accepted").waitFor();
    await exec.page.getByLabel("Technician").uncheck();
    await exec.page.getByRole("button", { name: "Save the roles" }).click();
    await exec.page.getByText("The terms are accepted for your organisation.").waitFor();
    await exec.page.getByText("Roles taking part: Executive, Manager, Salesperson, Purchasing manager, Accountant.").waitFor();
    expect(exec.problems).toEqual([]);
    await exec.ctx.close();

    const admin = await useDesktop(browser);
    await signInOnPage(admin.page, portal.url, "admin@volta.example", { by: "click" });
    await admin.page.goto(`${portal.url}/admin/enrolment`);
    expect(await admin.page.getByLabel("Points for the referrer").inputValue()).toBe(String(DEMO_REFERRAL_BONUS));
    await admin.page.getByText("Version 1, published").waitFor();
    expect(admin.problems).toEqual([]);
    await admin.ctx.close();
  }, 120_000);
});
