import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { createContest } from "../../app/domain/contests/contests.server";
import { getBalance } from "../../app/domain/points/ledger.server";
import { DEMO_PASSWORD } from "../../scripts/seed/index";
import { newPhoneContext, watchForErrors } from "../support/browser";
import { claimForm, daysAgo, submitNew } from "../support/claims";
import { actorFor } from "../support/portal";
import { usePortal, useBrowser } from "../support/fixtures";

const DAY = 86_400_000;
const portal = usePortal();
const browser = useBrowser();

const { signedIn: visitor } = portal;

describe("a contest leaderboard on a phone", () => {
  it("moves the salesperson up as soon as their claims are approved, and shows what counted", async () => {
    const db = await getDb();
    const contest = await createContest(db, await actorFor("chris@volta.example"), {
      name: "Laser meter week",
      rules: "Points from approved sales claims count. Ties go to whoever got there first.",
      startsAt: new Date(Date.now() - 5 * DAY),
      endsAt: new Date(Date.now() + 5 * DAY),
      graceDays: 3,
      scope: "all",
      tiers: [],
      regions: [],
      partnerIds: [],
      roles: ["salesperson"],
      metric: "sales_points",
      productSkus: [],
      ranking: "individual",
      minScore: 0,
      privacy: "initials_partner",
      prizes: [{ rankFrom: 1, rankTo: 1, points: 1000, description: "" }],
    });
    const [chris, sam, marta] = await Promise.all([
      visitor("chris@volta.example"),
      visitor("sam@northfield.example"),
      visitor("marta@baltictools.example"),
    ]);
    const approve = async (id: string) => expect((await chris.post(`/claims/${id}`, { intent: "approve" })).status).toBeLessThan(400);

    // Sam sells three laser meters first.
    await approve(await submitNew(sam, claimForm({ invoice: "NF-LASER-1", date: daysAgo(2), lines: [{ sku: "VT-LD50", qty: 3 }] })));

    const ctx = await newPhoneContext(browser);
    const page = await ctx.newPage();
    const problems = watchForErrors(page);
    await page.goto(`${portal.url}/login`);
    await page.getByLabel("Email").fill("marta@baltictools.example");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).tap();
    await page.waitForURL("**/home");
    await page.goto(`${portal.url}/contests/${contest.id}`);
    await expect.poll(() => page.getByText("You have no score yet").isVisible()).toBe(true);

    // One meter: on the board, behind Sam.
    await approve(await submitNew(marta, claimForm({ invoice: "BT-LASER-1", date: daysAgo(1), lines: [{ sku: "VT-LD50", qty: 1 }] })));
    await page.reload();
    const position = page.getByTestId("my-position");
    await expect.poll(() => position.textContent()).toContain("Place 2 of 2");
    expect(await position.textContent()).toMatch(/more to move up one place/);

    // Ten more: she takes the lead.
    await approve(await submitNew(marta, claimForm({ invoice: "BT-LASER-2", date: daysAgo(1), lines: [{ sku: "VT-LD50", qty: 10 }] })));
    await page.reload();
    await expect.poll(() => position.textContent()).toContain("Place 1 of 2");
    expect(await position.textContent()).toContain("You are in the lead");
    // On the board her own row is first and named in full; Sam appears by initials.
    const firstRow = page.locator("tbody tr").first();
    expect(await firstRow.textContent()).toContain("Marta Kazlauskė");
    expect(await page.locator("tbody tr").nth(1).textContent()).toContain("S. P. (Northfield Building Supplies)");

    // Her score opens the two claims that made it.
    await page.getByRole("link", { name: "How my score was counted" }).tap();
    await page.waitForURL(`**/contests/${contest.id}/trace/**`);
    await expect.poll(() => page.getByRole("link", { name: "Sales claim" }).count()).toBe(2);
    // Home leads with her points and her place.
    await page.goto(`${portal.url}/home`);
    const balance = await getBalance(db, (await actorFor("marta@baltictools.example")).id);
    expect(balance).toBeGreaterThan(0);
    expect(await page.getByTestId("home-balance").textContent()).toBe(new Intl.NumberFormat("en").format(balance));
    expect(await page.getByText("Laser meter week").isVisible()).toBe(true);
    expect(await page.getByText("Place 1 of 2").isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
