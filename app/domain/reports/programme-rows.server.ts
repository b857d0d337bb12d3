import { sql } from "drizzle-orm";
import { isId } from "~/lib/ids";
import { addMonthsToDay } from "./period";
import { FUNNEL_STAGES } from "./programme.server";
import type { RowsFigure } from "./rows.server";
import { inScope, num, PARTNER_ROLES_SQL, query, within } from "./sql.server";
import type { Cell, Column } from "./types";

/** The rows behind the channel team's figures (see rows.server.ts for the partner's). */
const col = (key: string, label: string, format: Column["format"] = "text"): Column => ({ key, label, format });
const iso = (v: unknown) => (v === null || v === undefined ? "" : new Date(v as string).toISOString().slice(0, 10));
const BIGINT = /^\d{1,18}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const WAITING = ["manager_check", "in_review", "info_requested"];

const queue: RowsFigure = {
  title: "reports.rows.queue",
  programmeOnly: true,
  columns: [
    col("number", "reports.col.claim", "number"),
    col("partner", "reports.col.partner"),
    col("person", "reports.col.person"),
    col("status", "reports.col.status", "key"),
    col("since", "reports.col.submitted"),
    col("age", "reports.queues.age", "days"),
    col("points", "reports.col.points", "points"),
  ],
  validKey: (key) => !key || WAITING.includes(key),
  async page({ db, scope, key, after, limit, now }) {
    // Oldest first: keyset on (last submission, number).
    const m = after ? /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)\|(\d{1,18})$/.exec(after) : null;
    if (after && !m) return { rows: [], next: null };
    const rows = await query<{ number: number; partner: string; name: string; status: string; last_submitted_at: string; points: number }>(
      db,
      sql`select c.number, o.name as partner, u.name, c.status, c.last_submitted_at, c.points
        from claims c join users u on u.id = c.user_id join organisations o on o.id = c.organisation_id
        where ${key ? sql`c.status = ${key}` : sql`c.status in ('manager_check', 'in_review', 'info_requested')`}
          ${inScope(scope, "c.organisation_id")}
          ${m ? sql`and (c.last_submitted_at, c.number) > (${m[1]}::timestamptz, ${Number(m[2])})` : sql``}
        order by c.last_submitted_at, c.number limit ${limit}`,
    );
    return {
      rows: rows.map((r) => ({
        number: num(r.number),
        partner: r.partner,
        person: r.name,
        status: `claims.status.${r.status}`,
        since: iso(r.last_submitted_at),
        age: Math.round((now.getTime() - new Date(r.last_submitted_at).getTime()) / 8_640_000),
        points: num(r.points),
      })),
      next:
        rows.length === limit ? `${new Date(rows[rows.length - 1].last_submitted_at).toISOString()}|${rows[rows.length - 1].number}` : null,
    };
  },
};

const lots: RowsFigure = {
  title: "reports.rows.lots",
  programmeOnly: true,
  columns: [
    col("id", "reports.col.entry", "number"),
    col("partner", "reports.col.partner"),
    col("person", "reports.col.person"),
    col("earned", "reports.col.day"),
    col("expires", "reports.col.expires"),
    col("amount", "reports.col.points", "points"),
    col("left", "reports.liability.left", "points"),
  ],
  validKey: (key) => MONTH.test(key ?? ""),
  async page({ db, scope, key, after, limit, now }) {
    if (after !== null && !BIGINT.test(after)) return { rows: [], next: null };
    const from = `${key}-01`;
    const to = addMonthsToDay(from, 1);
    const rows = await query<{
      id: string;
      partner: string;
      name: string;
      created_at: string;
      expires_at: string;
      amount: number;
      left: string;
    }>(
      db,
      sql`select * from (
          select e.id, o.name as partner, u.name, e.created_at, e.expires_at, e.amount,
            e.amount - coalesce((select sum(al.points) from ledger_allocations al where al.lot_entry_id = e.id), 0) as left
          from ledger_entries e join users u on u.id = e.user_id join organisations o on o.id = e.organisation_id
          where e.amount > 0 and e.expires_at >= ${from} and e.expires_at < ${to} and e.expires_at > ${now.toISOString()}
            ${inScope(scope, "e.organisation_id")} ${after ? sql`and e.id > ${after}` : sql``}
          order by e.id) x
        where x.left > 0 limit ${limit}`,
    );
    return {
      rows: rows.map((r) => ({
        id: num(r.id),
        partner: r.partner,
        person: r.name,
        earned: iso(r.created_at),
        expires: iso(r.expires_at),
        amount: num(r.amount),
        left: num(r.left),
      })),
      next: rows.length === limit ? String(rows[rows.length - 1].id) : null,
    };
  },
};

const redemptions: RowsFigure = {
  title: "reports.rows.redemptions",
  programmeOnly: true,
  columns: [
    col("order", "reports.col.order", "number"),
    col("day", "reports.col.day"),
    col("partner", "reports.col.partner"),
    col("person", "reports.col.person"),
    col("reward", "reports.col.reward"),
    col("units", "reports.redemptions.units", "number"),
    col("points", "reports.col.points", "points"),
  ],
  validKey: (key) => !key || isId(key),
  async page({ db, scope, period, key, after, limit }) {
    if (after !== null && !isId(after)) return { rows: [], next: null };
    const rows = await query<{
      id: string;
      number: number;
      placed_at: string;
      partner: string;
      name: string;
      reward_name: string;
      quantity: number;
      points: string;
    }>(
      db,
      sql`select ol.id, o.number, o.placed_at, og.name as partner, u.name, ol.reward_name, ol.quantity, ol.quantity * ol.unit_points as points
        from order_lines ol join orders o on o.id = ol.order_id join rewards r on r.id = ol.reward_id
          join users u on u.id = o.user_id join organisations og on og.id = o.organisation_id
        where o.status <> 'cancelled' ${within(period, "o.placed_at")} ${inScope(scope, "o.organisation_id")}
          ${key ? sql`and r.category_id = ${key}` : sql``} ${after ? sql`and ol.id > ${after}` : sql``}
        order by ol.id limit ${limit}`,
    );
    return {
      rows: rows.map((r) => ({
        order: num(r.number),
        day: iso(r.placed_at),
        partner: r.partner,
        person: r.name,
        reward: r.reward_name,
        units: num(r.quantity),
        points: num(r.points),
      })),
      next: rows.length === limit ? rows[rows.length - 1].id : null,
    };
  },
};

