import { readCsvTable } from "~/lib/csv";

/**
 * Attendee exports from webinar platforms, read without guessing too much: a header row names
 * the email column ("Email", "Attendee email", "E-mail") and the minutes column ("Minutes",
 * "Time in session (minutes)", "Duration"); reading the CSV itself is app/lib/csv.ts.
 * Every data row comes back, good or bad, with its line number, so nothing is dropped silently.
 */

export type CsvRow = { line: number; email: string; minutes: number | null; problem: "invalid_email" | "invalid_minutes" | null };
export type CsvResult =
  | { ok: true; rows: CsvRow[] }
  | { ok: false; error: "training.import.empty" | "training.import.no_email_column" | "training.import.no_minutes_column" };

/** "45", "45.5", "45,5" (minutes) or "1:05:30" / "05:30" (h:mm:ss / mm:ss); whole minutes, rounded down. */
export function parseMinutes(value: string): number | null {
  const v = value.trim();
  if (/^\d+([.,]\d+)?$/.test(v)) return Math.floor(Number(v.replace(",", ".")));
  const m = v.match(/^(?:(\d+):)?(\d{1,2}):(\d{2})$/);
  if (m) {
    const [h, mi, s] = [Number(m[1] ?? 0), Number(m[2]), Number(m[3])];
    if (mi > 59 || s > 59) return null;
    return m[1] === undefined ? mi : h * 60 + mi;
  }
  return null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function parseAttendeeCsv(input: string): CsvResult {
  const { columns, rows: records } = readCsvTable(input, { messages: { tooBig: "training.import.too_large" } });
  if (!records.length) return { ok: false, error: "training.import.empty" };
  // Column names come normalised ("time_in_session_(minutes)"), so spaces read as underscores.
  const emailCol = columns.findIndex((h) => /e[-_]?mail/.test(h));
  if (emailCol < 0) return { ok: false, error: "training.import.no_email_column" };
  const minutesCol = columns.findIndex((h) => /minute|duration|time_in_session|мин/.test(h));
  if (minutesCol < 0) return { ok: false, error: "training.import.no_minutes_column" };
  const rows = records.map(({ line, fields: cells }): CsvRow => {
    const email = (cells[emailCol] ?? "").trim().toLowerCase();
    const minutes = parseMinutes(cells[minutesCol] ?? "");
    const problem = !EMAIL.test(email) ? "invalid_email" : minutes === null ? "invalid_minutes" : null;
    return { line, email, minutes, problem };
  });
  return { ok: true, rows };
}
