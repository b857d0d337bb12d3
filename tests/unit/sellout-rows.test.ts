import { describe, expect, it } from "vitest";
import { type Columns, checkRows, claimStatus, locateColumns, matchLine, splitSerials, type SoldRow } from "../../app/domain/sellout/rows";
import { readCsvTable } from "../../app/lib/csv";

const P1 = "11111111-1111-4111-8111-111111111111";
const P2 = "22222222-2222-4222-8222-222222222222";
const partnerOf = (cell: string) => ({ "baltic tools": P1, [P1]: P1, northfield: P2 })[cell.trim().toLowerCase()] ?? null;

function check(csv: string, today = "2026-06-30") {
  const { columns, rows } = readCsvTable(csv);
  const cols = locateColumns(columns);
  if ("missing" in cols) throw new Error(`missing ${cols.missing}`);
  return checkRows(rows, cols as Columns, partnerOf, today);
}

describe("sell-out rows from CSV", () => {
  it("finds the columns by their usual names and says which are missing", () => {
    expect(locateColumns(["partner", "invoice", "date", "sku", "qty", "serials"])).toEqual({
      partner: 0,
      invoice: 1,
      date: 2,
      sku: 3,
      quantity: 4,
      serials: 5,
    });
    expect(locateColumns(["partner", "sku"])).toEqual({ missing: ["invoice", "date", "quantity"] });
  });

  it("splits serial numbers on spaces, commas, semicolons and bars, normalised like claims", () => {
    expect(splitSerials(" sn-1; sn 2 |SN3,, ")).toEqual(["SN-1", "SN", "2", "SN3"]);
    expect(splitSerials("")).toEqual([]);
  });

  it("takes good rows with normalised keys (by partner name or id)", () => {
    const r = check(
      `partner,invoice_number,invoice_date,sku,quantity,serial_numbers\nBaltic Tools, inv  42 ,2026-06-01, vt-dr18 ,2,a1;a2\n${P1},X-1,2026-06-02,VT-BIT32,3,\n`,
    );
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      { line: 2, partnerId: P1, invoiceKey: "INV 42", invoiceDate: "2026-06-01", sku: "VT-DR18", quantity: 2, serials: ["A1", "A2"] },
      { line: 3, partnerId: P1, invoiceKey: "X-1", invoiceDate: "2026-06-02", sku: "VT-BIT32", quantity: 3, serials: [] },
    ]);
  });

  it("reports every bad row with the line the spreadsheet shows", () => {
    const r = check(
      [
        "partner;invoice;date;sku;quantity;serials",
        ";I1;2026-06-01;A;1;",
        "Nobody;I1;2026-06-01;A;1;",
        "Northfield;;2026-06-01;A;1;",
        "Northfield;I1;01/06/2026;A;1;",
        "Northfield;I1;2026-07-01;A;1;",
        "Northfield;I1;2026-06-01;;1;",
        "Northfield;I1;2026-06-01;A;0;",
        "Northfield;I1;2026-06-01;A;1;S1 S2",
        "Northfield;I1;2026-06-01;A;2;S3 S4",
        "Northfield;I2;2026-06-01;A;1;S4",
        "Northfield;I3;2026-02-30;A;1;",
      ].join("\n"),
    );
    expect(r.errors.map((e) => [e.key, e.vars?.line])).toEqual([
      ["sellout.row.partner_missing", 2],
      ["sellout.row.partner_unknown", 3],
      ["sellout.row.invoice", 4],
      ["sellout.row.date", 5],
      ["sellout.row.date_future", 6],
      ["sellout.row.sku", 7],
      ["sellout.row.quantity", 8],
      ["sellout.row.serials_count", 9],
      ["sellout.row.serial_repeated", 11],
      ["sellout.row.date", 12],
    ]);
    expect(r.errors[8].vars).toMatchObject({ serial: "S4", first: 10 });
    expect(r.rows.map((x) => x.line)).toEqual([10]);
    expect(r.more).toBe(0);
  });

  it("lists at most 50 bad rows and counts the rest", () => {
    const bad = Array.from({ length: 70 }, (_, i) => `Nobody,I${i},2026-06-01,A,1,`);
    const r = check(["partner,invoice,date,sku,quantity", ...bad].join("\n"));
    expect(r.errors).toHaveLength(50);
    expect(r.more).toBe(20);
  });
});

describe("the matching rule", () => {
  const sold: SoldRow[] = [
    { partnerId: P1, invoiceKey: "INV 1", sku: "DRILL", quantity: 2, serials: ["S1", "S2"] },
    { partnerId: P1, invoiceKey: "INV 1", sku: "BITS", quantity: 2, serials: [] },
    { partnerId: P1, invoiceKey: "INV 1", sku: "BITS", quantity: 1, serials: [] },
    { partnerId: P2, invoiceKey: "INV 9", sku: "DRILL", quantity: 1, serials: ["S9"] },
  ];

  it("matches serial numbers first, each under the partner and SKU", () => {
    expect(matchLine(P1, "OTHER", { sku: "DRILL", quantity: 2, serials: ["S1", "S2"] }, sold)).toEqual({ status: "matched", foreign: [] });
    expect(matchLine(P1, "INV 1", { sku: "DRILL", quantity: 2, serials: ["S1", "S7"] }, sold)).toEqual({ status: "partial", foreign: [] });
    // The right serial under another SKU is not this product.
    expect(matchLine(P1, "INV 1", { sku: "SAW", quantity: 1, serials: ["S1"] }, sold).status).toBe("unmatched");
  });

  it("flags a serial that the data shows sold by another partner", () => {
    expect(matchLine(P1, "INV 1", { sku: "DRILL", quantity: 2, serials: ["S1", "S9"] }, sold)).toEqual({
      status: "partial",
      foreign: ["S9"],
    });
    expect(matchLine(P2, "INV 9", { sku: "DRILL", quantity: 1, serials: ["S1"] }, sold)).toEqual({ status: "unmatched", foreign: ["S1"] });
  });

  it("matches lines without serials on invoice + SKU, the sold quantity covering the claimed one", () => {
    expect(matchLine(P1, "INV 1", { sku: "BITS", quantity: 3, serials: [] }, sold).status).toBe("matched");
    expect(matchLine(P1, "INV 1", { sku: "BITS", quantity: 4, serials: [] }, sold).status).toBe("partial");
    expect(matchLine(P1, "INV 2", { sku: "BITS", quantity: 1, serials: [] }, sold).status).toBe("unmatched");
    // Another partner's sale of the same invoice and SKU does not count.
    expect(matchLine(P2, "INV 1", { sku: "BITS", quantity: 1, serials: [] }, sold).status).toBe("unmatched");
  });

  it("a claim is matched when every line is, unmatched when none is, partly matched otherwise", () => {
    expect(claimStatus(["matched", "matched"])).toBe("matched");
    expect(claimStatus(["matched", "unmatched"])).toBe("partial");
    expect(claimStatus(["partial"])).toBe("partial");
    expect(claimStatus(["unmatched", "unmatched"])).toBe("unmatched");
  });
});
