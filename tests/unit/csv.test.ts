import { describe, expect, it } from "vitest";
import type { UserError } from "../../app/lib/errors";
import { stringify } from "csv-stringify/sync";
import { type CsvCell, columnIndex, parseCsv, readCsvTable, toCsv } from "../../app/lib/csv";

const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error as UserError;
  }
  throw new Error("expected a refusal");
};

describe("CSV out", () => {
  it("starts with a byte-order mark and ends every record with CRLF", () => {
    const csv = toCsv([
      ["a", "b"],
      ["Чугун", 3],
    ]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.slice(1)).toBe("a,b\r\nЧугун,3\r\n");
  });

  it("quotes commas, semicolons, quotes, line breaks and edge spaces", () => {
    const csv = toCsv([["Drills, saws", "a;b", 'say "hi"', "two\nlines", "cr\rhere", " padded", "plain", null, undefined]]);
    expect(csv.slice(1)).toBe(`"Drills, saws","a;b","say ""hi""","two\nlines","cr\rhere"," padded",plain,,\r\n`);
  });

  it("never lets a text cell start a spreadsheet formula; numbers stay numbers", () => {
    const csv = toCsv([['=HYPERLINK("http://evil")', "+1", "-2", "@SUM(A1)", "\tx", "\rx", "plain", -5]]);
    expect(csv.slice(1)).toBe(`"'=HYPERLINK(""http://evil"")",'+1,'-2,'@SUM(A1),'\tx,"'\rx",plain,-5\r\n`);
  });

  it("writes exactly what csv-stringify wrote with the portal's options, for any mix of awkward cells", () => {
    // The writer was csv-stringify until issue 15 (it allocated too much for a million-row export);
    // the files people download must not change. A fixed pseudo-random sequence, so a failure repeats.
    const pieces = ["a", "Ж", "1", ",", ";", '"', "\r", "\n", "\r\n", " ", "\t", "\u00a0", "=", "+", "-", "@", "'", "é", "0.5"];
    let seed = 15;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const cell = (): CsvCell => {
      const pick = next(10);
      if (pick === 0) return null;
      if (pick === 1) return undefined;
      if (pick === 2) return next(2) ? -next(100_000) : next(1000) / 8;
      return Array.from({ length: next(6) }, () => pieces[next(pieces.length)]).join("");
    };
    const rows = Array.from({ length: 2000 }, () => Array.from({ length: 1 + next(7) }, cell));
    const before = stringify(
      rows.map((row) => row.map((v) => (typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v))),
      { bom: true, record_delimiter: "\r\n", quoted_match: [";", "\r", "\n", /^\s|\s$/] },
    );
    expect(toCsv(rows)).toBe(before);
    expect(toCsv(rows, false)).toBe(before.slice(1));
  });

  it("round-trips through the reader", () => {
    const rows = [
      ["order_number", "reward"],
      ["1001", 'Camping stove, "compact"'],
      ["1002", "Чугунная кастрюля\nкрасная"],
    ];
    expect(parseCsv(toCsv(rows)).map((r) => r.fields)).toEqual(rows);
  });
});

describe("CSV in", () => {
  it("keeps the line each record starts on, across blank lines and quoted line breaks", () => {
    const rows = parseCsv('sku,name,points\r\nA-1,"Drill, 18 V",10\n\nB-2,"Say ""hi""",5\n"C-3","two\nlines",7\nD-4,x,1\r\n\r\n');
    expect(rows.map((r) => r.line)).toEqual([1, 2, 4, 5, 7]);
    expect(rows[1].fields).toEqual(["A-1", "Drill, 18 V", "10"]);
    expect(rows[2].fields[1]).toBe('Say "hi"');
    expect(rows[3].fields[1]).toBe("two\nlines");
  });

  it("strips the byte-order mark and guesses ; , or tab from the header line", () => {
    expect(parseCsv("\uFEFForder_number;carrier;tracking_number\r\n1001;DPD;05501234\r\n\r\n").map((r) => r.fields)).toEqual([
      ["order_number", "carrier", "tracking_number"],
      ["1001", "DPD", "05501234"],
    ]);
    expect(parseCsv("a\tb\n1\t2")[1].fields).toEqual(["1", "2"]);
    expect(parseCsv("a,b;c\n1,2;3")[1].fields).toEqual(["1", "2;3"]);
  });

  it("maps header names and finds columns by alias", () => {
    const { columns, rows } = readCsvTable("Order Number,Tracking-Number\n7,X1");
    expect(columns).toEqual(["order_number", "tracking_number"]);
    expect(columnIndex(columns, "tracking", "tracking_number")).toBe(1);
    expect(columnIndex(columns, "carrier")).toBe(-1);
    expect(rows).toEqual([{ line: 2, fields: ["7", "X1"] }]);
    expect(readCsvTable("")).toEqual({ columns: [], rows: [] });
  });

  it("refuses binary input, too many rows or bytes, and broken quoting (at the line the quote opens), with the caller's words", () => {
    expect(errorOf(() => parseCsv("PK\u0003\u0004\u0000\u0000", { messages: { notText: "errors.claims.csv_not_text" } })).key).toBe(
      "errors.claims.csv_not_text",
    );
    const many = errorOf(() => parseCsv("a\n1\n2\n3", { maxRows: 2 }));
    expect([many.key, many.vars]).toEqual(["errors.csv.too_many", { count: 2 }]);
    expect(parseCsv("a\n1\n2", { maxRows: 2 })).toHaveLength(3);
    const big = errorOf(() => parseCsv("x".repeat(2 * 1024 * 1024 + 1)));
    expect([big.key, big.field, big.vars]).toEqual(["errors.csv.too_big", "file", { mb: 2 }]);
    const broken = errorOf(() => parseCsv('a,b\n1,2\n3,"open\n'));
    expect([broken.key, broken.vars]).toEqual(["errors.csv.malformed", { line: 3 }]);
  });
});
