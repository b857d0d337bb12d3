import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { approveClaim } from "../../app/domain/claims/review.server";
import { isoDate } from "../../app/domain/claims/shared";
import { completeLesson } from "../../app/domain/training/courses.server";
import { startAttempt, submitAttempt } from "../../app/domain/training/quizzes.server";
import { getDb } from "../../db/client";
import {
  claims,
  courseLessons,
  courses,
  emailOutbox,
  notifications,
  organisations,
  productRates,
  products,
  promotionBudgets,
  promotions,
  quizQuestions,
  selloutReporters,
  trainingRequirements,
  users,
} from "../../db/schema";
import { claimForm, submitNew, textOf } from "../support/claims";
import { usePortal } from "../support/fixtures";
import { freshPerson } from "../support/people";
import { actorFor } from "../support/portal";
import { givePoints, makeReward } from "../support/shop";

/**
 * Issue 14 on a real PostgreSQL 15: a promotion's budget under 20 racing approvals (never
 * exceeded, the claim that crosses it gets the part that still fits, the alert sent once),
 * training gates refusing a reward over HTTP until the course is passed, and the channel team
 * linking a distributor to a dealer.
 */
const db = await getDb();
const portal = usePortal({ people: { chris: "chris@volta.example", admin: "admin@volta.example" } });
const { as } = portal;
const yesterday = isoDate(new Date(Date.now() - 86_400_000));

async function testProduct(tag: string) {
  const sku = `B-${tag}-${randomUUID().slice(0, 6)}`.toUpperCase();
  const [product] = await db
    .insert(products)
    .values({ sku, name: `Budget ${tag}`, category: `Budget ${sku}`, pointsPerUnit: 10 })
    .returning();
  await db.insert(productRates).values({ productId: product.id, validFrom: "2000-01-01", pointsPerUnit: 10 });
  return product;
}

describe("promotion budgets", () => {
  it("20 concurrent approvals never spend past the budget; the crossing claim gets what fits; the 80% alert goes out once", async () => {
    const product = await testProduct("race");
    const name = `Double ${product.sku}`;
    const [promo] = await db
      .insert(promotions)
      .values({ name, startsOn: "2000-01-01", endsOn: "2099-12-31", scope: "category", category: product.category, percent: 200 })
      .returning();
    // The programme admin (who owns the points rules) sets the budget on the promotions page.
    const set = await as.admin.post("/claims/rules", { intent: "set_budget", promotionId: promo.id, budget: "500" });
    expect(set.status).toBe(200);
    const person = await freshPerson({ tag: "budget" });
    const ids: string[] = [];
    const visitor = await portal.signedIn(person.email);
    for (let i = 0; i < 20; i++)
      ids.push(
        await submitNew(
          visitor,
          claimForm({ invoice: `BG-${randomUUID().slice(0, 8)}`, date: yesterday, lines: [{ sku: product.sku, qty: 3 }] }),
        ),
      );
    const chris = await actorFor("chris@volta.example");
    const results = await Promise.allSettled(ids.map((id) => approveClaim(db, chris, id)));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);

    const approved = await db.select().from(claims).where(inArray(claims.id, ids)).orderBy(asc(claims.points));
    // Whatever the tier and role factors, a line is base + the promotion's part, and the part equals the base (x2).
    const base = Math.min(...approved.map((c) => c.points));
    const full = Math.max(...approved.map((c) => c.points));
    const part = full - base;
    expect(part).toBeGreaterThan(0);
    const extra = approved.reduce((s, c) => s + (c.points - base), 0);
    const [budget] = await db.select().from(promotionBudgets).where(eq(promotionBudgets.promotionId, promo.id));
    expect(budget.spentPoints).toBe(extra);
    expect(extra).toBeLessThanOrEqual(500);
    // 20 claims want 20 x part > 500 here, so the budget is spent exactly.
    expect(20 * part).toBeGreaterThan(500);
    expect(extra).toBe(500);
    const partial = approved.filter((c) => c.points > base && c.points < full);
    expect(partial.length).toBe(500 % part === 0 ? 0 : 1);
    for (const c of partial) expect(c.calculation.some((l) => l.key === "gates.calc.budget_partial")).toBe(true);
    const exhausted = approved.filter((c) => c.calculation.some((l) => l.key === "gates.calc.budget_exhausted"));
    expect(exhausted.length).toBe(approved.filter((c) => c.points === base).length);

    // The claim page explains the line to the salesperson.
    const cut = exhausted[0];
    const page = textOf(await (await visitor.get(`/claims/${cut.id}`)).text());
    expect(page).toContain(`${name}: its budget of 500 points is used up`);

    // Alerted once: one notice and one mail per channel manager, however many approvals crossed 80%.
    const managers = await db
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(and(eq(users.role, "channel_manager"), eq(users.status, "active")));
    const notices = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.titleKey, "gates.budget.notice"), sql`${notifications.vars}->>'promo' = ${name}`));
    expect(notices.length).toBe(managers.length);
    expect(new Set(notices.map((n) => n.userId)).size).toBe(managers.length);
    const mails = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.template, "promotion_budget"), sql`${emailOutbox.props}->>'promotion' = ${name}`));
    expect(mails.length).toBeGreaterThanOrEqual(1);
    expect(new Set(mails.map((m) => m.to)).size).toBe(mails.length);

    // The promotions page shows spent vs budget; a budget below what is spent is refused, clearly.
    const rules = textOf(await (await as.admin.get("/claims/rules")).text());
    expect(rules).toContain("500 of 500 points spent (100%)");
    const lower = await as.admin.post("/claims/rules", { intent: "set_budget", promotionId: promo.id, budget: "400" });
    expect(lower.status).toBe(409);
    expect(textOf(await lower.text())).toContain("500 points are already spent: the budget cannot be lower.");
    const junk = await as.admin.post("/claims/rules", { intent: "set_budget", promotionId: promo.id, budget: "lots" });
    expect(junk.status).toBe(400);
  }, 120_000);
});

