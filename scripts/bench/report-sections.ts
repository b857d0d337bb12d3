/**
 * Where a dashboard's time goes: each report section read on its own against DATABASE_URL (a
 * database made by `BENCH_REPORTS_DATABASE_URL=... tsx scripts/bench/reports.ts`), median of a
 * few runs, one at a time, for the partner executive (the first bench partner) and the channel
 * team. `REPORT_SECTIONS_RUNS` (default 5) runs per section. A diagnostic for issue 15, not a
 * goal: the goal is the dashboards' p95 through HTTP in reports.ts.
 */
import { pathToFileURL } from "node:url";

export async function timeSections() {
  const runs = Number(process.env.REPORT_SECTIONS_RUNS ?? 5);
  const { getDb, closeDb } = await import("../../db/client");
  const { EXECUTIVE_SECTIONS } = await import("../../app/domain/reports/dashboards.server");
  const { PROGRAMME_SECTIONS } = await import("../../app/domain/reports/programme.server");
  const { periodOf, periodsFor } = await import("../../app/domain/reports/period");
  const db = await getDb();
  const at = new Date(Date.now() - 31 * 86_400_000).toISOString().slice(0, 10);
  const periods = periodsFor(periodOf("month", at));
  const partner = "10000000-0000-0000-0000-000000000001";
  const views = [
    { name: "executive", readers: EXECUTIVE_SECTIONS, scope: { organisationId: partner } },
    { name: "channel team", readers: PROGRAMME_SECTIONS, scope: { organisationId: null, region: null, rank: "sales" as const } },
  ];
  for (const v of views) {
    let sum = 0;
    console.log(`\n${v.name} (month from ${periods.current.from}, median of ${runs}):`);
    for (const [id, read] of Object.entries(v.readers)) {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await read(db, v.scope, periods);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)];
      sum += median;
      console.log(`  ${id.padEnd(16)} ${median.toFixed(1).padStart(8)} ms`);
    }
    console.log(`  ${"sum".padEnd(16)} ${sum.toFixed(1).padStart(8)} ms`);
  }
  await closeDb();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await timeSections();
