import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { approveClaim } from "../../app/domain/claims/review.server";
import { deliverDueEmails } from "../../app/domain/mail/outbox.server";
import { getBalance } from "../../app/domain/points/ledger.server";
import { UserError } from "../../app/lib/errors";
import { getDb } from "../../db/client";
import { auditLog, claims, emailOutbox, ledgerEntries, notifications, programmeSettings } from "../../db/schema";
import { claimForm, daysAgo, jpegBytes, serials, submitNew, textOf } from "../support/claims";
import { actorFor, Visitor } from "../support/portal";
import { usePortal, useSmtp } from "../support/fixtures";

const smtp = useSmtp();
const db = await getDb();

const PEOPLE = {
  marta: "marta@baltictools.example", // salesperson, Baltic Tools (platinum)
  tomas: "tomas@baltictools.example", // technician, Baltic Tools
  lukas: "lukas@baltictools.example", // manager, Baltic Tools
  ona: "ona@baltictools.example", // executive, Baltic Tools
  sam: "sam@northfield.example", // salesperson, Northfield (gold)
  harry: "harry@northfield.example", // manager, Northfield
  emma: "emma@northfield.example", // executive, Northfield
  chris: "chris@volta.example", // channel manager
  dana: "dana@volta.example", // channel manager
  admin: "admin@volta.example",
};
const portal = usePortal<string>({ people: PEOPLE });
const { as } = portal;

async function claimRow(id: string) {
  const [row] = await db.select().from(claims).where(eq(claims.id, id));
  return row;
}
async function creditsFor(claimId: string) {
  return db
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.sourceType, "claim"), eq(ledgerEntries.sourceId, claimId)));
}

