import { existsSync } from "node:fs";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { creditPoints } from "../../app/domain/points/ledger.server";
import { MAX_EVIDENCE_BYTES, isoDate } from "../../app/domain/claims/shared";
import { getDb } from "../../db/client";
import { auditLog, claimSerials, claims, productRates, products } from "../../db/schema";
import { DEMO_PASSWORD } from "../../scripts/seed/index";
import { claimForm, daysAgo, jpegBytes, serials, submitNew, textOf } from "../support/claims";
import { actorFor, Visitor } from "../support/portal";
import { usePortal } from "../support/fixtures";

const portal = usePortal({
  people: {
    marta: "marta@baltictools.example",
    tomas: "tomas@baltictools.example",
    sam: "sam@northfield.example",
    chris: "chris@volta.example",
    admin: "admin@volta.example",
  },
});
const { as } = portal;
const db = await getDb();

/** Posts a claim expected to be refused; returns the status and the page text. */
async function refused(v: Visitor, form: FormData, path = "/claims/new") {
  const before = (await db.select({ n: sql<number>`count(*)::int` }).from(claims))[0].n;
  const res = await v.post(path, form);
  const after = (await db.select({ n: sql<number>`count(*)::int` }).from(claims))[0].n;
  expect(after, "a refused claim was stored").toBe(before);
  const html = await res.text();
  return { status: res.status, text: textOf(html), html };
}

