import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { autoApproveMatched, matchesNow, refreshMatches } from "../../app/domain/sellout/match.server";
import { type LineStatus, claimStatus, matchLine, type SoldRow } from "../../app/domain/sellout/rows";
import { getBalance } from "../../app/domain/points/ledger.server";
import { getDb } from "../../db/client";
import {
  auditLog,
  claimLines,
  claims,
  ledgerEntries,
  organisations,
  selloutMatches,
  selloutReporters,
  selloutRows,
  selloutSerials,
  selloutSettings,
  selloutUploads,
  users,
} from "../../db/schema";
import { claimForm, daysAgo, serials, submitNew, textOf } from "../support/claims";
import { usePortal } from "../support/fixtures";
import { actorFor } from "../support/portal";

const db = await getDb();
const PEOPLE = {
  marta: "marta@baltictools.example", // salesperson, Baltic Tools (a distributor)
  sam: "sam@northfield.example", // salesperson, Northfield (a dealer)
  ona: "ona@baltictools.example", // executive, Baltic Tools
  emma: "emma@northfield.example", // executive, Northfield (a dealer: reports nothing)
  chris: "chris@volta.example", // channel manager
};
const portal = usePortal<keyof typeof PEOPLE>({ people: PEOPLE });
const { as } = portal;

function csvFile(lines: string[], name = "sellout.csv") {
  const form = new FormData();
  form.set("intent", "upload");
  form.set("file", new File([lines.join("\r\n")], name, { type: "text/csv" }));
  return form;
}
const HEADER = "partner,invoice_number,invoice_date,sku,quantity,serial_numbers";

async function credits(claimId: string) {
  return db
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.sourceType, "claim"), eq(ledgerEntries.sourceId, claimId)));
}

/** The rule in plain code (rows.ts) over everything in the sell-out tables, for these claims. */
async function byTheRule(claimIds: string[]) {
  const sold = await db.select().from(selloutRows);
  const serialRows = await db.select().from(selloutSerials);
  const rows: SoldRow[] = [
    ...sold.map((r) => ({ partnerId: r.partnerId, invoiceKey: r.invoiceKey, sku: r.sku, quantity: r.quantity, serials: [] })),
    ...serialRows.map((s) => ({ partnerId: s.partnerId, invoiceKey: "", sku: s.sku, quantity: 0, serials: [s.serial] })),
  ];
  const out: Record<string, { status: LineStatus; foreign: string[] }> = {};
  for (const id of claimIds) {
    const [claim] = await db.select().from(claims).where(eq(claims.id, id));
    const lines = await db.select().from(claimLines).where(eq(claimLines.claimId, id));
    const each = lines.map((l) =>
      matchLine(claim.organisationId, claim.invoiceKey, { sku: l.sku, quantity: l.quantity ?? 1, serials: l.serials }, rows),
    );
    out[id] = { status: claimStatus(each.map((e) => e.status)), foreign: [...new Set(each.flatMap((e) => e.foreign))].sort() };
  }
  return out;
}

