import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { figuresFromEntries } from "../../app/domain/costshare/funds.server";
import { addBusinessDays } from "../../app/domain/costshare/rule";
import { getDb } from "../../db/client";
import {
  claimLines,
  claims,
  costshareClaims,
  costshareFunds,
  costsharePeriods,
  costshareRequests,
  organisations,
  products,
} from "../../db/schema";
import { jpegBytes, textOf } from "../support/claims";
import { usePortal } from "../support/fixtures";
import { actorFor } from "../support/portal";

const PEOPLE = {
  harry: "harry@northfield.example", // manager, Northfield (gold)
  chris: "chris@volta.example", // channel manager
  admin: "admin@volta.example",
};
const portal = usePortal<keyof typeof PEOPLE>({ people: PEOPLE });
const { as } = portal;
const db = await getDb();

async function fundOf(orgName: string, periodName: string) {
  const [row] = await db
    .select({ fund: costshareFunds })
    .from(costshareFunds)
    .innerJoin(organisations, eq(organisations.id, costshareFunds.organisationId))
    .innerJoin(costsharePeriods, eq(costsharePeriods.id, costshareFunds.periodId))
    .where(and(eq(organisations.name, orgName), eq(costsharePeriods.name, periodName)));
  if (row) {
    const { allocated, committed, claimed, paid, expired, available } = row.fund;
    expect(await figuresFromEntries(db, row.fund.id)).toEqual({ allocated, committed, claimed, paid, expired, available });
  }
  return row?.fund;
}

