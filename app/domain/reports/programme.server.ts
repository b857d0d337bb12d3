import { type SQL, sql } from "drizzle-orm";
import { PROGRAMME_COUNTS_KEY } from "@db/schema/report-rollups";
import { type Queryable, readSnapshot } from "@db/client";
import { readCostshare } from "./costshare.server";
import { readMystery } from "./mystery.server";
import { isoDay } from "~/lib/dates";
import { readClaims } from "./claims.server";
import { activeSpans, readParticipation } from "./participation.server";
import { addMonthsToDay, bounds, type Period, type Periods, wholeMonths } from "./period";
import { inScope, num, PARTNER_ROLES_SQL, permille, query, within } from "./sql.server";
import { readSections } from "./dashboards.server";
import type { PartnerRank, ReportScope, Section } from "./types";
import { DEFAULT_CURRENCY } from "~/lib/money";

/**
 * The channel team's dashboard: the whole programme (or one region). Each section is one read
 * function like the partner's; cost-share request and claim queues join the queue section, and
 * cost-share budget used joins as a section of its own, once that area lands.
 */

/** The programme's currency and point value, read without writing (a replica refuses writes). */
export async function pointValue(db: Queryable): Promise<{ currency: string; pointValueMinor: number }> {
  const [s] = await query<{ currency: string; point_value_minor: number }>(
    db,
    sql`select currency, point_value_minor from programme_settings where id = 1`,
  );
  return { currency: s?.currency ?? DEFAULT_CURRENCY, pointValueMinor: num(s?.point_value_minor ?? 1) };
}

const WAITING = ["manager_check", "in_review", "info_requested"] as const;