describe("sell-out data validates claims", () => {
  const drill = serials(2, "SO");
  const grinder = serials(1, "SO");
  const stray = serials(1, "SO");
  const ids: Record<string, string> = {};

  it("refuses a file with bad rows, listing each with its line, and stores nothing", async () => {
    const res = await as.chris.post(
      "/sellout",
      csvFile([
        HEADER,
        `Baltic Tools Distribution,SO-1,${daysAgo(2)},VT-BIT32,3,`,
        `Nowhere Ltd,SO-1,${daysAgo(2)},VT-BIT32,3,`,
        `Baltic Tools Distribution,SO-1,yesterday,VT-BIT32,3,`,
        `Baltic Tools Distribution,SO-1,${daysAgo(2)},VT-BIT32,many,`,
      ]),
    );
    expect(res.status).toBe(400);
    const page = textOf(await res.text());
    expect(page).toContain('Line 3: "Nowhere Ltd" is not a partner you report for.');
    expect(page).toContain('Line 4: "yesterday" is not a date (YYYY-MM-DD).');
    expect(page).toContain("Line 5: the quantity must be a whole number from 1 to 100,000.");
    expect(await db.select().from(selloutUploads)).toHaveLength(0);

    const missing = await as.chris.post("/sellout", csvFile(["partner,sku", "Baltic Tools Distribution,VT-BIT32"]));
    expect(missing.status).toBe(400);
    expect(textOf(await missing.text())).toContain("The header line lacks these columns: invoice, date, quantity.");
  });

  it("matches claims serial first, then invoice + SKU + quantity, and flags a serial sold by another partner", async () => {
    // Claims first: the queue compares them with whatever data arrives later.
    ids.serial = await submitNew(
      as.marta,
      claimForm({ invoice: "SO-100", date: daysAgo(3), lines: [{ sku: "VT-DR18", qty: 2, serials: drill }] }),
    );
    ids.invoice = await submitNew(as.marta, claimForm({ invoice: "so-200", date: daysAgo(3), lines: [{ sku: "VT-BIT32", qty: 4 }] }));
    ids.partial = await submitNew(
      as.marta,
      claimForm({
        invoice: "SO-300",
        date: daysAgo(3),
        lines: [
          { sku: "VT-BIT32", qty: 5 },
          { sku: "VT-AG125", qty: 1, serials: grinder },
        ],
      }),
    );
    ids.unmatched = await submitNew(as.marta, claimForm({ invoice: "SO-400", date: daysAgo(3), lines: [{ sku: "VT-BIT32", qty: 1 }] }));
    // Sam (Northfield) claims a grinder whose serial the data shows sold by Baltic Tools.
    ids.foreign = await submitNew(
      as.sam,
      claimForm({ invoice: "NF-1", date: daysAgo(3), lines: [{ sku: "VT-AG125", qty: 1, serials: stray }] }),
    );

    const baltic = "Baltic Tools Distribution";
    const res = await as.chris.post(
      "/sellout",
      csvFile([
        HEADER,
        `${baltic},INV-X,${daysAgo(3)},vt-dr18,2,"${drill.join(" ")}"`,
        `${baltic},SO-200,${daysAgo(3)},VT-BIT32,3,`,
        `${baltic}, so-200 ,${daysAgo(3)},VT-BIT32,1,`,
        `${baltic},SO-300,${daysAgo(3)},VT-BIT32,2,`,
        `${baltic},SO-300,${daysAgo(3)},VT-AG125,1,${grinder[0]}`,
        `${baltic},SO-999,${daysAgo(3)},VT-AG125,1,${stray[0]}`,
      ]),
    );
    expect(res.status).toBe(200);
    expect(textOf(await res.text())).toContain("6 rows loaded.");

    const now = await matchesNow(db, Object.values(ids));
    expect(Object.fromEntries(Object.entries(ids).map(([k, id]) => [k, now[id].status]))).toEqual({
      serial: "matched",
      invoice: "matched",
      partial: "partial",
      unmatched: "unmatched",
      foreign: "unmatched",
    });
    expect(now[ids.foreign].foreignSerials).toEqual(stray);
    expect(now[ids.partial]).toMatchObject({ linesTotal: 2, linesMatched: 1 });
    // The set-based SQL says what the rule in plain code says, claim by claim.
    const rule = await byTheRule(Object.values(ids));
    for (const id of Object.values(ids)) expect({ status: now[id].status, foreign: now[id].foreignSerials }).toEqual(rule[id]);

    // The stored outcome (what automatic approval reads) is the same.
    await refreshMatches(db);
    const stored = await db
      .select()
      .from(selloutMatches)
      .where(inArray(selloutMatches.claimId, Object.values(ids)));
    for (const s of stored) expect(s.status).toBe(now[s.claimId].status);

    // The channel manager's queue shows it.
    const queue = textOf(await (await as.chris.get("/claims/review")).text());
    expect(queue).toContain("Sell-out: matched");
    expect(queue).toContain("Sell-out: 1 of 2 lines matched");
    expect(queue).toContain("Sell-out: not found");
    expect(queue).toContain(`Serial sold by another partner: ${stray[0]}`);
    const overview = textOf(await (await as.chris.get("/sellout")).text());
    expect(overview).toMatch(/\d+ matched/);
    expect(overview).toContain("1 with a serial sold by another partner");
  });

  it("approves fully matched claims once, by the system, however many runs race", async () => {
    const marta = await actorFor(PEOPLE.marta);
    const before = await getBalance(db, marta.id);
    const off = await autoApproveMatched(db);
    expect(off).toEqual({ approved: 0, skipped: 0 });

    const on = await as.chris.post("/sellout", { intent: "settings", autoApprove: "on" });
    expect(on.status).toBe(200);
    // Switching it on already approved what matched; six more runs at once change nothing.
    const runs = await Promise.all(Array.from({ length: 6 }, () => autoApproveMatched(db)));
    expect(runs.reduce((n, r) => n + r.approved, 0)).toBe(0);

    for (const key of ["serial", "invoice"]) {
      const [claim] = await db.select().from(claims).where(eq(claims.id, ids[key]));
      expect(claim.status).toBe("approved");
      expect(await credits(ids[key])).toHaveLength(1);
      const audits = await db
        .select({ actorId: auditLog.actorId })
        .from(auditLog)
        .where(and(eq(auditLog.entityId, ids[key]), eq(auditLog.action, "claim.approved")));
      expect(audits).toHaveLength(1);
      const [system] = await db.select().from(users).where(eq(users.id, audits[0].actorId!));
      expect(system).toMatchObject({ email: "sellout-automation@system.invalid", status: "deactivated", passwordHash: null });
    }
    for (const key of ["partial", "unmatched", "foreign"]) {
      const [claim] = await db.select().from(claims).where(eq(claims.id, ids[key]));
      expect(claim.status, key).toBe("in_review");
      expect(await credits(ids[key])).toHaveLength(0);
    }
    // Platinum (x1.5): 2 x 120 x 1.5 = 360, and 4 x 8 x 1.5 = 48.
    expect(await getBalance(db, marta.id)).toBe(before + 360 + 48);
    const mine = textOf(await (await as.marta.get(`/claims/${ids.invoice}`)).text());
    expect(mine).toContain("Total: 48 points");
  });

  it("a matched claim is approved once when many job runs start together", async () => {
    // Off while the data arrives, so the eight runs below race for the claim.
    await db.update(selloutSettings).set({ autoApprove: false });
    const more = serials(1, "SO");
    const id = await submitNew(
      as.marta,
      claimForm({ invoice: "SO-500", date: daysAgo(1), lines: [{ sku: "VT-AG125", qty: 1, serials: more }] }),
    );
    const up = await as.chris.post(
      "/sellout",
      csvFile([HEADER, `Baltic Tools Distribution,SO-500,${daysAgo(1)},VT-AG125,1,${more[0]}`], "late.csv"),
    );
    expect(up.status).toBe(200);
    expect((await db.select().from(claims).where(eq(claims.id, id)))[0].status).toBe("in_review");
    await db.update(selloutSettings).set({ autoApprove: true });
    const runs = await Promise.all(Array.from({ length: 8 }, () => autoApproveMatched(db)));
    expect(runs.reduce((n, r) => n + r.approved, 0)).toBe(1);
    expect(await credits(id)).toHaveLength(1);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, "claim.approved")));
    expect(audits).toHaveLength(1);
    // The salesperson sees the claim approved with its points.
    const page = textOf(await (await as.marta.get(`/claims/${id}`)).text());
    expect(page).toContain("Approved");
  });

  it("a withdrawn upload no longer matches; a distributor reports only for its dealers", async () => {
    const [upload] = await db
      .select()
      .from(selloutUploads)
      .where(and(eq(selloutUploads.filename, "late.csv"), eq(selloutUploads.status, "active")));
    const noReason = await as.chris.post("/sellout", { intent: "withdraw", uploadId: upload.id, reason: "" });
    expect(noReason.status).toBe(400);
    expect(textOf(await noReason.text())).toContain("Say why the upload is withdrawn");
    const done = await as.chris.post("/sellout", { intent: "withdraw", uploadId: upload.id, reason: "Wrong month" });
    expect(done.status).toBe(200);
    expect(await db.select().from(selloutRows).where(eq(selloutRows.uploadId, upload.id))).toHaveLength(0);
    const again = await as.chris.post("/sellout", { intent: "withdraw", uploadId: upload.id, reason: "Wrong month" });
    expect(again.status).toBe(409);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, upload.id), eq(auditLog.action, "sellout.withdrawn")));
    expect(audit.reason).toBe("Wrong month");

    // Ona (Baltic Tools, a distributor) may report for Baltic Tools, not yet for Northfield.
    const row = (partner: string) => `${partner},NF-2,${daysAgo(1)},VT-BIT32,1,`;
    const refused = await as.ona.post("/sellout", csvFile([HEADER, row("Northfield Building Supplies")]));
    expect(refused.status).toBe(400);
    expect(textOf(await refused.text())).toContain('Line 2: "Northfield Building Supplies" is not a partner you report for.');
    const [baltic] = await db.select().from(organisations).where(eq(organisations.name, "Baltic Tools Distribution"));
    const [northfield] = await db.select().from(organisations).where(eq(organisations.name, "Northfield Building Supplies"));
    await db.insert(selloutReporters).values({ distributorId: baltic.id, dealerId: northfield.id });
    const ok = await as.ona.post("/sellout", csvFile([HEADER, row("Northfield Building Supplies")], "ona.csv"));
    expect(ok.status).toBe(200);
    // Ona sees her own uploads only; the channel manager's are not hers to withdraw.
    const onaPage = textOf(await (await as.ona.get("/sellout")).text());
    expect(onaPage).toContain("ona.csv");
    expect(onaPage).not.toContain("late.csv");
    const [chrisUpload] = await db
      .select()
      .from(selloutUploads)
      .where(and(eq(selloutUploads.status, "active"), eq(selloutUploads.filename, "sellout.csv")));
    const notHers = await as.ona.post("/sellout", { intent: "withdraw", uploadId: chrisUpload.id, reason: "x" });
    expect(notHers.status).toBe(404);
    // She cannot switch automatic approval; a dealer's executive reports nothing.
    expect((await as.ona.post("/sellout", { intent: "settings", autoApprove: "off" })).status).toBe(403);
    expect(textOf(await (await as.emma.get("/sellout")).text())).toContain("Your organisation does not report sell-out data.");
    const [settings] = await db.select().from(selloutSettings);
    expect(settings.autoApprove).toBe(true);
  });
});
