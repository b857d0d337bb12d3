import { and, eq, sql } from "drizzle-orm";
import { PARTNER_ROLES_SQL_LIST } from "../../db/schema/enums";
import { beforeAll, describe, expect, it } from "vitest";
import { readDashboard, EXECUTIVE_SECTIONS } from "../../app/domain/reports/dashboards.server";
import { sendMonthlyReports } from "../../app/domain/reports/monthly-email.server";
import { addMonthsToDay, bounds, type Period, periodOf, periodQuery, periodsFor } from "../../app/domain/reports/period";
import { PROGRAMME_SECTIONS, readProgramme } from "../../app/domain/reports/programme.server";
import type { Section } from "../../app/domain/reports/types";
import { createContest } from "../../app/domain/contests/contests.server";
import { renderEmail } from "../../emails/index";
import { getDb, readSnapshot, rowsOf } from "../../db/client";
import { emailOutbox, organisations, users } from "../../db/schema";
import { isoDay } from "../../app/lib/dates";
import { contestInput } from "../support/contests";
import { usePortal } from "../support/fixtures";
import { actorFor } from "../support/portal";
import { seedReportData } from "../support/reports";

const db = await getDb();
const portal = usePortal({ people: { ona: "ona@baltictools.example", chris: "chris@volta.example", emma: "emma@northfield.example" } });
const { as } = portal;
let baltic = "";
let northfield = "";
const today = isoDay(new Date());

const PERIODS: Period[] = [
  periodOf("month", isoDay(new Date(Date.now() - 40 * 86_400_000))),
  periodOf("quarter", today),
  periodOf("year", addMonthsToDay(today, -12)),
  { kind: "custom", from: isoDay(new Date(Date.now() - 200 * 86_400_000)), to: isoDay(new Date(Date.now() - 20 * 86_400_000)) },
];

beforeAll(async () => {
  await seedReportData(db);
  const [b] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, "Baltic Tools Distribution"));
  const [n] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, "Northfield Building Supplies"));
  baltic = b.id;
  northfield = n.id;
});

/** One number from SQL written for this test, on its own, straight over the ledger, claims and people. */
async function one(q: ReturnType<typeof sql>): Promise<number> {
  const [row] = rowsOf<{ v: string | number | null }>(await db.execute(q));
  return Number(row?.v ?? 0);
}

/** The figures, recomputed independently of app/domain/reports. */
async function expected(org: string | null, p: Period) {
  const { start, end } = bounds(p);
  const s = start.toISOString();
  const e = end.toISOString();
  const inOrg = (col: string) => (org ? sql`and ${sql.raw(col)} = ${org}` : sql``);
  const partner = sql.raw(`role::text in ${PARTNER_ROLES_SQL_LIST}`);
  const active = await one(
    sql`select count(*) as v from (select user_id from ledger_entries where created_at >= ${s} and created_at < ${e} ${inOrg("organisation_id")}
      group by user_id having bool_or(kind = 'earn' or kind = 'redeem')) x`,
  );
  const people = await one(
    sql`select count(*) as v from users where ${partner} and activated_at is not null and activated_at < ${e}
      and not coalesce(deactivated_at < ${s}, false) ${inOrg("organisation_id")}`,
  );
  const sentClaims = sql`select id from claims where status::text in ('manager_check','in_review','info_requested','approved')
    and submitted_at >= ${s} and submitted_at < ${e} ${inOrg("organisation_id")}`;
  const decided = sql`from claims where status::text in ('approved','rejected') and decided_at >= ${s} and decided_at < ${e} ${inOrg("organisation_id")}`;
  const avgSeconds = await one(sql`select avg(extract(epoch from decided_at) - extract(epoch from submitted_at)) as v ${decided}`);
  return {
    participation: {
      active,
      people,
      share: people ? Math.round((active * 1000) / people) : 0,
      invited: await one(
        sql`select count(*) as v from users where ${partner} and created_at >= ${s} and created_at < ${e} ${inOrg("organisation_id")}`,
      ),
      activated: await one(
        sql`select count(*) as v from users where ${partner} and activated_at >= ${s} and activated_at < ${e} ${inOrg("organisation_id")}`,
      ),
    },
    points: {
      earned: await one(
        sql`select sum(amount) as v from ledger_entries where kind = 'earn' and created_at >= ${s} and created_at < ${e} ${inOrg("organisation_id")}`,
      ),
      spent: await one(
        sql`select -sum(amount) as v from ledger_entries where kind = 'redeem' and created_at >= ${s} and created_at < ${e} ${inOrg("organisation_id")}`,
      ),
    },
    sales: {
      units: await one(sql`select sum(quantity) as v from claim_lines where claim_id in (${sentClaims})`),
      claims: await one(
        sql`select count(*) as v from claims where id in (${sentClaims}) and exists (select 1 from claim_lines l where l.claim_id = claims.id)`,
      ),
    },
    claims: {
      decided: await one(sql`select count(*) as v ${decided}`),
      approved: await one(sql`select count(*) filter (where status = 'approved') as v ${decided}`),
      cycle: Math.round(avgSeconds / 8640),
    },
  };
}

