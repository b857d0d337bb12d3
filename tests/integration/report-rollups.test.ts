import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { creditPoints, debitPoints } from "../../app/domain/points/ledger.server";
import { readDashboard } from "../../app/domain/reports/dashboards.server";
import { periodOf, periodQuery, periodsFor } from "../../app/domain/reports/period";
import { readQueues } from "../../app/domain/reports/programme.server";
import { isoDay } from "../../app/lib/dates";
import { getDb, rowsOf } from "../../db/client";
import { claimLines, claims, PROGRAMME_COUNTS_KEY } from "../../db/schema";
import { claimForm, daysAgo, submitNew } from "../support/claims";
import { usePortal } from "../support/fixtures";
import { freshPerson } from "../support/people";
import { actorFor } from "../support/portal";
import { seedReportData } from "../support/reports";

/**
 * The reports' summary tables (db/schema/report-rollups.ts) are kept by triggers in the
 * transactions that write the ledger and the claims. Here they are recomputed from scratch, with
 * SQL written for this test, after bulk inserts, ledger appends through the ledger's functions,
 * claims sent and decided over HTTP, lines replaced and a claim moved back, and must be equal.
 */
const db = await getDb();
const PEOPLE = {
  marta: "marta@baltictools.example",
  ona: "ona@baltictools.example",
  chris: "chris@volta.example",
};
const { as } = usePortal<string>({ people: PEOPLE });

async function rows(q: ReturnType<typeof sql>) {
  return rowsOf<Record<string, unknown>>(await db.execute(q)).map((r) => JSON.stringify(r));
}

