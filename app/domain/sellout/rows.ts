import { invoiceKey, normaliseSerial, normaliseSku } from "~/domain/claims/shared";
import { type CsvRecord, columnIndex } from "~/lib/csv";
import { isIsoDay } from "~/lib/dates";
import type { ErrorMessage } from "~/lib/form-types";

/**
 * Sell-out rows as the CSV says them, checked one by one (pure: the partner lookup is handed
 * in). A file is taken whole or not at all, so a half-loaded file never approves claims; every
 * bad row is reported with the line the uploader sees in their spreadsheet.
 */

export const SELLOUT_MAX_ROWS = 100_000;
export const SELLOUT_MAX_BYTES = 8 * 1024 * 1024;
/** Bad rows listed on the page at most; the count says how many more. */
export const MAX_REPORTED_ROWS = 50;
export const MAX_ROW_QUANTITY = 100_000;

export type SelloutRow = {
  line: number;
  partnerId: string;
  invoiceKey: string;
  invoiceDate: string;
  sku: string;
  quantity: number;
  serials: string[];
};

export type Columns = { partner: number; invoice: number; date: number; sku: number; quantity: number; serials: number };

/** Where each column is, or the names of the ones missing. Serial numbers are optional. */
export function locateColumns(columns: string[]): Columns | { missing: string[] } {
  const found = {
    partner: columnIndex(columns, "partner", "partner_id", "organisation", "dealer"),
    invoice: columnIndex(columns, "invoice_number", "invoice", "invoice_no"),
    date: columnIndex(columns, "invoice_date", "date", "sold_on"),
    sku: columnIndex(columns, "sku", "product"),
    quantity: columnIndex(columns, "quantity", "qty", "units"),
    serials: columnIndex(columns, "serial_numbers", "serials", "serial_number", "serial"),
  };
  const missing = (["partner", "invoice", "date", "sku", "quantity"] as const).filter((k) => found[k] < 0);
  return missing.length ? { missing } : found;
}

/** Serial numbers in one cell, separated by spaces, commas, semicolons or bars. */
export function splitSerials(cell: string): string[] {
  return cell
    .split(/[\s,;|]+/)
    .map(normaliseSerial)
    .filter(Boolean);
}

export type RowCheck = {
  rows: SelloutRow[];
  errors: ErrorMessage[];
  /** Bad rows beyond MAX_REPORTED_ROWS. */
  more: number;
};

/**
 * Checks every record. `partnerOf` resolves the partner cell (an id or a name) to an organisation
 * the uploader may report for, or null. `today` bounds the date (a sale is not in the future).
 */
export function checkRows(records: CsvRecord[], cols: Columns, partnerOf: (cell: string) => string | null, today: string): RowCheck {
  const rows: SelloutRow[] = [];
  const errors: ErrorMessage[] = [];
  let bad = 0;
  const seenSerial = new Map<string, number>();
  const refuse = (line: number, key: string, vars: Record<string, string | number> = {}) => {
    bad++;
    if (errors.length < MAX_REPORTED_ROWS) errors.push({ key: `sellout.row.${key}`, vars: { line, ...vars } });
  };
  for (const { line, fields } of records) {
    const cell = (i: number) => (i >= 0 ? (fields[i] ?? "").trim() : "");
    const partnerCell = cell(cols.partner);
    const invoice = cell(cols.invoice);
    const date = cell(cols.date);
    const sku = normaliseSku(cell(cols.sku));
    const quantityCell = cell(cols.quantity);
    const serials = splitSerials(cell(cols.serials));
    const partnerId = partnerCell ? partnerOf(partnerCell) : null;
    if (!partnerCell) refuse(line, "partner_missing");
    else if (!partnerId) refuse(line, "partner_unknown", { partner: partnerCell.slice(0, 80) });
    else if (!invoice || invoice.length > 100) refuse(line, "invoice");
    else if (!isIsoDay(date)) refuse(line, "date", { date: cell(cols.date).slice(0, 40) });
    else if (date > today) refuse(line, "date_future", { date });
    else if (!sku || sku.length > 64) refuse(line, "sku");
    else if (!/^\d{1,6}$/.test(quantityCell) || Number(quantityCell) < 1 || Number(quantityCell) > MAX_ROW_QUANTITY)
      refuse(line, "quantity", { max: MAX_ROW_QUANTITY });
    else if (serials.length > Number(quantityCell))
      refuse(line, "serials_count", { count: serials.length, quantity: Number(quantityCell) });
    else if (serials.some((s) => s.length > 100)) refuse(line, "serial_long");
    else {
      const repeated = serials.find((s) => seenSerial.has(s));
      if (repeated) refuse(line, "serial_repeated", { serial: repeated, first: seenSerial.get(repeated)! });
      else {
        for (const s of serials) seenSerial.set(s, line);
        rows.push({ line, partnerId, invoiceKey: invoiceKey(invoice), invoiceDate: date, sku, quantity: Number(quantityCell), serials });
      }
    }
  }
  return { rows, errors, more: Math.max(0, bad - errors.length) };
}

/**
 * The matching rule, stated once in plain code (the SQL in match.server.ts does the same set-based;
 * the tests hold the two together). A line with serial numbers matches serial by serial: each
 * must be in the claimant partner's sell-out under the same SKU. A line without them matches on
 * invoice + SKU: the partner's sold quantity on that invoice must cover the claimed quantity
 * (some but not enough is a partial line). A serial found only at another partner is flagged.
 */
export type LineStatus = "matched" | "partial" | "unmatched";
export type ClaimLineInput = { sku: string; quantity: number; serials: string[] };
export type SoldRow = { partnerId: string; invoiceKey: string; sku: string; quantity: number; serials: string[] };

export function matchLine(
  partnerId: string,
  invoice: string,
  line: ClaimLineInput,
  sold: SoldRow[],
): { status: LineStatus; foreign: string[] } {
  if (line.serials.length) {
    let found = 0;
    const foreign: string[] = [];
    for (const s of line.serials) {
      const holders = sold.filter((r) => r.serials.includes(s));
      if (holders.some((r) => r.partnerId === partnerId && r.sku === line.sku)) found++;
      else if (holders.some((r) => r.partnerId !== partnerId)) foreign.push(s);
    }
    return { status: found === line.serials.length ? "matched" : found > 0 ? "partial" : "unmatched", foreign };
  }
  const quantity = sold
    .filter((r) => r.partnerId === partnerId && r.invoiceKey === invoice && r.sku === line.sku)
    .reduce((sum, r) => sum + r.quantity, 0);
  return { status: quantity >= line.quantity ? "matched" : quantity > 0 ? "partial" : "unmatched", foreign: [] };
}

/** A claim's status from its lines: every line matched, none at all (nothing found), or in between. */
export function claimStatus(lines: LineStatus[]): LineStatus {
  if (lines.length && lines.every((s) => s === "matched")) return "matched";
  if (lines.every((s) => s === "unmatched")) return "unmatched";
  return "partial";
}