describe("claim validation", () => {
  it("refuses each broken rule with a message next to its field, keeps what was typed, never a 500", async () => {
    const cases: Array<[string, FormData, string]> = [
      ["no invoice number", claimForm({ invoice: "  ", date: daysAgo(1), lines: [{ sku: "VT-LD50", qty: 1 }] }), "Please fill this in."],
      [
        "a date in the future",
        claimForm({ invoice: "V-1", date: isoDate(new Date(Date.now() + 3 * 86_400_000)), lines: [{ sku: "VT-LD50", qty: 1 }] }),
        "The invoice date cannot be in the future.",
      ],
      [
        "a date outside the 90-day window",
        claimForm({ invoice: "V-2", date: daysAgo(91), lines: [{ sku: "VT-LD50", qty: 1 }] }),
        "Invoices older than 90 days cannot be claimed.",
      ],
      [
        "a date that does not exist",
        claimForm({ invoice: "V-3", date: "2026-02-30", lines: [{ sku: "VT-LD50", qty: 1 }] }),
        "Enter a real date.",
      ],
      ["no products", claimForm({ invoice: "V-4", date: daysAgo(1), lines: [] }), "Add at least one product."],
      [
        "an unknown SKU",
        claimForm({ invoice: "V-5", date: daysAgo(1), lines: [{ sku: "XX-NOPE", qty: 1 }] }),
        "“XX-NOPE” is not a product in the programme.",
      ],
      [
        "a discontinued product",
        claimForm({ invoice: "V-6", date: daysAgo(1), lines: [{ sku: "VT-OLD-DR12", qty: 1, serials: serials(1) }] }),
        "VT-OLD-DR12 is no longer in the programme.",
      ],
      [
        "a quantity of zero",
        claimForm({ invoice: "V-7", date: daysAgo(1), lines: [{ sku: "VT-LD50", qty: 0 }] }),
        "The quantity must be at least 1.",
      ],
      [
        "a negative quantity",
        claimForm({ invoice: "V-8", date: daysAgo(1), lines: [{ sku: "VT-LD50", qty: -2 }] }),
        "The quantity must be at least 1.",
      ],
      [
        "a quantity above the bound",
        claimForm({ invoice: "V-9", date: daysAgo(1), lines: [{ sku: "VT-LD50", qty: 1000 }] }),
        "At most 999 units per line.",
      ],
      [
        "a quantity that is not a number",
        claimForm({ invoice: "V-10", date: daysAgo(1), lines: [{ sku: "VT-LD50", qty: "two" }] }),
        "Enter a whole number.",
      ],
      ["a fraction", claimForm({ invoice: "V-11", date: daysAgo(1), lines: [{ sku: "VT-LD50", qty: "1.5" }] }), "Enter a whole number."],
      [
        "missing serial numbers",
        claimForm({ invoice: "V-12", date: daysAgo(1), lines: [{ sku: "VT-DR18", qty: 3, serials: serials(1) }] }),
        "Enter a serial number for every unit (2 missing).",
      ],
      [
        "a serial number twice in one claim",
        claimForm({ invoice: "V-13", date: daysAgo(1), lines: [{ sku: "VT-DR18", qty: 2, serials: ["SAME-1", "same-1"] }] }),
        "Serial number SAME-1 is entered twice.",
      ],
      [
        "no invoice file",
        claimForm({ invoice: "V-14", date: daysAgo(1), lines: [{ sku: "VT-LD50", qty: 1 }], file: null }),
        "Attach a photo or PDF of the invoice.",
      ],
    ];
    const nul = claimForm({ invoice: "V-\u0000-15", date: daysAgo(1), lines: [{ sku: "VT-LD50", qty: 1, serials: [] }] });
    cases.push(["a NUL character", nul, "This value is not valid."]);
    for (const [what, form, message] of cases) {
      const r = await refused(as.marta, form);
      expect(r.status, what).toBe(400);
      expect(r.text, what).toContain(message);
      // What was typed is still on the page.
      const invoice = String(form.get("invoiceNumber")).trim();
      if (invoice && !invoice.includes("\u0000")) expect(r.html, what).toContain(`value="${invoice}"`);
    }
  });

  it("accepts a claim only with a real photo or PDF, checked by its content, within 8 MB", async () => {
    const disguised = new File([new TextEncoder().encode("<html><script>alert(1)</script></html>")], "invoice.jpg", { type: "image/jpeg" });
    const r1 = await refused(
      as.marta,
      claimForm({ invoice: "F-1", date: daysAgo(1), lines: [{ sku: "VT-LD50", qty: 1 }], file: disguised }),
    );
    expect(r1.status).toBe(415);
    expect(r1.text).toContain("Only a photo (JPEG, PNG, WebP, HEIC) or a PDF of the invoice can be attached.");
    const big = new File([jpegBytes(MAX_EVIDENCE_BYTES + 1)], "huge.jpg", { type: "image/jpeg" });
    const r2 = await refused(as.marta, claimForm({ invoice: "F-2", date: daysAgo(1), lines: [{ sku: "VT-LD50", qty: 1 }], file: big }));
    expect(r2.status).toBe(413);
    expect(r2.text).toContain("The file is larger than 8 MB.");
    // Far beyond any accepted file: refused from its size alone, before the upload is read.
    const huge = new File([jpegBytes(9 * 1024 * 1024)], "huge.jpg", { type: "image/jpeg" });
    const r3 = await refused(as.marta, claimForm({ invoice: "F-2B", date: daysAgo(1), lines: [{ sku: "VT-LD50", qty: 1 }], file: huge }));
    expect(r3.status).toBe(413);
    expect(r3.text).toContain("The file is larger than 8 MB.");
    const pdf = new File([new TextEncoder().encode("%PDF-1.4\n% an invoice\n")], "scan.bin", { type: "application/octet-stream" });
    const id = await submitNew(as.marta, claimForm({ invoice: "F-3", date: daysAgo(1), lines: [{ sku: "VT-LD50", qty: 1 }], file: pdf }));
    const served = await as.marta.get(`/claims/${id}/evidence`);
    expect(served.headers.get("content-type")).toBe("application/pdf");
    expect(served.headers.get("x-content-type-options")).toContain("nosniff");
    // The file is kept outside the web root under a random name, never under the name it came with.
    const [file] = (await db.execute(sql`select stored_name from claim_files where claim_id = ${id}`)) as unknown as Array<{
      stored_name: string;
    }>;
    expect(file.stored_name).toMatch(/^[0-9a-f]{32}\.pdf$/);
    expect((await new Visitor(portal.url).get(`/${file.stored_name}`)).status).not.toBe(200);
  });

  it("works without JavaScript: a product typed by SKU, then one serial field per unit after the first answer", async () => {
    const page = await (await as.tomas.get("/claims/new")).text();
    expect(page).toContain('name="lines.0.sku"');
    expect(page).toContain('name="lines.0.quantity"');
    const first = claimForm({ invoice: "NOJS-1", date: daysAgo(1), lines: [{ sku: "VT-DR18", qty: 2 }] });
    const answer = await refused(as.tomas, first);
    expect(answer.text).toContain("Enter a serial number for every unit (2 missing).");
    expect(answer.html.match(/name="lines\.0\.serials"/g)).toHaveLength(2);
    await submitNew(as.tomas, claimForm({ invoice: "NOJS-1", date: daysAgo(1), lines: [{ sku: "VT-DR18", qty: 2, serials: serials(2) }] }));
  });

  it("keeps invoice numbers unique per partner, and serial numbers unique across the programme", async () => {
    const serial = serials(1)[0];
    await submitNew(
      as.marta,
      claimForm({ invoice: "INV-UNIQ-1", date: daysAgo(1), lines: [{ sku: "VT-DR18", qty: 1, serials: [serial] }] }),
    );
    // The same invoice again from the same partner (written differently), even by a colleague.
    const again = await refused(as.tomas, claimForm({ invoice: "inv-uniq-1 ", date: daysAgo(1), lines: [{ sku: "VT-LD50", qty: 1 }] }));
    expect(again.status).toBe(400);
    expect(again.text).toMatch(/Your organisation already claimed this invoice \(claim \d+\)\./);
    // Another partner may have an invoice with the same number; but not the same unit.
    const taken = await refused(
      as.sam,
      claimForm({ invoice: "INV-UNIQ-1", date: daysAgo(1), lines: [{ sku: "VT-DR18", qty: 1, serials: [serial.toLowerCase()] }] }),
    );
    expect(taken.text).toContain(`Serial number ${serial} has already been claimed.`);
    await submitNew(
      as.sam,
      claimForm({ invoice: "INV-UNIQ-1", date: daysAgo(1), lines: [{ sku: "VT-DR18", qty: 1, serials: serials(1) }] }),
    );
  });

  it("lets two people racing for the same serial number have it once; the other gets the field message", async () => {
    const serial = serials(1)[0];
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 ? as.marta : as.sam).post(
          "/claims/new",
          claimForm({ invoice: `RACE-SERIAL-${i}`, date: daysAgo(1), lines: [{ sku: "VT-DR18", qty: 1, serials: [serial] }] }),
        ),
      ),
    );
    expect(results.filter((r) => r.status === 302)).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 302)) {
      expect(r.status).toBe(400);
      expect(textOf(await r.text())).toMatch(
        new RegExp(`Serial number ${serial} has (already|just) been claimed|has already been claimed`),
      );
    }
    expect(await db.select().from(claimSerials).where(eq(claimSerials.serial, serial))).toHaveLength(1);
  });

  it("keeps a server draft without reserving anything, and lets its author finish or delete it", async () => {
    const serial = serials(1)[0];
    const save = await as.marta.post(
      "/claims/new",
      claimForm({ intent: "draft", invoice: "DRAFT-1", date: "", lines: [{ sku: "VT-DR18", qty: "", serials: [serial] }] }),
    );
    expect(save.status).toBe(302);
    const draftId = save.headers.get("location")!.match(/\/claims\/([0-9a-f-]{36})\/edit/)![1];
    const page = textOf(await (await as.marta.get(`/claims/${draftId}/edit?saved=1`)).text());
    expect(page).toContain("Draft saved. Only you can see it");
    // The draft's form carries what was saved (in the page data), and nothing is reserved yet.
    expect(await (await as.marta.get(`/claims/${draftId}/edit`)).text()).toContain("DRAFT-1");
    expect(await db.select().from(claimSerials).where(eq(claimSerials.serial, serial))).toHaveLength(0);
    await submitNew(
      as.sam,
      claimForm({ invoice: "SAM-TAKES-IT", date: daysAgo(1), lines: [{ sku: "VT-DR18", qty: 1, serials: [serial] }] }),
    );
    // The colleague's page does not show Marta's draft; the channel team does not either.
    expect((await as.tomas.get(`/claims/${draftId}`)).status).toBe(404);
    expect((await as.chris.get(`/claims/${draftId}`)).status).toBe(404);
    const [file] = (await db.execute(sql`select stored_name from claim_files where claim_id = ${draftId}`)) as unknown as Array<{
      stored_name: string;
    }>;
    const onDisk = path.join(process.env.UPLOAD_DIR!, "claims", file.stored_name);
    expect(existsSync(onDisk)).toBe(true);
    const gone = await as.marta.post(`/claims/${draftId}/edit`, { intent: "delete" });
    expect(gone.headers.get("location")).toBe("/claims?deleted=1");
    expect(await db.select().from(claims).where(eq(claims.id, draftId))).toHaveLength(0);
    expect(existsSync(onDisk), "the deleted draft's photo is removed too").toBe(false);
  });
  it("keeps at most 20 server drafts per person and says so at the 21st; deleting one makes room", async () => {
    const saveDraft = (n: number) =>
      as.tomas.post("/claims/new", claimForm({ intent: "draft", invoice: `MANY-${n}`, date: "", lines: [{ sku: "VT-DR18", qty: "" }] }));
    const saved: string[] = [];
    for (let n = 1; n <= 20; n++) {
      const res = await saveDraft(n);
      expect(res.status, `draft ${n}`).toBe(302);
      saved.push(res.headers.get("location")!.match(/\/claims\/([0-9a-f-]{36})\/edit/)![1]);
    }
    const refused = await saveDraft(21);
    expect(refused.status).toBe(409);
    expect(textOf(await refused.text())).toContain("You already keep 20 drafts. Send or delete one of them before saving another.");
    // What was typed is not lost: the form answers with it, and nothing was stored.
    expect(await db.select().from(claims).where(eq(claims.invoiceNumber, "MANY-21"))).toHaveLength(0);
    // Saving an existing draft again is always allowed; deleting one makes room for a new one.
    expect(
      (
        await as.tomas.post(
          `/claims/${saved[0]}/edit`,
          claimForm({ intent: "draft", invoice: "MANY-1b", date: "", lines: [{ sku: "VT-DR18", qty: "" }] }),
        )
      ).status,
    ).toBe(302);
    expect((await as.tomas.post(`/claims/${saved[1]}/edit`, { intent: "delete" })).status).toBe(302);
    expect((await saveDraft(22)).status).toBe(302);
  });
});

