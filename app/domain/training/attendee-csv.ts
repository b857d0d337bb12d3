/**
 * Attendee exports from webinar platforms, read without guessing too much: a header row names
 * the email column ("Email", "Attendee email", "E-mail") and the minutes column ("Minutes",
 * "Time in session (minutes)", "Duration"); the delimiter is a comma, semicolon or tab.
 * Every data row comes back, good or bad, with its line number, so nothing is dropped silently.
 */

export type CsvRow = { line: number; email: string; minutes: number | null; problem: "invalid_email" | "invalid_minutes" | null };
export type CsvResult = { ok: true; rows: CsvRow[] } | { ok: false; error: "training.import.empty" | "training.import.no_email_column" | "training.import.no_minutes_column" };

function splitRecords(text: string, delimiter: string): Array<{ line: number; cells: string[] }> {
  const records: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let startLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === "") quoted = true;
    else if (ch === delimiter) {
      cells.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      cells.push(cell);
      records.push({ line: startLine, cells });
      cells = [];
      cell = "";
      line++;
      startLine = line;
    } else cell += ch;
  }
  if (cell !== "" || cells.length) {
    cells.push(cell);
    records.push({ line: startLine, cells });
  }
  return records.filter((r) => r.cells.some((c) => c.trim() !== ""));
}

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
  const text = input.replace(/^\uFEFF/, "");
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = [",", ";", "\t"].sort((a, b) => firstLine.split(b).length - firstLine.split(a).length)[0];
  const records = splitRecords(text, delimiter);
  if (records.length < 2) return { ok: false, error: "training.import.empty" };
  const header = records[0].cells.map((c) => c.trim().toLowerCase());
  const emailCol = header.findIndex((h) => /e-?mail/.test(h));
  if (emailCol < 0) return { ok: false, error: "training.import.no_email_column" };
  const minutesCol = header.findIndex((h) => /minute|duration|time in session|мин/.test(h));
  if (minutesCol < 0) return { ok: false, error: "training.import.no_minutes_column" };
  const rows = records.slice(1).map(({ line, cells }): CsvRow => {
    const email = (cells[emailCol] ?? "").trim().toLowerCase();
    const minutes = parseMinutes(cells[minutesCol] ?? "");
    const problem = !EMAIL.test(email) ? "invalid_email" : minutes === null ? "invalid_minutes" : null;
    return { line, email, minutes, problem };
  });
  return { ok: true, rows };
}
