import { eq, sql } from "drizzle-orm";
import { parse as parseCsv } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { EXECUTIVE_SECTIONS, readDashboard } from "../../app/domain/reports/dashboards.server";
import { bounds, type Period, periodOf, periodQuery, periodsFor } from "../../app/domain/reports/period";
import { PROGRAMME_SECTIONS } from "../../app/domain/reports/programme.server";
import { isoDay } from "../../app/lib/dates";
import { getDb, rowsOf } from "../../db/client";
import { organisations } from "../../db/schema";
import { usePortal } from "../support/fixtures";

// The cost-share and mystery-shopping sections of both dashboards, against SQL written here over
// the cost-share ledger's entries and the published visits (the demo seeds both areas).
const db = await getDb();
const portal = usePortal({ people: { ona: "ona@baltictools.example", cm: "chris@volta.example" }, activity: true });
const { as } = portal;
const year: Period = periodOf("year", isoDay(new Date()));
let baltic = "";

beforeAll(async () => {
  const [b] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, "Baltic Tools Distribution"));
  baltic = b.id;
});

async function one(q: ReturnType<typeof sql>): Promise<number> {
  return Number(rowsOf<{ v: string | null }>(await db.execute(q))[0]?.v ?? 0);
}

async function expectedFunds(org: string | null, p: Period) {
  const inOrg = org ? sql`and e.organisation_id = ${org}` : sql``;
  const entries = (kinds: string) =>
    one(sql`select coalesce(sum(e.amount), 0) as v from costshare_entries e join costshare_funds f on f.id = e.fund_id
      join costshare_periods cp on cp.id = f.period_id
      where cp.starts_on <= ${p.to}::date and cp.ends_on >= ${p.from}::date and e.kind::text = any(string_to_array(${kinds}, ',')) ${inOrg}`);
  const allocated = await entries("allocation,accrual,adjustment");
  return {
    allocated,
    committed: (await entries("commitment")) - (await entries("release")),
    claimed: await entries("claim"),
    paid: await entries("payment"),
    available: allocated - (await entries("commitment")) + (await entries("release")) - (await entries("expiry")),
  };
}

async function expectedVisits(org: string | null, p: Period) {
  const { start, end } = bounds(p);
  return one(sql`select count(*) as v from mystery_visits where status = 'published'
    and visited_at >= ${start.toISOString()} and visited_at < ${end.toISOString()} ${org ? sql`and organisation_id = ${org}` : sql``}`);
}

const figure = (sections: Awaited<ReturnType<typeof readDashboard>>, section: string, id: string) =>
  sections.find((s) => s.id === section)?.figures.find((f) => f.id === id)?.value;

