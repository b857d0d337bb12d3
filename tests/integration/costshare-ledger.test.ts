import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { approveClaim, rejectClaim, reviewFile, submitClaim } from "../../app/domain/costshare/claims.server";
import {
  allocate,
  createPeriod,
  figuresFromEntries,
  fundSummary,
  getSettings,
  saveSettings,
} from "../../app/domain/costshare/funds.server";
import { expireFunds, expireRequests, sendReminders } from "../../app/domain/costshare/jobs.server";
import { recordPayment } from "../../app/domain/costshare/payments.server";
import { approveRequest, createRequest, secondApproveRequest } from "../../app/domain/costshare/requests.server";
import type { RequestInput } from "../../app/domain/costshare/forms";
import type { Actor } from "../../app/lib/actor";
import { sqlState, UserError } from "../../app/lib/errors";
import { createTranslator } from "../../app/i18n/translate";
import { getDb } from "../../db/client";
import { auditLog, costshareEntries, costshareFiles, costshareFunds, costshareRequests, emailOutbox, organisations } from "../../db/schema";
import { jpegBytes, textOf } from "../support/claims";
import { freshPerson } from "../support/people";
import { actorFor } from "../support/portal";
import { usePortal } from "../support/fixtures";

const portal = usePortal();
const db = await getDb();
const t = createTranslator("en");

let periodCount = 0;
/** A period of its own far in the future (so requests are well ahead of their start), and its year. */
async function newPeriod(admin: Actor) {
  const year = 2040 + periodCount++;
  const period = await createPeriod(db, admin, { name: `Test ${year}`, startsOn: `${year}-01-01`, endsOn: `${year}-12-31` });
  return { period, year };
}

/** A partner organisation of its own with an executive, so each test's fund starts empty. */
async function newPartner(tag: string) {
  const name = `Costshare ${tag} ${randomUUID().slice(0, 6)}`;
  await db.insert(organisations).values({ name, kind: "dealer", tier: "gold", region: "Test" });
  const exec = await freshPerson({ org: name, role: "executive", tag });
  return { name, exec, orgId: exec.organisationId };
}

function requestInput(year: number, over: Partial<RequestInput> = {}): RequestInput {
  return {
    activityType: "print_ad",
    title: "Spring catalogue ad",
    description: "A full page in the trade catalogue.",
    startsOn: `${year}-03-02`,
    endsOn: `${year}-03-31`,
    plannedCost: 200_000,
    otherBrands: [],
    equalSplit: false,
    expectedOutcome: "",
    expectedLeads: undefined,
    expectedReach: undefined,
    ...over,
  };
}

async function fundOf(orgId: string, periodId: string) {
  const [fund] = await db
    .select()
    .from(costshareFunds)
    .where(and(eq(costshareFunds.organisationId, orgId), eq(costshareFunds.periodId, periodId)));
  return fund;
}

/** The figures on the fund row equal the sum of its entries, and none is negative. */
async function expectFiguresAddUp(fundId: string) {
  const [row] = await db.select().from(costshareFunds).where(eq(costshareFunds.id, fundId));
  const fromEntries = await figuresFromEntries(db, fundId);
  const { allocated, committed, claimed, paid, expired, available } = row;
  expect({ allocated, committed, claimed, paid, expired, available }).toEqual(fromEntries);
  expect(available).toBeGreaterThanOrEqual(0);
  expect(available).toBe(allocated - committed - expired);
  return row;
}

const key = () => randomUUID();