describe("a sales claim from phone to points", () => {
  it("is submitted, shows its calculation, is approved once and credited through the ledger with the same lines", async () => {
    const marta = await actorFor(PEOPLE.marta);
    const before = await getBalance(db, marta.id);
    const drillSerials = serials(2);
    const id = await submitNew(
      as.marta,
      claimForm({
        invoice: "INV-FLOW-1",
        date: daysAgo(3),
        lines: [
          { sku: "vt-dr18", qty: 2, serials: drillSerials },
          { sku: "VT-BIT32", qty: 3 },
        ],
      }),
    );

    // Platinum partner (x1.5), salesperson (x1): 2 x 120 x 1.5 = 360 and 3 x 8 x 1.5 = 36.
    const page = textOf(await (await as.marta.get(`/claims/${id}?sent=new`)).text());
    expect(page).toContain("Claim sent. You will get a notice and an email when it is decided.");
    expect(page).toContain("Awaiting approval");
    expect(page).toContain("Platinum partner tier: × 1.5");
    expect(page).toContain("Volta DR18 cordless drill (VT-DR18): 2 × 120 × 1.5 = 360");
    expect(page).toContain("Volta 32-piece bit set (VT-BIT32): 3 × 8 × 1.5 = 36");
    expect(page).toContain("Total: 396 points");
    expect(page).toContain(drillSerials[0]);

    // The decision leads to the next claim in the queue (or the queue), and says what was decided there.
    const approved = await as.chris.post(`/claims/${id}`, { intent: "approve" });
    expect(approved.status).toBe(302);
    expect(approved.headers.get("location")).toMatch(/^\/claims\/(review|[0-9a-f-]{36})$/);
    expect(approved.headers.get("location")).not.toBe(`/claims/${id}`);
    const number = (await claimRow(id)).number;
    const next = textOf(await (await as.chris.get(approved.headers.get("location")!)).text());
    expect(next).toMatch(new RegExp(`Claim ${number} approved, 396 points credited\\. (This is the next claim|No claims are waiting)\\.`));
    // The message is shown once.
    expect(textOf(await (await as.chris.get(approved.headers.get("location")!)).text())).not.toContain(`Claim ${number} approved`);
    const credits = await creditsFor(id);
    expect(credits).toHaveLength(1);
    expect(credits[0]).toMatchObject({ amount: 396, kind: "earn", userId: marta.id, descriptionKey: "claims.ledger.credit" });
    expect(credits[0].calculation).toEqual((await claimRow(id)).calculation);
    expect(await getBalance(db, marta.id)).toBe(before + 396);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, "claim.approved")));
    expect(audit.actorId).toBe((await actorFor(PEOPLE.chris)).id);
    expect(audit.details).toMatchObject({ points: 396, credited: 396 });

    // Approving again is refused with a clear message; nothing more is credited.
    const again = await as.dana.post(`/claims/${id}`, { intent: "approve" });
    expect(again.status).toBe(409);
    expect(textOf(await again.text())).toContain("Someone has already dealt with this claim");
    expect(await creditsFor(id)).toHaveLength(1);
  });

  it("credits exactly once when the same claim is approved by many requests at the same moment", async () => {
    const sam = await actorFor(PEOPLE.sam);
    const before = await getBalance(db, sam.id);
    const id = await submitNew(
      as.sam,
      claimForm({ invoice: "RACE-1", date: daysAgo(1), lines: [{ sku: "VT-AG125", qty: 1, serials: serials(1) }] }),
    );
    // Eight requests from two channel managers, fired together against the real PostgreSQL server.
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? as.chris : as.dana).post(`/claims/${id}`, { intent: "approve" })),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([302, 409, 409, 409, 409, 409, 409, 409]);
    for (const r of responses.filter((x) => x.status === 409))
      expect(textOf(await r.text())).toContain("Someone has already dealt with this claim");
    // Gold (x1.25): 90 x 1.25 = 112.5 -> 113, once.
    expect(await creditsFor(id)).toHaveLength(1);
    expect(await getBalance(db, sam.id)).toBe(before + 113);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, "claim.approved")));
    expect(audits).toHaveLength(1);
    const mails = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.template, "claim_decided"), sql`${emailOutbox.props}->>'number' = ${String((await claimRow(id)).number)}`));
    expect(mails).toHaveLength(1);
  });

  it("credits once when approveClaim itself races twenty times in one process", async () => {
    const sam = await actorFor(PEOPLE.sam);
    const chris = await actorFor(PEOPLE.chris);
    const id = await submitNew(as.sam, claimForm({ invoice: "RACE-2", date: daysAgo(1), lines: [{ sku: "VT-B18-20", qty: 2 }] }));
    const before = await getBalance(db, sam.id);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => approveClaim(db, chris, id)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((x) => x.status === "rejected") as PromiseRejectedResult[]) {
      expect(r.reason).toBeInstanceOf(UserError);
      expect((r.reason as UserError).status).toBe(409);
    }
    expect(await creditsFor(id)).toHaveLength(1);
    const credited = (await claimRow(id)).creditedPoints!;
    expect(await getBalance(db, sam.id)).toBe(before + credited);
  });

  it("is rejected with a reason the claimant reads by email and in the app, corrected, resubmitted and approved", async () => {
    const id = await submitNew(
      as.marta,
      claimForm({ invoice: "INV-FIX-1", date: daysAgo(5), lines: [{ sku: "VT-AG230", qty: 1, serials: serials(1) }] }),
    );
    const noReason = await as.chris.post(`/claims/${id}`, { intent: "reject", note: "" });
    expect(noReason.status).toBe(400);
    expect(textOf(await noReason.text())).toContain("Write a few words the claimant will understand.");
    expect((await claimRow(id)).status).toBe("in_review");

    const rejected = await as.chris.post(`/claims/${id}`, { intent: "reject", note: "The photo shows a different invoice number." });
    expect(rejected.status).toBe(302);
    const row = await claimRow(id);
    expect(row).toMatchObject({ status: "rejected", decisionNote: "The photo shows a different invoice number." });

    await deliverDueEmails(db, { smtpUrl: smtp.url, limit: 1000 });
    const mail = await smtp.waitFor((m) => m.to.includes(PEOPLE.marta) && m.subject.includes(`Claim ${row.number} rejected`));
    expect(mail.text).toContain("The photo shows a different invoice number.");
    expect(mail.text).toContain("Did you know?");
    expect(mail.links.some((l) => l.endsWith(`/claims/${id}`))).toBe(true);
    const [notice] = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, (await actorFor(PEOPLE.marta)).id), eq(notifications.link, `/claims/${id}`)));
    expect(notice.titleKey).toBe("claims.notice.rejected");

    // The claimant sees why, corrects the invoice number and sends it again (the photo stays).
    const page = textOf(await (await as.marta.get(`/claims/${id}`)).text());
    expect(page).toContain("Rejected because: The photo shows a different invoice number.");
    expect(page).toContain("Correct and send again");
    const edit = await as.marta.get(`/claims/${id}/edit`);
    expect(edit.status).toBe(200);
    // The same serial number as before: a claim keeps its own serials when it is sent again; no new photo.
    const [{ serial }] = (await db.execute(sql`select serial from claim_serials where claim_id = ${id}`)) as unknown as Array<{
      serial: string;
    }>;
    const fixed = claimForm({
      invoice: "INV-FIX-1B",
      date: daysAgo(5),
      lines: [{ sku: "VT-AG230", qty: 1, serials: [serial] }],
      file: null,
    });
    const resent = await as.marta.post(`/claims/${id}/edit`, fixed);
    expect(resent.status).toBe(302);
    expect(resent.headers.get("location")).toBe(`/claims/${id}?sent=${id}`);
    expect(await claimRow(id)).toMatchObject({ status: "in_review", invoiceNumber: "INV-FIX-1B", decisionNote: null });

    const ok = await as.dana.post(`/claims/${id}`, { intent: "approve" });
    expect(ok.status).toBe(302);
    await deliverDueEmails(db, { smtpUrl: smtp.url, limit: 1000 });
    const good = await smtp.waitFor((m) => m.to.includes(PEOPLE.marta) && m.subject.includes(`Claim ${row.number} approved`));
    // 140 x 1.5 = 210
    expect(good.text).toContain("210 points were added to your balance");
    const history = textOf(await (await as.marta.get(`/claims/${id}`)).text());
    expect(history).toContain("rejected it");
    expect(history).toContain("corrected it and sent it again");
    expect(history).toContain("approved it");
  });

  it("asks for more information; the claimant answers by editing, and cannot edit a claim under review", async () => {
    const id = await submitNew(as.tomas, claimForm({ invoice: "INV-ASK-1", date: daysAgo(2), lines: [{ sku: "VT-LD50", qty: 1 }] }));
    const locked = await as.tomas.post(
      `/claims/${id}/edit`,
      claimForm({ invoice: "CHANGED", date: daysAgo(2), lines: [{ sku: "VT-LD50", qty: 9 }] }),
    );
    expect(locked.status).toBe(409);
    expect(textOf(await locked.text())).toContain("This claim can no longer be changed.");
    await as.chris.post(`/claims/${id}`, { intent: "request_info", note: "Which outlet sold this?" });
    expect((await claimRow(id)).status).toBe("info_requested");
    const res = await as.tomas.post(
      `/claims/${id}/edit`,
      claimForm({
        invoice: "INV-ASK-1",
        date: daysAgo(2),
        lines: [{ sku: "VT-LD50", qty: 1 }],
        file: new File([jpegBytes()], "riga.jpg", { type: "image/jpeg" }),
      }),
    );
    expect(res.status).toBe(302);
    expect((await claimRow(id)).status).toBe("in_review");
    const files = (await db.execute(sql`select count(*)::int as n from claim_files where claim_id = ${id}`)) as unknown as Array<{
      n: number;
    }>;
    expect(files[0].n).toBe(2);
  });
});