/** Every summary table beside the same figures recomputed from the source rows (zero rows left out). */
async function recomputed() {
  const pairs = {
    ledger: [
      sql`select organisation_id, user_id, day::text, kind, source_type, points::bigint::text as points, entries::int as entries
        from report_ledger_days where entries <> 0 order by 1, 2, 3, 4, 5`,
      sql`select organisation_id, user_id, ((created_at at time zone 'UTC')::date)::text as day, kind, source_type,
          sum(amount)::bigint::text as points, count(*)::int as entries
        from ledger_entries group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5`,
    ],
    claimDays: [
      sql`select organisation_id, day::text, status, claims::int, points::bigint::text as points
        from report_claim_days where claims <> 0 order by 1, 2, 3`,
      sql`select organisation_id, ((submitted_at at time zone 'UTC')::date)::text as day, status, count(*)::int as claims, sum(points)::bigint::text as points
        from claims where status <> 'draft' group by 1, 2, 3 order by 1, 2, 3`,
    ],
    decisions: [
      sql`select organisation_id, day::text, status, claims::int, points::bigint::text as points, round(cycle_seconds)::text as cycle
        from report_claim_decisions where claims <> 0 order by 1, 2, 3`,
      sql`select organisation_id, ((decided_at at time zone 'UTC')::date)::text as day, status, count(*)::int as claims, sum(points)::bigint::text as points,
          round(sum(extract(epoch from decided_at - submitted_at)))::text as cycle
        from claims where status in ('approved', 'rejected') group by 1, 2, 3 order by 1, 2, 3`,
    ],
    lines: [
      sql`select organisation_id, day::text, status, sku, product_id, units::bigint::text as units, points::bigint::text as points
        from report_claim_line_days where units <> 0 or points <> 0 order by 1, 2, 3, 4, 5`,
      sql`select c.organisation_id, ((c.submitted_at at time zone 'UTC')::date)::text as day, c.status, l.sku, l.product_id,
          coalesce(sum(l.quantity), 0)::bigint::text as units, sum(l.points)::bigint::text as points
        from claims c join claim_lines l on l.claim_id = c.id where c.status <> 'draft'
        group by 1, 2, 3, 4, 5 having coalesce(sum(l.quantity), 0) <> 0 or sum(l.points) <> 0 order by 1, 2, 3, 4, 5`,
    ],
    queues: [
      sql`select organisation_id, status, claims::int, timed::int, round(since_seconds, 6)::text as since
        from report_claim_queues where claims <> 0 order by 1, 2`,
      sql`select organisation_id, status, count(*)::int as claims, count(last_submitted_at)::int as timed,
          round(coalesce(sum(extract(epoch from last_submitted_at)), 0), 6)::text as since
        from claims where status in ('manager_check', 'in_review', 'info_requested') group by 1, 2 order by 1, 2`,
    ],
    ledgerMonths: [
      sql`select organisation_id, month::text, kind, points::bigint::text as points, entries::int as entries
        from report_ledger_months where entries <> 0 order by 1, 2, 3`,
      sql`select organisation_id, (date_trunc('month', created_at at time zone 'UTC')::date)::text as month, kind,
          sum(amount)::bigint::text as points, count(*)::int as entries
        from ledger_entries group by 1, 2, 3 order by 1, 2, 3`,
    ],
    // What is left of each lot (its amount less every allocation taken from it), by expiry month.
    lotMonths: [
      sql`select organisation_id, month::text, points::bigint::text as points from report_lot_months where points <> 0 order by 1, 2`,
      sql`select e.organisation_id, (date_trunc('month', e.expires_at at time zone 'UTC')::date)::text as month,
          sum(e.amount - coalesce((select sum(a.points) from ledger_allocations a where a.lot_entry_id = e.id), 0))::bigint::text as points
        from ledger_entries e where e.amount > 0 and e.expires_at is not null
        group by 1, 2 having sum(e.amount - coalesce((select sum(a.points) from ledger_allocations a where a.lot_entry_id = e.id), 0)) <> 0
        order by 1, 2`,
    ],
    // The claims' days and decisions for the whole programme (the 16 shards of each day summed).
    programmeClaimDays: [
      sql`select day::text, status, sum(claims)::int as claims, sum(points)::bigint::text as points
        from report_programme_claim_days group by 1, 2 having sum(claims) <> 0 order by 1, 2`,
      sql`select ((submitted_at at time zone 'UTC')::date)::text as day, status, count(*)::int as claims, sum(points)::bigint::text as points
        from claims where status <> 'draft' group by 1, 2 order by 1, 2`,
    ],
    programmeDecisions: [
      sql`select day::text, status, sum(claims)::int as claims, sum(points)::bigint::text as points, round(sum(cycle_seconds))::text as cycle
        from report_programme_claim_decisions group by 1, 2 having sum(claims) <> 0 order by 1, 2`,
      sql`select ((decided_at at time zone 'UTC')::date)::text as day, status, count(*)::int as claims, sum(points)::bigint::text as points,
          round(sum(extract(epoch from decided_at - submitted_at)))::text as cycle
        from claims where status in ('approved', 'rejected') group by 1, 2 order by 1, 2`,
    ],
    // The ledger's months and the lots for the whole programme (the 16 shards of each month summed).
    programmeMonths: [
      sql`select month::text, kind, sum(points)::bigint::text as points, sum(entries)::int as entries
        from report_programme_months group by 1, 2 having sum(entries) <> 0 order by 1, 2`,
      sql`select (date_trunc('month', created_at at time zone 'UTC')::date)::text as month, kind,
          sum(amount)::bigint::text as points, count(*)::int as entries
        from ledger_entries group by 1, 2 order by 1, 2`,
    ],
    programmeLotMonths: [
      sql`select month::text, sum(points)::bigint::text as points from report_programme_lot_months group by 1 having sum(points) <> 0 order by 1`,
      sql`select (date_trunc('month', e.expires_at at time zone 'UTC')::date)::text as month,
          sum(e.amount - coalesce((select sum(a.points) from ledger_allocations a where a.lot_entry_id = e.id), 0))::bigint::text as points
        from ledger_entries e where e.amount > 0 and e.expires_at is not null
        group by 1 having sum(e.amount - coalesce((select sum(a.points) from ledger_allocations a where a.lot_entry_id = e.id), 0)) <> 0
        order by 1`,
    ],
    // Who was active (an earn or redeem entry) in each UTC day, month, quarter and year.
    activePeople: [
      sql`select grain, start::text, organisation_id, user_id from report_active_people order by 1, 2, 3, 4`,
      sql`select distinct g.grain, (date_trunc(g.grain, e.created_at at time zone 'UTC')::date)::text as start, e.organisation_id, e.user_id
        from ledger_entries e, unnest(array['day', 'month', 'quarter', 'year']) as g (grain)
        where e.kind in ('earn', 'redeem') order by 1, 2, 3, 4`,
    ],
    // Who was active in each span across the programme (a person once, whichever partners their entries name).
    activeProgramme: [
      sql`select grain, start::text, user_id from report_active_programme order by 1, 2, 3`,
      sql`select distinct g.grain, (date_trunc(g.grain, e.created_at at time zone 'UTC')::date)::text as start, e.user_id
        from ledger_entries e, unnest(array['day', 'month', 'quarter', 'year']) as g (grain)
        where e.kind in ('earn', 'redeem') order by 1, 2, 3`,
    ],
    // How many were active in each span: per partner, and programme-wide (its 16 shards summed).
    activeCounts: [
      sql`select grain, start::text, organisation_id::text, sum(people)::int as people from report_active_counts
        group by 1, 2, 3 having sum(people) <> 0 order by 1, 2, 3`,
      sql`select g.grain, (date_trunc(g.grain, e.created_at at time zone 'UTC')::date)::text as start, x.org as organisation_id, count(distinct e.user_id)::int as people
        from ledger_entries e, unnest(array['day', 'month', 'quarter', 'year']) as g (grain),
          lateral (values (e.organisation_id::text), (${PROGRAMME_COUNTS_KEY})) as x (org)
        where e.kind in ('earn', 'redeem') group by 1, 2, 3 order by 1, 2, 3`,
    ],
    // People by partner, role and the months they were invited, activated and deactivated, per
    // partner and for the whole programme (its 16 shards summed).
    people: [
      sql`select organisation_id::text, role, created_month::text, activated_month::text, deactivated_month::text,
          sum(people)::int as people
        from report_people_months group by 1, 2, 3, 4, 5 having sum(people) <> 0 order by 1, 2, 3, 4, 5`,
      sql`select x.org as organisation_id, u.role, (date_trunc('month', u.created_at at time zone 'UTC')::date)::text as created_month,
          coalesce((date_trunc('month', u.activated_at at time zone 'UTC')::date)::text, 'infinity') as activated_month,
          coalesce((date_trunc('month', u.deactivated_at at time zone 'UTC')::date)::text, 'infinity') as deactivated_month,
          count(*)::int as people
        from users u, lateral (values (u.organisation_id::text), (${PROGRAMME_COUNTS_KEY})) as x (org)
        group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5`,
    ],
    // Every account's balance summed per partner.
    balances: [
      sql`select organisation_id, points::bigint::text as points from report_partner_balances where points <> 0 order by 1`,
      sql`select organisation_id, sum(balance)::bigint::text as points from point_accounts group by 1 having sum(balance) <> 0 order by 1`,
    ],
    // Approved claims per partner and UTC month of the decision (what the partner ranking reads).
    partnerSales: [
      sql`select month::text, organisation_id, claims::int as claims, points::bigint::text as points
        from report_partner_sales where claims <> 0 or points <> 0 order by 1, 2`,
      sql`select (date_trunc('month', decided_at at time zone 'UTC')::date)::text as month, organisation_id,
          count(*)::int as claims, sum(points)::bigint::text as points
        from claims where status = 'approved' and decided_at is not null group by 1, 2 order by 1, 2`,
    ],
    // Lines of approved claims by partner, invoice day and product (what ROI per promotion reads).
    approvedInvoiceLines: [
      sql`select organisation_id, invoice_day::text, product_id, units::bigint::text as units, points::bigint::text as points
        from report_approved_invoice_lines where units <> 0 or points <> 0 order by 1, 2, 3`,
      sql`select c.organisation_id, c.invoice_date::text as invoice_day, l.product_id,
          coalesce(sum(l.quantity), 0)::bigint::text as units, sum(l.points)::bigint::text as points
        from claims c join claim_lines l on l.claim_id = c.id
        where c.status = 'approved' and l.product_id is not null
        group by 1, 2, 3 having coalesce(sum(l.quantity), 0) <> 0 or sum(l.points) <> 0 order by 1, 2, 3`,
    ],
  };
  const out: Record<string, { kept: string[]; fresh: string[] }> = {};
  for (const [name, [kept, fresh]] of Object.entries(pairs)) out[name] = { kept: await rows(kept), fresh: await rows(fresh) };
  return out;
}

