import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { figuresFromEntries } from "../../app/domain/costshare/funds.server";
import { addBusinessDays } from "../../app/domain/costshare/rule";
import { getDb } from "../../db/client";
import {
  auditLog,
  costshareClaims,
  costshareFiles,
  costshareFunds,
  costshareRequests,
  emailOutbox,
  notifications,
  COSTSHARE_CLAIM_STATUSES,
  COSTSHARE_REQUEST_STATUSES,
} from "../../db/schema";
import { seedCostshare } from "../../scripts/seed/costshare";
import { jpegBytes, pngImage, textOf } from "../support/claims";
import { usePortal } from "../support/fixtures";
import { actorFor } from "../support/portal";

const PEOPLE = {
  ona: "ona@baltictools.example", // executive, Baltic Tools
  marta: "marta@baltictools.example", // salesperson, Baltic Tools
  emma: "emma@northfield.example", // executive, Northfield
  chris: "chris@volta.example", // channel manager
  fiona: "finance@volta.example", // finance
};
const portal = usePortal<keyof typeof PEOPLE>({ people: PEOPLE });
const { as } = portal;
const db = await getDb();

function requestForm(fields: Record<string, string>, layout?: File): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (layout) form.append("layout", layout);
  return form;
}

async function fundFigures(fundId: string) {
  const [row] = await db.select().from(costshareFunds).where(eq(costshareFunds.id, fundId));
  expect(await figuresFromEntries(db, fundId)).toEqual({
    allocated: row.allocated,
    committed: row.committed,
    claimed: row.claimed,
    paid: row.paid,
    expired: row.expired,
    available: row.available,
  });
  return row;
}

