import { acceptForDemo } from "../../app/domain/enrolment/participation.server";
import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { approveClaim } from "../../app/domain/claims/review.server";
import { createProduct } from "../../app/domain/claims/products.server";
import { runScheduledTierReview, runReviewNow, runTierReview } from "../../app/domain/tiers/tiers.server";
import { renderEmail } from "../../emails";
import { getDb } from "../../db/client";
import {
  auditLog,
  certificates,
  courses,
  emailOutbox,
  notifications,
  organisations,
  tierHistory,
  tierSettings,
  tierStatus,
  trainingRequirements,
} from "../../db/schema";
import type { Tier } from "../../db/schema/enums";
import { claimForm, daysAgo, submitNew, textOf } from "../support/claims";
import { usePortal } from "../support/fixtures";
import { freshPerson } from "../support/people";
import { actorFor } from "../support/portal";

/**
 * Tiers from trailing volume on PostgreSQL (issue 14), with the demo rules: Silver EUR 10,000 of
 * approved sales; Gold EUR 50,000 and one certified person; Platinum EUR 150,000 and two; 60
 * days of grace. Each test makes a partner of its own, so the reviews' effect on it is its alone.
 */
const db = await getDb();
const portal = usePortal({ people: { chris: "chris@volta.example" } });
const DAY = 86_400_000;
/** One unit of this product is EUR 10,000 of approved sales (list price x quantity). */
const SKU = `TIER-${process.pid}`;
let made = false;

async function product() {
  if (made) return;
  made = true;
  const admin = await actorFor("admin@volta.example");
  await createProduct(db, admin, {
    sku: SKU,
    name: "Tier test pallet",
    category: "Power tools",
    pointsPerUnit: 10,
    requiresSerial: false,
    active: true,
    listPrice: 1_000_000,
    tip: null,
  });
}

/** A new dealer with a salesperson and an executive who sign in. */
async function partner(tier: Tier = "registered") {
  await product();
  const name = `Tier Partner ${randomUUID().slice(0, 8)}`;
  const [org] = await db.insert(organisations).values({ name, kind: "dealer", tier, region: "Baltics" }).returning();
  // A new partner sends claims only once it accepted the programme's terms (issue 19).
  await acceptForDemo(db, org.id);
  const seller = await freshPerson({ org: name, role: "salesperson", tag: "tier-seller" });
  const exec = await freshPerson({ org: name, role: "executive", tag: "tier-exec", locale: "ru" });
  return { org, seller, exec, sellerVisit: await portal.signedIn(seller.email), execVisit: await portal.signedIn(exec.email) };
}

/** Sells `units` x EUR 10,000 through the real claim form and approval. */
async function sell(p: Awaited<ReturnType<typeof partner>>, units: number) {
  const chris = await actorFor("chris@volta.example");
  const id = await submitNew(
    p.sellerVisit,
    claimForm({ invoice: `TIER-${randomUUID().slice(0, 8)}`, date: daysAgo(3), lines: [{ sku: SKU, qty: units }] }),
  );
  await approveClaim(db, chris, id);
}

const tierOf = async (orgId: string) =>
  (await db.select({ tier: organisations.tier }).from(organisations).where(eq(organisations.id, orgId)))[0].tier;
const historyOf = (orgId: string) =>
  db.select().from(tierHistory).where(eq(tierHistory.organisationId, orgId)).orderBy(asc(tierHistory.id));
const statusOf = async (orgId: string) => (await db.select().from(tierStatus).where(eq(tierStatus.organisationId, orgId)))[0];
const inDays = (days: number) => new Date(Date.now() + days * DAY);