/** Approval queues: what waits now and for how long (from the last submission), oldest first. */
export async function readQueues(db: Queryable, scope: ReportScope, _periods: Periods, now = new Date()): Promise<Section> {
  // Counts and summed submission instants from report_claim_queues (kept with every claim move),
  // the oldest by one probe of claims_status_idx per status: never a pass over every waiting claim.
  // Both statements sent together (one wave, issue 15).
  const [rows, others] = await Promise.all([
    query<{ status: string; waiting: string; oldest: string | null; avg_tenths: string | null }>(
      db,
      sql`select q.status, q.waiting, (select min(c.last_submitted_at) from claims c
          where c.status = q.status ${inScope(scope, "c.organisation_id")}) as oldest,
        round((extract(epoch from ${now.toISOString()}::timestamptz) * q.timed - q.since) / nullif(q.timed, 0) / 8640) as avg_tenths
      from (select r.status, sum(r.claims) as waiting, sum(r.timed) as timed, sum(r.since_seconds) as since
        from report_claim_queues r where r.status in ('manager_check', 'in_review', 'info_requested') ${inScope(scope, "r.organisation_id")}
        group by r.status having sum(r.claims) > 0) q`,
    ),
    // Cost-share requests and claims waiting for the channel team, and mystery-shopping disputes
    // still open: count, oldest and average wait (from submission, or from when the dispute was raised).
    query<{ queue: string; waiting: string; oldest: string | null; avg_tenths: string | null }>(
      db,
      sql`select q.queue, count(*) as waiting, min(q.since) as oldest,
        round(avg(extract(epoch from (${now.toISOString()}::timestamptz - q.since)) / 8640)) as avg_tenths
      from (
        select 'costshare_requests' as queue, r.submitted_at as since from costshare_requests r
          where r.status in ('submitted', 'second_approval') ${inScope(scope, "r.organisation_id")}
        union all
        select 'costshare_claims', c.submitted_at from costshare_claims c
          where c.status = 'submitted' ${inScope(scope, "c.organisation_id")}
        union all
        select 'mystery_disputes', d.created_at from mystery_disputes d
          where d.status = 'open' ${inScope(scope, "d.organisation_id")}
      ) q group by q.queue`,
    ),
  ]);
  const byQueue = new Map(others.map((r) => [r.queue, r]));
  const by = new Map(rows.map((r) => [r.status, r]));
  const ageTenths = (oldest: string | null) => (oldest ? Math.round((now.getTime() - new Date(oldest).getTime()) / 8_640_000) : null);
  const total = rows.reduce((s, r) => s + num(r.waiting), 0);
  const oldestAll =
    rows
      .map((r) => r.oldest)
      .filter((o): o is string => !!o)
      .sort()[0] ?? null;
  return {
    id: "queues",
    title: "reports.queues.title",
    figures: [
      { id: "waiting", label: "reports.queues.waiting", format: "number", value: total, rows: { figure: "queue" } },
      { id: "oldest", label: "reports.queues.oldest", format: "days", value: ageTenths(oldestAll) ?? 0, rows: { figure: "queue" } },
    ],
    tables: [
      {
        id: "claims",
        title: "reports.queues.claims",
        columns: [
          { key: "status", label: "reports.col.status", format: "key" },
          { key: "waiting", label: "reports.queues.waiting", format: "number" },
          { key: "oldest", label: "reports.queues.oldest", format: "days" },
          { key: "average", label: "reports.queues.average", format: "days" },
        ],
        rows: WAITING.map((s) => ({
          cells: {
            status: `claims.status.${s}`,
            waiting: num(by.get(s)?.waiting),
            oldest: ageTenths(by.get(s)?.oldest ?? null),
            average: by.get(s)?.avg_tenths === undefined || by.get(s)?.avg_tenths === null ? null : num(by.get(s)?.avg_tenths),
          },
          rows: { figure: "queue", key: s },
        })),
        chart: { kind: "bar", x: "status", series: ["waiting"], horizontal: true },
        note: "reports.queues.note",
      },
      {
        id: "other_queues",
        title: "reports.queues.other",
        columns: [
          { key: "queue", label: "reports.queues.queue", format: "key" },
          { key: "waiting", label: "reports.queues.waiting", format: "number" },
          { key: "oldest", label: "reports.queues.oldest", format: "days" },
          { key: "average", label: "reports.queues.average", format: "days" },
        ],
        rows: OTHER_QUEUES.map((q) => {
          const r = byQueue.get(q);
          return {
            cells: {
              queue: `reports.queues.${q}`,
              waiting: num(r?.waiting),
              oldest: ageTenths(r?.oldest ?? null),
              average: r?.avg_tenths === undefined || r?.avg_tenths === null ? null : num(r.avg_tenths),
            },
          };
        }),
        chart: { kind: "bar", x: "queue", series: ["waiting"], horizontal: true },
      },
    ],
  };
}

const OTHER_QUEUES = ["costshare_requests", "costshare_claims", "mystery_disputes"] as const;

/**
 * Active people per partner in a period: a whole month, quarter or year from each partner's row
 * of report_active_counts (kept with every ledger append); a custom period by person over its days.
 */
function activePerPartner(scope: ReportScope, p: Period, only: (column: string) => SQL): SQL {
  if (p.kind === "custom")
    return sql`select x.organisation_id, count(*) as active from (select a.organisation_id, a.user_id from report_active_people a
        where ${activeSpans(p)} ${inScope(scope, "a.organisation_id")} ${only("a.organisation_id")} group by 1, 2) x
      group by 1`;
  return sql`select c.organisation_id, c.people as active from report_active_counts c
    where c.grain = ${p.kind} and c.start = ${p.from}::date and c.shard = 0
      and c.organisation_id <> ${PROGRAMME_COUNTS_KEY} ${inScope(scope, "c.organisation_id")} ${only("c.organisation_id")}`;
}

