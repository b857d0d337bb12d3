import { and, eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { figuresFromEntries, periodOn } from "../../app/domain/costshare/funds.server";
import { addBusinessDays } from "../../app/domain/costshare/rule";
import { createFormatter } from "../../app/i18n/format";
import { getDb } from "../../db/client";
import { costshareClaims, costshareFunds, costshareRequests } from "../../db/schema";
import { jpegBytes, pngImage } from "../support/claims";
import { signInOnPage, useBrowser, useDesktop, usePhone, usePortal } from "../support/fixtures";
import { actorFor } from "../support/portal";

const portal = usePortal();
const browser = useBrowser();
const db = await getDb();
const f = createFormatter("en");

const TITLE = "Autumn catalogue half page";

/**
 * The fund as the partner's page shows it equals the fund row, and the row equals the sum of its
 * ledger entries; returns the row.
 */
async function figuresAddUp(page: Page, periodName: string, fundId: string) {
  await page.goto(`${portal.url}/cost-share`);
  const [row] = await db.select().from(costshareFunds).where(eq(costshareFunds.id, fundId));
  const fromEntries = await figuresFromEntries(db, fundId);
  expect({ allocated: row.allocated, committed: row.committed, claimed: row.claimed, paid: row.paid, available: row.available }).toEqual({
    allocated: fromEntries.allocated,
    committed: fromEntries.committed,
    claimed: fromEntries.claimed,
    paid: fromEntries.paid,
    available: fromEntries.available,
  });
  const card = page.getByTestId(`fund-${periodName}`);
  for (const k of ["allocated", "committed", "claimed", "paid", "available"] as const)
    expect((await card.getByTestId(`figure-${k}`).innerText()).trim(), k).toBe(f.money(row[k], "EUR"));
  return row;
}

describe("marketing cost-share in the browser", () => {
  it("a partner requests with a layout on a phone, the manager approves on a desktop, the partner claims with two proofs, finance pays; the fund adds up at each step", async () => {
    const ona = await actorFor("ona@baltictools.example");
    const today = new Date().toISOString().slice(0, 10);
    const start = addBusinessDays(today, 15);
    const end = addBusinessDays(start, 5);
    const period = (await periodOn(db, start))!;
    const [fundRow] = await db
      .select()
      .from(costshareFunds)
      .where(and(eq(costshareFunds.organisationId, ona.organisationId), eq(costshareFunds.periodId, period.id)));

    // --- The partner's marketing person on a phone.
    const phone = await usePhone(browser);
    const p = phone.page;
    await signInOnPage(p, portal.url, "ona@baltictools.example");
    const before = await figuresAddUp(p, period.name, fundRow.id);
    await p.getByRole("link", { name: "Request pre-approval" }).tap();
    await p.waitForURL("**/cost-share/requests/new");
    await p.getByLabel("Title").fill(TITLE);
    await p.getByLabel("Description").fill("Half page in the autumn trade catalogue, our drills only beside Bosch.");
    await p.getByLabel("Starts on").fill(start);
    await p.getByLabel("Ends on").fill(end);
    await p.getByLabel("Planned cost (EUR)").fill("2000");
    // Explained while typing: 50% with only our brand, 35% with one other.
    await p.getByTestId("reimbursement-preview").getByText("Reimbursement: €1,000.00").waitFor();
    await p.getByLabel("Other brands the material will show").fill("Bosch");
    await p.getByTestId("reimbursement-preview").getByText("Reimbursement: €700.00").waitFor();
    await p.getByText("Other brands shown: 1; share by the programme's table: 35%.").waitFor();
    await p.locator("#f-layout").setInputFiles({ name: "layout.png", mimeType: "image/png", buffer: pngImage() });
    await p.getByRole("button", { name: "Send for approval" }).tap();
    await p.waitForURL(/\/cost-share\/requests\/[0-9a-f-]{36}\?sent=1$/);
    await p.getByText("Request sent. You will get a notice and an email when it is decided.").waitFor();
    const requestUrl = p.url().replace(/\?.*$/, "");
    const [request] = await db
      .select()
      .from(costshareRequests)
      .where(eq(costshareRequests.id, requestUrl.split("/").pop()!));
    expect(request.requestedMinor).toBe(70_000);
    // Phone first: nothing wider than the screen.
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // --- The channel manager on a desktop: the queue, the layout, approval.
    const desk = await useDesktop(browser);
    const c = desk.page;
    await signInOnPage(c, portal.url, "chris@volta.example", { by: "click" });
    await c.goto(`${portal.url}/cost-share/review`);
    await c.getByRole("link", { name: new RegExp(TITLE) }).click();
    await c.waitForURL(requestUrl);
    const layout = c.getByRole("img", { name: "Draft layout" });
    await expect.poll(() => layout.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(240);
    await c.getByLabel("Note to the partner (required to return or reject)").fill("Fine, keep our logo first.");
    await c.getByRole("button", { name: "Approve", exact: true }).click();
    await c.getByText("Approved: the money is committed in the partner's fund.").waitFor();

    let after = await figuresAddUp(p, period.name, fundRow.id);
    expect(after.committed - before.committed).toBe(70_000);
    expect(before.available - after.available).toBe(70_000);

    // --- The partner claims on the phone with two proof files; it cost less than planned.
    await p.goto(requestUrl);
    await p.getByText("Fine, keep our logo first.").first().waitFor();
    await p.getByRole("link", { name: "Claim reimbursement" }).tap();
    await p.getByLabel("Actual cost (EUR)").fill("1800");
    await p.getByTestId("claim-preview").getByText("You will be reimbursed: €630.00").waitFor();
    await p.getByText("€70.00 of the approved amount goes back to your fund.").waitFor();
    await p.locator("#f-proofs").setInputFiles([
      { name: "tearsheet.jpg", mimeType: "image/jpeg", buffer: Buffer.from(jpegBytes()) },
      { name: "agency-invoice.png", mimeType: "image/png", buffer: pngImage() },
    ]);
    await p.getByRole("button", { name: "Send claim" }).tap();
    await p.waitForURL(/\?claimed=1$/);
    await p.getByText("Claim sent. You will hear when it is decided.").waitFor();
    expect(await p.getByTestId("proof-file").count()).toBe(2);

    // --- The channel manager reviews each proof, then approves the claim.
    await c.goto(requestUrl);
    for (let i = 0; i < 2; i++) {
      await c.getByRole("button", { name: "Accept", exact: true }).first().click();
      await c.getByText("File accepted.").waitFor();
    }
    await c.getByRole("button", { name: "Approve claim" }).click();
    await c.getByText("Claim approved; any difference went back to the fund.").waitFor();
    after = await figuresAddUp(p, period.name, fundRow.id);
    expect(after.claimed - before.claimed).toBe(63_000);
    expect(after.committed - before.committed).toBe(63_000);
    expect(before.available - after.available).toBe(63_000);

    // --- Finance pays on a desktop.
    const fin = await useDesktop(browser);
    const fi = fin.page;
    await signInOnPage(fi, portal.url, "finance@volta.example", { by: "click" });
    await fi.goto(`${portal.url}/cost-share/payments`);
    const [{ number }] = await db
      .select({ number: costshareClaims.number })
      .from(costshareClaims)
      .where(eq(costshareClaims.requestId, request.id));
    await fi.getByLabel(`Pay claim ${number}`).check();
    await fi.getByLabel("Reference").fill("BT-2026-0042");
    await fi.getByRole("button", { name: "Record payment" }).click();
    await fi.getByText(/Payment \d+ recorded\./).waitFor();
    after = await figuresAddUp(p, period.name, fundRow.id);
    expect(after.paid - before.paid).toBe(63_000);
    await p.goto(requestUrl);
    expect((await p.getByTestId("claim-paid").innerText()).trim()).toBe("€630.00");

    // --- The desk's usage report shows the partner's figures on a desktop too.
    await c.goto(`${portal.url}/cost-share?period=${period.id}`);
    await c.getByRole("cell", { name: /Baltic Tools Distribution/ }).waitFor();

    for (const problems of [phone.problems, desk.problems, fin.problems]) expect(problems).toEqual([]);
    await phone.ctx.close();
    await desk.ctx.close();
    await fin.ctx.close();
  }, 180_000);
});