function figure(sections: Section[], section: string, id: string) {
  const f = sections.find((s) => s.id === section)?.figures.find((x) => x.id === id);
  if (!f) throw new Error(`no figure ${section}.${id}`);
  return f;
}
function tableSum(sections: Section[], section: string, table: string, column: string): number {
  const t = sections.find((s) => s.id === section)?.tables.find((x) => x.id === table);
  if (!t) throw new Error(`no table ${section}.${table}`);
  return t.rows.reduce((sum, r) => sum + Number(r.cells[column] ?? 0), 0);
}

describe("report figures equal SQL written independently over the ledger, claims and people", () => {
  it("for a partner and for the whole programme, every period kind, with the previous period and last year", async () => {
    let nonZero = 0;
    for (const [org, readers] of [
      [baltic, EXECUTIVE_SECTIONS],
      [null, PROGRAMME_SECTIONS],
    ] as const) {
      for (const p of PERIODS) {
        const periods = periodsFor(p);
        const sections = await readDashboard(db, readers, { organisationId: org }, periods);
        for (const [which, period] of [
          ["value", periods.current],
          ["previous", periods.previous],
          ["lastYear", periods.lastYear],
        ] as const) {
          const want = await expected(org, period);
          const got = (section: string, id: string) => figure(sections, section, id)[which];
          const label = `${org ? "partner" : "programme"} ${p.kind} ${p.from}..${p.to} ${which}`;
          expect({ label, ...want.participation }).toEqual({
            label,
            active: got("participation", "active"),
            people: got("participation", "people"),
            share: got("participation", "share"),
            invited: got("participation", "invited"),
            activated: got("participation", "activated"),
          });
          expect({ label, ...want.claims }).toEqual({
            label,
            decided: got("claims", "decided"),
            approved: got("claims", "approved"),
            cycle: got("claims", "cycle"),
          });
          if (readers === EXECUTIVE_SECTIONS) {
            expect({ label, ...want.points, ...want.sales }).toEqual({
              label,
              earned: got("points", "earned"),
              spent: got("points", "spent"),
              units: got("sales", "units"),
              claims: got("sales", "claims"),
            });
          }
          nonZero += want.points.earned > 0 && want.sales.units > 0 && want.claims.decided > 0 ? 1 : 0;
        }
        if (readers === EXECUTIVE_SECTIONS) {
          // The tables add up to their figures.
          const want = await expected(org, p);
          expect(tableSum(sections, "points", "per_person", "earned")).toBe(want.points.earned);
          expect(tableSum(sections, "points", "points_over_time", "spent")).toBe(want.points.spent);
          expect(tableSum(sections, "sales", "per_product", "units")).toBe(want.sales.units);
          expect(tableSum(sections, "sales", "per_category", "units")).toBe(want.sales.units);
          expect(tableSum(sections, "sales", "sales_over_time", "units")).toBe(want.sales.units);
        }
      }
    }
    // The seeded data really is in these periods: the comparison is not of zeros.
    expect(nonZero).toBeGreaterThan(10);
  });
});