describe("cost-share and mystery shopping on the report dashboards", () => {
  it("a partner's figures are the sums of its cost-share entries and its published visits", async () => {
    const sections = await readDashboard(db, EXECUTIVE_SECTIONS, { organisationId: baltic }, periodsFor(year));
    const want = await expectedFunds(baltic, year);
    expect(want.allocated).toBeGreaterThan(0);
    for (const k of ["allocated", "committed", "claimed", "paid", "available"] as const)
      expect(figure(sections, "costshare", k)).toBe(want[k]);
    expect(figure(sections, "mystery", "visits")).toBe(await expectedVisits(baltic, year));
  });

  it("the programme's figures cover every partner", async () => {
    const sections = await readDashboard(db, PROGRAMME_SECTIONS, { organisationId: null }, periodsFor(year));
    const want = await expectedFunds(null, year);
    for (const k of ["allocated", "claimed", "available"] as const) expect(figure(sections, "costshare", k)).toBe(want[k]);
    const visits = await expectedVisits(null, year);
    expect(visits).toBeGreaterThan(0);
    expect(figure(sections, "mystery", "visits")).toBe(visits);
  });

  it("the executive sees both sections on the page and downloads their tables, with only their own outlets", async () => {
    const res = await as.ona.get(`/reports?${periodQuery(year)}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Marketing cost-share");
    expect(html).toContain("Mystery shopping");
    const csv = await as.ona.get(`/reports/csv/mystery.outlets?${periodQuery(year)}`);
    expect(csv.status).toBe(200);
    const rows: string[][] = parseCsv((await csv.text()).replace(/^\uFEFF/, ""));
    const outlets = rowsOf<{ name: string; city: string }>(
      await db.execute(sql`select name, city from outlets where organisation_id = ${baltic}`),
    ).map((o) => `${o.name}, ${o.city}`);
    expect(rows[0]).toEqual(["Outlet", "Published visits", "Score"]);
    for (const r of rows.slice(1)) expect(outlets).toContain(r[0]);
    const funds = await as.ona.get(`/reports/csv/costshare.funds?${periodQuery(year)}`);
    expect(funds.status).toBe(200);
    expect(await funds.text()).toContain("Allocated");
  });

  it("the funds chart's scale reads in the currency's units, as the table beside it does, not in cents", async () => {
    const html = await (await as.ona.get(`/reports?${periodQuery(year)}`)).text();
    const block = html.match(/data-table="costshare\.funds">([\s\S]*?)<\/table>/)?.[1] ?? "";
    const svg = block.match(/<svg[\s\S]*?<\/svg>/)?.[0] ?? "";
    // The value axis's labels, in euros ("€20,000"; the period axis says "2026 Q3").
    const ticks = [...svg.matchAll(/<tspan[^>]*>€([\d.,\s]+)<\/tspan>/g)].map((m) => Number(m[1].replace(/[,\s]/g, "")));
    const allocated = [...block.matchAll(/<td data-label="Allocated" class="n">([^<]*)<\/td>/g)].map((m) =>
      Number(m[1].replace(/[^\d.]/g, "")),
    );
    expect(allocated.length).toBeGreaterThan(0);
    expect(ticks.length).toBeGreaterThan(1);
    // The top of the scale is at or above the largest bar (€20,000.00 reads 20,000, not 2,000,000), and near it.
    const top = Math.max(...ticks);
    const largest = Math.max(...allocated);
    expect(top).toBeGreaterThanOrEqual(largest);
    expect(top).toBeLessThan(largest * 2);
  });

  it("the funds CSV has the amounts the table shows, in the currency's units, not in cents", async () => {
    const html = await (await as.ona.get(`/reports?${periodQuery(year)}`)).text();
    const block = html.match(/data-table="costshare\.funds">([\s\S]*?)<\/table>/)?.[1] ?? "";
    const onPage = (label: string) =>
      [...block.matchAll(new RegExp(`<td data-label="${label}" class="n">([^<]*)</td>`, "g"))].map((m) => m[1].replace(/[^\d.]/g, ""));
    const rows: string[][] = parseCsv(
      (await (await as.ona.get(`/reports/csv/costshare.funds?${periodQuery(year)}`)).text()).replace(/^\uFEFF/, ""),
    );
    expect(rows[0]).toEqual(["Period", "Allocated", "Claimed", "Available", "Used (claimed / allocated)"]);
    expect(rows.length).toBeGreaterThan(1);
    // €20,000.00 on the page is 20000.00 in the file (it was 2000000).
    expect(rows.slice(1).map((r) => r[1])).toEqual(onPage("Allocated"));
    expect(rows.slice(1).map((r) => r[2])).toEqual(onPage("Claimed"));
    expect(rows.slice(1).map((r) => r[3])).toEqual(onPage("Available"));
  });

  it("a name typed with HTML in it shows as text in the dashboard's tables, never as markup", async () => {
    // The sections are written as an HTML string on the server (app/components/reports/sections.server.ts),
    // so every name from the database must come out escaped.
    const [visited] = rowsOf<{ id: string; name: string }>(
      await db.execute(sql`select o.id, o.name from outlets o join mystery_visits v on v.outlet_id = o.id
        where o.organisation_id = ${baltic} and v.status = 'published' limit 1`),
    );
    expect(visited).toBeDefined();
    const typed = `<img src=x onerror=alert(1)> & "Co" 'Shop'`;
    await db.execute(sql`update outlets set name = ${typed} where id = ${visited.id}`);
    try {
      const html = await (await as.ona.get(`/reports?${periodQuery(year)}`)).text();
      expect(html).toContain("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Co&quot; &#39;Shop&#39;");
      expect(html).not.toContain("<img src=x");
    } finally {
      await db.execute(sql`update outlets set name = ${visited.name} where id = ${visited.id}`);
    }
  });
});