/** People signed up (activated before the period ended, not deactivated before it began) per partner. */
function peoplePerPartner(scope: ReportScope, p: Period, only: (column: string) => SQL): SQL {
  const { start, end } = bounds(p);
  if (p.kind === "custom")
    return sql`select u.organisation_id, count(*) as people from users u
      where u.role in ${PARTNER_ROLES_SQL} and u.activated_at < ${end.toISOString()}
        and (u.deactivated_at is null or u.deactivated_at >= ${start.toISOString()}) ${inScope(scope, "u.organisation_id")}
        ${only("u.organisation_id")} group by 1`;
  // Whole months: each partner's rows of report_people_months (kept with every change to a user).
  return sql`select m.organisation_id, sum(m.people) as people from report_people_months m
    where m.role in ${PARTNER_ROLES_SQL} and m.shard = 0 and m.organisation_id <> ${PROGRAMME_COUNTS_KEY}
      and m.activated_month < ${isoDay(end)}::date and m.deactivated_month >= ${p.from}::date
      ${inScope(scope, "m.organisation_id")} ${only("m.organisation_id")} group by 1`;
}

/**
 * Approved claims and their points per partner in a period: its whole UTC months from
 * report_partner_sales (one row per partner and month, kept with every claim change), and for a
 * custom period the days before its first whole month and after its last from
 * report_claim_decisions (the same claims by decision day). A month, quarter or year is whole
 * months only: 2,000 rows a month instead of 10,600 decision days.
 */
function salesPerPartner(scope: ReportScope, p: Period): SQL {
  const { first, end } = wholeMonths(p);
  const months = sql`select s.organisation_id, s.claims, s.points from report_partner_sales s
    where s.month >= ${first}::date and s.month < ${end}::date ${inScope(scope, "s.organisation_id")}`;
  const edges =
    first === p.from && end === isoDay(bounds(p).end)
      ? sql``
      : sql` union all select c.organisation_id, c.claims, c.points from report_claim_decisions c
        where c.status = 'approved' and c.day >= ${p.from}::date and c.day <= ${p.to}::date
          and (c.day < ${first}::date or c.day >= ${end}::date) ${inScope(scope, "c.organisation_id")}`;
  return sql`select x.organisation_id, sum(x.claims) as claims, sum(x.points) as points from (${months}${edges}) x group by 1`;
}

/**
 * Partners ranked by approved sales in the period (points of approved claims), by engagement
 * (active share) or by tier, in one region or all.
 */
export async function readPartners(db: Queryable, scope: ReportScope, periods: Periods): Promise<Section> {
  const p = periods.current;
  const where = sql`where o.kind <> 'manufacturer' ${scope.region ? sql`and o.region = ${scope.region}` : sql``} ${inScope(scope, "o.id")}`;
  const all = () => sql``;
  // Ranked by sales or by tier, the first 100 partners follow from their sales alone: active
  // people and people are then read for those 100 only, instead of summed for all 2,000 and
  // joined (issue 15: most of the ranking's time in PostgreSQL). Ranked by engagement, every
  // partner's share is needed to rank them.
  const rows = await query<{
    id: string;
    name: string;
    region: string;
    tier: string;
    claims: string;
    points: string;
    active: string;
    people: string;
  }>(
    db,
    scope.rank === "engagement"
      ? sql`with sales as (${salesPerPartner(scope, p)}),
          active as (${activePerPartner(scope, p, all)}),
          people as (${peoplePerPartner(scope, p, all)})
        select o.id, o.name, o.region, o.tier, coalesce(s.claims, 0) as claims, coalesce(s.points, 0) as points,
          coalesce(a.active, 0) as active, coalesce(pp.people, 0) as people
        from organisations o
        left join sales s on s.organisation_id = o.id
        left join active a on a.organisation_id = o.id
        left join people pp on pp.organisation_id = o.id
        ${where}
        order by coalesce(a.active, 0)::numeric / greatest(coalesce(pp.people, 0), 1) desc, coalesce(s.points, 0) desc, o.name, o.id
        limit 100`
      : sql`with sales as (${salesPerPartner(scope, p)}),
          ranked as (
            select o.id, o.name, o.region, o.tier, coalesce(s.claims, 0) as claims, coalesce(s.points, 0) as points
            from organisations o left join sales s on s.organisation_id = o.id
            ${where}
            order by ${scope.rank === "tier" ? sql`o.tier desc, ` : sql``}coalesce(s.points, 0) desc, o.name, o.id limit 100),
          active as (${activePerPartner(scope, p, (column) => sql`and ${sql.raw(column)} in (select id from ranked)`)}),
          people as (${peoplePerPartner(scope, p, (column) => sql`and ${sql.raw(column)} in (select id from ranked)`)})
        select r.id, r.name, r.region, r.tier, r.claims, r.points, coalesce(a.active, 0) as active, coalesce(pp.people, 0) as people
        from ranked r
        left join active a on a.organisation_id = r.id
        left join people pp on pp.organisation_id = r.id
        order by ${scope.rank === "tier" ? sql`r.tier desc, ` : sql``}r.points desc, r.name, r.id`,
  );
  return {
    id: "partners",
    title: "reports.partners.title",
    figures: [],
    tables: [
      {
        id: "ranking",
        title: "reports.partners.ranking",
        columns: [
          { key: "partner", label: "reports.col.partner", format: "text" },
          { key: "region", label: "reports.col.region", format: "text" },
          { key: "tier", label: "reports.col.tier", format: "key" },
          { key: "claims", label: "reports.partners.claims", format: "number" },
          { key: "points", label: "reports.partners.points", format: "points" },
          { key: "engagement", label: "reports.participation.share", format: "permille" },
        ],
        rows: rows.map((r) => ({
          cells: {
            partner: r.name,
            region: r.region,
            tier: `tier.${r.tier}`,
            claims: num(r.claims),
            points: num(r.points),
            engagement: permille(num(r.active), num(r.people)),
          },
          rows: { figure: "claims", key: `org:${r.id}` },
        })),
        chart: { kind: "bar", x: "partner", series: ["points"], horizontal: true },
        note: "reports.partners.note",
        empty: "reports.empty",
      },
    ],
  };
}

