import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getSettings } from "../../app/domain/points/ledger.server";
import { setHobbies } from "../../app/domain/shop/rewards.server";
import { getDb } from "../../db/client";
import { auditLog, programmeSettings } from "../../db/schema";
import { textOf } from "../support/claims";
import { usePortal } from "../support/fixtures";
import { freshPerson } from "../support/people";
import { makeReward } from "../support/shop";

const portal = usePortal();
const db = await getDb();

/** A reward whose points are worth exactly EUR 69 at the programme's point value (1 cent in the seed). */
async function sixtyNineEuroReward(name: string) {
  const { pointValueMinor, currency } = await getSettings(db);
  expect(currency).toBe("EUR");
  expect(6900 % pointValueMinor).toBe(0);
  return makeReward({ name, pointsPrice: 6900 / pointValueMinor });
}

describe("fair rewards", () => {
  it("warns the admin when a reward's points cost 38% more than its EUR 50 retail price, within the margin it does not", async () => {
    const { reward } = await sixtyNineEuroReward("Fair-test cool box");
    const admin = await portal.signedIn("admin@volta.example");
    const page = `/shop/manage/rewards/${reward.id}`;

    // No retail price stated yet: nothing to compare, no warning.
    expect(textOf(await (await admin.get(page)).text())).not.toContain("more than its retail price");

    // A typo keeps what was typed and says what to do; nothing is saved.
    const bad = await admin.post(page, { intent: "retail_price", retailPrice: "fifty" });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(textOf(badHtml)).toContain("Enter the retail price as an amount");
    expect(badHtml).toContain('value="fifty"');

    const saved = await admin.post(page, { intent: "retail_price", retailPrice: "50.00" });
    expect(saved.status).toBe(200);
    const savedText = textOf(await saved.text());
    expect(savedText).toContain("Retail price saved.");
    expect(savedText).toContain("Costs participants 38% more than its retail price");
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "shop.reward_retail_price_set"), eq(auditLog.entityId, reward.id)));
    expect(audit.details).toMatchObject({ after: { retailPriceMinor: 5000, retailCurrency: "EUR" } });

    // The reward list says it too, on the reward's row.
    const list = textOf(await (await admin.get("/shop/manage")).text());
    expect(list).toMatch(/Fair-test cool box[\s\S]{0,200}Costs participants 38% more than its retail price/);

    // With a 50% margin, 38% over is fair; the margin goes back to the default afterwards.
    try {
      const bigger = await admin.post("/shop/manage", { intent: "margin", margin: "50" });
      expect(bigger.status).toBe(200);
      expect(textOf(await bigger.text())).toContain("Margin saved.");
      expect(textOf(await (await admin.get(page)).text())).not.toContain("Costs participants 38% more");
      const wrong = await admin.post("/shop/manage", { intent: "margin", margin: "-3" });
      expect(wrong.status).toBe(400);
      expect(await wrong.text()).toContain('value="-3"');
    } finally {
      await db.update(programmeSettings).set({ fairMarginPercent: 20 }).where(eq(programmeSettings.id, 1));
    }
  });

  it("shows a participant what the points are worth on the card and the page, never the admin's warning", async () => {
    const { reward } = await sixtyNineEuroReward("Fair-test thermos");
    const admin = await portal.signedIn("admin@volta.example");
    await admin.post(`/shop/manage/rewards/${reward.id}`, { intent: "retail_price", retailPrice: "10" });

    const person = await freshPerson({ tag: "fair" });
    await setHobbies(db, person, []);
    const visitor = await portal.signedIn(person.email);
    const pageText = textOf(await (await visitor.get(`/shop/rewards/${reward.id}`)).text());
    expect(pageText).toContain("Worth about €69");
    expect(pageText).toContain("rounded to the nearest whole unit");
    expect(pageText).not.toContain("retail price");

    const cards = textOf(await (await visitor.get(`/shop?q=${encodeURIComponent("Fair-test thermos")}`)).text());
    expect(cards).toMatch(/Fair-test thermos[\s\S]{0,120}Worth about €69/);
  });
});