describe("the tier review", () => {
  it("upgrades at once, announces it, and lowers a partner only after the grace period", async () => {
    const p = await partner();
    await sell(p, 1);
    const first = await runTierReview(db, { key: `up-${randomUUID()}` });
    expect(first.changed).toBeGreaterThanOrEqual(1);
    expect(await tierOf(p.org.id)).toBe("silver");
    const [up] = await historyOf(p.org.id);
    expect(up).toMatchObject({ fromTier: "registered", toTier: "silver", reason: "review", volume: 1_000_000, certified: 0 });

    // Everyone of the partner hears it: an inbox notice and a mail in their own language.
    const notices = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, p.exec.id), eq(notifications.titleKey, "tiers.notice.now.silver")));
    expect(notices).toHaveLength(1);
    const [mail] = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.to, p.exec.email), eq(emailOutbox.template, "tier_changed")));
    expect(mail.locale).toBe("ru");
    const ru = await renderEmail("tier_changed", mail.props as Record<string, unknown>, "ru");
    expect(ru.subject).toContain("Серебряный");
    expect(ru.text).toContain("110%");

    // The executive sees the tier, the next one and what is missing, over HTTP.
    const page = textOf(await (await p.execVisit.get("/tier")).text());
    expect(page).toContain("Серебряный");
    expect(page).toMatch(/40\s?000,00\s?€/);
    expect(page).toContain("ещё 1 сертифицированный сотрудник");

    // 400 days on, the sale is out of the trailing 12 months: at risk for 60 days, still Silver.
    await runTierReview(db, { key: `risk-${randomUUID()}`, now: inDays(400) });
    expect(await tierOf(p.org.id)).toBe("silver");
    const until = new Date(inDays(460)).toISOString().slice(0, 10);
    expect((await statusOf(p.org.id)).atRiskUntil).toBe(until);
    // A review inside the grace period changes nothing.
    await runTierReview(db, { key: `grace-${randomUUID()}`, now: inDays(459) });
    expect(await tierOf(p.org.id)).toBe("silver");
    expect((await statusOf(p.org.id)).atRiskUntil).toBe(until);
    // The first review on the day the grace ends lowers it.
    await runTierReview(db, { key: `down-${randomUUID()}`, now: inDays(460) });
    expect(await tierOf(p.org.id)).toBe("registered");
    expect((await statusOf(p.org.id)).atRiskUntil).toBeNull();
    expect((await historyOf(p.org.id)).map((h) => `${h.reason}:${h.fromTier}>${h.toTier}`)).toEqual([
      "review:registered>silver",
      "review:silver>registered",
    ]);
  });

  it("asks for certified people: Gold's volume without one stays Silver, a valid certificate makes it Gold", async () => {
    const p = await partner();
    await sell(p, 5);
    await runTierReview(db, { key: `cert-a-${randomUUID()}` });
    expect(await tierOf(p.org.id)).toBe("silver");
    const [course] = await db.select({ id: courses.id }).from(courses).limit(1);
    await db.insert(certificates).values({
      userId: p.seller.id,
      courseId: course.id,
      organisationId: p.org.id,
      number: `T-${randomUUID().slice(0, 8)}`,
      issuedAt: new Date(),
      expiresAt: inDays(365),
    });
    await runTierReview(db, { key: `cert-b-${randomUUID()}` });
    expect(await tierOf(p.org.id)).toBe("gold");
  });

  it("changes a partner once when the same review runs five times at once, and once when three people run it now", async () => {
    const p = await partner();
    await sell(p, 1);
    const key = `race-${randomUUID()}`;
    const runs = await Promise.all(Array.from({ length: 5 }, () => runTierReview(db, { key })));
    expect(runs.every((r) => r.key === key)).toBe(true);
    expect(await tierOf(p.org.id)).toBe("silver");
    const history = await historyOf(p.org.id);
    expect(history).toHaveLength(1);
    const notices = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(eq(notifications.userId, p.seller.id), eq(notifications.titleKey, "tiers.notice.now.silver")));
    expect(notices[0].n).toBe(1);

    // Three "run review now" at once (three review keys): the partner is already Silver, nothing more changes.
    const chris = await actorFor("chris@volta.example");
    await Promise.all([
      runReviewNow(db, chris),
      runReviewNow(db, chris, new Date(Date.now() + 1)),
      runReviewNow(db, chris, new Date(Date.now() + 2)),
    ]);
    expect(await historyOf(p.org.id)).toHaveLength(1);

    // A second sale and racing reviews under different keys still move it up once (the row lock).
    await sell(p, 4);
    await db.insert(certificates).values({
      userId: p.exec.id,
      courseId: (await db.select({ id: courses.id }).from(courses).limit(1))[0].id,
      organisationId: p.org.id,
      number: `T-${randomUUID().slice(0, 8)}`,
      issuedAt: new Date(),
      expiresAt: inDays(365),
    });
    await Promise.all(Array.from({ length: 4 }, (_, i) => runTierReview(db, { key: `race-b-${i}-${randomUUID()}` })));
    expect(await tierOf(p.org.id)).toBe("gold");
    expect((await historyOf(p.org.id)).map((h) => h.toTier)).toEqual(["silver", "gold"]);
  });

  it("the database refuses a second change of a partner under one review key", async () => {
    const p = await partner();
    const key = `unique-${randomUUID()}`;
    await db
      .insert(tierHistory)
      .values({ organisationId: p.org.id, fromTier: "registered", toTier: "silver", reason: "review", reviewKey: key });
    await expect(
      db.insert(tierHistory).values({ organisationId: p.org.id, fromTier: "silver", toTier: "gold", reason: "review", reviewKey: key }),
    ).rejects.toThrow();
  });

  it("runs the scheduled review once per period, from the jobs", async () => {
    const p = await partner();
    await sell(p, 1);
    const first = await runScheduledTierReview(db);
    expect(await tierOf(p.org.id)).toBe("silver");
    // The period's review is done: running the jobs again reviews nobody.
    expect(await runScheduledTierReview(db)).toBeNull();
    expect(first === null || first.reviewed > 0).toBe(true);
  });

  it("a course required for Gold on the training requirements page decides who counts as certified for Gold", async () => {
    const p = await partner();
    await sell(p, 5);
    const [general, required] = await db
      .select({ id: courses.id })
      .from(courses)
      .where(eq(courses.status, "published"))
      .orderBy(asc(courses.id))
      .limit(2);
    const certify = (courseId: string) =>
      db.insert(certificates).values({
        userId: p.seller.id,
        courseId,
        organisationId: p.org.id,
        number: `T-${randomUUID().slice(0, 8)}`,
        issuedAt: new Date(),
        expiresAt: inDays(365),
      });
    await certify(general.id);
    const added = await portal.as.chris.post("/learn/requirements", {
      intent: "add",
      subjectType: "tier",
      subject_tier: "gold",
      courseId: required.id,
    });
    expect(added.status).toBe(200);
    try {
      // Gold's volume and a certificate, but not of the course Gold requires: Silver.
      await runTierReview(db, { key: `req-a-${randomUUID()}` });
      expect(await tierOf(p.org.id)).toBe("silver");
      await certify(required.id);
      await runTierReview(db, { key: `req-b-${randomUUID()}` });
      expect(await tierOf(p.org.id)).toBe("gold");
    } finally {
      await db
        .delete(trainingRequirements)
        .where(and(eq(trainingRequirements.subjectType, "tier"), eq(trainingRequirements.subjectId, "gold")));
    }
  });
});