describe("cost-share over HTTP", () => {
  it("takes a request with a layout, approves it, takes a claim with two proofs, pays it; roles and partners stay in their lanes", async () => {
    const ona = await actorFor(PEOPLE.ona);
    const today = new Date().toISOString().slice(0, 10);
    const start = addBusinessDays(today, 15);
    const end = addBusinessDays(start, 3);
    const base = {
      activityType: "print_ad",
      title: "Flow test catalogue ad",
      description: "Half page in the builders' catalogue.",
      startsOn: start,
      endsOn: end,
      plannedCost: "1 600,00",
      otherBrands: "Bosch",
    };

    // Too soon, and a layout that is not an image or PDF: refused with messages, what was typed kept.
    const soon = await as.ona.post("/cost-share/requests/new", requestForm({ ...base, startsOn: addBusinessDays(today, 2) }));
    expect(soon.status).toBe(400);
    const soonText = textOf(await soon.text());
    expect(soonText).toContain("The activity must start at least 10 business days from today.");
    expect(
      await (await as.ona.post("/cost-share/requests/new", requestForm({ ...base, startsOn: addBusinessDays(today, 2) }))).text(),
    ).toContain('value="Flow test catalogue ad"');
    const notImage = await as.ona.post("/cost-share/requests/new", requestForm(base, new File(["<svg></svg>"], "layout.svg")));
    expect(notImage.status).toBe(415);
    expect(textOf(await notImage.text())).toContain("is not a JPEG, PNG, WebP, HEIC or PDF file");

    const sent = await as.ona.post("/cost-share/requests/new", requestForm(base, new File([new Uint8Array(pngImage())], "layout.png")));
    expect(sent.status).toBe(302);
    const url = new URL(sent.headers.get("location")!, portal.url).pathname;
    const id = url.split("/").pop()!;
    const [request] = await db.select().from(costshareRequests).where(eq(costshareRequests.id, id));
    // One other brand: 35% of 1,600.00 = 560.00.
    expect(request).toMatchObject({
      status: "submitted",
      requestedMinor: 56_000,
      requestedShareBp: 3500,
      organisationId: ona.organisationId,
    });
    const page = textOf(await (await as.ona.get(url)).text());
    expect(page).toContain("Other brands shown: 1; share by the programme's table: 35%.");
    expect(page).toContain("€560.00");
    const before = await fundFigures(request.fundId);

    // Another partner, a salesperson and finance cannot act on it.
    expect((await as.emma.get(url)).status).toBe(404);
    expect((await as.emma.post(url, { intent: "comment", body: "hello" })).status).toBe(404);
    expect((await as.marta.get(url)).status).toBe(403);
    expect((await as.fiona.post(url, { intent: "approve", note: "" })).status).toBe(403);
    const [layout] = await db.select().from(costshareFiles).where(eq(costshareFiles.requestId, id));
    expect((await as.emma.get(`/cost-share/files/${layout.id}`)).status).toBe(404);
    const image = await as.chris.get(`/cost-share/files/${layout.id}`);
    expect(image.headers.get("content-type")).toBe("image/png");

    // A comment thread, then the channel manager approves and the money is committed.
    expect((await as.chris.post(url, { intent: "comment", body: "Is the Bosch logo smaller than ours?" })).status).toBe(200);
    expect((await as.ona.post(url, { intent: "comment", body: "Yes, a quarter of the size." })).status).toBe(200);
    const approved = await as.chris.post(url, { intent: "approve", amount: "560", note: "Go ahead." });
    expect(approved.status).toBe(200);
    expect(textOf(await approved.text())).toContain("Approved: the money is committed in the partner's fund.");
    let fund = await fundFigures(request.fundId);
    expect(fund.committed - before.committed).toBe(56_000);
    expect(fund.available).toBe(before.available - 56_000);
    const again = await as.chris.post(url, { intent: "approve", amount: "", note: "" });
    expect(again.status).toBe(409);
    expect((await fundFigures(request.fundId)).committed).toBe(fund.committed);
    const [mail] = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.to, PEOPLE.ona), eq(emailOutbox.template, "costshare_notice")));
    expect(mail.props).toMatchObject({ kind: "request_approved", amountMinor: 56_000 });

    // The partner claims with two proof files; a lower actual cost gives the rest back on approval.
    const claimUrl = `${url}/claim`;
    const claimForm = new FormData();
    claimForm.append("actualCost", "1400");
    claimForm.append("brandsShown", "Bosch");
    claimForm.append("proofs", new File([jpegBytes()], "tearsheet.jpg"));
    claimForm.append("proofs", new File([new Uint8Array(pngImage())], "invoice.png"));
    const claimed = await as.ona.post(claimUrl, claimForm);
    expect(claimed.status).toBe(302);
    const [claim] = await db.select().from(costshareClaims).where(eq(costshareClaims.requestId, id));
    expect(claim.reimbursementMinor).toBe(49_000);
    const proofs = await db.select().from(costshareFiles).where(eq(costshareFiles.claimId, claim.id));
    expect(proofs).toHaveLength(2);
    // Approval waits for every proof to be reviewed.
    expect((await as.chris.post(url, { intent: "approve_claim", amount: "", note: "" })).status).toBe(409);
    for (const p of proofs)
      expect((await as.chris.post(url, { intent: "review_file", fileId: p.id, verdict: "accepted", note: "" })).status).toBe(200);
    expect((await as.chris.post(url, { intent: "approve_claim", amount: "", note: "" })).status).toBe(200);
    fund = await fundFigures(request.fundId);
    expect(fund.available).toBe(before.available - 49_000);
    expect(fund.claimed - before.claimed).toBe(49_000);

    // The channel manager cannot record payments; finance can, and the export has the row.
    expect((await as.chris.get("/cost-share/payments")).status).toBe(403);
    const form = {
      intent: "pay",
      claimIds: claim.id,
      [`amount_${claim.id}`]: "490",
      paidOn: today,
      method: "bank_transfer",
      reference: "BT-FLOW-1",
    };
    expect((await as.chris.post("/cost-share/payments", form)).status).toBe(403);
    const paid = await as.fiona.post("/cost-share/payments", form);
    expect(paid.status).toBe(200);
    expect(textOf(await paid.text())).toMatch(/Payment \d+ recorded\./);
    fund = await fundFigures(request.fundId);
    expect(fund.paid - before.paid).toBe(49_000);
    const csv = await (await as.fiona.get("/cost-share/payments.csv")).text();
    expect(csv).toContain("BT-FLOW-1");
    expect(csv).toContain("Baltic Tools Distribution");
    expect(csv).toContain("490.00");

    const actions = (
      await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.organisationId, ona.organisationId))
    ).map((a) => a.action);
    for (const a of ["costshare.request_approved", "costshare.file_accepted", "costshare.claim_approved", "costshare.payment_recorded"])
      expect(actions).toContain(a);
    const notices = await db.select({ title: notifications.titleKey }).from(notifications).where(eq(notifications.userId, ona.id));
    expect(notices.map((n) => n.title)).toEqual(
      expect.arrayContaining(["costshare.notice.request_approved", "costshare.notice.claim_approved", "costshare.notice.paid"]),
    );
  });

  it("refuses input that is not money, dates or ids with a 4xx, never a 500", async () => {
    for (const body of [
      { plannedCost: "12,345,6" },
      { plannedCost: "-5" },
      { plannedCost: "1e9" },
      { startsOn: "2026-02-31" },
      { activityType: "__proto__" },
    ]) {
      const res = await as.ona.post("/cost-share/requests/new", {
        activityType: "print_ad",
        title: "x",
        description: "y",
        startsOn: "2030-01-01",
        endsOn: "2030-01-02",
        plannedCost: "10",
        ...body,
      });
      expect(res.status).toBe(400);
    }
    expect((await as.chris.get("/cost-share/requests/------------------------------------")).status).toBe(404);
    expect((await as.chris.post("/cost-share/requests/00000000-0000-0000-0000-000000000000", { intent: "approve" })).status).toBe(404);
    expect(
      (await as.chris.post("/cost-share/allocations", { intent: "allocate", periodId: "x", organisationId: "y", amount: "abc", key: "k" }))
        .status,
    ).toBe(400);
    expect(
      (
        await as.fiona.post("/cost-share/payments", {
          intent: "pay",
          claimIds: "nope",
          paidOn: "2026-01-01",
          method: "bank_transfer",
          reference: "r",
        })
      ).status,
    ).toBe(400);
  });

  it("seeds requests and claims in every state for several partners, each fund adding up, and seeding twice adds nothing", async () => {
    await seedCostshare(db, { activity: true });
    const requests = await db.select().from(costshareRequests);
    const statuses = new Set(requests.map((r) => r.status));
    for (const s of COSTSHARE_REQUEST_STATUSES) expect(statuses, s).toContain(s);
    const claimStatuses = new Set((await db.select().from(costshareClaims)).map((c) => c.status));
    for (const s of COSTSHARE_CLAIM_STATUSES) expect(claimStatuses, s).toContain(s);
    expect(new Set(requests.map((r) => r.organisationId)).size).toBeGreaterThanOrEqual(4);
    for (const fund of await db.select().from(costshareFunds)) await fundFigures(fund.id);
    const count = requests.length;
    await seedCostshare(db, { activity: true });
    expect(await db.$count(costshareRequests)).toBe(count);
    // The channel manager's desk shows the seeded partners.
    const desk = textOf(await (await as.chris.get("/cost-share")).text());
    expect(desk).toContain("Northfield Building Supplies");
    expect(desk).toContain("Fund usage per partner");
  });

  it("refuses a payment dated in the future, keeping what finance typed and recording nothing", async () => {
    await seedCostshare(db, { activity: true });
    const [request] = await db.select().from(costshareRequests).where(eq(costshareRequests.title, "Trade catalogue full page"));
    const [claim] = await db.select().from(costshareClaims).where(eq(costshareClaims.requestId, request.id));
    expect(claim.status).toBe("approved");
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const res = await as.fiona.post("/cost-share/payments", {
      intent: "pay",
      claimIds: claim.id,
      [`amount_${claim.id}`]: "100.00",
      paidOn: future,
      method: "bank_transfer",
      reference: "Typed reference 42",
    });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(textOf(page)).toContain("The payment date cannot be in the future.");
    expect(page).toContain('value="Typed reference 42"');
    expect(page).toContain(`value="${future}"`);
    const [after] = await db.select().from(costshareClaims).where(eq(costshareClaims.id, claim.id));
    expect(after.paidMinor).toBe(claim.paidMinor);
  });
});