/**
 * The twelve months breakage is measured over: this month so far and the eleven before it, in
 * whole UTC months, so the figure is read from report_ledger_months and equals the entries its
 * drill-down lists (the same days).
 */
export function breakageWindow(now: Date): Period {
  const month = `${isoDay(now).slice(0, 7)}-01`;
  return { kind: "custom", from: addMonthsToDay(month, -11), to: isoDay(now) };
}

/** Outstanding liability (unspent points x point value), when it would expire by month, and breakage over 12 months. */
export async function readLiability(db: Queryable, scope: ReportScope, _periods: Periods, now = new Date()): Promise<Section> {
  const today = isoDay(now);
  const thisMonth = `${today.slice(0, 7)}-01`;
  const nextMonth = addMonthsToDay(thisMonth, 1);
  const horizon = addMonthsToDay(thisMonth, 12);
  const trailing = breakageWindow(now);
  // The whole programme reads its own 16 shards per month (kept with every entry and allocation,
  // db/schema/report-rollups.ts) instead of every partner's month rows; a partner its own rows.
  const lots = scope.organisationId ? sql.raw("report_lot_months") : sql.raw("report_programme_lot_months");
  const ledgerMonths = scope.organisationId ? sql.raw("report_ledger_months") : sql.raw("report_programme_months");
  const [value, [balance], current, later, [breakage]] = await Promise.all([
    pointValue(db),
    query<{ points: string }>(
      db,
      // Balances summed per partner (report_partner_balances, kept with every balance change).
      sql`select coalesce(sum(a.points), 0) as points from report_partner_balances a where true ${inScope(scope, "a.organisation_id")}`,
    ),
    // This month: the summary's month less what the lots that already fell due still hold. A lot
    // leaves lot_expiry_queue only when the expiry job closes it (nothing left in it), so the due
    // lots still holding points are the few on the queue the job has not reached yet.
    query<{ points: string }>(
      db,
      sql`select (select coalesce(sum(m.points), 0) from ${lots} m
            where m.month = ${thisMonth}::date ${inScope(scope, "m.organisation_id")})
          - (select coalesce(sum(e.amount - coalesce(a.used, 0)), 0)
            from lot_expiry_queue q join ledger_entries e on e.id = q.entry_id
            left join lateral (select sum(al.points) as used from ledger_allocations al where al.lot_entry_id = e.id) a on true
            where q.expires_at >= ${`${thisMonth}T00:00:00Z`} and q.expires_at <= ${now.toISOString()}
              ${inScope(scope, "q.organisation_id")}) as points`,
    ),
    // The eleven months after it: whole months, from the summary kept with every lot and allocation.
    query<{ month: string; points: string }>(
      db,
      sql`select to_char(m.month, 'YYYY-MM') as month, sum(m.points) as points from ${lots} m
        where m.month >= ${nextMonth}::date and m.month < ${horizon}::date ${inScope(scope, "m.organisation_id")}
        group by 1`,
    ),
    query<{ expired: string; issued: string }>(
      db,
      sql`select coalesce(-sum(m.points) filter (where m.kind = 'expire'), 0) as expired,
          coalesce(sum(m.points) filter (where m.kind = 'earn'), 0) as issued
        from ${ledgerMonths} m where m.kind in ('earn', 'expire')
          and m.month >= ${trailing.from}::date and m.month <= ${thisMonth}::date ${inScope(scope, "m.organisation_id")}`,
    ),
  ]);
  const profile = [{ month: today.slice(0, 7), points: current[0]?.points ?? "0" }, ...later];
  const points = num(balance.points);
  const byMonth = new Map(profile.map((r) => [r.month, num(r.points)]));
  const months: string[] = [];
  for (let m = today.slice(0, 7); months.length < 12; m = addMonthsToDay(`${m}-01`, 1).slice(0, 7)) months.push(m);
  return {
    id: "liability",
    title: "reports.liability.title",
    currency: value.currency,
    figures: [
      { id: "points", label: "reports.liability.points", format: "points", value: points },
      { id: "money", label: "reports.liability.money", format: "money", value: points * value.pointValueMinor },
      {
        id: "breakage",
        label: "reports.liability.breakage",
        format: "permille",
        value: permille(num(breakage.expired), num(breakage.issued)),
        rows: { figure: "ledger", key: "expire", period: trailing },
      },
      {
        id: "expired",
        label: "reports.liability.expired",
        format: "points",
        value: num(breakage.expired),
        rows: { figure: "ledger", key: "expire", period: trailing },
      },
    ],
    tables: [
      {
        id: "expiry_profile",
        title: "reports.liability.profile",
        columns: [
          { key: "month", label: "reports.col.month", format: "text" },
          { key: "points", label: "reports.col.points", format: "points" },
          { key: "money", label: "reports.liability.money", format: "money" },
        ],
        rows: months.map((m) => ({
          cells: { month: m, points: byMonth.get(m) ?? 0, money: (byMonth.get(m) ?? 0) * value.pointValueMinor },
          rows: { figure: "lots", key: m },
        })),
        chart: { kind: "bar", x: "month", series: ["points"] },
        note: "reports.liability.note",
      },
    ],
  };
}