/** A small reader for the CSV the exports write: quoted cells with doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  return rows;
}

async function csv(visitor: (typeof as)["ona"], path: string) {
  const res = await visitor.get(path);
  expect(res.status, path).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  const bytes = Buffer.from(await res.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [head, ...rows] = parseCsv(bytes.toString("utf8").replace(/^\uFEFF/, ""));
  return { head, rows };
}

describe("the executive's dashboard over HTTP", () => {
  const p = PERIODS[0];
  it("shows the figures of their own organisation, and each figure's rows add up to it (page and CSV)", async () => {
    const want = await expected(baltic, p);
    const res = await as.ona.get(`/reports?${periodQuery(p)}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const shown = (id: string) => html.match(new RegExp(`data-figure="${id}"[^>]*>([^<]*)<`))?.[1];
    expect(shown("earned")).toBe(want.points.earned.toLocaleString("en"));
    expect(shown("units")).toBe(want.sales.units.toLocaleString("en"));
    // Charts are SVG in the page itself (no JavaScript needed), next to their tables.
    expect(html).toContain('<svg aria-hidden="true" focusable="false"');
    expect(html).toContain("recharts-bar-rectangle");

    const earned = await csv(as.ona, `/reports/csv/rows.ledger?${periodQuery(p)}&key=earn`);
    const points = earned.head.indexOf("Points");
    expect(earned.rows.reduce((s, r) => s + Number(r[points]), 0)).toBe(want.points.earned);
    const lines = await csv(as.ona, `/reports/csv/rows.claim_lines?${periodQuery(p)}`);
    expect(lines.rows.reduce((s, r) => s + Number(r[lines.head.indexOf("Units")]), 0)).toBe(want.sales.units);
    const decided = await csv(as.ona, `/reports/csv/rows.claims?${periodQuery(p)}&key=decided`);
    expect(decided.rows.length).toBe(want.claims.decided);
    // Every person in those rows is one of Baltic's.
    const baltics = (await db.select({ name: users.name }).from(users).where(eq(users.organisationId, baltic))).map((u) => u.name);
    expect(earned.rows.every((r) => baltics.includes(r[earned.head.indexOf("Person")]))).toBe(true);

    // The drill-down page lists the same rows a page at a time.
    const page = await (await as.ona.get(`/reports/rows/ledger?${periodQuery(p)}&key=earn`)).text();
    expect(page).toContain("Ledger entries");
    expect(page).toContain(earned.rows[0][earned.head.indexOf("Person")].replace(/'/g, "&#x27;"));
  });

  it("exports each dashboard table as the page shows it", async () => {
    const sections = await readDashboard(db, EXECUTIVE_SECTIONS, { organisationId: baltic }, periodsFor(p));
    const table = sections.find((s) => s.id === "sales")?.tables.find((t) => t.id === "per_product");
    const out = await csv(as.ona, `/reports/csv/sales.per_product?${periodQuery(p)}`);
    expect(out.head).toEqual(["Product", "SKU", "Category", "Units", "Points"]);
    expect(out.rows.map((r) => [r[1], Number(r[3])])).toEqual(table?.rows.map((r) => [r.cells.sku, r.cells.units]));
  });

  it("never shows another partner's rows, nor the channel team's figures, whatever the address says", async () => {
    const [sam] = await db.select({ id: users.id }).from(users).where(eq(users.email, "sam@northfield.example"));
    const theirs = await csv(as.ona, `/reports/csv/rows.ledger?period=year&at=${today}&key=user:${sam.id}`);
    expect(theirs.rows).toEqual([]);
    // `org` is the channel team's narrowing; for a partner it changes nothing.
    const mine = await csv(as.ona, `/reports/csv/rows.ledger?${periodQuery(PERIODS[0])}&key=earn&org=${northfield}`);
    const plain = await csv(as.ona, `/reports/csv/rows.ledger?${periodQuery(PERIODS[0])}&key=earn`);
    expect(mine.rows).toEqual(plain.rows);
    expect((await as.ona.get("/reports/rows/queue")).status).toBe(404);
    expect((await as.ona.get("/reports/csv/liability.expiry_profile")).status).toBe(404);
    expect((await as.ona.get("/reports/rows/nothing")).status).toBe(404);
    expect((await as.ona.get("/reports/rows/ledger?key=user:not-an-id")).status).toBe(404);
    // A period that cannot be read is the current month with a message, not an error.
    const odd = await as.ona.get("/reports?period=custom&from=2026-02-31&to=2026-01-01");
    expect(odd.status).toBe(200);
    expect(await odd.text()).toContain("That period could not be read");
  });
});

describe("the executive's contest standings", () => {
  it("place each of the partner's people as the contest board orders them: score, then who reached it first", async () => {
    const contest = await createContest(db, await actorFor("chris@volta.example"), contestInput({ name: "Report standings" }));
    // 240 entries of two partners, 24 distinct scores, each reached at one of three instants: ties on score and on time.
    await db.execute(sql`insert into contest_scores (contest_id, participant_id, organisation_id, score, reached_at)
      select ${contest.id}::uuid, gen_random_uuid(), case when g % 2 = 0 then ${baltic}::uuid else ${northfield}::uuid end,
        (g % 24) * 7, date_trunc('hour', now()) - make_interval(hours => g % 3)
      from generate_series(1, 240) g`);
    const [section] = await readDashboard(
      db,
      { contests: EXECUTIVE_SECTIONS.contests },
      { organisationId: baltic },
      periodsFor(PERIODS[1]),
    );
    const shown = Object.fromEntries(
      section.tables[0].rows.filter((r) => r.rows?.key?.startsWith(contest.id)).map((r) => [r.rows?.key?.split(":")[1], r.cells.place]),
    );
    const board = rowsOf<{ participant_id: string; place: number }>(
      await db.execute(sql`select participant_id, place::int from (
          select participant_id, organisation_id, row_number() over (order by score desc, reached_at, participant_id) as place
          from contest_scores where contest_id = ${contest.id}) x
        where organisation_id = ${baltic}`),
    );
    expect(board.length).toBe(120);
    expect(shown).toEqual(Object.fromEntries(board.map((r) => [r.participant_id, r.place])));
    await db.execute(sql`delete from contests where id = ${contest.id}`);
  });
});

describe("the channel team's dashboard", () => {
  it("shows queues, partners, liability, redemptions, funnel and promotions, and partner rows add up", async () => {
    const res = await as.chris.get(`/reports/programme?${periodQuery(PERIODS[1])}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const words of [
      "Approval queues",
      "Partners ranked by approved sales",
      "Point liability",
      "By hobby category",
      "Engagement funnel",
      "Promotions",
    ])
      expect(html).toContain(words);
    const waiting = await one(sql`select count(*) as v from claims where status::text in ('manager_check','in_review','info_requested')`);
    const queue = await csv(as.chris, "/reports/csv/rows.queue");
    expect(queue.rows.length).toBe(waiting);
    // Oldest first.
    const since = queue.rows.map((r) => r[queue.head.indexOf("Sent")]);
    expect([...since].sort()).toEqual(since);
    // Ranked by tier in one region: only that region's partners, platinum first.
    const [{ region }] = await db.select({ region: organisations.region }).from(organisations).where(eq(organisations.id, baltic));
    const sections = await readDashboard(
      db,
      { partners: PROGRAMME_SECTIONS.partners },
      { organisationId: null, region, rank: "tier" },
      periodsFor(PERIODS[1]),
    );
    const ranked = sections[0].tables[0].rows.map((r) => String(r.cells.tier));
    const inRegion = await one(sql`select count(*) as v from organisations where region = ${region} and kind <> 'manufacturer'`);
    expect(ranked.length).toBe(inRegion);
    const order = ["tier.platinum", "tier.gold", "tier.silver", "tier.registered"];
    expect([...ranked].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(ranked);
    const byRegion = await as.chris.get(`/reports/programme?rank=tier&region=${encodeURIComponent(region)}`);
    expect(byRegion.status).toBe(200);
    expect((await as.chris.get("/reports/programme?rank=nonsense&region=nowhere")).status).toBe(200);
    // A region no partner is in narrows nothing: the whole programme's ranking, read in the same snapshot.
    const partners = await one(sql`select count(*) as v from organisations where kind <> 'manufacturer'`);
    const nowhere = await readProgramme(db, { region: "nowhere", rank: "sales" }, periodsFor(PERIODS[1]));
    expect(nowhere.region).toBeNull();
    expect(nowhere.regions).toContain(region);
    expect(nowhere.sections.find((x) => x.id === "partners")?.tables[0].rows.length).toBe(Math.min(partners, 100));
    const narrowed = await readProgramme(db, { region, rank: "tier" }, periodsFor(PERIODS[1]));
    expect(narrowed.region).toBe(region);
    expect(narrowed.sections.find((x) => x.id === "partners")?.tables[0].rows.map((r) => String(r.cells.tier))).toEqual(ranked);
    const balance = await one(sql`select sum(balance) as v from point_accounts`);
    expect(html).toMatch(new RegExp(`data-figure="points"[^>]*>${balance.toLocaleString("en")}<`));
  });
});

describe("a dashboard's statements", () => {
  it("read one snapshot, read-only: a row written meanwhile by someone else is not seen, and nothing can be written", async () => {
    await db.execute(sql`create table snapshot_probe (n integer)`);
    const count = sql`select count(*)::int as n from snapshot_probe`;
    const seen = await readSnapshot(db, async (tx) => {
      const before = rowsOf<{ n: number }>(await tx.execute(count))[0].n;
      await db.execute(sql`insert into snapshot_probe values (1)`);
      const after = rowsOf<{ n: number }>(await tx.execute(count))[0].n;
      return { before, after };
    });
    expect(seen).toEqual({ before: 0, after: 0 });
    // 25006: read_only_sql_transaction.
    await expect(readSnapshot(db, (tx) => tx.execute(sql`insert into snapshot_probe values (2)`))).rejects.toMatchObject({
      cause: { code: "25006" },
    });
    expect(rowsOf<{ n: number }>(await db.execute(count))[0].n).toBe(1);
    await db.execute(sql`drop table snapshot_probe`);
  });
});

describe("the channel team's figures equal SQL written independently", () => {
  it("partner ranking, breakage, expiry profile and funnel", async () => {
    const p = PERIODS[3];
    const sections = await readDashboard(db, PROGRAMME_SECTIONS, { organisationId: null }, periodsFor(p));
    const { start, end } = bounds(p);
    const s = start.toISOString();
    const e = end.toISOString();
    // Partners: approved claims decided in the period, per partner, for a custom period (whole
    // months and the days at its edges) and for a month, a quarter and a year (whole months only).
    for (const q of [p, ...PERIODS.slice(0, 3)]) {
      const [partners] = await readDashboard(db, { partners: PROGRAMME_SECTIONS.partners }, { organisationId: null }, periodsFor(q));
      const ranking = partners.tables[0].rows;
      const range = bounds(q);
      const perPartner = rowsOf<{ name: string; points: string; claims: string }>(
        await db.execute(sql`select o.name, coalesce(sum(c.points), 0) as points, count(c.id) as claims from organisations o
          left join claims c on c.organisation_id = o.id and c.status = 'approved'
            and c.decided_at >= ${range.start.toISOString()} and c.decided_at < ${range.end.toISOString()}
          where o.kind <> 'manufacturer' group by o.name`),
      );
      expect(Object.fromEntries(ranking.map((r) => [r.cells.partner, [r.cells.points, r.cells.claims]])), q.kind).toEqual(
        Object.fromEntries(perPartner.map((r) => [r.name, [Number(r.points), Number(r.claims)]])),
      );
      const points = ranking.map((r) => Number(r.cells.points));
      expect([...points].sort((a, b) => b - a)).toEqual(points);
      // Engagement: the partner's people active in the period over those signed up in it.
      const engagement = rowsOf<{ name: string; active: number; people: number }>(
        await db.execute(sql`select o.name,
            (select count(distinct e.user_id)::int from ledger_entries e where e.organisation_id = o.id and e.kind in ('earn', 'redeem')
              and e.created_at >= ${range.start.toISOString()} and e.created_at < ${range.end.toISOString()}) as active,
            (select count(*)::int from users u where u.organisation_id = o.id and u.role::text in ${sql.raw(PARTNER_ROLES_SQL_LIST)}
              and u.activated_at < ${range.end.toISOString()} and not coalesce(u.deactivated_at < ${range.start.toISOString()}, false)) as people
          from organisations o where o.kind <> 'manufacturer'`),
      );
      expect(Object.fromEntries(ranking.map((r) => [r.cells.partner, r.cells.engagement])), q.kind).toEqual(
        Object.fromEntries(engagement.map((r) => [r.name, r.people > 0 ? Math.round((r.active * 1000) / r.people) : 0])),
      );
    }
    // Breakage: expired / earned over the last 12 months (this month so far and the 11 before it,
    // UTC), and the drill-down behind it lists exactly those days.
    const liability = sections.find((x) => x.id === "liability");
    const since = sql`date_trunc('month', now() at time zone 'UTC') - interval '11 months'`;
    const expired = await one(
      sql`select -sum(amount) as v from ledger_entries where kind = 'expire' and created_at at time zone 'UTC' >= ${since}`,
    );
    const issued = await one(
      sql`select sum(amount) as v from ledger_entries where kind = 'earn' and created_at at time zone 'UTC' >= ${since}`,
    );
    expect(expired).toBeGreaterThan(0);
    expect(liability?.figures.find((f) => f.id === "expired")?.value).toBe(expired);
    expect(liability?.figures.find((f) => f.id === "breakage")?.value).toBe(Math.round((expired * 1000) / issued));
    const expiredLink = liability?.figures.find((f) => f.id === "expired")?.rows;
    const from = await one(sql`select to_char(${since}, 'YYYYMMDD')::int as v`);
    expect(Number(expiredLink?.period?.from.replaceAll("-", ""))).toBe(from);
    expect(expiredLink?.period?.to).toBe(new Date().toISOString().slice(0, 10));
    // Expiry profile: what is left of lots expiring within the next 12 months, all of it.
    const left =
      await one(sql`select sum(e.amount - coalesce((select sum(points) from ledger_allocations a where a.lot_entry_id = e.id), 0)) as v
      from ledger_entries e where e.amount > 0 and e.expires_at > now() and e.expires_at < date_trunc('month', now() at time zone 'UTC') + interval '12 months'`);
    expect(liability?.tables[0].rows.reduce((sum, r) => sum + Number(r.cells.points), 0)).toBe(left);
    // Funnel: people invited in the period, and how many of them went on.
    const funnel = Object.fromEntries(
      (sections.find((x) => x.id === "funnel")?.tables[0].rows ?? []).map((r) => [r.cells.stage, r.cells.people]),
    );
    const cohort = sql`from users u where u.role::text in ${sql.raw(PARTNER_ROLES_SQL_LIST)} and u.created_at >= ${s} and u.created_at < ${e}`;
    expect(funnel).toEqual({
      "reports.funnel.invited": await one(sql`select count(*) as v ${cohort}`),
      "reports.funnel.activated": await one(sql`select count(*) as v ${cohort} and u.activated_at is not null`),
      "reports.funnel.first_claim": await one(
        sql`select count(*) as v ${cohort} and exists (select 1 from claims c where c.user_id = u.id and c.submitted_at is not null)`,
      ),
      "reports.funnel.first_redemption": await one(
        sql`select count(*) as v ${cohort} and exists (select 1 from ledger_entries l where l.user_id = u.id and l.kind = 'redeem')`,
      ),
    });
    expect(funnel["reports.funnel.invited"]).toBeGreaterThan(0);
  });
});

describe("the monthly report email", () => {
  it("goes once a month to each partner executive, in their language, and stops when they switch it off", async () => {
    const now = new Date();
    const first = await sendMonthlyReports(db, now);
    const again = await sendMonthlyReports(db, now);
    const executives = await one(sql`select count(*) as v from users u join organisations o on o.id = u.organisation_id
      where u.role = 'executive' and u.status = 'active' and o.kind <> 'manufacturer'`);
    expect(first.sent).toBe(executives);
    expect(again.sent).toBe(0);
    const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.template, "monthly_report"));
    expect(mails.length).toBe(executives);
    const irina = mails.find((m) => m.to === "irina@uralinstrument.example");
    expect(irina?.locale).toBe("ru");
    const rendered = await renderEmail("monthly_report", irina?.props as Record<string, unknown>, "ru");
    expect(rendered.html).toContain("Открыть полный отчёт");
    expect(rendered.html).toContain(`/reports?period=month&amp;at=${first.month}-01`);

    // Ona switches it off on the report's settings page: next month she gets none, the others do.
    const off = await as.ona.post("/reports/settings", { monthly: "off" });
    expect(off.status).toBe(302);
    expect(await (await as.ona.get("/reports/settings")).text()).toContain("The monthly email is off.");
    const nextMonth = new Date(`${addMonthsToDay(today, 1).slice(0, 7)}-05T12:00:00Z`);
    const later = await sendMonthlyReports(db, nextMonth);
    expect(later.sent).toBe(executives - 1);
    const onas = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.template, "monthly_report"), eq(emailOutbox.to, "ona@baltictools.example")));
    expect(onas.length).toBe(1);
    expect((await as.ona.post("/reports/settings", { monthly: "maybe" })).status).toBe(400);
  });
});