describe("who sees a claim", () => {
  it("shows a claim and its invoice to the claimant, their executive and manager and the channel team; to anyone else it does not exist", async () => {
    const id = await submitNew(as.marta, claimForm({ invoice: "INV-PRIVATE-1", date: daysAgo(1), lines: [{ sku: "VT-LD50", qty: 1 }] }));
    for (const who of ["marta", "ona", "lukas", "chris", "admin"]) {
      const page = await as[who].get(`/claims/${id}`);
      expect(page.status, who).toBe(200);
      const file = await as[who].get(`/claims/${id}/evidence`);
      expect(file.status, who).toBe(200);
      expect(file.headers.get("content-type")).toBe("image/jpeg");
      expect(file.headers.get("cache-control")).toContain("no-store");
      expect(Buffer.from(await file.arrayBuffer()).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    }
    // Another partner's people, and a colleague who is not a manager: not found, and nothing leaks.
    for (const who of ["sam", "harry", "emma", "tomas"]) {
      const page = await as[who].get(`/claims/${id}`);
      expect(page.status, who).toBe(404);
      expect(await page.text()).not.toContain("INV-PRIVATE-1");
      expect((await as[who].get(`/claims/${id}/evidence`)).status, who).toBe(404);
    }
    expect((await new Visitor(portal.url).get(`/claims/${id}/evidence`)).status).toBe(302);
    // The executive reads, but cannot decide.
    expect(textOf(await (await as.ona.get(`/claims/${id}`)).text())).not.toContain("Approve and credit");
    expect((await as.ona.post(`/claims/${id}`, { intent: "approve" })).status).toBe(403);
    expect((await as.lukas.post(`/claims/${id}`, { intent: "approve" })).status).toBe(403);
    expect((await claimRow(id)).status).toBe("in_review");
  });

  it("lists an organisation's claims to its executive, read-only, and a salesperson's own claims only to them", async () => {
    await submitNew(as.tomas, claimForm({ invoice: "INV-TOMAS-LIST", date: daysAgo(1), lines: [{ sku: "VT-LD50", qty: 1 }] }));
    const exec = textOf(await (await as.ona.get("/claims")).text());
    expect(exec).toContain("Sales claims");
    expect(exec).toContain("INV-TOMAS-LIST");
    expect(exec).toContain("Only the people who made them can change them.");
    expect(exec).not.toContain("New claim");
    expect(textOf(await (await as.marta.get("/claims")).text())).not.toContain("INV-TOMAS-LIST");
    expect(textOf(await (await as.emma.get("/claims")).text())).not.toContain("INV-TOMAS-LIST");
  });
});

describe("the partner manager's check", () => {
  it("sends a salesperson's claim to their manager first when the programme asks, and on to the channel manager after", async () => {
    await db.update(programmeSettings).set({ partnerManagerCheck: true });
    try {
      const id = await submitNew(as.marta, claimForm({ invoice: "INV-CHECK-1", date: daysAgo(1), lines: [{ sku: "VT-BIT32", qty: 1 }] }));
      expect((await claimRow(id)).status).toBe("manager_check");
      expect(textOf(await (await as.marta.get(`/claims/${id}?sent=new`)).text())).toContain("Your manager checks it first");
      // Lukas is told and finds it in his queue; the channel manager does not see it yet.
      const lukas = await actorFor(PEOPLE.lukas);
      const told = await db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, lukas.id), eq(notifications.link, `/claims/${id}`)));
      expect(told).toHaveLength(1);
      expect(textOf(await (await as.lukas.get("/claims/check")).text())).toContain("INV-CHECK-1");
      expect(textOf(await (await as.chris.get("/claims/review")).text())).not.toContain("INV-CHECK-1");
      // Another partner's manager cannot act on it; the channel manager cannot approve it early.
      expect((await as.harry.post(`/claims/${id}`, { intent: "confirm" })).status).toBe(404);
      expect((await as.chris.post(`/claims/${id}`, { intent: "approve" })).status).toBe(409);

      const confirmed = await as.lukas.post(`/claims/${id}`, { intent: "confirm" });
      expect(confirmed.status).toBe(200);
      expect(await claimRow(id)).toMatchObject({ status: "in_review", checkedBy: lukas.id });
      expect(textOf(await (await as.chris.get("/claims/review")).text())).toContain("INV-CHECK-1");

      // A manager's own claim skips the check (nobody would check it).
      const own = await submitNew(
        as.lukas,
        claimForm({ invoice: "INV-CHECK-OWN", date: daysAgo(1), lines: [{ sku: "VT-BIT32", qty: 1 }] }),
      );
      expect((await claimRow(own)).status).toBe("in_review");

      // Sending back for correction tells the claimant.
      const back = await submitNew(as.tomas, claimForm({ invoice: "INV-CHECK-2", date: daysAgo(1), lines: [{ sku: "VT-BIT32", qty: 1 }] }));
      expect((await as.lukas.post(`/claims/${back}`, { intent: "return", note: "Wrong invoice date, it was yesterday." })).status).toBe(
        200,
      );
      expect(await claimRow(back)).toMatchObject({ status: "info_requested", decisionNote: "Wrong invoice date, it was yesterday." });
      await deliverDueEmails(db, { smtpUrl: smtp.url, limit: 1000 });
      await smtp.waitFor((m) => m.to.includes(PEOPLE.tomas) && m.subject.includes("sent back by your manager"));
    } finally {
      await db.update(programmeSettings).set({ partnerManagerCheck: false });
    }
  });
});