/** Redemptions by hobby category: reward orders placed in the period and not cancelled. */
export async function readRedemptions(db: Queryable, scope: ReportScope, periods: Periods): Promise<Section> {
  const rows = await query<{ id: string; name_en: string; orders: string; units: string; points: string }>(
    db,
    sql`select sc.id, sc.name_en, count(distinct o.id) as orders, sum(ol.quantity) as units, sum(ol.quantity * ol.unit_points) as points
      from orders o join order_lines ol on ol.order_id = o.id join rewards r on r.id = ol.reward_id join shop_categories sc on sc.id = r.category_id
      where o.status <> 'cancelled' ${within(periods.current, "o.placed_at")} ${inScope(scope, "o.organisation_id")}
      group by sc.id order by points desc, sc.name_en`,
  );
  return {
    id: "redemptions",
    title: "reports.redemptions.title",
    figures: [],
    tables: [
      {
        id: "by_category",
        title: "reports.redemptions.by_category",
        columns: [
          { key: "category", label: "reports.col.category", format: "text" },
          { key: "orders", label: "reports.redemptions.orders", format: "number" },
          { key: "units", label: "reports.redemptions.units", format: "number" },
          { key: "points", label: "reports.col.points", format: "points" },
        ],
        rows: rows.map((r) => ({
          cells: { category: r.name_en, orders: num(r.orders), units: num(r.units), points: num(r.points) },
          rows: { figure: "redemptions", key: r.id },
        })),
        chart: { kind: "bar", x: "category", series: ["points"], horizontal: true },
        empty: "reports.empty",
      },
    ],
  };
}