const funnel: RowsFigure = {
  title: "reports.rows.funnel",
  programmeOnly: true,
  columns: [
    col("person", "reports.col.person"),
    col("partner", "reports.col.partner"),
    col("invited", "reports.col.invited"),
    col("activated", "reports.col.activated"),
    col("first_claim", "reports.funnel.first_claim"),
    col("days", "reports.funnel.time_to_claim", "days"),
  ],
  validKey: (key) => (FUNNEL_STAGES as readonly string[]).includes(key ?? ""),
  async page({ db, scope, period, key, after, limit }) {
    if (after !== null && !isId(after)) return { rows: [], next: null };
    const stage =
      key === "activated"
        ? sql`and x.activated_at is not null`
        : key === "first_claim"
          ? sql`and x.first_claim is not null`
          : key === "first_redemption"
            ? sql`and x.redeemed`
            : sql``;
    const rows = await query<{
      id: string;
      name: string;
      partner: string;
      created_at: string;
      activated_at: string | null;
      first_claim: string | null;
      tenths: string | null;
    }>(
      db,
      // A first claim dated before activation (an import) has no time to it: blank, and left out of the median (readFunnel).
      sql`select x.*, case when x.first_claim >= x.activated_at then round(extract(epoch from (x.first_claim - x.activated_at)) / 8640) end as tenths from (
          select u.id, u.name, o.name as partner, u.created_at, u.activated_at,
            (select min(c.submitted_at) from claims c where c.user_id = u.id and c.submitted_at is not null) as first_claim,
            exists (select 1 from ledger_entries e where e.user_id = u.id and e.kind = 'redeem') as redeemed
          from users u join organisations o on o.id = u.organisation_id
          where u.role in ${PARTNER_ROLES_SQL} ${within(period, "u.created_at")} ${inScope(scope, "u.organisation_id")}
            ${after ? sql`and u.id > ${after}` : sql``}) x
        where true ${stage} order by x.id limit ${limit}`,
    );
    return {
      rows: rows.map(
        (r): Record<string, Cell> => ({
          person: r.name,
          partner: r.partner,
          invited: iso(r.created_at),
          activated: iso(r.activated_at),
          first_claim: iso(r.first_claim),
          days: r.tenths === null ? null : num(r.tenths),
        }),
      ),
      next: rows.length === limit ? rows[rows.length - 1].id : null,
    };
  },
};

const promotionLines: RowsFigure = {
  title: "reports.rows.promotion_lines",
  programmeOnly: true,
  columns: [
    col("number", "reports.col.claim", "number"),
    col("invoice_date", "reports.col.invoice_date"),
    col("partner", "reports.col.partner"),
    col("sku", "reports.col.sku"),
    col("units", "reports.sales.units", "number"),
    col("points", "reports.col.points", "points"),
    col("sales", "reports.roi.sales_minor", "number"),
  ],
  validKey: (key) => isId(key ?? ""),
  async page({ db, scope, period, key, after, limit }) {
    const cur = after === null ? null : /^(\d{1,18}):(\d{1,9})$/.exec(after);
    if (after !== null && !cur) return { rows: [], next: null };
    const rows = await query<{
      number: number;
      position: number;
      invoice_date: string;
      partner: string;
      sku: string;
      quantity: number;
      points: number;
      sales: string;
    }>(
      db,
      sql`select c.number, l.position, c.invoice_date, o.name as partner, l.sku, l.quantity, l.points,
          l.quantity * coalesce(pr.list_price_minor, 0) as sales
        from promotions pm
        join claims c on c.status = 'approved' and c.invoice_date between greatest(pm.starts_on, ${period.from}::date) and least(pm.ends_on, ${period.to}::date)
        join claim_lines l on l.claim_id = c.id left join products pr on pr.id = l.product_id
        join organisations o on o.id = c.organisation_id
        where pm.id = ${key} ${inScope(scope, "c.organisation_id")}
          and ((pm.scope = 'category' and pr.category = pm.category)
            or (pm.scope = 'products' and exists (select 1 from promotion_products pp where pp.promotion_id = pm.id and pp.product_id = l.product_id)))
          ${cur ? sql`and (c.number, l.position) > (${Number(cur[1])}, ${Number(cur[2])})` : sql``}
        order by c.number, l.position limit ${limit}`,
    );
    return {
      rows: rows.map((r) => ({
        number: num(r.number),
        invoice_date: String(r.invoice_date).slice(0, 10),
        partner: r.partner,
        sku: r.sku,
        units: num(r.quantity),
        points: num(r.points),
        sales: num(r.sales),
      })),
      next: rows.length === limit ? `${rows[rows.length - 1].number}:${rows[rows.length - 1].position}` : null,
    };
  },
};

export const PROGRAMME_ROW_FIGURES: Record<string, RowsFigure> = { queue, lots, redemptions, funnel, promotion_lines: promotionLines };