describe("pins, over HTTP", () => {
  it("a channel manager pins a tier with a reason (audited), reviews leave it, unpinning lets the volume decide with grace", async () => {
    const p = await partner("silver");
    await sell(p, 1);
    // A pin without a reason is refused, keeping what was chosen.
    const refused = await portal.as.chris.post(`/tiers/${p.org.id}`, { intent: "pin", tier: "platinum", reason: " " });
    expect(refused.status).toBe(400);
    expect(textOf(await refused.text())).toContain("Give a reason");
    expect(await tierOf(p.org.id)).toBe("silver");

    const pinned = await portal.as.chris.post(`/tiers/${p.org.id}`, { intent: "pin", tier: "platinum", reason: "Flagship store opening" });
    expect(pinned.status).toBe(200);
    expect(await tierOf(p.org.id)).toBe("platinum");
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "tiers.pinned"), eq(auditLog.entityId, p.org.id)));
    expect(audit.reason).toBe("Flagship store opening");
    // The partner's people are told; the review leaves a pinned tier alone.
    await runTierReview(db, { key: `pinned-${randomUUID()}` });
    expect(await tierOf(p.org.id)).toBe("platinum");
    const page = textOf(await (await portal.as.chris.get(`/tiers/${p.org.id}`)).text());
    expect(page).toContain("Flagship store opening");
    expect(page).toContain("Silver → Platinum");

    // Unpinned: the volume says Silver, so Platinum is kept for the 60 days of grace.
    const unpinned = await portal.as.chris.post(`/tiers/${p.org.id}`, { intent: "unpin", reason: "Opening done" });
    expect(unpinned.status).toBe(200);
    expect(await tierOf(p.org.id)).toBe("platinum");
    expect((await statusOf(p.org.id)).atRiskUntil).toBe(new Date(inDays(60)).toISOString().slice(0, 10));
    expect((await historyOf(p.org.id)).map((h) => `${h.reason}:${h.fromTier}>${h.toTier}`)).toEqual([
      "pin:silver>platinum",
      "unpin:platinum>platinum",
    ]);
    const mine = textOf(await (await p.execVisit.get("/tier")).text());
    expect(mine).toContain("Под угрозой");

    // Unpinning twice is a clear 409, not a 500.
    const again = await portal.as.chris.post(`/tiers/${p.org.id}`, { intent: "unpin", reason: "Twice" });
    expect(again.status).toBe(409);
    // A partner's executive cannot pin anything.
    expect((await p.execVisit.post(`/tiers/${p.org.id}`, { intent: "pin", tier: "platinum", reason: "me" })).status).toBe(403);
    // The manufacturer is no partner: its tier page is a 404.
    const [volta] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.kind, "manufacturer"));
    expect((await portal.as.chris.get(`/tiers/${volta.id}`)).status).toBe(404);
  });

  it("a tier chosen on the organisation's page is a pin: in the history, and the review leaves it", async () => {
    const p = await partner("silver");
    const res = await portal.as.chris.post(`/organisations/${p.org.id}`, {
      intent: "update",
      name: p.org.name,
      kind: "dealer",
      region: "Baltics",
      tier: "platinum",
      channelManagerId: "",
    });
    expect(res.status).toBe(200);
    expect(await tierOf(p.org.id)).toBe("platinum");
    expect((await statusOf(p.org.id)).pinnedTier).toBe("platinum");
    await runTierReview(db, { key: `hand-${randomUUID()}` });
    expect(await tierOf(p.org.id)).toBe("platinum");
    expect((await historyOf(p.org.id)).map((h) => `${h.reason}:${h.fromTier}>${h.toTier}`)).toEqual(["pin:silver>platinum"]);
  });

  it("saves tier rules that climb, refuses ones that do not, and runs a review now", async () => {
    const form = {
      intent: "settings",
      basis: "sales",
      cadence: "quarterly",
      graceDays: "45",
      silver_volume: "10000",
      gold_volume: "5000",
      platinum_volume: "150000",
      silver_certified: "0",
      gold_certified: "1",
      platinum_certified: "2",
    };
    const bad = await portal.as.chris.post("/tiers", form);
    expect(bad.status).toBe(400);
    expect(textOf(await bad.text())).toContain("Each tier must ask at least as much");
    const good = await portal.as.chris.post("/tiers", { ...form, gold_volume: "50 000,00" });
    expect(good.status).toBe(200);
    const page = textOf(await (await portal.as.chris.get("/tiers")).text());
    expect(page).toContain("Quarterly");
    // Only one course's certificate may count; a course that does not exist is refused.
    const [course] = await db.select({ id: courses.id }).from(courses).where(eq(courses.status, "published")).limit(1);
    expect((await portal.as.chris.post("/tiers", { ...form, gold_volume: "50000", certificationCourseId: randomUUID() })).status).toBe(400);
    expect((await portal.as.chris.post("/tiers", { ...form, gold_volume: "50000", certificationCourseId: course.id })).status).toBe(200);
    expect((await db.select().from(tierSettings))[0].certificationCourseId).toBe(course.id);
    const run = await portal.as.chris.post("/tiers", { intent: "review" });
    expect(run.status).toBe(200);
    expect(textOf(await run.text())).toContain("Review done");
    // Back to the demo rules for the other tests.
    await portal.as.chris.post("/tiers", { ...form, cadence: "monthly", graceDays: "60", gold_volume: "50000" });
  });
});
