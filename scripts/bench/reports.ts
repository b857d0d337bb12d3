/**
 * The reports part of `npm run bench` (issue 15), on its own throw-away PostgreSQL 15:
 * 2,000 partners, 50,000 participants, 2,000,000 ledger rows over two years and 500,000 sales
 * claims (each with a line), made with INSERT ... SELECT generate_series. The portal runs as in
 * production in a process of its own; each dashboard's p95 at 8 concurrent requests is printed
 * next to a trivial page of the same server, then a CSV export of 1,000,000 ledger rows is read
 * while the server's RSS is sampled, for its peak growth (goal: under 64 MB).
 *
 * `BENCH_REPORTS_SCALE` (default 1) shrinks the dataset for a quick look; `BENCH_REPORTS_REQUESTS`
 * (default 200) requests per page. `BENCH_REPORTS_DATABASE_URL` points at a database of your own
 * instead of a throw-away server: the dataset is built there once (when it has no bench partners)
 * and reused, so "before" and "after" runs read the same rows (pending migrations are applied).
 * `BENCH_REPORTS_BUILD_ONLY=1` builds (or migrates) that dataset and stops, so the build need not
 * hold the measuring lock; `BENCH_REPORTS_CSV=0` leaves out the CSV export.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import postgres from "postgres";
import { cpuSeconds } from "../../tests/support/processes";
import { startServerProcess } from "../../tests/support/server-process";
import { BENCH_PROCESSES } from "./server";
import { databaseUrl, startPostgres } from "../../tests/support/postgres";

const SCALE = Number(process.env.BENCH_REPORTS_SCALE ?? 1);
const PARTNERS = Math.round(2_000 * SCALE);
const PEOPLE = Math.round(50_000 * SCALE);
const LEDGER = Math.round(2_000_000 * SCALE);
const CLAIMS = Math.round(500_000 * SCALE);
const REQUESTS = Number(process.env.BENCH_REPORTS_REQUESTS ?? 200);
const CONCURRENCY = 8;
/** `BENCH_REPORTS_ONLY=csv`: only the CSV export (the dashboards take minutes at full scale). */
const CSV_ONLY = process.env.BENCH_REPORTS_ONLY === "csv";
/** Exports one after another on the same server (`BENCH_REPORTS_CSV_RUNS`, 1): memory held shows as growth that stays. */
const CSV_RUNS = Number(process.env.BENCH_REPORTS_CSV_RUNS ?? 1);
/** The export's Accept-Encoding (`identity` for none, `br`); by default fetch's own, which over http is `gzip, deflate`. */
const CSV_ENCODING = process.env.BENCH_REPORTS_CSV_ENCODING;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(url: string, cookie?: string) {
  const times: number[] = [];
  let next = 0;
  const one = async () => {
    const t0 = performance.now();
    const res = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual" });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    times.push(performance.now() - t0);
  };
  for (let i = 0; i < 16; i++) await one(); // warm-up, not counted
  times.length = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < REQUESTS) await one();
    }),
  );
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), n: times.length };
}

async function signIn(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
    body: new URLSearchParams({ email, password: "bench-password-1" }),
  });
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error(`could not sign in as ${email}: ${res.status}`);
  return cookie;
}

