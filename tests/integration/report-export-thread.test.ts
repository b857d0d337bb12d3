import { eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { periodOf, periodQuery } from "../../app/domain/reports/period";
import { isoDay } from "../../app/lib/dates";
import { getDb, rowsOf } from "../../db/client";
import { users } from "../../db/schema";
import { usePortal } from "../support/fixtures";

/**
 * A figure's CSV export runs in a worker thread with its own database connection
 * (app/domain/reports/export.server.ts): what a person notices is that the download is whole and
 * translated, that leaving half-way stops the export's reading, and that an export that fails
 * half-way is cut off rather than ended as if it were complete.
 */
const db = await getDb();
const portal = usePortal({ people: { ona: "ona@baltictools.example" } });
const { as } = portal;
const ROWS = 100_000;
const period = periodOf("month", isoDay(new Date()));
const path = `/reports/csv/rows.ledger?${periodQuery(period)}&key=earn`;
// The statement the export reads its pages with (rows.server.ts, the ledger figure).
const EXPORT_QUERY = "%from ledger_entries e join users u on u.id = e.user_id%";

let seeded = false;
/** ROWS earn entries for Ona this month: an export of ~20 pages, several MB of CSV. */
async function seedLedger() {
  if (seeded) return;
  seeded = true;
  const [ona] = await db.select({ id: users.id, org: users.organisationId }).from(users).where(eq(users.email, "ona@baltictools.example"));
  await db.execute(sql`insert into ledger_entries (user_id, organisation_id, kind, source_type, source_id, amount, description_key, created_at)
    select ${ona.id}, ${ona.org}, 'earn', 'export-test', g::text, 1 + g % 7, 'claims.desc.approved', now() - (g % 600) * interval '1 second'
    from generate_series(1, ${ROWS}) g`);
}

/** The backends (pids) in this test's database whose last statement was the export's page. */
async function exportBackends(): Promise<number[]> {
  const rows = rowsOf<{ pid: number }>(
    await db.execute(
      sql`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and query ilike ${EXPORT_QUERY}`,
    ),
  );
  return rows.map((r) => r.pid);
}

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The export, not compressed, read by hand so the test decides when the client takes more. */
async function startExport(signal?: AbortSignal) {
  const cookie = [...as.ona.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await fetch(portal.url + path, { headers: { cookie, "accept-encoding": "identity" }, signal });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  if (!res.body) throw new Error("no body");
  return res.body.getReader();
}

// Seeding 100,000 rows and reading whole exports takes tens of seconds on a busy 2-core machine.
const LONG = { timeout: 120_000 };

describe("a large CSV export (issue 15: a worker thread with its own connection)", () => {
  it("sends every row, translated, with the header first", LONG, async () => {
    await seedLedger();
    const res = await as.ona.get(path);
    expect(res.status).toBe(200);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.startsWith("\uFEFFEntry,Date,Person,Email,Kind,Source,Points\r\n")).toBe(true);
    const lines = text.split("\r\n").filter(Boolean);
    expect(lines.length - 1).toBeGreaterThanOrEqual(ROWS);
    expect(lines.filter((l) => l.includes(",Earned,export-test ")).length).toBe(ROWS);
    // Keyset order, no page read twice or skipped.
    const ids = lines.slice(1).map((l) => Number(l.split(",")[0]));
    expect(ids.every((id, i) => i === 0 || id > ids[i - 1])).toBe(true);
    // Compressed by the thread as the client asks (fetch decodes it): gzip above, brotli (what browsers take) here.
    expect(res.headers.get("content-encoding")).toBe("gzip");
    const br = await as.ona.get(path, { "accept-encoding": "br" });
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(await br.arrayBuffer())).toBe(text);
    // The thread has finished and closed its connection.
    await until("the export's connection to close", exportBackends, (pids) => pids.length === 0);
  });

  it("stops reading the database when the person leaves half-way", LONG, async () => {
    await seedLedger();
    const leave = new AbortController();
    const reader = await startExport(leave.signal);
    const first = await reader.read();
    expect(first.done).toBe(false);
    // The export has its own connection while it runs...
    await until("the export's connection", exportBackends, (pids) => pids.length === 1);
    leave.abort();
    await reader.cancel().catch(() => {});
    // ...and it goes as soon as the client has gone, long before the export would have ended.
    await until("the export's connection to close", exportBackends, (pids) => pids.length === 0);
  });

  it("runs a limited number of exports at once; the next one waits its turn and then gets its whole file", LONG, async () => {
    await seedLedger();
    process.env.REPORT_EXPORT_THREADS = "1";
    try {
      const leave = new AbortController();
      const first = await startExport(leave.signal);
      expect((await first.read()).done).toBe(false);
      const [firstPid] = await until("the first export's connection", exportBackends, (pids) => pids.length === 1);
      // A second export while the only thread is busy: it starts no thread and opens no connection...
      const second = startExport();
      await new Promise((r) => setTimeout(r, 1_000));
      expect(await exportBackends()).toEqual([firstPid]);
      // ...until the first person leaves; then it runs and its file is whole.
      leave.abort();
      await first.cancel().catch(() => {});
      const reader = await second;
      let text = "";
      const decoder = new TextDecoder();
      for (let part = await reader.read(); !part.done; part = await reader.read()) text += decoder.decode(part.value, { stream: true });
      expect(text.split("\r\n").filter((l) => l.includes(",Earned,export-test ")).length).toBe(ROWS);
    } finally {
      delete process.env.REPORT_EXPORT_THREADS;
    }
  });

  it("cuts the download off when the export fails half-way, so a half file is never taken for a whole one", LONG, async () => {
    await seedLedger();
    // The failure is logged for the operator (expected here, so not a test failure).
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    await db.transaction(async (tx) => {
      // The ledger locked, so the export's first page waits in the database...
      await tx.execute(sql`lock table ledger_entries in access exclusive mode`);
      const reader = await startExport();
      try {
        const header = await reader.read();
        expect(new TextDecoder().decode(header.value)).toContain("Entry,Date,Person");
        const pending = reader.read();
        const waiting = () =>
          db
            .execute(
              sql`select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike ${EXPORT_QUERY}`,
            )
            .then((r) => rowsOf<{ pid: number }>(r).map((x) => x.pid));
        const [pid] = await until("the export's page to wait for the lock", waiting, (pids) => pids.length === 1);
        // ...where it fails (its connection is ended): the client sees the download break off, not end.
        await db.execute(sql`select pg_terminate_backend(${pid})`);
        await expect(pending).rejects.toThrow();
      } finally {
        await reader.cancel().catch(() => {});
      }
    });
    await until(
      "the failure to be logged",
      async () => logged.mock.calls.length,
      (n) => n > 0,
    );
    expect(logged.mock.calls.map((c) => c.map(String).join(" ")).join("\n")).toContain("GET /reports/csv/rows.ledger failed");
    logged.mockRestore();
    // The portal still answers.
    expect((await as.ona.get("/reports")).status).toBe(200);
  });
});