describe("the product catalogue and the points rules", () => {
  it("imports a CSV: good rows kept, bad rows reported by line, existing SKUs updated with a dated rate", async () => {
    const csv = [
      "sku,name,category,points_per_unit,requires_serial,active,list_price,tip",
      "VT-NEW1,New drill,Drills,70,yes,yes,99.90,",
      "VT-NEW2,,Drills,10,no,yes,,", // no name
      "VT-NEW3,New saw,Saws,-5,no,yes,,", // negative points
      "VT-LD50,Volta LD50 laser distance meter,Measuring,55,no,yes,59.00,", // update
      "VT-NEW1,Duplicate,Drills,1,no,yes,,", // same SKU again
      "VT-NEW4,Disc pack,Accessories,3,maybe,yes,,", // not yes/no
      '"VT-NEW5","Bits, 10 pieces",Accessories,2,,,"4,50",Handy',
    ].join("\n");
    const form = new FormData();
    form.set("intent", "import");
    form.set("file", new File([csv], "catalogue.csv", { type: "text/csv" }));
    const res = await as.admin.post("/claims/products", form);
    expect(res.status).toBe(200);
    const text = textOf(await res.text());
    expect(text).toContain("Created 2, updated 1, unchanged 0, refused 4.");
    expect(text).toContain("Line 3 (VT-NEW2): name: Please fill this in.");
    expect(text).toContain("Line 4 (VT-NEW3): points_per_unit: Enter whole points from 0 to 1,000,000.");
    expect(text).toContain("Line 6 (VT-NEW1): sku: The same SKU is already on line 2.");
    expect(text).toContain("Line 7 (VT-NEW4): requires_serial: Enter yes or no.");
    const [bits] = await db.select().from(products).where(eq(products.sku, "VT-NEW5"));
    expect(bits).toMatchObject({ name: "Bits, 10 pieces", listPriceMinor: 450, active: true, requiresSerial: false, tip: "Handy" });
    // The laser meter now earns 55 for invoices from today; older invoices keep 40.
    const [ld] = await db.select().from(products).where(eq(products.sku, "VT-LD50"));
    const rates = await db.select().from(productRates).where(eq(productRates.productId, ld.id));
    expect(rates.map((r) => [r.validFrom, r.pointsPerUnit]).sort()).toEqual([
      ["2000-01-01", 40],
      [isoDate(new Date()), 55],
    ]);
    const old = await submitNew(as.tomas, claimForm({ invoice: "RATE-OLD", date: daysAgo(3), lines: [{ sku: "VT-LD50", qty: 1 }] }));
    const fresh = await submitNew(
      as.tomas,
      claimForm({ invoice: "RATE-NEW", date: isoDate(new Date()), lines: [{ sku: "VT-LD50", qty: 1 }] }),
    );
    // Platinum x1.5, technician x1.1.
    expect((await db.select().from(claims).where(eq(claims.id, old)))[0].points).toBe(66); // 40 x 1.5 x 1.1
    expect((await db.select().from(claims).where(eq(claims.id, fresh)))[0].points).toBe(91); // 55 x 1.5 x 1.1 = 90.75
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, "product.imported"));
    expect(audit.details).toMatchObject({ created: 2, updated: 1, refusedLines: [3, 4, 6, 7] });

    const binary = new FormData();
    binary.set("intent", "import");
    binary.set("file", new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x14])], "catalogue.xlsx"));
    const rb = await as.admin.post("/claims/products", binary);
    expect(rb.status).toBe(400);
    expect(textOf(await rb.text())).toContain("This is not a CSV text file");

    const badHeader = new FormData();
    badHeader.set("intent", "import");
    badHeader.set("file", new File(["code,title\nA,B"], "x.csv", { type: "text/csv" }));
    const r = await as.admin.post("/claims/products", badHeader);
    expect(r.status).toBe(400);
    expect(textOf(await r.text())).toContain("The first line must name the columns, at least: sku, name, category, points_per_unit.");
  });

  it("adds and edits products by hand with field messages, admins only", async () => {
    const bad = await as.admin.post("/claims/products", {
      intent: "create",
      sku: "bad sku!",
      name: "",
      category: "Drills",
      pointsPerUnit: "ten",
    });
    expect(bad.status).toBe(400);
    const text = textOf(await bad.text());
    expect(text).toContain("Use letters, digits, dots, dashes and slashes only.");
    expect(text).toContain("Please fill this in.");
    const dup = await as.admin.post("/claims/products", {
      intent: "create",
      sku: "vt-dr18",
      name: "Copy",
      category: "Drills",
      pointsPerUnit: "1",
      active: "yes",
    });
    expect(dup.status).toBe(400);
    expect(textOf(await dup.text())).toContain("There is already a product with this SKU.");
    const ok = await as.admin.post("/claims/products", {
      intent: "create",
      sku: "vt-hand-1",
      name: "Hand tool",
      category: "Accessories",
      pointsPerUnit: "4",
      active: "yes",
    });
    expect(textOf(await ok.text())).toContain("Product VT-HAND-1 added.");
    expect(
      (await as.chris.post("/claims/products", { intent: "create", sku: "X-1", name: "X", category: "X", pointsPerUnit: "1" })).status,
    ).toBe(403);
    // Editing: the form comes filled in; unticking "active" takes the product out of the claim form.
    const [hand] = await db.select().from(products).where(eq(products.sku, "VT-HAND-1"));
    expect(await (await as.admin.get(`/claims/products?edit=${hand.id}`)).text()).toContain('value="Hand tool"');
    const saved = await as.admin.post("/claims/products", {
      intent: "update",
      productId: hand.id,
      sku: "VT-HAND-1",
      name: "Hand tool v2",
      category: "Accessories",
      pointsPerUnit: "6",
    });
    expect(textOf(await saved.text())).toContain("Product VT-HAND-1 saved.");
    expect((await db.select().from(products).where(eq(products.id, hand.id)))[0]).toMatchObject({
      name: "Hand tool v2",
      pointsPerUnit: 6,
      active: false,
    });
    expect(await (await as.marta.get("/claims/new")).text()).not.toContain("VT-HAND-1");
    expect(
      (
        await as.admin.post("/claims/products", {
          intent: "update",
          productId: "not-a-product",
          sku: "A",
          name: "A",
          category: "A",
          pointsPerUnit: "1",
        })
      ).status,
    ).toBe(404);
    // A list price is typed in euros as people write it, kept in cents, and shown back as typed.
    const priced = await as.admin.post("/claims/products", {
      intent: "update",
      productId: hand.id,
      sku: "VT-HAND-1",
      name: "Hand tool v2",
      category: "Accessories",
      pointsPerUnit: "6",
      listPrice: "1 234,50",
    });
    expect(priced.status).toBe(200);
    expect((await db.select().from(products).where(eq(products.id, hand.id)))[0].listPriceMinor).toBe(123450);
    expect(await (await as.admin.get(`/claims/products?edit=${hand.id}`)).text()).toMatch(
      /name="listPrice"[^>]*value="1234.50"|value="1234.50"[^>]*name="listPrice"/,
    );
    const tooFine = await as.admin.post("/claims/products", {
      intent: "update",
      productId: hand.id,
      sku: "VT-HAND-1",
      name: "Hand tool v2",
      category: "Accessories",
      pointsPerUnit: "6",
      listPrice: "12.345",
    });
    expect(tooFine.status).toBe(400);
    expect((await db.select().from(products).where(eq(products.id, hand.id)))[0].listPriceMinor).toBe(123450);
  });

  it("changes multipliers and promotions from a date on, with audit, and the claim form shows the result", async () => {
    const bad = await as.admin.post("/claims/rules", {
      intent: "create_promotion",
      name: "Bits weekend",
      startsOn: daysAgo(0),
      endsOn: daysAgo(2),
      scope: "category",
      category: "",
      percent: "100",
    });
    expect(bad.status).toBe(400);
    const text = textOf(await bad.text());
    expect(text).toContain("The last day cannot be before the first.");
    expect(text).toContain("Enter a percent from 101 to 1000.");
    const made = await as.admin.post("/claims/rules", {
      intent: "create_promotion",
      name: "Bits weekend",
      startsOn: daysAgo(1),
      endsOn: daysAgo(-1),
      scope: "category",
      category: "Accessories",
      percent: "300",
    });
    expect(made.status).toBe(200);
    const set = await as.admin.post("/claims/rules", { intent: "set_multiplier", dimension: "role", key: "technician", percent: "120" });
    expect(set.status).toBe(200);
    expect(
      (await as.admin.post("/claims/rules", { intent: "set_multiplier", dimension: "role", key: "technician", percent: "5000" })).status,
    ).toBe(400);
    const id = await submitNew(as.tomas, claimForm({ invoice: "RULES-1", date: daysAgo(0), lines: [{ sku: "VT-BIT32", qty: 1 }] }));
    // 8 x 1.5 (platinum) x 1.2 (technician, from today) x 3 (promotion) = 43.2 -> 43
    const page = textOf(await (await as.tomas.get(`/claims/${id}`)).text());
    expect(page).toContain("Volta 32-piece bit set (VT-BIT32): 1 × 8 × 1.5 × 1.2 × 3 = 43 (with “Bits weekend”)");
    expect(page).toContain("Technician role: × 1.2");
    const actions = (await db.select({ action: auditLog.action }).from(auditLog).where(sql`${auditLog.action} like 'points_rule.%'`)).map(
      (a) => a.action,
    );
    expect(actions).toEqual(expect.arrayContaining(["points_rule.promotion_created", "points_rule.multiplier_set"]));
  });
});

