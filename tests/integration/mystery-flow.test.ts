import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { renderEmail } from "../../emails/index";
import { publishVisit } from "../../app/domain/mystery/awards.server";
import { decideDispute, raiseDispute } from "../../app/domain/mystery/disputes.server";
import { outletScores } from "../../app/domain/mystery/insights.server";
import { editScenario, publishScenario } from "../../app/domain/mystery/scenarios.server";
import { questionnaireText } from "../../app/domain/mystery/scoring";
import { createWave, planVisit } from "../../app/domain/mystery/waves.server";
import { getBalance } from "../../app/domain/points/ledger.server";
import type { Actor } from "../../app/lib/actor";
import { addDays, isoDay } from "../../app/lib/dates";
import { UserError } from "../../app/lib/errors";
import { getDb } from "../../db/client";
import {
  auditLog,
  emailOutbox,
  ledgerEntries,
  mysteryDisputes,
  mysteryPhotos,
  mysteryScenarios,
  mysteryVisits,
  notifications,
  outlets,
} from "../../db/schema";
import { jpegBytes, pngImage, textOf } from "../support/claims";
import { usePortal } from "../support/fixtures";
import { freshPerson } from "../support/people";
import { actorFor, type Visitor } from "../support/portal";

const db = await getDb();
const PEOPLE = {
  chris: "chris@volta.example", // channel manager
  ona: "ona@baltictools.example", // executive, Baltic Tools
  emma: "emma@northfield.example", // executive, Northfield
};
const portal = usePortal<keyof typeof PEOPLE>({ people: PEOPLE });
const { as } = portal;
const today = isoDay(new Date());

type Setup = { auditor: Actor; shopper: Visitor; seller: Actor; sellerVisitor: Visitor; visitId: string; chris: Actor };

/**
 * A visit of its own for one test: a fresh shopper (so the rotation rule never meets another
 * test's visit) planned at Baltic Tools' Vilnius warehouse in a fresh wave, with a fresh seller.
 */
async function plannedVisit(): Promise<Setup> {
  const chris = await actorFor(PEOPLE.chris);
  const auditor = await freshPerson({ org: "Volta Tools", role: "auditor", tag: "shopper" });
  const seller = await freshPerson({ org: "Baltic Tools Distribution", role: "salesperson", tag: "seller" });
  const wave = await createWave(db, chris, {
    name: `Test wave ${seller.id.slice(0, 8)}`,
    startsOn: isoDay(addDays(new Date(), -5)),
    endsOn: isoDay(addDays(new Date(), 30)),
    blackoutDates: [],
  });
  const [scenario] = await db.select().from(mysteryScenarios).where(eq(mysteryScenarios.title, "Tile drill for a bathroom renovation"));
  const [outlet] = await db.select().from(outlets).where(eq(outlets.name, "Vilnius warehouse"));
  const visit = await planVisit(db, chris, wave.id, {
    outletId: outlet.id,
    scenarioId: scenario.id,
    auditorId: auditor.id,
    dueFrom: isoDay(addDays(new Date(), -2)),
    dueTo: isoDay(addDays(new Date(), 5)),
  });
  return {
    auditor,
    shopper: await portal.signedIn(auditor.email),
    seller,
    sellerVisitor: await portal.signedIn(seller.email),
    visitId: visit.id,
    chris,
  };
}

function report(seller: Actor, overrides: Record<string, string | null> = {}): FormData {
  const form = new FormData();
  const fields: Record<string, string | null> = {
    visitDay: today,
    timeIn: "10:00",
    timeOut: "10:25",
    sellerUserId: seller.id,
    sellerDescription: "",
    "a.greet": "yes",
    "a.needs": "yes",
    "a.first": "yes",
    "a.explain": "5",
    "a.accessory": "o1", // our tile bit set
    "a.price": "129",
    ...overrides,
  };
  for (const [k, v] of Object.entries(fields)) if (v !== null) form.append(k, v);
  form.append("photo.display", new Blob([new Uint8Array(pngImage())], { type: "image/png" }), "IMG_audrey_private.png");
  return form;
}