export const FUNNEL_STAGES = ["invited", "activated", "first_claim", "first_redemption"] as const;

/** The funnel of the people invited in the period: how many went on to each step, and the time to a first claim. */
export async function readFunnel(db: Queryable, scope: ReportScope, periods: Periods): Promise<Section> {
  const [r] = await query<{
    invited: string;
    activated: string;
    first_claim: string;
    first_redemption: string;
    median_tenths: string | null;
  }>(
    db,
    sql`with cohort as (
        select u.id, u.activated_at,
          (select min(c.submitted_at) from claims c where c.user_id = u.id and c.submitted_at is not null) as first_claim,
          exists (select 1 from ledger_entries e where e.user_id = u.id and e.kind = 'redeem') as redeemed
        from users u where u.role in ${PARTNER_ROLES_SQL} ${within(periods.current, "u.created_at")} ${inScope(scope, "u.organisation_id")})
      select count(*) as invited, count(activated_at) as activated, count(first_claim) as first_claim,
        count(*) filter (where redeemed) as first_redemption,
        -- People whose first claim is dated before they activated (claims imported with their
        -- history, accounts activated on the import day) are left out of the median, not counted
        -- as 0 days: they say nothing about how fast a new member starts claiming, and counting
        -- them as 0 would pull the figure down. They still count in the first_claim stage.
        round(percentile_cont(0.5) within group (order by extract(epoch from (first_claim - activated_at)) / 8640)
          filter (where first_claim >= activated_at)) as median_tenths
      from cohort`,
  );
  const counts = {
    invited: num(r.invited),
    activated: num(r.activated),
    first_claim: num(r.first_claim),
    first_redemption: num(r.first_redemption),
  };
  return {
    id: "funnel",
    title: "reports.funnel.title",
    figures: [
      {
        id: "time_to_claim",
        label: "reports.funnel.time_to_claim",
        format: "days",
        value: r.median_tenths === null ? 0 : num(r.median_tenths),
        rows: { figure: "funnel", key: "first_claim" },
      },
    ],
    tables: [
      {
        id: "stages",
        title: "reports.funnel.stages",
        columns: [
          { key: "stage", label: "reports.funnel.stage", format: "key" },
          { key: "people", label: "reports.funnel.people", format: "number" },
          { key: "share", label: "reports.funnel.share", format: "permille" },
        ],
        rows: FUNNEL_STAGES.map((s) => ({
          cells: { stage: `reports.funnel.${s}`, people: counts[s], share: permille(counts[s], counts.invited) },
          rows: { figure: "funnel", key: s },
        })),
        chart: { kind: "bar", x: "stage", series: ["people"], horizontal: true },
        note: "reports.funnel.note",
      },
    ],
  };
}

/**
 * ROI per promotion: for approved claims with an invoice date inside the promotion (and the
 * period), the lines it covers (its category or its product list): points paid as money vs the
 * sales at list price. Read from report_approved_invoice_lines (approved lines by partner,
 * invoice day and product, kept with every claim and line change): a month is a few thousand
 * rows, not every approved claim and its lines; the drill-down lists the lines themselves.
 */
