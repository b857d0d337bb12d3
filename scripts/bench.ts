/**
 * npm run bench — speed goals measured side by side in one run, on a throw-away PostgreSQL 15.
 *
 * Leaderboard case (issue: seller contests): 100,000 participants, 1,000,000 ledger rows and
 * 1,000,000 contest entries; the contest page's p95 against a trivial page of the same server.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { AddressInfo } from "node:net";
import postgres from "postgres";
import type { ServerBuild } from "react-router";
import { databaseUrl, startPostgres } from "../tests/support/postgres";

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 100_000);
const ROWS_PER_PARTICIPANT = 10;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 600);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const root = path.resolve(import.meta.dirname, "..");

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
  for (let i = 0; i < 40; i++) await one(); // warm-up, not counted
  times.length = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < REQUESTS) await one();
    }),
  );
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), n: times.length };
}

const pg = startPostgres();
try {
  const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe("create database bench");
  await admin.end();
  process.env.DATABASE_URL = databaseUrl(pg.adminUrl, "bench");
  const { migrate } = await import("../db/migrate");
  const { getDb, closeDb } = await import("../db/client");
  await migrate();
  const sql = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });

  let t = performance.now();
  console.log(
    `Building ${PARTICIPANTS.toLocaleString("en")} participants, ${(PARTICIPANTS * ROWS_PER_PARTICIPANT).toLocaleString("en")} ledger rows and as many contest entries...`,
  );
  await sql.unsafe(`
    insert into organisations (id, name, kind, region, tier) values ('00000000-0000-0000-0000-000000000001', 'Bench Maker', 'manufacturer', 'Global', 'platinum');
    insert into organisations (id, name, kind, region, tier)
      select ('10000000-0000-0000-0000-' || lpad(g::text, 12, '0'))::uuid, 'Partner ' || g, 'dealer', 'Region ' || (g % 10), (array['registered','silver','gold','platinum'])[1 + g % 4]::tier
      from generate_series(1, 1000) g;
    insert into users (id, organisation_id, email, name, role, status)
      select ('20000000-0000-0000-0000-' || lpad(g::text, 12, '0'))::uuid, ('10000000-0000-0000-0000-' || lpad((1 + g % 1000)::text, 12, '0'))::uuid,
        'seller' || g || '@bench.example', 'Seller ' || g, 'salesperson', 'active'
      from generate_series(1, ${PARTICIPANTS}) g;
    insert into ledger_entries (user_id, organisation_id, kind, source_type, source_id, amount, expires_at, description_key)
      select u.id, u.organisation_id, 'earn', 'claim', u.id || ':' || s, 10 + abs(s * 7 + hashtext(u.id::text)) % 90, now() + interval '1 year', 'claims.desc.approved'
      from users u cross join generate_series(1, ${ROWS_PER_PARTICIPANT}) s where u.role = 'salesperson';
    insert into point_accounts (user_id, organisation_id, balance, earned_total)
      select user_id, organisation_id, sum(amount), sum(amount) from ledger_entries group by user_id, organisation_id;
    insert into contests (id, name, rules, starts_at, ends_at, grace_days, roles, metric)
      values ('30000000-0000-0000-0000-000000000001', 'Bench contest', 'Most points from sales wins.', now() - interval '30 days', now() + interval '30 days', 7, '{salesperson}', 'sales_points');
    insert into contest_prizes (contest_id, rank_from, rank_to, points) values ('30000000-0000-0000-0000-000000000001', 1, 10, 1000);
    insert into contest_entries (contest_id, participant_id, user_id, organisation_id, source_type, source_id, value, occurred_at)
      select '30000000-0000-0000-0000-000000000001', user_id, user_id, organisation_id, 'claim', source_id, amount, now() - (id % 1000) * interval '1 minute'
      from ledger_entries;
    insert into contest_scores (contest_id, participant_id, organisation_id, score, reached_at)
      select contest_id, participant_id, organisation_id, sum(value), max(occurred_at) from contest_entries group by contest_id, participant_id, organisation_id;
  `);
  // What autovacuum would have done by now on a live system: statistics and the visibility map.
  await sql.unsafe("vacuum analyze");
  console.log(`  built in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const { createSession } = await import("../app/domain/auth/sessions.server");
  const { createHttpApp } = await import("../app/server/http");
  const db = await getDb();
  const viewer = `20000000-0000-0000-0000-${String(Math.floor(PARTICIPANTS / 2)).padStart(12, "0")}`;
  const session = await createSession(db, viewer);
  const build = (await import(pathToFileURL(path.join(root, "build/server/index.js")).href)) as ServerBuild;
  const app = createHttpApp(build, { clientDir: path.join(root, "build/client") });
  const server = await new Promise<import("node:http").Server>((r) => {
    const s = app.listen(0, "127.0.0.1", () => r(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cookie = `portal_session=${session.token}`;

  t = performance.now();
  const trivial = await measure(`${base}/login`);
  const home = await measure(`${base}/home`, cookie);
  const board = await measure(`${base}/contests/30000000-0000-0000-0000-000000000001`, cookie);
  const check = await (await fetch(`${base}/contests/30000000-0000-0000-0000-000000000001`, { headers: { cookie } })).text();
  if (!/data-testid="my-position"/.test(check)) throw new Error("leaderboard page did not show the viewer's position");

  const fmt = (n: number) => `${n.toFixed(1)} ms`;
  console.log(
    `\nLeaderboard with ${PARTICIPANTS.toLocaleString("en")} participants (${REQUESTS} requests each, ${CONCURRENCY} at a time, same server):`,
  );
  console.log(`  trivial page (/login)      p50 ${fmt(trivial.p50)}  p95 ${fmt(trivial.p95)}`);
  console.log(`  signed-in home page (/home) p50 ${fmt(home.p50)}  p95 ${fmt(home.p95)}`);
  console.log(`  contest leaderboard page   p50 ${fmt(board.p50)}  p95 ${fmt(board.p95)}`);
  console.log(
    `  ratio leaderboard/trivial  p95 ${(board.p95 / trivial.p95).toFixed(2)}x   target: p95 under 100 ms -> ${board.p95 < 100 ? "met" : "NOT met"}`,
  );
  server.close();
  // Communication (its own file): announcement queueing and outbox drain next to raw SMTP.
  await (await import("./bench/communication")).benchCommunication(db);
  await sql.end();
  await closeDb();
} finally {
  pg.stop();
}

// The reports dataset (issue 15) on its own database and server process: scripts/bench/reports.ts.
if (process.env.BENCH_SKIP_REPORTS !== "1") await (await import("./bench/reports")).benchReports();
