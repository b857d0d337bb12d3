import { CsvError, parse } from "csv-parse/sync";
import { UserError } from "./errors";

/**
 * CSV in and out, the one way (reading over csv-parse; writing here, see csvRecord). Area modules keep only their
 * business mapping: which columns, what a row means, what is wrong with it.
 *
 * Out: UTF-8 with a byte-order mark (spreadsheets otherwise read Cyrillic as mojibake), CRLF,
 * comma-separated, cells quoted when they hold , ; " a line break or edge spaces (so a
 * semicolon-locale spreadsheet does not split them either), and text cells a spreadsheet would
 * run as a formula (= + - @ tab CR at the start) prefixed with an apostrophe.
 *
 * In: byte-order mark stripped, delimiter guessed from the header line (comma, semicolon or tab,
 * whichever it has most of; comma on a tie), CR, LF or CRLF line ends, blank lines skipped,
 * every record with the line it starts on (what the admin sees in their spreadsheet), and
 * bounded in bytes and rows. A binary file is refused before it is read as text rows.
 */

export type CsvCell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",;\r\n]|^\s|\s$/;

function cellText(v: CsvCell): string {
  if (v === null || v === undefined) return "";
  if (typeof v !== "string") return String(v);
  const text = FORMULA_START.test(v) ? `'${v}` : v;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One record with its CRLF. Written here rather than by csv-stringify (which this matches byte for
 * byte, tests/unit/csv.test.ts): csv-stringify allocates ~5-7 KB of short-lived objects per row,
 * 25-37 MB per 5,000-row page of a streamed export, enough to push each page's rows into V8's old
 * space and grow the server's heap by ~120 MB during a million-row export (issue 15). This makes
 * little more than the text itself.
 */
export function csvRecord(row: ReadonlyArray<CsvCell>): string {
  let line = "";
  for (let i = 0; i < row.length; i++) line += i ? `,${cellText(row[i])}` : cellText(row[i]);
  return `${line}\r\n`;
}

/** Rows to CSV text, ready to download. Numbers stay plain so a spreadsheet sorts them. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<CsvCell>>, bom = true): string {
  let text = bom ? "\uFEFF" : "";
  for (const row of rows) text += csvRecord(row);
  return text;
}

/**
 * A CSV download written page by page as the client reads it: the header (with the byte-order
 * mark), then each page of rows as `pages` yields it. Only one page is held at a time, so an
 * export of a million ledger rows takes the memory of one page; the next page is read only when
 * the client has taken the previous one (backpressure through `pull`). A client that goes away
 * stops the reading.
 */
export function csvStreamResponse(
  filename: string,
  header: ReadonlyArray<CsvCell>,
  pages: AsyncIterable<ReadonlyArray<ReadonlyArray<CsvCell>>>,
): Response {
  async function* chunks() {
    // Buffers, not TextEncoder's Uint8Arrays: the compressor takes a Buffer as it is and copies anything else.
    yield Buffer.from(toCsv([header]));
    for await (const page of pages) yield Buffer.from(toCsv(page, false));
  }
  return csvChunksResponse(filename, chunks());
}

/**
 * The same with the file already written as bytes, header and all (a CSV export's worker thread
 * writes them, app/domain/reports/export.server.ts), compressed already when `encoding` says so
 * (the server's compression then leaves them as they are). The next chunk is asked for only when
 * the client has taken the last; a client that goes away ends `chunks` (`return`), which stops
 * its producer.
 */
export function csvChunksResponse(filename: string, chunks: AsyncIterable<Uint8Array>, encoding?: "br" | "gzip"): Response {
  const iterator = chunks[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  const headers = csvHeaders(filename);
  if (encoding) Object.assign(headers, { "Content-Encoding": encoding, Vary: "Accept-Encoding" });
  return new Response(body, { headers });
}

function csvHeaders(filename: string): Record<string, string> {
  return {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${filename.replace(/[^\w.-]+/g, "-")}"`,
    "Cache-Control": "private, no-store",
  };
}

/** A CSV download: attachment, UTF-8, never cached (exports hold people's names and balances). */
export function csvResponse(filename: string, rows: ReadonlyArray<ReadonlyArray<CsvCell>>): Response {
  return new Response(toCsv(rows), { headers: csvHeaders(filename) });
}

export type CsvRecord = { line: number; fields: string[] };

export const CSV_MAX_BYTES = 2 * 1024 * 1024;
export const CSV_MAX_ROWS = 20_000;

/** i18n keys for the refusals, so each import keeps the words its users already know. */
export type CsvMessages = {
  /** Binary or NUL bytes. */
  notText?: string;
  /** More than `maxBytes`; gets {mb}. */
  tooBig?: string;
  /** More than `maxRows` rows below the header; gets {count}. */
  tooMany?: string;
};

export type CsvReadOptions = { maxBytes?: number; maxRows?: number; messages?: CsvMessages; field?: string };

const DEFAULT_MESSAGES: Required<CsvMessages> = {
  notText: "errors.csv.not_text",
  tooBig: "errors.csv.too_big",
  tooMany: "errors.csv.too_many",
};
// Text never holds NUL and PostgreSQL cannot store it; binary files (xlsx, images) always do.
const NUL = "\u0000";

function delimiterOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  let best = ",";
  let bestCount = -1;
  for (const d of [",", ";", "\t"]) {
    const count = firstLine.split(d).length - 1;
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

/**
 * Every non-blank record, header included, with the line it starts on. Throws UserError (on
 * `field`, "file" by default) for binary input, too many bytes or rows, or broken quoting.
 */
export function parseCsv(input: string, options: CsvReadOptions = {}): CsvRecord[] {
  const { maxBytes = CSV_MAX_BYTES, maxRows = CSV_MAX_ROWS, field = "file" } = options;
  const messages = { ...DEFAULT_MESSAGES, ...options.messages };
  if (input.length > maxBytes || Buffer.byteLength(input) > maxBytes)
    throw new UserError(messages.tooBig, field, { mb: Math.round((maxBytes / 1024 / 1024) * 10) / 10 });
  if (input.includes(NUL)) throw new UserError(messages.notText, field);
  const text = input.replace(/^\uFEFF/, "");
  let parsed: Array<{ record: string[]; info: { lines: number } }>;
  try {
    parsed = parse(text, {
      delimiter: delimiterOf(text),
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: false,
      info: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    if (error instanceof CsvError)
      throw new UserError("errors.csv.malformed", field, { line: (error as CsvError & { lines?: number }).lines ?? 1 });
    throw error;
  }
  const records: CsvRecord[] = [];
  let line = 1;
  for (const { record, info } of parsed) {
    // A record starts on the line after the previous one ended (quoted fields may span lines).
    if (record.some((f) => f.trim() !== "")) records.push({ line, fields: record });
    line = info.lines + 1;
  }
  if (records.length - 1 > maxRows) throw new UserError(messages.tooMany, field, { count: maxRows });
  return records;
}

/** A header cell as a column name: "Tracking number" and "tracking-number" are tracking_number. */
export function columnName(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/**
 * A CSV with a header line: column names (normalised by columnName) and the rows below, each
 * with its line. An empty file has no columns and no rows.
 */
export function readCsvTable(input: string, options: CsvReadOptions = {}): { columns: string[]; rows: CsvRecord[] } {
  const [header, ...rows] = parseCsv(input, options);
  return { columns: header ? header.fields.map(columnName) : [], rows };
}

/** Index of the first of `names` among the columns, or -1. */
export function columnIndex(columns: string[], ...names: string[]): number {
  return names.map((n) => columns.indexOf(n)).find((i) => i >= 0) ?? -1;
}