async function buildDataset(sql: postgres.Sql, hash: string) {
  console.log(
    `\nReports: building ${PARTNERS.toLocaleString("en")} partners, ${PEOPLE.toLocaleString("en")} participants, ${LEDGER.toLocaleString("en")} ledger rows, ${CLAIMS.toLocaleString("en")} claims...`,
  );
  const org = (g: string) => `('10000000-0000-0000-0000-' || lpad((${g})::text, 12, '0'))::uuid`;
  const user = (g: string) => `('20000000-0000-0000-0000-' || lpad((${g})::text, 12, '0'))::uuid`;
  await sql.unsafe(`
      insert into organisations (id, name, kind, region, tier) values ('00000000-0000-0000-0000-000000000001', 'Bench Maker', 'manufacturer', 'Global', 'platinum');
      insert into users (organisation_id, email, name, role, status, password_hash, activated_at)
        values ('00000000-0000-0000-0000-000000000001', 'channel@bench.example', 'Channel Bench', 'channel_manager', 'active', '${hash}', now());
      insert into organisations (id, name, kind, region, tier)
        select ${org("g")}, 'Partner ' || g, 'dealer', 'Region ' || (g % 10), (array['registered','silver','gold','platinum'])[1 + g % 4]::tier
        from generate_series(1, ${PARTNERS}) g;
      insert into users (id, organisation_id, email, name, role, status, password_hash, created_at, activated_at)
        select ${user("g")}, ${org(`1 + g % ${PARTNERS}`)}, 'p' || g || '@bench.example', 'Person ' || g,
          (case when g <= ${PARTNERS} then 'executive' when g % 5 = 0 then 'technician' else 'salesperson' end)::role, 'active',
          case when g <= ${PARTNERS} then '${hash}' end, now() - interval '800 days', now() - interval '790 days' + (g % 300) * interval '1 day'
        from generate_series(1, ${PEOPLE}) g;
      insert into ledger_entries (user_id, organisation_id, kind, source_type, source_id, amount, expires_at, description_key, created_at)
        select ${user(`1 + g % ${PEOPLE}`)}, ${org(`1 + (g % ${PEOPLE}) % ${PARTNERS}`)},
          (case when g % 5 = 0 then 'redeem' else 'earn' end)::ledger_kind, 'bench', g::text,
          case when g % 5 = 0 then -(10 + g % 40) else 10 + g % 90 end,
          case when g % 5 <> 0 then now() - (g % 730) * interval '1 day' + interval '24 months' end, 'claims.desc.approved',
          now() - (g % 730) * interval '1 day' - (g % 86400) * interval '1 second'
        from generate_series(1, ${LEDGER}) g;
      insert into point_accounts (user_id, organisation_id, balance, earned_total, spent_total)
        select user_id, organisation_id, greatest(sum(amount), 0), coalesce(sum(amount) filter (where amount > 0), 0), -coalesce(sum(amount) filter (where amount < 0), 0)
        from ledger_entries group by user_id, organisation_id;
      insert into products (id, sku, name, category, points_per_unit, list_price_minor)
        select ('40000000-0000-0000-0000-' || lpad(g::text, 12, '0'))::uuid, 'SKU-' || g, 'Product ' || g, 'Category ' || (g % 6), 10 * g, 10000 + g * 500
        from generate_series(1, 40) g;
      insert into claims (organisation_id, user_id, status, invoice_number, invoice_key, invoice_date, points, submitted_at, last_submitted_at, decided_at, created_at)
        select ${org(`1 + (g % ${PEOPLE}) % ${PARTNERS}`)}, ${user(`1 + g % ${PEOPLE}`)},
          (array['approved','approved','approved','rejected','in_review','info_requested','manager_check','approved'])[1 + g % 8]::claim_status,
          'B-' || g, 'B-' || g, (now() - (g % 730) * interval '1 day')::date, 10 + g % 500,
          now() - (g % 730) * interval '1 day', now() - (g % 730) * interval '1 day',
          case when g % 8 in (0, 1, 2, 3, 7) then now() - (g % 730) * interval '1 day' + (g % 11) * interval '1 day' end,
          now() - (g % 730) * interval '1 day'
        from generate_series(1, ${CLAIMS}) g;
      insert into claim_lines (claim_id, position, sku, product_id, quantity, points)
        select c.id, 1, 'SKU-' || (1 + c.number % 40), ('40000000-0000-0000-0000-' || lpad((1 + c.number % 40)::text, 12, '0'))::uuid, 1 + c.number % 5, c.points
        from claims c;
      insert into promotions (name, starts_on, ends_on, scope, category, percent)
        select 'Promotion ' || g, (now() - (g * 60) * interval '1 day')::date, (now() - (g * 60 - 30) * interval '1 day')::date, 'category', 'Category ' || (g % 6), 150
        from generate_series(1, 12) g;
    `);
  await sql.unsafe("vacuum analyze");
}

