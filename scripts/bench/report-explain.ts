/**
 * Each channel-team section's statements under EXPLAIN (ANALYZE, BUFFERS) against DATABASE_URL
 * (the database `BENCH_REPORTS_DATABASE_URL=... tsx scripts/bench/reports.ts` built): the SQL
 * the section really sends (caught by drizzle's logger, with its parameters) and each one's
 * execution time. `tsx scripts/bench/report-explain.ts partners roi` for some sections only;
 * PLANS=1 prints the plans. A diagnostic for issue 15 (run it under the bench lock); EXPLAIN
 * ANALYZE's own timing makes its times larger than a real request's.
 */
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import * as schema from "../../db/schema/index";
const url = process.env.DATABASE_URL;
if (!url) throw new Error("set DATABASE_URL to the reports bench database");
const client = postgres(url, { max: 1, onnotice: () => {} });
const seen: { q: string; p: unknown[] }[] = [];
const db = drizzle(client, { schema, logger: { logQuery: (q, p) => seen.push({ q, p }) } });
const { PROGRAMME_SECTIONS } = await import("../../app/domain/reports/programme.server");
const { periodOf, periodsFor } = await import("../../app/domain/reports/period");
const at = new Date(Date.now() - 31 * 86_400_000).toISOString().slice(0, 10);
const periods = periodsFor(periodOf("month", at));
const only = process.argv.slice(2);
const scope = { organisationId: null, region: null, rank: "sales" as const };
for (const [id, read] of Object.entries(PROGRAMME_SECTIONS)) {
  if (only.length && !only.includes(id)) continue;
  seen.length = 0;
  await read(db as never, scope, periods);
  const stmts = [...seen];
  let total = 0;
  const lines: string[] = [];
  for (const s of stmts) {
    const plan = await client.unsafe(`explain (analyze, buffers) ${s.q}`, s.p as never[]);
    const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
    const ms = Number(/Execution Time: ([\d.]+)/.exec(text)?.[1] ?? 0);
    total += ms;
    lines.push(`  ${ms.toFixed(1)} ms: ${s.q.replace(/\s+/g, " ").slice(0, 140)}`);
    if (process.env.PLANS) lines.push(text);
  }
  console.log(`${id}: ${total.toFixed(1)} ms in ${stmts.length} statements`);
  for (const l of lines) console.log(l);
}
await client.end();