describe("the cost-share ledger", () => {
  it("keeps every figure equal to the sum of its entries through allocation, approval, a lower claim and a partial then full payment", async () => {
    const admin = await actorFor("admin@volta.example");
    const chris = await actorFor("chris@volta.example");
    const fiona = await actorFor("finance@volta.example");
    const { period, year } = await newPeriod(admin);
    const p = await newPartner("figures");
    await allocate(db, chris, { periodId: period.id, organisationId: p.orgId, amountMinor: 1_000_000, note: "", key: key() });
    const fund = await fundOf(p.orgId, period.id);
    expect(await expectFiguresAddUp(fund.id)).toMatchObject({ allocated: 1_000_000, available: 1_000_000 });

    // 50% of 2,000.00 planned = 1,000.00; committed on approval.
    const request = await createRequest(db, p.exec, requestInput(year), null, new Date(`${year - 1}-12-01T10:00:00Z`));
    expect(request.requestedMinor).toBe(100_000);
    await approveRequest(db, chris, request.id, { note: "" });
    expect(await expectFiguresAddUp(fund.id)).toMatchObject({ committed: 100_000, available: 900_000 });

    // The activity cost less (1,500.00 -> 750.00): 250.00 goes back to the fund on approval.
    const claim = await submitClaim(
      db,
      p.exec,
      request.id,
      { actualCost: 150_000, brandsShown: [], note: "" },
      { final: [], proofs: [new File([jpegBytes()], "stand.jpg")] },
      new Date(`${year}-04-02T10:00:00Z`),
    );
    expect(claim.reimbursementMinor).toBe(75_000);
    expect(await expectFiguresAddUp(fund.id)).toMatchObject({ committed: 100_000, claimed: 0 });
    const [proof] = await db.select({ id: costshareFiles.id }).from(costshareFiles).where(eq(costshareFiles.claimId, claim.id));
    await expect(approveClaim(db, chris, claim.id, { note: "" })).rejects.toMatchObject({ key: "errors.costshare.review_files_first" });
    await reviewFile(db, chris, proof.id, "accepted", "");
    await approveClaim(db, chris, claim.id, { note: "" });
    expect(await expectFiguresAddUp(fund.id)).toMatchObject({ committed: 75_000, claimed: 75_000, available: 925_000 });
    const released = await db
      .select()
      .from(costshareEntries)
      .where(and(eq(costshareEntries.requestId, request.id), eq(costshareEntries.kind, "release")));
    expect(released.map((e) => e.amount)).toEqual([25_000]);

    // Partial payment, then the rest; a third would overpay and is refused.
    await recordPayment(db, fiona, {
      paidOn: `${year}-05-01`,
      method: "bank_transfer",
      reference: "BT-1",
      lines: [{ claimId: claim.id, amountMinor: 50_000 }],
    });
    expect(await expectFiguresAddUp(fund.id)).toMatchObject({ paid: 50_000 });
    await recordPayment(db, fiona, {
      paidOn: `${year}-05-08`,
      method: "credit_note",
      reference: "CN-2",
      lines: [{ claimId: claim.id, amountMinor: 25_000 }],
    });
    expect(await expectFiguresAddUp(fund.id)).toMatchObject({ paid: 75_000 });
    const over = recordPayment(db, fiona, {
      paidOn: `${year}-05-09`,
      method: "credit_note",
      reference: "CN-3",
      lines: [{ claimId: claim.id, amountMinor: 1 }],
    });
    await expect(over).rejects.toBeInstanceOf(UserError);
    expect(await expectFiguresAddUp(fund.id)).toMatchObject({ paid: 75_000 });

    // The summary for dashboards reads the same figures, with utilisation = claimed / allocated.
    const [summary] = await fundSummary(db, null, { periodId: period.id, partnerId: p.orgId });
    expect(summary).toMatchObject({
      allocated: 1_000_000,
      committed: 75_000,
      claimed: 75_000,
      paid: 75_000,
      available: 925_000,
      utilisationBp: 750,
    });
    // The partner's page shows the same figures.
    const page = await (await (await portal.signedIn(p.exec.email)).get("/cost-share")).text();
    for (const amount of ["€10,000.00", "€750.00", "€9,250.00"]) expect(page).toContain(amount);
    // A partner sees its own fund only.
    expect(await fundSummary(db, p.exec, { periodId: period.id })).toHaveLength(1);
    const other = await newPartner("other");
    expect(await fundSummary(db, other.exec, { periodId: period.id })).toHaveLength(0);

    // The database refuses to rewrite history.
    const rewrite = await db.execute(sql`update costshare_entries set amount = 1 where fund_id = ${fund.id}`).catch((e: unknown) => e);
    expect(String((rewrite as { cause?: Error }).cause?.message)).toMatch(/append-only/);
    const overdraft = await db.execute(sql`update costshare_funds set available = -1 where id = ${fund.id}`).catch((e: unknown) => e);
    expect(sqlState(overdraft)).toBe("23514");
    const audit = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.organisationId, p.orgId));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "costshare.allocated",
        "costshare.request_approved",
        "costshare.claim_approved",
        "costshare.payment_recorded",
      ]),
    );
  });

  it("shows, in the request list, per activity type and on the request, the money the fund still holds after a claim approved for less and a rejected one", async () => {
    const admin = await actorFor("admin@volta.example");
    const chris = await actorFor("chris@volta.example");
    const { period, year } = await newPeriod(admin);
    const p = await newPartner("lists");
    await allocate(db, chris, { periodId: period.id, organisationId: p.orgId, amountMinor: 1_000_000, note: "", key: key() });
    const fund = await fundOf(p.orgId, period.id);
    const before = new Date(`${year - 1}-12-01T10:00:00Z`);
    const after = new Date(`${year}-04-02T10:00:00Z`);

    // Print ad: 1,000.00 approved; the activity cost less, so 750.00 by the rule; the manager approves 700.00 (300.00 back to the fund).
    const ad = await createRequest(db, p.exec, requestInput(year, { title: "Lower claim ad" }), null, before);
    await approveRequest(db, chris, ad.id, { note: "" });
    const lower = await submitClaim(
      db,
      p.exec,
      ad.id,
      { actualCost: 150_000, brandsShown: [], note: "" },
      { final: [], proofs: [new File([jpegBytes()], "ad.jpg")] },
      after,
    );
    const [proof] = await db.select({ id: costshareFiles.id }).from(costshareFiles).where(eq(costshareFiles.claimId, lower.id));
    await reviewFile(db, chris, proof.id, "accepted", "");
    await approveClaim(db, chris, lower.id, { amountMinor: 70_000, note: "" });
    // Event: 500.00 approved, its claim rejected: all of it back to the fund.
    const event = await createRequest(
      db,
      p.exec,
      requestInput(year, { title: "Rejected claim event", activityType: "event", plannedCost: 100_000 }),
      null,
      before,
    );
    await approveRequest(db, chris, event.id, { note: "" });
    const refused = await submitClaim(
      db,
      p.exec,
      event.id,
      { actualCost: 100_000, brandsShown: [], note: "" },
      { final: [], proofs: [new File([jpegBytes()], "event.jpg")] },
      after,
    );
    await rejectClaim(db, chris, refused.id, "No proof the event took place.");
    expect(await expectFiguresAddUp(fund.id)).toMatchObject({ committed: 70_000, claimed: 70_000, available: 930_000 });

    // The partner's list shows what the claim was approved for, as its fund does.
    const partner = await portal.signedIn(p.exec.email);
    const partnerPage = textOf(await (await partner.get("/cost-share")).text());
    expect(partnerPage).toMatch(/Lower claim ad Print ad · [^€]+ €700\.00 Claimed Claim approved/);
    // The request's page says why the reimbursement is less than its calculation, without a note from the manager.
    const requestPage = textOf(await (await partner.get(`/cost-share/requests/${ad.id}`)).text());
    expect(requestPage).toContain("Reimbursement €700.00");
    expect(requestPage).toContain("The channel manager approved €700.00 of the €750.00 calculated.");
    // The channel team's figures per activity type add up to the partner's committed money.
    const staffPage = textOf(await (await (await portal.signedIn("chris@volta.example")).get(`/cost-share?period=${period.id}`)).text());
    expect(staffPage).toContain("Print ad 1 request · €700.00");
    expect(staffPage).toContain("Event 1 request · €0.00");
  });

  it("approves exactly 5 of 20 concurrent requests against a fund covering 5; the other 15 hear 'not enough funds'", async () => {
    const admin = await actorFor("admin@volta.example");
    const chris = await actorFor("chris@volta.example");
    const { period, year } = await newPeriod(admin);
    const p = await newPartner("race");
    await allocate(db, chris, { periodId: period.id, organisationId: p.orgId, amountMinor: 500_000, note: "", key: key() });
    const requests = [];
    for (let i = 0; i < 20; i++)
      requests.push(
        await createRequest(db, p.exec, requestInput(year, { title: `Ad ${i}` }), null, new Date(`${year - 1}-12-01T10:00:00Z`)),
      );
    const fund = await fundOf(p.orgId, period.id);
    const results = await Promise.allSettled(requests.map((r) => approveRequest(db, chris, r.id, { note: "" })));
    const approved = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(approved).toHaveLength(5);
    expect(refused).toHaveLength(15);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(UserError);
      expect(r.reason).toMatchObject({ key: "errors.costshare.not_enough_funds", status: 409 });
      expect(t(r.reason.key)).toMatch(/not enough funds/i);
    }
    expect(await expectFiguresAddUp(fund.id)).toMatchObject({ committed: 500_000, available: 0 });
    const statuses = await db
      .select({ status: costshareRequests.status })
      .from(costshareRequests)
      .where(eq(costshareRequests.fundId, fund.id));
    expect(statuses.filter((s) => s.status === "approved")).toHaveLength(5);
    expect(statuses.filter((s) => s.status === "submitted")).toHaveLength(15);
  });

  it("needs a second approver (finance or an admin, not the first) above the threshold; money moves only then", async () => {
    const admin = await actorFor("admin@volta.example");
    const chris = await actorFor("chris@volta.example");
    const fiona = await actorFor("finance@volta.example");
    const { period, year } = await newPeriod(admin);
    const p = await newPartner("second");
    await allocate(db, chris, { periodId: period.id, organisationId: p.orgId, amountMinor: 5_000_000, note: "", key: key() });
    const { secondApprovalAboveMinor } = await getSettings(db);
    // 50% of 12,000.00 = 6,000.00, above the 5,000.00 threshold.
    const big = await createRequest(
      db,
      p.exec,
      requestInput(year, { plannedCost: 1_200_000 }),
      null,
      new Date(`${year - 1}-12-01T10:00:00Z`),
    );
    expect(big.requestedMinor).toBeGreaterThan(secondApprovalAboveMinor);
    const first = await approveRequest(db, chris, big.id, { note: "Looks good" });
    expect(first.needsSecond).toBe(true);
    const fund = await fundOf(p.orgId, period.id);
    expect(await expectFiguresAddUp(fund.id)).toMatchObject({ committed: 0, available: 5_000_000 });
    await expect(secondApproveRequest(db, chris, big.id, "")).rejects.toMatchObject({ key: "errors.costshare.same_approver" });
    await secondApproveRequest(db, fiona, big.id, "");
    expect(await expectFiguresAddUp(fund.id)).toMatchObject({ committed: 600_000, available: 4_400_000 });
    // Below the threshold one approval is enough.
    const small = await createRequest(
      db,
      p.exec,
      requestInput(year, { plannedCost: 100_000 }),
      null,
      new Date(`${year - 1}-12-01T10:00:00Z`),
    );
    expect((await approveRequest(db, chris, small.id, { note: "" })).needsSecond).toBe(false);
    expect(await expectFiguresAddUp(fund.id)).toMatchObject({ committed: 650_000 });
  });

  it("expires approved requests whose claim window passed and releases their money; unused funds expire after the period; reminders go once", async () => {
    const admin = await actorFor("admin@volta.example");
    const chris = await actorFor("chris@volta.example");
    await saveSettings(db, admin, { claimWindowDays: 60 });
    const { period, year } = await newPeriod(admin);
    const p = await newPartner("expiry");
    await allocate(db, chris, { periodId: period.id, organisationId: p.orgId, amountMinor: 300_000, note: "", key: key() });
    const request = await createRequest(db, p.exec, requestInput(year), null, new Date(`${year - 1}-12-01T10:00:00Z`));
    await approveRequest(db, chris, request.id, { note: "" });
    const fund = await fundOf(p.orgId, period.id);
    expect(await expectFiguresAddUp(fund.id)).toMatchObject({ committed: 100_000, available: 200_000 });

    // 3 days before the claim window closes (31 March + 60 days = 30 May): one reminder, once.
    await db.delete(emailOutbox);
    expect(await sendReminders(db, new Date(`${year}-05-27T06:00:00Z`))).toBeGreaterThanOrEqual(1);
    await sendReminders(db, new Date(`${year}-05-27T07:00:00Z`));
    const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.to, p.exec.email));
    expect(mails.filter((m) => m.template === "costshare_notice" && (m.props as { kind: string }).kind === "claim_window")).toHaveLength(1);

    // The day after the window: expired, the commitment released, the partner told.
    expect(await expireRequests(db, new Date(`${year}-05-31T06:00:00Z`))).toBeGreaterThanOrEqual(1);
    expect(await expireRequests(db, new Date(`${year}-05-31T07:00:00Z`))).toBe(0);
    const [after] = await db.select().from(costshareRequests).where(eq(costshareRequests.id, request.id));
    expect(after.status).toBe("expired");
    expect(await expectFiguresAddUp(fund.id)).toMatchObject({ committed: 0, available: 300_000 });

    // 3 days before the unused funds expire (31 December + 30 days = 30 January), the partner hears, once.
    await sendReminders(db, new Date(`${year + 1}-01-27T06:00:00Z`));
    await sendReminders(db, new Date(`${year + 1}-01-27T08:00:00Z`));
    const warned = await db.select().from(emailOutbox).where(eq(emailOutbox.to, p.exec.email));
    const fundMails = warned.filter((m) => (m.props as { kind: string }).kind === "funds_expiring");
    expect(fundMails).toHaveLength(1);
    expect(fundMails[0].props).toMatchObject({ amountMinor: 300_000, days: 3 });

    // After the period's expiry day (31 December + 30 days), what is left expires, once.
    expect(await expireFunds(db, new Date(`${year + 1}-02-01T06:00:00Z`))).toBeGreaterThanOrEqual(1);
    await expireFunds(db, new Date(`${year + 1}-02-01T07:00:00Z`));
    expect(await expectFiguresAddUp(fund.id)).toMatchObject({ expired: 300_000, available: 0 });
  });
});