describe("the approval queue", () => {
  it("flags near-duplicate invoices and unusual quantities, filters, and approves in bulk what is still waiting", async () => {
    // A big quantity with no history is flagged as large; once approved sales exist, against their average.
    const big = await submitNew(as.tomas, claimForm({ invoice: "INV-BIG", date: daysAgo(3), lines: [{ sku: "VT-DISC10", qty: 12 }] }));
    expect((await claimRow(big)).flags).toEqual([{ key: "claims.flag.large_quantity", vars: { sku: "VT-DISC10", qty: 12 } }]);
    const usual = await submitNew(as.tomas, claimForm({ invoice: "INV-USUAL", date: daysAgo(3), lines: [{ sku: "VT-DISC10", qty: 5 }] }));
    expect((await as.dana.post(`/claims/${usual}`, { intent: "approve" })).status).toBe(302);
    const first = await submitNew(as.sam, claimForm({ invoice: "NF/55501", date: daysAgo(2), lines: [{ sku: "VT-B18-20", qty: 2 }] }));
    const similar = await submitNew(as.marta, claimForm({ invoice: "nf-55501", date: daysAgo(2), lines: [{ sku: "VT-B18-20", qty: 1 }] }));
    const many = await submitNew(as.marta, claimForm({ invoice: "INV-MANY", date: daysAgo(2), lines: [{ sku: "VT-DISC10", qty: 60 }] }));
    expect((await claimRow(first)).flags).toEqual([]);
    expect((await claimRow(similar)).flags.map((f) => f.key)).toEqual(["claims.flag.similar_invoice"]);
    // The approved claim sold 5 packs of discs: 60 stands out (more than three times the average).
    expect((await claimRow(many)).flags.map((f) => f.key)).toEqual(["claims.flag.unusual_quantity"]);

    const flagged = textOf(await (await as.chris.get("/claims/review?flagged=1")).text());
    expect(flagged).toContain("Invoice number looks like claim");
    expect(flagged).toContain("from Northfield Building Supplies.");
    expect(flagged).toContain("60 × VT-DISC10 is unusual: approved claims average 5.");
    expect(flagged).not.toContain("NF/55501");
    // The flags are for the channel team; the claimant's page does not show them.
    expect(textOf(await (await as.marta.get(`/claims/${similar}`)).text())).not.toContain("looks like claim");

    const [northfield] = (await db.execute(
      sql`select id from organisations where name = 'Northfield Building Supplies'`,
    )) as unknown as Array<{ id: string }>;
    const byPartner = textOf(await (await as.chris.get(`/claims/review?partner=${northfield.id}`)).text());
    expect(byPartner).toContain("NF/55501");
    expect(byPartner).not.toContain("INV-MANY");
    // The partner box takes part of a name in any case (no list of every partner on the page).
    const typed = await (await as.chris.get("/claims/review?partner=northfield")).text();
    expect(textOf(typed)).toContain("NF/55501");
    expect(textOf(typed)).not.toContain("INV-MANY");
    expect(typed).toMatch(/<input[^>]*name="partner"[^>]*value="northfield"/);
    expect(textOf(await (await as.chris.get("/claims/review?partner=%25")).text())).not.toContain("NF/55501");
    const byRegion = textOf(await (await as.chris.get("/claims/review?region=Baltics")).text());
    expect(byRegion).toContain("INV-MANY");
    expect(byRegion).not.toContain("NF/55501");
    // 60 x 5 x 1.5 = 450 points; 2 x 25 x 1.25 = 63 (promotion aside).
    expect(textOf(await (await as.chris.get("/claims/review?min=400")).text())).toContain("INV-MANY");
    expect(textOf(await (await as.chris.get("/claims/review?min=400")).text())).not.toContain("NF/55501");
    expect(textOf(await (await as.chris.get("/claims/review?age=30")).text())).not.toContain("INV-MANY");
    // Nonsense in the address bar is ignored, never an error.
    expect((await as.chris.get("/claims/review?partner=x&min=-1&age=abc")).status).toBe(200);

    // Bulk: one of three was decided meanwhile; the other two are approved, each once.
    await as.dana.post(`/claims/${similar}`, { intent: "reject", note: "Duplicate of a Northfield invoice." });
    const bulk = await as.chris.post("/claims/review", { intent: "bulk_approve", claimIds: [first, similar, many] });
    expect(bulk.status).toBe(200);
    const text = textOf(await bulk.text());
    expect(text).toContain("2 claims approved.");
    expect(text).toContain("1 could not be approved (already decided).");
    expect((await claimRow(first)).status).toBe("approved");
    expect((await claimRow(many)).status).toBe("approved");
    expect((await claimRow(similar)).status).toBe("rejected");
    expect(await creditsFor(first)).toHaveLength(1);
    expect(await creditsFor(similar)).toHaveLength(0);
    const none = await as.chris.post("/claims/review", { intent: "bulk_approve" });
    expect(none.status).toBe(400);
    expect(textOf(await none.text())).toContain("Select at least one claim.");
  });
});