async function passCourse(email: string, courseId: string) {
  const actor = await actorFor(email);
  const lessons = await db.select({ id: courseLessons.id }).from(courseLessons).where(eq(courseLessons.courseId, courseId));
  for (const l of lessons) await completeLesson(db, actor, courseId, l.id);
  await startAttempt(db, actor, courseId);
  const key = await db.select().from(quizQuestions).where(eq(quizQuestions.courseId, courseId));
  const r = await submitAttempt(db, actor, courseId, Object.fromEntries(key.map((q) => [q.id, q.correct])));
  expect(r.certificateId).toBeTruthy();
}

describe("training gates", () => {
  it("a reward that requires a course is refused (403, named course) until the person passed it", async () => {
    const [course] = await db.select().from(courses).where(eq(courses.title, "Selling the V18 cordless platform"));
    const { reward, variantId } = await makeReward({ name: `Gated ${randomUUID().slice(0, 6)}`, pointsPrice: 50 });
    const add = await as.admin.post("/learn/requirements", {
      intent: "add",
      subjectType: "reward",
      subject_reward: reward.id,
      courseId: course.id,
    });
    expect(add.status).toBe(200);
    const person = await freshPerson({ tag: "gate" });
    await givePoints(person, 500);
    const visitor = await portal.signedIn(person.email);
    const page = await visitor.get(`/shop/rewards/${reward.id}`);
    const html = await page.text();
    expect(textOf(html)).toContain(`Complete ${course.title} to unlock`);
    expect(html).toContain(`href="/learn/courses/${course.id}"`);
    const refused = await visitor.post(`/shop/rewards/${reward.id}`, { intent: "add", variantId, quantity: "1" });
    expect(refused.status).toBe(403);
    expect(textOf(await refused.text())).toContain(`Complete ${course.title} to unlock this reward.`);

    await passCourse(person.email, course.id);
    const unlocked = textOf(await (await visitor.get(`/shop/rewards/${reward.id}`)).text());
    expect(unlocked).not.toContain("to unlock");
    const added = await visitor.post(`/shop/rewards/${reward.id}`, { intent: "add", variantId, quantity: "1" });
    expect(added.status).toBe(200);

    // A requirement for a tier is stored (the tier review counts who holds it, tiers.test.ts); nonsense is a 400.
    const tier = await as.chris.post("/learn/requirements", {
      intent: "add",
      subjectType: "tier",
      subject_tier: "gold",
      courseId: course.id,
    });
    expect(tier.status).toBe(200);
    const bad = await as.chris.post("/learn/requirements", {
      intent: "add",
      subjectType: "tier",
      subject_tier: "diamond",
      courseId: course.id,
    });
    expect(bad.status).toBe(400);
    const rows = await db.select().from(trainingRequirements).where(eq(trainingRequirements.courseId, course.id));
    expect(rows.some((r) => r.subjectType === "tier" && r.subjectId === "gold")).toBe(true);
    await db
      .delete(trainingRequirements)
      .where(and(eq(trainingRequirements.subjectType, "tier"), eq(trainingRequirements.subjectId, "gold")));
  }, 120_000);
});

describe("distributors' dealers", () => {
  it("the channel team links a dealer to a distributor and removes the link; a wrong kind is refused", async () => {
    const [distributor] = await db.select().from(organisations).where(eq(organisations.kind, "distributor")).limit(1);
    // A dealer not linked already (the demo links some, which other tests rely on).
    const [dealer] = await db
      .select()
      .from(organisations)
      .where(
        and(
          eq(organisations.kind, "dealer"),
          sql`not exists (select 1 from sellout_reporters r where r.distributor_id = ${distributor.id} and r.dealer_id = ${organisations.id})`,
        ),
      )
      .limit(1);
    const linked = await as.chris.post("/sellout/reporters", { intent: "link", distributorId: distributor.id, dealerId: dealer.id });
    expect(linked.status).toBe(200);
    expect(textOf(await linked.text())).toContain(`${distributor.name} now reports sell-out data for ${dealer.name}.`);
    const links = await db.select().from(selloutReporters).where(eq(selloutReporters.distributorId, distributor.id));
    expect(links.map((l) => l.dealerId)).toContain(dealer.id);
    const wrong = await as.chris.post("/sellout/reporters", { intent: "link", distributorId: dealer.id, dealerId: distributor.id });
    expect(wrong.status).toBe(400);
    const removed = await as.chris.post("/sellout/reporters", { intent: "unlink", distributorId: distributor.id, dealerId: dealer.id });
    expect(removed.status).toBe(200);
    const again = await as.chris.post("/sellout/reporters", { intent: "unlink", distributorId: distributor.id, dealerId: dealer.id });
    expect(again.status).toBe(404);
  }, 60_000);
});
