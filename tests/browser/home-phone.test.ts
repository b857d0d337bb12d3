import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { createContest, recordContestProgress } from "../../app/domain/contests/contests.server";
import type { Actor } from "../../app/lib/actor";
import { contestInput } from "../support/contests";
import { signInOnPage, useBrowser, useDesktop, usePhone, usePortal } from "../support/fixtures";
import { freshPerson } from "../support/people";
import { actorFor } from "../support/portal";
import { givePoints } from "../support/shop";

const portal = usePortal();
const browser = useBrowser();
const SHOTS = process.env.SHOTS_DIR ?? "/tmp/pages-shots";

async function sale(who: Actor, units: number, minutesAgo: number) {
  const at = new Date(Date.now() - minutesAgo * 60_000);
  await (await getDb()).transaction((tx) =>
    recordContestProgress(tx, {
      userId: who.id,
      organisationId: who.organisationId,
      role: who.role,
      tier: who.tier,
      region: who.region,
      occurredAt: at,
      reachedAt: at,
      sourceType: "claim",
      sourceId: randomUUID(),
      lines: [{ sku: "VT-DR18", quantity: units, revenueMinor: 0 }],
    }),
  );
}

describe("home on a phone and a desktop", () => {
  it("leads a salesperson with next steps that open what they say, and gives an executive their team", async () => {
    const contest = await createContest(await getDb(), await actorFor("chris@volta.example"), contestInput({ name: "Winter drill dash" }));
    const seller = await freshPerson({ tag: "homephone" });
    await sale(await freshPerson({ org: "Baltic Tools Distribution", tag: "rival" }), 5, 30);
    await sale(seller, 2, 20);
    await givePoints(seller, 1_250);

    const phone = await usePhone(browser);
    await signInOnPage(phone.page, portal.url, seller.email);
    const page = phone.page;
    page.setDefaultTimeout(10_000);
    await page.getByRole("heading", { name: "What to do next" }).waitFor();
    // Points first, in view without scrolling; the contest step says the place and the gap in units.
    const points = (await page.getByTestId("home-points").boundingBox())!;
    expect(points.y + points.height).toBeLessThan(844);
    const step = page.getByTestId("home-contest");
    expect(await step.textContent()).toContain("Place 2 of 2 in Winter drill dash");
    expect(await step.textContent()).toContain("4 units more to move up one place");
    expect(await page.getByTestId("home-course").count()).toBe(1);
    expect(await page.getByTestId("home-offer").count()).toBe(1);
    // No tile grid repeating the bottom bar.
    expect(await page.locator("main").getByRole("link", { name: "Claims", exact: true }).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/home-salesperson-phone.png`, fullPage: true });
    await step.tap();
    await page.waitForURL(`**/contests/${contest.id}`);
    expect(phone.problems).toEqual([]);
    await phone.ctx.close();

    const desk = await useDesktop(browser);
    desk.page.setDefaultTimeout(10_000);
    await signInOnPage(desk.page, portal.url, "emma@northfield.example", { by: "click" });
    await desk.page.getByRole("heading", { name: "Your team" }).waitFor();
    expect(await desk.page.getByTestId("home-contest").first().textContent()).toContain("Your best: place");
    await desk.page.screenshot({ path: `${SHOTS}/home-executive-desktop.png`, fullPage: true });
    expect(desk.problems).toEqual([]);
    await desk.ctx.close();
  }, 120_000);
});
