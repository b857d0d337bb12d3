import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { claims } from "../../db/schema";
import { claimForm, daysAgo, serials, submitNew } from "../support/claims";
import { signInOnPage, useBrowser, useDesktop, usePhone, usePortal } from "../support/fixtures";

const portal = usePortal({ people: { marta: "marta@baltictools.example" } });
const browser = useBrowser();

async function claimNumber(id: string) {
  const [row] = await (await getDb()).select({ number: claims.number }).from(claims).where(eq(claims.id, id));
  return row.number;
}

describe("sell-out data in the browser", () => {
  it("a manager uploads sell-out data on a phone, the queue shows the matches, and the auto-approved claim shows its points to the salesperson", async () => {
    const [drill] = serials(1, "BSO");
    // Three claims from the salesperson: one the data will match fully, one partly, one not at all.
    const full = await submitNew(
      portal.as.marta,
      claimForm({
        invoice: "BSO-1",
        date: daysAgo(2),
        lines: [
          { sku: "VT-DR18", qty: 1, serials: [drill] },
          { sku: "VT-BIT32", qty: 2 },
        ],
      }),
    );
    const partly = await submitNew(
      portal.as.marta,
      claimForm({
        invoice: "BSO-2",
        date: daysAgo(2),
        lines: [
          { sku: "VT-BIT32", qty: 1 },
          { sku: "VT-B18-50", qty: 1 },
        ],
      }),
    );
    const none = await submitNew(portal.as.marta, claimForm({ invoice: "BSO-3", date: daysAgo(2), lines: [{ sku: "VT-BIT32", qty: 1 }] }));

    // --- The channel manager, on a phone: switch automatic approval on, then upload the file.
    const chris = await usePhone(browser);
    const c = chris.page;
    await signInOnPage(c, portal.url, "chris@volta.example");
    await c.goto(`${portal.url}/sellout`);
    await c.getByRole("button", { name: "Approve fully matched claims automatically" }).tap();
    await c.getByText("Automatic approval setting saved.").waitFor();
    const csv = [
      "partner,invoice_number,invoice_date,sku,quantity,serial_numbers",
      `Baltic Tools Distribution,BSO-1,${daysAgo(2)},VT-DR18,1,${drill}`,
      `Baltic Tools Distribution,BSO-1,${daysAgo(2)},VT-BIT32,2,`,
      `Baltic Tools Distribution,BSO-2,${daysAgo(2)},VT-BIT32,1,`,
    ].join("\n");
    await c.getByLabel("CSV file").setInputFiles({ name: "june.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await c.getByRole("button", { name: "Upload", exact: true }).tap();
    await c.getByText("3 rows loaded. 1 claim approved automatically.").waitFor();
    await c.getByTestId("upload-row").getByText("june.csv").waitFor();

    // The queue shows what matched; the fully matched claim has left it.
    await c.getByRole("link", { name: "Open the review queue" }).tap();
    await c.waitForURL("**/claims/review");
    const cardOf = async (id: string) =>
      c.getByRole("listitem").filter({ has: c.getByRole("link", { name: `Claim ${await claimNumber(id)}`, exact: true }) });
    await (await cardOf(partly)).getByText("Sell-out: 1 of 2 lines matched").waitFor();
    await (await cardOf(none)).getByText("Sell-out: not found").waitFor();
    expect(await c.getByRole("link", { name: `Claim ${await claimNumber(full)}`, exact: true }).count()).toBe(0);

    // The same page on a desktop lists the upload in a table.
    const desk = await useDesktop(browser);
    await signInOnPage(desk.page, portal.url, "chris@volta.example", { by: "click" });
    await desk.page.goto(`${portal.url}/sellout`);
    await desk.page.getByRole("cell", { name: /june\.csv/ }).waitFor();

    // --- The salesperson, on her phone, sees the claim approved with its points.
    const marta = await usePhone(browser);
    const m = marta.page;
    await signInOnPage(m, portal.url, "marta@baltictools.example");
    await m.goto(`${portal.url}/claims/${full}`);
    await m.getByText("Approved").first().waitFor();
    // Platinum x1.5: 1 x 120 x 1.5 = 180 and 2 x 8 x 1.5 = 24.
    await m.getByTestId("claim-points").getByText("204 points").waitFor();
    await m.goto(`${portal.url}/points`);
    await m
      .getByText(`Sales claim ${await claimNumber(full)} approved (invoice BSO-1)`)
      .first()
      .waitFor();

    expect(chris.problems).toEqual([]);
    expect(desk.problems).toEqual([]);
    expect(marta.problems).toEqual([]);
    for (const s of [chris, desk, marta]) await s.ctx.close();
  }, 120_000);
});
