import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { createContest, recordContestProgress } from "../../app/domain/contests/contests.server";
import type { Actor } from "../../app/lib/actor";
import { contestInput } from "../support/contests";
import { signInOnPage, useBrowser, useDesktop, usePhone, usePortal } from "../support/fixtures";
import { freshPerson } from "../support/people";
import { actorFor } from "../support/portal";

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

describe("a contest board on a phone and a desktop", () => {
  it("gives the seller the gap in units and a countdown; the executive sees their own people by name", async () => {
    const contest = await createContest(await getDb(), await actorFor("chris@volta.example"), contestInput({ name: "Drill dash" }));
    const seller = await freshPerson({ tag: "dash" });
    const rival = await freshPerson({ org: "Baltic Tools Distribution", tag: "rival" });
    await sale(rival, 7, 30);
    await sale(seller, 4, 20);

    const phone = await usePhone(browser);
    await signInOnPage(phone.page, portal.url, seller.email);
    await phone.page.goto(`${portal.url}/contests/${contest.id}`);
    const position = phone.page.getByTestId("my-position");
    expect(await position.textContent()).toContain("4 units more to move up one place");
    expect(await phone.page.getByTestId("countdown").textContent()).toMatch(/^Ends in (9|10) days/);
    expect(await phone.page.getByRole("columnheader", { name: "Prize" }).isVisible()).toBe(true);
    // The board fits the phone: nothing scrolls sideways.
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.page.screenshot({ path: `${SHOTS}/contest-seller-phone.png`, fullPage: true });
    expect(phone.problems).toEqual([]);
    await phone.ctx.close();

    const desk = await useDesktop(browser);
    await signInOnPage(desk.page, portal.url, "emma@northfield.example", { by: "click" });
    await desk.page.goto(`${portal.url}/contests/${contest.id}`);
    // Her salesperson by name, a link to what counted; the other partner's person by initials.
    await desk.page.getByRole("link", { name: seller.name }).click();
    await desk.page.waitForURL(`**/contests/${contest.id}/trace/${seller.id}`);
    await desk.page.goBack();
    await desk.page.getByText("F. R. (Baltic Tools Distribution)").waitFor();
    // Waited for, not read at once: going back renders the board again as the page's messages arrive.
    await desk.page.getByTestId("not-eligible").waitFor();
    expect(await desk.page.getByText("will count").count()).toBe(0);
    await desk.page.screenshot({ path: `${SHOTS}/contest-executive-desktop.png`, fullPage: true });
    expect(desk.problems).toEqual([]);
    await desk.ctx.close();
  });
});
