import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { completeLesson } from "../../app/domain/training/courses.server";
import { startAttempt, submitAttempt } from "../../app/domain/training/quizzes.server";
import { getDb } from "../../db/client";
import { courseLessons, courses, organisations, quizQuestions, selloutReporters, trainingRequirements } from "../../db/schema";
import { signInOnPage, useBrowser, useDesktop, usePhone, usePortal } from "../support/fixtures";
import { freshPerson } from "../support/people";
import { actorFor } from "../support/portal";
import { ADDRESS, buy, givePoints, makeReward } from "../support/shop";

/**
 * Issue 14 in Chromium: on a phone the shop says which course unlocks a reward, with a link to
 * it; once the course is passed the reward goes into the cart and is redeemed. The channel
 * team's two new pages work on a phone and a desktop.
 */
const portal = usePortal();
const browser = useBrowser();

async function passCourse(email: string, courseId: string) {
  const db = await getDb();
  const actor = await actorFor(email);
  const lessons = await db.select({ id: courseLessons.id }).from(courseLessons).where(eq(courseLessons.courseId, courseId));
  for (const l of lessons) await completeLesson(db, actor, courseId, l.id);
  await startAttempt(db, actor, courseId);
  const key = await db.select().from(quizQuestions).where(eq(quizQuestions.courseId, courseId));
  await submitAttempt(db, actor, courseId, Object.fromEntries(key.map((q) => [q.id, q.correct])));
}

describe("training gates in the shop, on a phone", () => {
  it("shows 'complete <course> to unlock' with a link; after passing the course the reward is added and redeemed", async () => {
    const db = await getDb();
    const [course] = await db.select().from(courses).where(eq(courses.title, "Selling the V18 cordless platform"));
    const { reward, variantId } = await makeReward({ name: `Gated lamp ${randomUUID().slice(0, 4)}`, pointsPrice: 40 });
    await db.insert(trainingRequirements).values({ subjectType: "reward", subjectId: reward.id, courseId: course.id });
    const buyer = await freshPerson({ tag: "gated" });
    await givePoints(buyer, 200);

    const phone = await usePhone(browser);
    await signInOnPage(phone.page, portal.url, buyer.email);
    await phone.page.goto(`${portal.url}/shop/rewards/${reward.id}`);
    const link = phone.page.getByRole("link", { name: `Complete ${course.title} to unlock` });
    await link.waitFor();
    expect(await phone.page.getByRole("button", { name: "Add to cart" }).isDisabled()).toBe(true);
    const box = (await link.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    await phone.page.screenshot({ path: "/tmp/pages-shots/gates-locked-phone.png", fullPage: true });
    await link.tap();
    await phone.page.waitForURL(`**/learn/courses/${course.id}`);

    await passCourse(buyer.email, course.id);
    await phone.page.goto(`${portal.url}/shop/rewards/${reward.id}`);
    await phone.page.getByRole("heading", { name: reward.name }).waitFor();
    expect(await phone.page.getByTestId("courses-to-unlock").count()).toBe(0);
    await phone.page.getByRole("button", { name: "Add to cart" }).tap();
    await phone.page.getByText("Go to cart").first().waitFor();
    // Redeemed: the checkout accepts the reward now the course is passed.
    const orders = await buy(buyer, variantId, 40);
    expect(orders.length).toBe(1);
    expect(ADDRESS.city).toBe("Leeds");
    expect(phone.problems).toEqual([]);
  }, 120_000);
});

describe("the channel team's pages on a phone and a desktop", () => {
  it("links a dealer to a distributor on a phone; required courses list on a desktop", async () => {
    const db = await getDb();
    const [distributor] = await db.select().from(organisations).where(eq(organisations.kind, "distributor")).limit(1);
    const phone = await usePhone(browser);
    await signInOnPage(phone.page, portal.url, "chris@volta.example");
    await phone.page.goto(`${portal.url}/sellout/reporters`);
    await phone.page.getByRole("heading", { name: "Link a dealer to a distributor" }).waitFor();
    await phone.page.getByLabel("Distributor").selectOption(distributor.id);
    // A dealer not linked yet, so removing the link afterwards leaves the demo's links as they were.
    const [free] = await db
      .select({ name: organisations.name })
      .from(organisations)
      .where(
        and(
          eq(organisations.kind, "dealer"),
          sql`not exists (select 1 from sellout_reporters r where r.distributor_id = ${distributor.id} and r.dealer_id = ${organisations.id})`,
        ),
      )
      .limit(1);
    const dealerName = free.name;
    await phone.page.getByLabel("Dealer").selectOption({ label: dealerName });
    await phone.page.getByRole("button", { name: "Link", exact: true }).tap();
    await phone.page.getByText(`${distributor.name} now reports sell-out data for ${dealerName}.`).waitFor();
    await phone.page.screenshot({ path: "/tmp/pages-shots/gates-reporters-phone.png", fullPage: true });
    expect(phone.problems).toEqual([]);
    // Leave the demo's links as they were: the sell-out tests rely on which dealers a distributor reports for.
    const [dealer] = await db.select().from(organisations).where(eq(organisations.name, dealerName));
    await db
      .delete(selloutReporters)
      .where(and(eq(selloutReporters.distributorId, distributor.id), eq(selloutReporters.dealerId, dealer.id)));

    const desktop = await useDesktop(browser);
    await signInOnPage(desktop.page, portal.url, "trainer@volta.example", { by: "click" });
    await desktop.page.goto(`${portal.url}/learn/requirements`);
    await desktop.page.getByRole("heading", { name: "Require a course" }).waitFor();
    await desktop.page.getByLabel("Required for").selectOption("tier");
    const [course] = await db.select().from(courses).where(eq(courses.title, "Selling the V18 cordless platform"));
    await desktop.page.getByLabel("Course").selectOption(course.id);
    await desktop.page.getByLabel("Tier", { exact: true }).selectOption("platinum");
    await desktop.page.getByRole("button", { name: "Require", exact: true }).click();
    await desktop.page.getByText("The course is now required.").waitFor();
    await desktop.page.getByTestId("requirement-row").filter({ hasText: "Platinum" }).first().waitFor();
    await desktop.page.screenshot({ path: "/tmp/pages-shots/gates-requirements-desktop.png", fullPage: true });
    expect(desktop.problems).toEqual([]);
    await db.delete(trainingRequirements).where(eq(trainingRequirements.subjectId, "platinum"));
  }, 120_000);
});