async function filed(): Promise<Setup> {
  const s = await plannedVisit();
  const res = await s.shopper.post(`/mystery/visits/${s.visitId}`, report(s.seller));
  expect(res.status, await res.clone().text()).toBe(302);
  expect(res.headers.get("location")).toBe(`/mystery/visits?sent=${s.visitId}`);
  return s;
}

async function awardsOf(visitId: string) {
  return db
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.sourceType, "mystery_visit"), eq(ledgerEntries.sourceId, visitId)));
}

describe("a mystery-shopper visit from the phone to the seller's points", () => {
  it("refuses an incomplete report with the reasons and keeps what was typed, then files it once", async () => {
    const s = await plannedVisit();
    const bad = await s.shopper.post(
      `/mystery/visits/${s.visitId}`,
      report(s.seller, { "a.first": null, "a.explain": "9", visitDay: isoDay(addDays(new Date(), -30)), sellerUserId: null }),
    );
    expect(bad.status).toBe(400);
    const page = textOf(await bad.text());
    expect(page).toContain("Answer this, or mark it not applicable.");
    expect(page).toContain("Choose one of the answers.");
    expect(page).toContain("The visit must be between");
    expect(page).toContain("Choose the seller, or describe them.");
    const [still] = await db.select().from(mysteryVisits).where(eq(mysteryVisits.id, s.visitId));
    expect(still.status).toBe("planned");

    // "Not applicable" takes the greeting (weight 1) out of the score: 8 + 12 + 8 + 8 = 36 quarters of 36.
    const form = report(s.seller, { "a.greet": null, "na.greet": "on" });
    // A phone's full-size receipt photo (3 MB) gets past the request limits.
    form.append("receipt", new Blob([jpegBytes(3 * 1024 * 1024)], { type: "image/jpeg" }), "receipt.jpg");
    const ok = await s.shopper.post(`/mystery/visits/${s.visitId}`, form);
    expect(ok.status).toBe(302);
    expect(await db.select().from(mysteryPhotos).where(eq(mysteryPhotos.visitId, s.visitId))).toHaveLength(2);
    const [sent] = await db.select().from(mysteryVisits).where(eq(mysteryVisits.id, s.visitId));
    expect(sent).toMatchObject({
      status: "submitted",
      earnedUnits: 36,
      possibleUnits: 36,
      scorePermille: 1000,
      keyPassed: true,
      late: false,
    });
    // A second send (a retry on a bad signal) changes nothing: the report is no longer open.
    const again = await s.shopper.post(`/mystery/visits/${s.visitId}`, report(s.seller));
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toBe("/mystery/visits");
  });

  it("credits the seller once even when the publish action runs twice at once, provisional until the dispute window closes", async () => {
    const s = await filed();
    const before = await getBalance(db, s.seller.id);
    // Two reviewers over HTTP and two in-process calls, all at once, on PostgreSQL.
    const results = await Promise.allSettled([
      as.chris.post(`/mystery/reports/${s.visitId}`, { intent: "publish", note: "" }),
      publishVisit(db, s.chris, s.visitId, null),
      as.chris.post(`/mystery/reports/${s.visitId}`, { intent: "publish", note: "" }),
      publishVisit(db, s.chris, s.visitId, null),
    ]);
    const statuses = results.map((r) =>
      r.status === "fulfilled" ? ("status" in r.value ? r.value.status : 200) : r.reason instanceof UserError ? r.reason.status : 500,
    );
    expect(statuses.filter((x) => x === 200)).toHaveLength(1);
    expect(statuses.filter((x) => x === 409)).toHaveLength(3);
    const credits = await awardsOf(s.visitId);
    expect(credits.map((c) => [c.kind, c.amount, c.userId])).toEqual([["earn", 50, s.seller.id]]);
    expect(await getBalance(db, s.seller.id)).toBe(before + 50);
    // The seller hears what they did well, in the app and by email.
    const [mail] = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.to, s.seller.email ?? ""), eq(emailOutbox.template, "mystery_award")));
    expect(JSON.stringify(mail.props)).toContain("Did the seller recommend our brand first?");
    const en = await renderEmail("mystery_award", mail.props as Record<string, unknown>, "en");
    expect(en.subject).toBe("A mystery shopper praised you: 50 points");
    expect(en.text).toContain("✓ Did the seller recommend our brand first?");
    expect(en.text).toMatch(/become final on/);
    const ru = await renderEmail("mystery_award", mail.props as Record<string, unknown>, "ru");
    expect(ru.subject).toBe("Тайный покупатель отметил вас: 50 баллов");
    for (const m of [en, ru]) expect(m.html).not.toContain(s.auditor.name);
    const notices = await db.select().from(notifications).where(eq(notifications.userId, s.seller.id));
    expect(notices.map((n) => n.titleKey)).toContain("mystery.notice.award");
    // My points shows them as pending while the report can be disputed.
    const points = textOf(await (await s.sellerVisitor.get("/points")).text());
    expect(points).toMatch(/50 points from mystery-shopper visits? (is|are) provisional until/);
    expect(points).toContain("Mystery-shopper award: Vilnius warehouse");
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, s.visitId), eq(auditLog.action, "mystery.visit.publish"))),
    ).toHaveLength(1);
  });

  it("shows the partner its own report without the shopper, and another partner nothing (pages, data requests, photos)", async () => {
    const s = await filed();
    await publishVisit(db, s.chris, s.visitId, null);
    const page = await as.ona.get(`/mystery/reports/${s.visitId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(textOf(html)).toContain(s.seller.name);
    const data = await as.ona.get(`/mystery/reports/${s.visitId}.data`);
    const body = await data.text();
    for (const secret of [s.auditor.name, s.auditor.email, s.auditor.id, "IMG_audrey_private"]) {
      expect(html).not.toContain(secret);
      expect(body).not.toContain(secret);
    }
    // The channel team sees who the shopper was.
    expect(textOf(await (await as.chris.get(`/mystery/reports/${s.visitId}`)).text())).toContain(s.auditor.name);
    // The photo: the partner's own report only, with the type from its bytes and a neutral name.
    const photoPath = /\/mystery\/reports\/[0-9a-f-]+\/photos\/[0-9a-f-]+/.exec(html)![0];
    const photo = await as.ona.get(photoPath);
    expect(photo.status).toBe(200);
    expect(photo.headers.get("content-type")).toBe("image/png");
    expect(photo.headers.get("content-disposition")).not.toContain("audrey");
    // Another partner: the report, its data and its photo are not found; the list does not show it.
    expect((await as.emma.get(`/mystery/reports/${s.visitId}`)).status).toBe(404);
    expect((await as.emma.get(`/mystery/reports/${s.visitId}.data`)).status).toBe(404);
    expect((await as.emma.get(photoPath)).status).toBe(404);
    expect(await (await as.emma.get("/mystery/reports")).text()).not.toContain(s.visitId);
    // The partner's list and league table carry no shopper either.
    const list = await (await as.ona.get("/mystery/reports.data")).text();
    expect(list).toContain(s.visitId);
    expect(list).not.toContain(s.auditor.name);
    expect(list).not.toContain("Audrey");
  });

  it("takes a dispute, overturns it and reverses the award through the ledger; the report keeps the history", async () => {
    const s = await filed();
    await publishVisit(db, s.chris, s.visitId, null);
    const before = await getBalance(db, s.seller.id);

    const short = await as.ona.post(`/mystery/reports/${s.visitId}`, { intent: "dispute", reason: "wrong", evidence: "" });
    expect(short.status).toBe(400);
    expect(textOf(await short.text())).toContain("Please write a little more.");
    const dispute = new FormData();
    dispute.append("intent", "dispute");
    dispute.append("questionId", "first");
    dispute.append("reason", "The seller named was on leave that day; the rota shows it.");
    dispute.append("evidence", "Staff rota for the week, page 2");
    dispute.append("evidenceFile", new Blob([new TextEncoder().encode("%PDF-1.4\n% rota\n")], { type: "application/pdf" }), "rota.pdf");
    const disputed = await as.ona.post(`/mystery/reports/${s.visitId}`, dispute);
    expect(disputed.status).toBe(200);
    // One open dispute at a time; the seller's partner colleague from another company cannot dispute at all.
    const twice = await as.ona.post(`/mystery/reports/${s.visitId}`, {
      intent: "dispute",
      reason: "And another thing that is wrong.",
      evidence: "",
    });
    expect(twice.status).toBe(409);
    expect(
      (await as.emma.post(`/mystery/reports/${s.visitId}`, { intent: "dispute", reason: "Not ours, trying anyway.", evidence: "" })).status,
    ).toBe(404);
    // Still pending while the dispute waits.
    expect(textOf(await (await s.sellerVisitor.get("/points")).text())).toMatch(/provisional until/);

    const disputeId = await openDisputeId(s.visitId);
    // The channel manager's queue lists it.
    expect(textOf(await (await as.chris.get("/mystery/review")).text())).toContain("The seller named was on leave that day");
    const overturned = await as.chris.post(`/mystery/reports/${s.visitId}`, {
      intent: "overturn",
      disputeId,
      outcome: "voided",
      note: "Confirmed with the rota: the visit is voided.",
    });
    expect(overturned.status).toBe(200);
    expect(textOf(await overturned.text())).toContain("Overturned. 50 points reversed.");

    const entries = await awardsOf(s.visitId);
    expect(entries.map((e) => [e.kind, e.amount]).sort()).toEqual([
      ["earn", 50],
      ["reverse", -50],
    ]);
    const reversal = entries.find((e) => e.kind === "reverse")!;
    expect(reversal.reversesEntryId).toBe(entries.find((e) => e.kind === "earn")!.id);
    expect(await getBalance(db, s.seller.id)).toBe(before - 50);
    const [visit] = await db.select().from(mysteryVisits).where(eq(mysteryVisits.id, s.visitId));
    expect(visit.status).toBe("voided");
    // Deciding again changes nothing.
    expect((await as.chris.post(`/mystery/reports/${s.visitId}`, { intent: "uphold", disputeId, note: "Second thoughts" })).status).toBe(
      409,
    );
    expect(await awardsOf(s.visitId)).toHaveLength(2);

    const historyHtml = await (await as.ona.get(`/mystery/reports/${s.visitId}`)).text();
    const history = textOf(historyHtml);
    // The evidence file is in the history, for this partner and the channel team only.
    const filePath = new RegExp(`/mystery/reports/${s.visitId}/photos/[0-9a-f-]{36}`).exec(
      historyHtml.slice(historyHtml.indexOf("Open the evidence file") - 200),
    )![0];
    const file = await as.ona.get(filePath);
    expect([file.status, file.headers.get("content-type")]).toEqual([200, "application/pdf"]);
    expect((await as.chris.get(filePath)).status).toBe(200);
    expect((await as.emma.get(filePath)).status).toBe(404);
    expect(history).toContain("The seller named was on leave that day");
    expect(history).toContain("Void the visit: Confirmed with the rota");
    const points = textOf(await (await s.sellerVisitor.get("/points")).text());
    expect(points).not.toMatch(/provisional until/);
    expect(points).toContain("Mystery-shopper award reversed after a dispute");
  });
});

async function openDisputeId(visitId: string): Promise<string> {
  const [d] = await db.select({ id: mysteryDisputes.id }).from(mysteryDisputes).where(eq(mysteryDisputes.visitId, visitId));
  return d.id;
}

describe("the rules around an award", () => {
  it("flags a late report, gives nothing when the seller was only described, and decides a dispute once under two simultaneous decisions", async () => {
    // A visit the day before, sent more than 24 hours after the shopper left: late.
    const s = await plannedVisit();
    const yesterday = isoDay(addDays(new Date(), -1));
    const res = await s.shopper.post(
      `/mystery/visits/${s.visitId}`,
      report(s.seller, {
        visitDay: yesterday,
        timeIn: "00:00",
        timeOut: "00:05",
        sellerUserId: "",
        sellerDescription: "Tall, green apron, no badge",
      }),
    );
    expect(res.status).toBe(302);
    const [sent] = await db.select().from(mysteryVisits).where(eq(mysteryVisits.id, s.visitId));
    expect(sent).toMatchObject({ late: true, keyPassed: true, sellerUserId: null });
    expect(textOf(await (await as.chris.get("/mystery/review")).text())).toContain("Late");
    // Key questions answered well, but nobody to credit: published without an award.
    const published = await publishVisit(db, s.chris, s.visitId, null);
    expect(published.awarded).toBe(0);
    expect(await awardsOf(s.visitId)).toEqual([]);

    // With an award: two channel managers overturn at once; one decision, one reversal.
    const t = await filed();
    await publishVisit(db, t.chris, t.visitId, null);
    const ona = await actorFor(PEOPLE.ona);
    const dispute = await raiseDispute(db, ona, t.visitId, {
      questionId: null,
      reason: "The whole visit happened on a closed day.",
      evidence: "",
    });
    const dana = await actorFor("dana@volta.example");
    const decisions = await Promise.allSettled([
      decideDispute(db, t.chris, dispute.id, {
        decision: "overturn",
        note: "Voided by Chris",
        outcome: "voided",
        score: null,
        keepAward: false,
      }),
      decideDispute(db, dana, dispute.id, {
        decision: "overturn",
        note: "Voided by Dana",
        outcome: "voided",
        score: null,
        keepAward: false,
      }),
    ]);
    expect(decisions.filter((d) => d.status === "fulfilled")).toHaveLength(1);
    expect(decisions.find((d) => d.status === "rejected")).toMatchObject({
      reason: { key: "mystery.errors.dispute_decided", status: 409 },
    });
    expect((await awardsOf(t.visitId)).map((e) => e.amount).sort()).toEqual([-50, 50]);
  });
});

describe("planning a wave", () => {
  it("refuses a repeat visit by the same shopper to the same outlet within the rotation days, over HTTP too", async () => {
    const s = await plannedVisit();
    const [visit] = await db.select().from(mysteryVisits).where(eq(mysteryVisits.id, s.visitId));
    const again = { outletId: visit.outletId, scenarioId: visit.scenarioId, auditorId: s.auditor.id };
    const soon = { dueFrom: isoDay(addDays(new Date(), 20)), dueTo: isoDay(addDays(new Date(), 25)) };
    await expect(planVisit(db, s.chris, visit.waveId, { ...again, ...soon })).rejects.toMatchObject({
      key: "mystery.errors.rotation",
      status: 409,
    });
    const res = await as.chris.post(`/mystery/waves/${visit.waveId}`, { intent: "plan", ...again, ...soon });
    expect(res.status).toBe(409);
    expect(textOf(await res.text())).toContain("the same shopper may visit an outlet again only after 60 days");
    // Another shopper may go; the count of visits grew by that one only.
    const other = await freshPerson({ org: "Volta Tools", role: "auditor", tag: "shopper2" });
    await planVisit(db, s.chris, visit.waveId, { ...again, auditorId: other.id, ...soon });
    const planned = await db.select().from(mysteryVisits).where(eq(mysteryVisits.waveId, visit.waveId));
    expect(planned).toHaveLength(2);
    // A blackout-only window and one outside the wave are refused with their reasons.
    const blackout = await as.chris.post(`/mystery/waves/${visit.waveId}`, {
      intent: "plan",
      ...again,
      auditorId: other.id,
      dueFrom: "2020-01-01",
      dueTo: "2020-01-02",
    });
    expect(blackout.status).toBe(400);
    expect(textOf(await blackout.text())).toContain("The due window must be inside the wave");
  });
});

describe("scenario versions and the figures read elsewhere", () => {
  it("turns an edit of a published scenario into a new version; a filed report keeps the questions it was filed with", async () => {
    const s = await filed();
    await publishVisit(db, s.chris, s.visitId, null);
    const [visit] = await db.select().from(mysteryVisits).where(eq(mysteryVisits.id, s.visitId));
    const [v1] = await db.select().from(mysteryScenarios).where(eq(mysteryScenarios.id, visit.scenarioId));
    const text = questionnaireText(v1.questionnaire).replace(
      "Did the seller recommend our brand first? | yes_no | 3",
      "Did the seller recommend our brand first? | yes_no | 5",
    );
    const res = await as.chris.post(`/mystery/scenarios/${v1.id}`, {
      intent: "save",
      title: v1.title,
      legend: v1.legend,
      instructions: v1.instructions,
      questionnaire: text,
    });
    expect(res.status).toBe(302);
    const nextId = /\/mystery\/scenarios\/([0-9a-f-]{36})/.exec(res.headers.get("location") ?? "")![1];
    expect(nextId).not.toBe(v1.id);
    const versions = await db.select().from(mysteryScenarios).where(eq(mysteryScenarios.familyId, v1.familyId));
    expect(versions.map((v) => [v.version, v.status]).sort()).toEqual([
      [1, "published"],
      [2, "draft"],
    ]);
    // A second edit changes the same draft, never a third version.
    const again = await editScenario(db, s.chris, v1.id, {
      title: v1.title,
      legend: v1.legend,
      instructions: "Changed",
      questionnaire: text,
    });
    expect(again.id).toBe(nextId);
    await publishScenario(db, s.chris, nextId);
    const after = await db.select().from(mysteryScenarios).where(eq(mysteryScenarios.familyId, v1.familyId));
    expect(after.map((v) => [v.version, v.status]).sort()).toEqual([
      [1, "retired"],
      [2, "published"],
    ]);
    // The published report still reads version 1's weights.
    const page = textOf(await (await as.ona.get(`/mystery/reports/${s.visitId}`)).text());
    expect(page).toContain("(v1)");
    expect(page).toContain("12 of 12 quarter points");
    // A bad line is named, and nothing changes.
    const bad = await as.chris.post(`/mystery/scenarios/${nextId}`, {
      intent: "save",
      title: "x",
      legend: "y",
      questionnaire: "? Broken | colour",
    });
    expect(bad.status).toBe(400);
    expect(textOf(await bad.text())).toContain("Line 1: the type must be one of");
  });

  it("gives the reports area per-outlet and per-question scores within the reader's scope", async () => {
    const ona = await actorFor(PEOPLE.ona);
    const chris = await actorFor(PEOPLE.chris);
    const own = await outletScores(db, ona, { from: addDays(new Date(), -365) });
    expect(new Set(own.outlets.map((o) => o.partner))).toEqual(new Set(["Baltic Tools Distribution"]));
    expect(own.questions.length).toBeGreaterThan(0);
    for (const q of own.questions)
      expect(q.scorePermille).toBe(Math.floor((q.earnedUnits * 2000 + q.possibleUnits) / (q.possibleUnits * 2)));
    const all = await outletScores(db, chris, {});
    expect(new Set(all.outlets.map((o) => o.partner)).size).toBeGreaterThan(1);
  });
});
