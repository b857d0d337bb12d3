import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { claimLines } from "../../db/schema";
import { barcodePng } from "../support/barcode";
import { daysAgo, pngImage, serials } from "../support/claims";
import { signInOnPage, useBrowser, usePhone, usePortal } from "../support/fixtures";

const portal = usePortal();
const browser = useBrowser();
const SHOTS = process.env.SHOTS_DIR ?? "/tmp/pages-shots";

describe("serial numbers on a phone", () => {
  it("are read from the label's barcode (a photo when there is no camera), typed entry kept, and the claim is sent with them", async () => {
    const phone = await usePhone(browser);
    const m = phone.page;
    await signInOnPage(m, portal.url, "marta@baltictools.example");
    await m.goto(`${portal.url}/claims/new`);
    await m.getByLabel("Invoice number").fill(`SCAN-${Date.now()}`);
    await m.getByLabel("Invoice date").fill(daysAgo(1));
    await m.getByLabel("Add a product: type its SKU or name").fill("dr18 cordless");
    await m.getByRole("button", { name: /Volta DR18 cordless drill/ }).tap();

    // The scan button sits beside the field, a full touch target.
    const scan = m.getByRole("button", { name: "Scan serial number 1" });
    const box = (await scan.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(44);
    expect(box.height).toBeGreaterThanOrEqual(44);
    await scan.tap();
    await m.getByText("Scan the barcode on the serial label").waitFor();
    // Headless Chromium has no camera: the scanner says so and offers a photo of the label instead.
    await m.getByText(/The camera is not available here|Hold the label's barcode inside the frame/).waitFor();

    // A photo with no barcode in it: told so, nothing filled in.
    await m.getByTestId("scan-photo-1").setInputFiles({ name: "blank.png", mimeType: "image/png", buffer: pngImage() });
    await m.getByText("No barcode found in that photo. Try again closer to the label, or type the number.").waitFor();
    expect(await m.getByPlaceholder("Serial number 1").inputValue()).toBe("");

    // A photo of the label: the serial is read into the field and announced.
    const [serial] = serials(1, "SC");
    await m.getByTestId("scan-photo-1").setInputFiles({ name: "label.png", mimeType: "image/png", buffer: await barcodePng(serial) });
    await expect.poll(() => m.getByPlaceholder("Serial number 1").inputValue(), { timeout: 20_000 }).toBe(serial);
    await m.getByText(`Scanned: ${serial}`).waitFor({ state: "attached" });
    expect(await m.getByText("Scan the barcode on the serial label").count()).toBe(0);
    await m.screenshot({ path: `${SHOTS}/serial-scan-phone.png`, fullPage: true });

    // Typing still works beside it, and the scanned number goes out with the claim.
    await m.locator("#f-evidence").setInputFiles({ name: "invoice.png", mimeType: "image/png", buffer: pngImage() });
    await m.getByText(/invoice\.png · \d+ KB/).waitFor();
    await m.getByRole("button", { name: "Send claim" }).tap();
    await m.waitForURL(/\/claims\/[0-9a-f-]{36}\?sent=new$/);
    const claimId = m.url().replace(/\?.*$/, "").split("/").pop()!;
    const lines = await (await getDb()).select().from(claimLines).where(eq(claimLines.claimId, claimId));
    expect(lines.flatMap((l) => l.serials)).toEqual([serial]);
    expect(phone.problems).toEqual([]);
  });
});
