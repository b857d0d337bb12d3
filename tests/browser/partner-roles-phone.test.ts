import { describe, expect, it } from "vitest";
import { creditPoints } from "../../app/domain/points/ledger.server";
import { setHobbies } from "../../app/domain/shop/rewards.server";
import { getDb } from "../../db/client";
import { programmeSettings } from "../../db/schema";
import { signInOnPage, useBrowser, usePhone, usePortal } from "../support/fixtures";
import { freshPerson } from "../support/people";

// Issue 19's influencer roles in Chromium at 390x844: an accountant signs in on their phone,
// sees their points, browses the shop and is told on the claim form to claim their company's purchases.

const portal = usePortal();
const browser = useBrowser();
const SHOTS = process.env.SHOTS_DIR ?? "/tmp/pages-shots";

describe("an accountant on a phone", () => {
  it("signs in, sees their points and the shop, and the claim form says what to claim", async () => {
    const db = await getDb();
    const accountant = await freshPerson({ org: "Baltic Tools Distribution", role: "accountant", tag: "phone-accountant" });
    await setHobbies(db, accountant, []);
    await db.transaction((tx) =>
      creditPoints(tx, {
        userId: accountant.id,
        organisationId: accountant.organisationId,
        kind: "earn",
        sourceType: "test",
        sourceId: `phone-accountant-${accountant.id}`,
        amount: 1_250,
        descriptionKey: "ledger.desc.test",
      }),
    );

    const { page, ctx, problems } = await usePhone(browser);
    await signInOnPage(page, portal.url, accountant.email);
    await page.goto(`${portal.url}/points`);
    await page.getByRole("heading", { name: "My points" }).waitFor();
    // The 1,250 points credited, plus the programme's welcome bonus granted at the first sign-in.
    const [{ welcomeBonus }] = await db.select({ welcomeBonus: programmeSettings.welcomeBonus }).from(programmeSettings);
    expect(await page.getByTestId("balance").textContent()).toContain((1_250 + welcomeBonus).toLocaleString("en"));
    await page.screenshot({ path: `${SHOTS}/accountant-points-phone.png`, fullPage: true });

    await page.goto(`${portal.url}/shop`);
    await page.getByTestId("reward-card").first().waitFor();
    expect(await page.getByTestId("reward-card").count()).toBeGreaterThan(0);
    // Cards fit the phone's width: nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/accountant-shop-phone.png`, fullPage: true });

    await page.goto(`${portal.url}/claims/new`);
    await page.getByText("Your role is Accountant: you claim your company's purchases.").waitFor();
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