describe("My points", () => {
  it("shows the balance, points pending in claims, points expiring within the programme's warning period, and a history that explains each entry", async () => {
    const tomas = await actorFor("tomas@baltictools.example");
    await db.transaction((tx) =>
      creditPoints(tx, {
        userId: tomas.id,
        organisationId: tomas.organisationId,
        kind: "earn",
        sourceType: "test",
        sourceId: "expiring-soon",
        amount: 75,
        descriptionKey: "ledger.desc.welcome",
        expiresAt: new Date(Date.now() + 20 * 86_400_000),
      }),
    );
    const pendingId = await submitNew(
      as.tomas,
      claimForm({ invoice: "MP-PENDING", date: daysAgo(1), lines: [{ sku: "VT-CH18", qty: 2 }] }),
    );
    const approvedId = await submitNew(
      as.tomas,
      claimForm({ invoice: "MP-APPROVED", date: daysAgo(2), lines: [{ sku: "VT-LL360", qty: 1, serials: serials(1) }] }),
    );
    await as.chris.post(`/claims/${approvedId}`, { intent: "approve" });
    const [approved] = await db.select().from(claims).where(eq(claims.id, approvedId));
    const [pending] = await db.select().from(claims).where(eq(claims.id, pendingId));
    const pendingPoints = (
      await db
        .select({ s: sql<number>`coalesce(sum(points), 0)::int` })
        .from(claims)
        .where(and(eq(claims.userId, tomas.id), sql`status in ('manager_check', 'in_review')`))
    )[0].s;
    expect(pendingPoints).toBeGreaterThanOrEqual(pending.points);

    const res = await as.tomas.get("/points");
    expect(res.status).toBe(200);
    const html = await res.text();
    const text = textOf(html);
    const balance = (await db.execute(sql`select balance from point_accounts where user_id = ${tomas.id}`)) as unknown as Array<{
      balance: number;
    }>;
    expect(html).toMatch(new RegExp(`data-testid="balance"[^>]*>${balance[0].balance.toLocaleString("en")}<`));
    expect(html).toMatch(new RegExp(`data-testid="pending"[^>]*>${pendingPoints.toLocaleString("en")}<`));
    expect(html).toMatch(/data-testid="expiring"[^>]*>75</);
    expect(text).toContain(`Sales claim ${approved.number} approved (invoice MP-APPROVED)`);
    expect(text).toContain("How this was calculated");
    expect(text).toContain("Volta LL360 line laser (VT-LL360): 1 × 130 × 1.5");
    // Filters: only the spent ones (none), and a date range that excludes everything.
    expect(textOf(await (await as.tomas.get("/points?kind=redeem")).text())).toContain("Nothing matches these filters.");
    expect(textOf(await (await as.tomas.get("/points?from=2001-01-01&to=2001-01-31")).text())).toContain("Nothing matches these filters.");
    expect((await as.tomas.get("/points?kind=nonsense&from=yesterday")).status).toBe(200);
    // Only one's own: Marta's page does not show Tomas's claim.
    expect(textOf(await (await as.marta.get("/points")).text())).not.toContain("MP-APPROVED");
    // The manufacturer's staff have no points of their own.
    expect((await as.chris.get("/points")).status).toBe(403);
  });

  it("is in Russian for a Russian-speaking participant", async () => {
    const dmitry = new Visitor(portal.url);
    await dmitry.signIn("dmitry@uralinstrument.example", DEMO_PASSWORD);
    const text = textOf(await (await dmitry.get("/points")).text());
    expect(text).toContain("Мои баллы");
    // The programme's warning period (30 days in the demo), in Russian plural form ("30 дней").
    expect(text).toContain("Сгорят в ближайшие 30 дней");
    const form = textOf(await (await dmitry.get("/claims/new")).text());
    expect(form).toContain("Отправить заявку");
  });
});