async function expectSummariesEqualSources() {
  for (const [name, { kept, fresh }] of Object.entries(await recomputed())) {
    expect(fresh.length, name).toBeGreaterThan(0);
    expect(kept, name).toEqual(fresh);
  }
}

beforeAll(async () => {
  await seedReportData(db);
});

describe("the reports' summary tables", () => {
  it("equal the ledger and the claims recomputed from scratch, after every kind of write", async () => {
    // Bulk inserts (the seed) and the demo data.
    await expectSummariesEqualSources();

    // Ledger appends through the ledger's own functions, in one transaction.
    const marta = await actorFor(PEOPLE.marta);
    const fresh = await freshPerson({ tag: "rollup" });
    await db.transaction(async (tx) => {
      const p = { userId: fresh.id, organisationId: fresh.organisationId };
      await creditPoints(tx, {
        ...p,
        kind: "earn",
        amount: 70,
        sourceType: "rollup-test",
        sourceId: "1",
        descriptionKey: "ledger.desc.test",
      });
      await creditPoints(tx, {
        ...p,
        kind: "adjust",
        amount: 5,
        sourceType: "adjustment",
        sourceId: "rollup-1",
        descriptionKey: "ledger.desc.test",
      });
      await debitPoints(tx, {
        ...p,
        kind: "redeem",
        amount: 20,
        sourceType: "rollup-test",
        sourceId: "2",
        descriptionKey: "ledger.desc.test",
      });
    });
    await expectSummariesEqualSources();

    // Two transactions crediting the same person at the same moment: each would add the same
    // day, month, quarter and year rows; the key keeps one of each.
    const twice = await freshPerson({ tag: "rollup-twice" });
    await Promise.all(
      ["a", "b"].map((n) =>
        db.transaction((tx) =>
          creditPoints(tx, {
            userId: twice.id,
            organisationId: twice.organisationId,
            kind: "earn",
            amount: 10,
            sourceType: "rollup-test",
            sourceId: `twice-${n}`,
            descriptionKey: "ledger.desc.test",
          }),
        ),
      ),
    );
    const spans = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from report_active_people where user_id = ${twice.id}`),
    );
    expect(spans[0].n).toBe(4);
    await expectSummariesEqualSources();

    // Many people credited at once, each in a transaction of its own: the programme-wide counts
    // are split by person over 16 rows per span, and each person is counted once.
    const many = await Promise.all(Array.from({ length: 6 }, (_, i) => freshPerson({ tag: `rollup-many-${i}` })));
    await Promise.all(
      [...many, ...many].map((person, i) =>
        db.transaction((tx) =>
          creditPoints(tx, {
            userId: person.id,
            organisationId: person.organisationId,
            kind: "earn",
            amount: 10,
            sourceType: "rollup-test",
            sourceId: `many-${i}`,
            descriptionKey: "ledger.desc.test",
          }),
        ),
      ),
    );
    await expectSummariesEqualSources();

    // A claim sent over HTTP, then approved (which credits points in the same transaction).
    const id = await submitNew(as.marta, claimForm({ invoice: "INV-ROLLUP-1", date: daysAgo(1), lines: [{ sku: "VT-BIT32", qty: 3 }] }));
    await expectSummariesEqualSources();
    const approved = await as.chris.post(`/claims/${id}`, { intent: "approve" });
    expect(approved.status).toBe(302);
    await expectSummariesEqualSources();

    // Lines replaced on a sent claim and a claim moved back to review (as an info request
    // answered would), then a whole batch of claims changed by one statement.
    const id2 = await submitNew(as.marta, claimForm({ invoice: "INV-ROLLUP-2", date: daysAgo(2), lines: [{ sku: "VT-BIT32", qty: 2 }] }));
    await db.update(claimLines).set({ quantity: 9, points: 99 }).where(eq(claimLines.claimId, id2));
    await db.update(claims).set({ status: "info_requested", decidedAt: null }).where(eq(claims.id, id));
    await db.execute(sql`update claims set status = 'rejected', decided_at = submitted_at + interval '3 days'
      where status = 'in_review' and organisation_id = ${marta.organisationId}`);
    await db.delete(claimLines).where(eq(claimLines.claimId, id2));
    await expectSummariesEqualSources();

    // People invited, activated, deactivated and moved to another role, one by one and in bulk.
    await db.execute(sql`update users set deactivated_at = now() where id = ${fresh.id}`);
    await db.execute(sql`update users set activated_at = null where id = ${twice.id}`);
    await db.execute(sql`update users set role = 'manager' where id in (${many[0].id}, ${many[1].id})`);
    await expectSummariesEqualSources();

    // What the executive sees comes from these tables and matches the claims as they are now.
    const p = periodOf("month", isoDay(new Date()));
    const html = await (await as.ona.get(`/reports?${periodQuery(p)}`)).text();
    const [{ v }] = rowsOf<{ v: string }>(
      await db.execute(sql`select count(*) filter (where status = 'approved') as v from claims
        where organisation_id = ${marta.organisationId} and status in ('approved', 'rejected')
          and decided_at >= ${`${p.from}T00:00:00Z`} and decided_at < (${p.to}::date + 1)::timestamp at time zone 'UTC'`),
    );
    expect(html.match(/data-figure="approved"[^>]*>([^<]*)</)?.[1]).toBe(Number(v).toLocaleString("en"));
  });

  it("give the approval queues' counts, oldest and average wait as the waiting claims do", async () => {
    const now = new Date();
    const [section] = await readDashboard(
      db,
      { queues: (d, scope, periods) => readQueues(d, scope, periods, now) },
      { organisationId: null },
      periodsFor(periodOf("month", isoDay(now))),
    );
    const fresh = rowsOf<{ status: string; waiting: number; oldest: Date | string; avg: string }>(
      await db.execute(sql`select status, count(*)::int as waiting, min(last_submitted_at) as oldest,
          round(avg(extract(epoch from (${now.toISOString()}::timestamptz - last_submitted_at)) / 8640)) as avg
        from claims where status in ('manager_check', 'in_review', 'info_requested') group by status`),
    );
    expect(fresh.length).toBeGreaterThan(0);
    const shown = Object.fromEntries(
      (section.tables.find((t) => t.id === "claims")?.rows ?? []).map((r) => [
        r.cells.status,
        [r.cells.waiting, r.cells.oldest, r.cells.average],
      ]),
    );
    for (const r of fresh) {
      const oldest = Math.round((now.getTime() - new Date(r.oldest).getTime()) / 8_640_000);
      expect(shown[`claims.status.${r.status}`]).toEqual([r.waiting, oldest, Number(r.avg)]);
    }
  });

  it("show cost-share and mystery-shopping queues with their counts to the channel team", async () => {
    const sections = await readDashboard(
      db,
      { queues: readQueues },
      { organisationId: null },
      periodsFor(periodOf("month", isoDay(new Date()))),
    );
    const table = sections[0].tables.find((t) => t.id === "other_queues");
    const count = async (q: ReturnType<typeof sql>) => Number(rowsOf<{ v: string }>(await db.execute(q))[0].v);
    expect(table?.rows.map((r) => r.cells.waiting)).toEqual([
      await count(sql`select count(*) as v from costshare_requests where status in ('submitted', 'second_approval')`),
      await count(sql`select count(*) as v from costshare_claims where status = 'submitted'`),
      await count(sql`select count(*) as v from mystery_disputes where status = 'open'`),
    ]);
    const page = await (await as.chris.get("/reports/programme")).text();
    expect(page).toContain("Cost-share and mystery shopping waiting");
    expect(page).toContain("Mystery-shopping disputes");
  });
});