export async function benchReports() {
  const reuse = process.env.BENCH_REPORTS_DATABASE_URL;
  const pg = reuse ? undefined : startPostgres();
  let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
  try {
    let url = reuse ?? "";
    if (pg) {
      const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe("create database reports");
      await admin.end();
      url = databaseUrl(pg.adminUrl, "reports");
    }
    process.env.DATABASE_URL = url;
    const { migrate } = await import("../../db/migrate");
    const { closeDb } = await import("../../db/client");
    const { hashPassword } = await import("../../app/lib/password.server");
    await migrate();
    await closeDb();
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    const [{ built }] = await sql`select exists (select 1 from users where email = 'channel@bench.example') as built`;
    let t = performance.now();
    if (!built) await buildDataset(sql, await hashPassword("bench-password-1"));
    const [{ n: ledgerRows }] = await sql`select count(*)::int as n from ledger_entries`;
    console.log(
      `  ${built ? "reused" : "built in"} ${built ? "" : `${((performance.now() - t) / 1000).toFixed(1)} s `}(${ledgerRows.toLocaleString("en")} ledger rows)`,
    );

    // BENCH_SERVER_NODE_OPTIONS: flags for the server process only (e.g. --trace-gc, --max-semi-space-size=4).
    const nodeOptions = process.env.BENCH_SERVER_NODE_OPTIONS;
    server = await startServerProcess({
      DATABASE_URL: url,
      SEED_DEMO: "0",
      WEB_CONCURRENCY: String(BENCH_PROCESSES),
      ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
    });
    if (process.env.BENCH_REPORTS_BUILD_ONLY === "1") {
      await sql.end();
      return;
    }
    const base = server.url;
    const executive = await signIn(base, "p1@bench.example");
    const channel = await signIn(base, "channel@bench.example");
    const month = `period=month&at=${new Date(Date.now() - 31 * 86_400_000).toISOString().slice(0, 10)}`;

    if (!CSV_ONLY) {
      const trivial = await measure(`${base}/login`);
      const partner = await measure(`${base}/reports?${month}`, executive);
      const programme = await measure(`${base}/reports/programme?${month}`, channel);
      const fmt = (n: number) => `${n.toFixed(0)} ms`;
      const line = (name: string, r: { p50: number; p95: number }) =>
        `  ${name.padEnd(36)} p50 ${fmt(r.p50).padStart(7)}  p95 ${fmt(r.p95).padStart(7)}  ${(r.p95 / trivial.p95).toFixed(1)}x trivial${
          name.startsWith("trivial") ? "" : `   goal p95 < 300 ms: ${r.p95 < 300 ? "met" : "NOT met"}`
        }`;
      console.log(
        `\nReports dashboards (${REQUESTS} requests each, ${CONCURRENCY} at a time, ${BENCH_PROCESSES} server process${BENCH_PROCESSES === 1 ? "" : "es"}):`,
      );
      console.log(line("trivial page (/login)", trivial));
      console.log(line("partner executive (/reports, month)", partner));
      console.log(line("channel team (/reports/programme)", programme));
    }

    if (process.env.BENCH_REPORTS_CSV === "0") {
      await sql.end();
      return;
    }
    // CSV of one million ledger rows (the newest), streamed; the server's RSS sampled while it is read.
    const [{ from }] = await sql`select (min(created_at) at time zone 'UTC')::date::text as from from (
      select created_at from ledger_entries where kind = 'earn' order by created_at desc limit 1000000) x`;
    const to = new Date().toISOString().slice(0, 10);
    const csvUrl = `${base}/reports/csv/rows.ledger?period=custom&from=${from}&to=${to}&key=earn`;
    const rssStart = server.rssBytes();
    for (let run = 1; run <= CSV_RUNS; run++) {
      const rssBefore = server.rssBytes();
      let peak = rssBefore;
      const sampler = setInterval(() => {
        peak = Math.max(peak, server?.rssBytes() ?? 0);
      }, 25);
      const cpuBefore = cpuSeconds(server.pid, { children: true });
      t = performance.now();
      const res = await fetch(csvUrl, { headers: { cookie: channel, ...(CSV_ENCODING ? { "accept-encoding": CSV_ENCODING } : {}) } });
      if (res.status !== 200 || !res.body) throw new Error(`CSV answered ${res.status}`);
      let lines = 0;
      let bytes = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        bytes += chunk.length;
        for (const b of chunk) if (b === 10) lines++;
      }
      clearInterval(sampler);
      const seconds = (performance.now() - t) / 1000;
      const cpu = cpuSeconds(server.pid, { children: true }) - cpuBefore;
      const growth = (peak - rssBefore) / 1024 / 1024;
      const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
      console.log(
        `\nCSV export${CSV_RUNS > 1 ? ` ${run} of ${CSV_RUNS}` : ""} of ${(lines - 1).toLocaleString("en")} ledger rows (${mb(bytes)}, ${res.headers.get("content-encoding") ?? "not compressed"}) in ${seconds.toFixed(1)} s (server CPU ${cpu.toFixed(1)} s, every thread): server RSS ${mb(rssBefore)} -> peak ${mb(peak)}, growth ${growth.toFixed(1)} MB (${mb(peak - rssStart)} over the first export's start)   goal < 64 MB: ${growth < 64 ? "met" : "NOT met"}`,
      );
    }
    await sql.end();
  } finally {
    await server?.stop();
    // BENCH_SERVER_LOG=<file>: what the server printed (its --trace-gc lines, errors).
    if (process.env.BENCH_SERVER_LOG && server) writeFileSync(process.env.BENCH_SERVER_LOG, server.output());
    pg?.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await benchReports();