export async function readRoi(db: Queryable, scope: ReportScope, periods: Periods): Promise<Section> {
  const p = periods.current;
  const [value, rows] = await Promise.all([
    pointValue(db),
    query<{ id: string; name: string; starts_on: string; ends_on: string; units: string; points: string; sales: string }>(
      db,
      sql`with lines as (
        select r.invoice_day, r.product_id, sum(r.units) as units, sum(r.points) as points from report_approved_invoice_lines r
        where r.invoice_day >= ${p.from}::date and r.invoice_day <= ${p.to}::date ${inScope(scope, "r.organisation_id")}
        group by 1, 2)
      select pm.id, pm.name, pm.starts_on, pm.ends_on, x.units, x.points, x.sales
      from promotions pm
      cross join lateral (
        select coalesce(sum(l.units), 0) as units, coalesce(sum(l.points), 0) as points,
          coalesce(sum(l.units * coalesce(pr.list_price_minor, 0)), 0) as sales
        from lines l left join products pr on pr.id = l.product_id
        where l.invoice_day between greatest(pm.starts_on, ${p.from}::date) and least(pm.ends_on, ${p.to}::date)
          and ((pm.scope = 'category' and pr.category = pm.category)
            or (pm.scope = 'products' and exists (select 1 from promotion_products pp where pp.promotion_id = pm.id and pp.product_id = l.product_id)))
      ) x
      where pm.starts_on <= ${p.to} and pm.ends_on >= ${p.from}
      order by pm.starts_on desc, pm.name limit 100`,
    ),
  ]);
  return {
    id: "roi",
    title: "reports.roi.title",
    currency: value.currency,
    figures: [],
    tables: [
      {
        id: "per_promotion",
        title: "reports.roi.per_promotion",
        columns: [
          { key: "promotion", label: "reports.col.promotion", format: "text" },
          { key: "units", label: "reports.sales.units", format: "number" },
          { key: "points", label: "reports.col.points", format: "points" },
          { key: "cost", label: "reports.roi.cost", format: "money" },
          { key: "sales", label: "reports.roi.sales", format: "money" },
        ],
        rows: rows.map((r) => ({
          cells: {
            promotion: r.name,
            units: num(r.units),
            points: num(r.points),
            cost: num(r.points) * value.pointValueMinor,
            sales: num(r.sales),
          },
          rows: { figure: "promotion_lines", key: r.id },
        })),
        chart: { kind: "bar", x: "promotion", series: ["cost", "sales"], horizontal: true },
        note: "reports.roi.note",
        empty: "reports.roi.none",
      },
    ],
  };
}

/** The regions partners are in, for the ranking's region choice. */
export async function partnerRegions(db: Queryable): Promise<string[]> {
  const rows = await query<{ region: string }>(
    db,
    sql`select distinct region from organisations where kind <> 'manufacturer' and region <> '' order by region`,
  );
  return rows.map((r) => r.region);
}

export type ProgrammeReader = (db: Queryable, scope: ReportScope, periods: Periods) => Promise<Section>;

/**
 * The channel team's dashboard in one snapshot: the regions partners are in and every section
 * sent together (one wave of statements, issue 15), the ranking narrowed to the region asked for.
 * A region no partner is in (a hand-typed address) is no narrowing: that rare request reads the
 * ranking once more for the whole programme, so the common one need not wait for the regions first.
 */
export async function readProgramme(
  db: Queryable,
  asked: { region: string | null; rank: PartnerRank },
  periods: Periods,
): Promise<{ regions: string[]; region: string | null; sections: Section[] }> {
  return readSnapshot(db, async (tx) => {
    const [regions, sections] = await Promise.all([
      partnerRegions(tx),
      readSections(tx, PROGRAMME_SECTIONS, { organisationId: null, region: asked.region, rank: asked.rank }, periods),
    ]);
    const region = asked.region && regions.includes(asked.region) ? asked.region : null;
    if (asked.region && !region) {
      const i = sections.findIndex((s) => s.id === "partners");
      sections[i] = await readPartners(tx, { organisationId: null, region: null, rank: asked.rank }, periods);
    }
    return { regions, region, sections };
  });
}

/** The channel team's dashboard, section by section. */
export const PROGRAMME_SECTIONS: Record<string, ProgrammeReader> = {
  queues: readQueues,
  partners: readPartners,
  participation: readParticipation,
  claims: readClaims,
  liability: readLiability,
  redemptions: readRedemptions,
  funnel: readFunnel,
  roi: readRoi,
  costshare: readCostshare,
  mystery: readMystery,
};