describe("cost-share changes of mind and allocations", () => {
  it("a returned request is changed and sent again; a returned claim is fixed and sent again; cancelling an approved request gives the money back", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const start = addBusinessDays(today, 12);
    const form = {
      activityType: "event",
      title: "Changes test open day",
      description: "Demo day",
      startsOn: start,
      endsOn: start,
      plannedCost: "1000",
    };
    const sent = await as.harry.post("/cost-share/requests/new", form);
    expect(sent.status).toBe(302);
    const url = new URL(sent.headers.get("location")!, portal.url).pathname;
    const id = url.split("/").pop()!;
    // Returning needs a reason; with one the partner reads it.
    expect((await as.chris.post(url, { intent: "return", note: "" })).status).toBe(400);
    expect((await as.chris.post(url, { intent: "return", note: "Add the expected visitors." })).status).toBe(200);
    expect(textOf(await (await as.harry.get(url)).text())).toContain("Add the expected visitors.");
    const resent = await as.harry.post(url, { intent: "resubmit", ...form, expectedReach: "300", plannedCost: "1200" });
    expect(resent.status).toBe(200);
    let [request] = await db.select().from(costshareRequests).where(eq(costshareRequests.id, id));
    expect(request).toMatchObject({ status: "submitted", expectedReach: 300, requestedMinor: 60_000 });

    const [period] = await db
      .select()
      .from(costsharePeriods)
      .where(eq(costsharePeriods.id, (await db.select().from(costshareFunds).where(eq(costshareFunds.id, request.fundId)))[0].periodId));
    const before = (await fundOf("Northfield Building Supplies", period.name))!;
    expect((await as.chris.post(url, { intent: "approve", amount: "500", note: "" })).status).toBe(200);
    expect((await fundOf("Northfield Building Supplies", period.name))!.committed - before.committed).toBe(50_000);
    [request] = await db.select().from(costshareRequests).where(eq(costshareRequests.id, id));
    expect(request.approvedMinor).toBe(50_000);

    // A claim with one proof is returned, fixed with another proof, then the request can no longer be cancelled.
    const claim = new FormData();
    claim.append("actualCost", "1200");
    claim.append("proofs", new File([jpegBytes()], "photo.jpg"));
    expect((await as.harry.post(`${url}/claim`, claim)).status).toBe(302);
    expect((await as.chris.post(url, { intent: "return_claim", note: "The photo is blurred." })).status).toBe(200);
    const fix = new FormData();
    fix.append("actualCost", "1100");
    fix.append("proofs", new File([jpegBytes(4096)], "sharper.jpg"));
    expect((await as.harry.post(`${url}/claim`, fix)).status).toBe(302);
    const [c] = await db.select().from(costshareClaims).where(eq(costshareClaims.requestId, id));
    // 50% of 1,100.00 = 550.00, capped at the approved 500.00.
    expect(c).toMatchObject({ status: "submitted", actualCostMinor: 110_000, reimbursementMinor: 50_000 });
    expect((await as.harry.post(url, { intent: "cancel" })).status).toBe(409);

    // Another approved request, cancelled by the partner: its money goes back.
    const second = await as.harry.post("/cost-share/requests/new", { ...form, title: "Changes test cancelled" });
    const url2 = new URL(second.headers.get("location")!, portal.url).pathname;
    await as.chris.post(url2, { intent: "approve", amount: "", note: "" });
    const mid = (await fundOf("Northfield Building Supplies", period.name))!;
    expect((await as.harry.post(url2, { intent: "cancel" })).status).toBe(200);
    const after = (await fundOf("Northfield Building Supplies", period.name))!;
    expect(mid.committed - after.committed).toBe(50_000);
    expect(after.available - mid.available).toBe(50_000);
  });

  it("allocates by hand once per form, imports a CSV whole or not at all, and accrues one rate per tier from last period's sales", async () => {
    const [period] = await db.select().from(costsharePeriods).limit(1);
    const before = (await fundOf("HomeFix Retail", period.name))!;
    const [homefix] = await db.select().from(organisations).where(eq(organisations.name, "HomeFix Retail"));
    const key = randomUUID();
    const typed = { intent: "allocate", periodId: period.id, organisationId: homefix.id, amount: "250", direction: "add", note: "", key };
    expect((await as.chris.post("/cost-share/allocations", typed)).status).toBe(200);
    // The same form sent twice (a double tap) allocates once.
    expect((await as.chris.post("/cost-share/allocations", typed)).status).toBe(409);
    expect((await fundOf("HomeFix Retail", period.name))!.allocated - before.allocated).toBe(25_000);
    // Taking money away needs a reason, and never more than is available.
    expect((await as.chris.post("/cost-share/allocations", { ...typed, key: randomUUID(), direction: "remove" })).status).toBe(400);
    const tooMuch = await as.chris.post("/cost-share/allocations", {
      ...typed,
      key: randomUUID(),
      direction: "remove",
      amount: "99999999",
      note: "oops",
    });
    expect(tooMuch.status).toBe(409);
    expect(textOf(await tooMuch.text())).toContain("Not enough funds");

    const csv = (rows: string) => {
      const f = new FormData();
      f.append("intent", "import");
      f.append("periodId", period.id);
      f.append("file", new File([rows], "allocations.csv", { type: "text/csv" }));
      return f;
    };
    const bad = await as.chris.post("/cost-share/allocations", csv("partner;amount\nHomeFix Retail;100\nNobody Ltd;50\n"));
    expect(textOf(await bad.text())).toContain("Line 3: No partner named “Nobody Ltd”.");
    expect((await fundOf("HomeFix Retail", period.name))!.allocated - before.allocated).toBe(25_000);
    const good = await as.chris.post("/cost-share/allocations", csv('partner,amount,note\nHomeFix Retail,"1,000.50",top-up\n'));
    expect(textOf(await good.text())).toContain("1 allocation imported.");
    expect((await fundOf("HomeFix Retail", period.name))!.allocated - before.allocated).toBe(125_050);

    // Accrual: a sales period with one approved claim of Northfield's (gold) worth 10 x 149.00.
    const harry = await actorFor(PEOPLE.harry);
    expect(
      (
        await as.chris.post("/cost-share/periods", {
          intent: "create_period",
          name: "Sales 2039",
          startsOn: "2039-01-01",
          endsOn: "2039-12-31",
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await as.chris.post("/cost-share/periods", {
          intent: "create_period",
          name: "Accrued 2040",
          startsOn: "2040-01-01",
          endsOn: "2040-12-31",
        })
      ).status,
    ).toBe(200);
    const [sales] = await db.select().from(costsharePeriods).where(eq(costsharePeriods.name, "Sales 2039"));
    const [target] = await db.select().from(costsharePeriods).where(eq(costsharePeriods.name, "Accrued 2040"));
    const [northfield] = await db.select().from(organisations).where(eq(organisations.name, "Northfield Building Supplies"));
    const [drill] = await db.select().from(products).where(eq(products.sku, "VT-DR18"));
    const [sale] = await db
      .insert(claims)
      .values({
        organisationId: northfield.id,
        userId: harry.id,
        status: "approved",
        invoiceNumber: "ACCRUE-1",
        invoiceKey: "ACCRUE1",
        invoiceDate: "2039-06-01",
        submittedAt: new Date(),
        decidedBy: (await actorFor(PEOPLE.chris)).id,
        decidedAt: new Date(),
      } as typeof claims.$inferInsert)
      .returning();
    await db
      .insert(claimLines)
      .values({ claimId: sale.id, position: 0, sku: "VT-DR18", productId: drill.id, quantity: 10 } as typeof claimLines.$inferInsert);
    const rates = {
      intent: "accrue",
      periodId: target.id,
      sourcePeriodId: sales.id,
      rate_registered: "1",
      rate_silver: "2",
      rate_gold: "3",
      rate_platinum: "4",
    };
    expect((await as.chris.post("/cost-share/allocations", rates)).status).toBe(200);
    // 3% (gold) of 1,490.00 = 44.70; accruing again adds nothing.
    expect((await fundOf("Northfield Building Supplies", "Accrued 2040"))!.allocated).toBe(4_470);
    await as.chris.post("/cost-share/allocations", rates);
    expect((await fundOf("Northfield Building Supplies", "Accrued 2040"))!.allocated).toBe(4_470);
    // Only an admin changes the rule and the threshold.
    expect((await as.chris.post("/cost-share/periods", { intent: "save_settings" })).status).toBe(403);
  });
});
