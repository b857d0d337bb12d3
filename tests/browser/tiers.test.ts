import { acceptForDemo } from "../../app/domain/enrolment/participation.server";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createProduct } from "../../app/domain/claims/products.server";
import { approveClaim } from "../../app/domain/claims/review.server";
import { runTierReview } from "../../app/domain/tiers/tiers.server";
import { getDb } from "../../db/client";
import { organisations } from "../../db/schema";
import { claimForm, daysAgo, submitNew } from "../support/claims";
import { signInOnPage, useBrowser, useDesktop, usePhone, usePortal } from "../support/fixtures";
import { freshPerson } from "../support/people";
import { actorFor } from "../support/portal";

const portal = usePortal();
const browser = useBrowser();

describe("tiers in the browser", () => {
  it("an executive sees tier progress on a phone and a desktop; a channel manager pins a tier", async () => {
    const db = await getDb();
    // A Silver dealer with EUR 10,000 of approved sales and nobody certified: Gold (EUR 50,000 and
    // one certified person) is EUR 40,000 and one person away.
    const admin = await actorFor("admin@volta.example");
    const sku = `TIER-B-${process.pid}`;
    await createProduct(db, admin, {
      sku,
      name: "Tier pallet",
      category: "Power tools",
      pointsPerUnit: 10,
      requiresSerial: false,
      active: true,
      listPrice: 1_000_000,
      tip: null,
    });
    const name = `Tier Browser ${randomUUID().slice(0, 6)}`;
    const [org] = await db.insert(organisations).values({ name, kind: "dealer", tier: "registered", region: "Baltics" }).returning();
    // A new partner sends claims only once it accepted the programme's terms (issue 19).
    await acceptForDemo(db, org.id);
    const seller = await freshPerson({ org: name, role: "salesperson", tag: "tierb-seller" });
    const exec = await freshPerson({ org: name, role: "executive", tag: "tierb-exec", locale: "en" });
    const claim = await submitNew(
      await portal.signedIn(seller.email),
      claimForm({ invoice: "TIER-B-1", date: daysAgo(3), lines: [{ sku, qty: 1 }] }),
    );
    await approveClaim(db, await actorFor("chris@volta.example"), claim);
    await runTierReview(db, { key: `browser-${randomUUID()}` });

    // --- The executive on a phone: tier, progress bar, what is missing, what it does to points.
    const phone = await usePhone(browser);
    const p = phone.page;
    await signInOnPage(p, portal.url, exec.email);
    await p.goto(`${portal.url}/tier`);
    await p.getByTestId("current-tier").getByText("Silver").waitFor();
    const bar = p.getByRole("progressbar", { name: "Progress towards Gold" });
    expect(await bar.getAttribute("aria-valuenow")).toBe("20");
    await p.getByText("€40,000.00 more approved sales").waitFor();
    await p.getByText("1 more certified person").waitFor();
    await p.getByText("At Silver, the points of every approved claim are multiplied by 110%.").waitFor();
    // Nothing runs off the phone's screen.
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // --- The same on a desktop, the multipliers as a table.
    const desk = await useDesktop(browser);
    const d = desk.page;
    await signInOnPage(d, portal.url, exec.email, { by: "click" });
    await d.getByRole("link", { name: "My tier" }).first().click();
    await d.waitForURL("**/tier");
    await d.getByRole("progressbar", { name: "Progress towards Gold" }).waitFor();
    await d.getByRole("cell", { name: "Platinum" }).waitFor();

    // --- The channel manager on a phone pins the dealer at Gold with a reason.
    const cm = await usePhone(browser);
    const c = cm.page;
    await signInOnPage(c, portal.url, "chris@volta.example");
    await c.goto(`${portal.url}/tiers`);
    await c.getByRole("link", { name }).tap();
    await c.waitForURL(`**/tiers/${org.id}`);
    await c.getByLabel("Tier", { exact: true }).selectOption("gold");
    await c.getByLabel("Reason").fill("Opens a second showroom in March");
    await c.getByRole("button", { name: "Pin tier" }).tap();
    await c.getByText("Tier pinned.").waitFor();
    await c.getByTestId("partner-tier").getByText("Gold").waitFor();
    await c.getByTestId("tier-history").first().getByText("Silver → Gold").waitFor();

    // --- The history on a desktop, and the executive sees the new tier.
    const cmDesk = await useDesktop(browser);
    await signInOnPage(cmDesk.page, portal.url, "chris@volta.example", { by: "click" });
    await cmDesk.page.goto(`${portal.url}/tiers/${org.id}`);
    await cmDesk.page.getByRole("cell", { name: /Opens a second showroom in March/ }).waitFor();
    await p.goto(`${portal.url}/tier`);
    await p.getByTestId("current-tier").getByText("Gold").waitFor();
    await p.getByText("The channel team has set this tier").waitFor();
    const [row] = await db.select({ tier: organisations.tier }).from(organisations).where(eq(organisations.id, org.id));
    expect(row.tier).toBe("gold");

    for (const s of [phone, desk, cm, cmDesk]) expect(s.problems).toEqual([]);
    for (const s of [phone, desk, cm, cmDesk]) await s.ctx.close();
  }, 120_000);
});
