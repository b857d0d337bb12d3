import { type SQL, sql } from "drizzle-orm";
import type { Queryable } from "@db/client";
import { CLAIM_STATUSES } from "@db/schema/claims";
import { addDays } from "~/lib/dates";
import { isId } from "~/lib/ids";
import { bounds, type Period } from "./period";
import { inScope, num, PARTNER_ROLES_SQL, query, within } from "./sql.server";
import { EXPIRING_DAYS, validityInstant } from "./training.server";
import type { Cell, Column, ReportScope } from "./types";

/**
 * The rows behind every figure: the ledger entries, claims, lines, certificates or visits a
 * number sums, with the same conditions as the figure (tests/integration/reports.test.ts checks
 * that they add up). Read in keyset pages (never OFFSET), so the page and the CSV export read a
 * million rows at the same cost per page and the export streams in constant memory.
 */
export type RowsPage = { rows: Array<Record<string, Cell>>; next: string | null };

type Ctx = { db: Queryable; scope: ReportScope; period: Period; key: string | undefined; after: string | null; limit: number; now: Date };

export type RowsFigure = {
  title: string;
  columns: Column[];
  /** Only for the channel team (programme-wide figures). */
  programmeOnly?: boolean;
  /** Whether `key` is one this figure understands; anything else is a 404. */
  validKey: (key: string | undefined) => boolean;
  page: (ctx: Ctx) => Promise<RowsPage>;
};

const col = (key: string, label: string, format: Column["format"] = "text"): Column => ({ key, label, format });
const iso = (v: unknown) => (v === null || v === undefined ? "" : new Date(v as string).toISOString().slice(0, 10));

/** The last row's cursor when the page is full (there may be more), else null. */
function nextOf<T>(rows: T[], limit: number, cursor: (row: T) => string): string | null {
  return rows.length === limit ? cursor(rows[rows.length - 1]) : null;
}

function prefixed(key: string | undefined, prefix: string): string | null {
  return key?.startsWith(`${prefix}:`) ? key.slice(prefix.length + 1) : null;
}

const LEDGER_KINDS = ["earn", "redeem", "expire", "adjust", "reverse"];
const BIGINT = /^\d{1,18}$/;

function ledgerFilter(key: string | undefined): SQL {
  if (!key) return sql`and e.kind in ('earn', 'redeem')`;
  const user = prefixed(key, "user");
  if (user) return sql`and e.kind in ('earn', 'redeem') and e.user_id = ${user}`;
  return sql`and e.kind = ${key}`;
}

const ledger: RowsFigure = {
  title: "reports.rows.ledger",
  columns: [
    col("id", "reports.col.entry", "number"),
    col("day", "reports.col.day"),
    col("person", "reports.col.person"),
    col("email", "reports.col.email"),
    col("kind", "reports.col.kind", "key"),
    col("source", "reports.col.source"),
    col("amount", "reports.col.points", "points"),
  ],
  validKey: (key) => !key || LEDGER_KINDS.includes(key) || isId(prefixed(key, "user") ?? ""),
  async page({ db, scope, period, key, after, limit }) {
    if (after !== null && !BIGINT.test(after)) return { rows: [], next: null };
    const rows = await query<{
      id: string;
      created_at: string;
      name: string;
      email: string;
      kind: string;
      source_type: string;
      source_id: string;
      amount: number;
    }>(
      db,
      sql`select e.id, e.created_at, u.name, u.email, e.kind, e.source_type, e.source_id, e.amount
        from ledger_entries e join users u on u.id = e.user_id
        where true ${ledgerFilter(key)} ${inScope(scope, "e.organisation_id")} ${within(period, "e.created_at")}
          ${after ? sql`and e.id > ${after}` : sql``}
        order by e.id limit ${limit}`,
    );
    return {
      rows: rows.map((r) => ({
        id: num(r.id),
        day: iso(r.created_at),
        person: r.name,
        email: r.email,
        kind: `ledger.kind.${r.kind}`,
        source: `${r.source_type} ${r.source_id}`,
        amount: num(r.amount),
      })),
      next: nextOf(rows, limit, (r) => String(r.id)),
    };
  },
};

const activePeople: RowsFigure = {
  title: "reports.rows.active_people",
  columns: [
    col("person", "reports.col.person"),
    col("email", "reports.col.email"),
    col("earned", "reports.points.earned", "points"),
    col("spent", "reports.points.spent", "points"),
  ],
  validKey: (key) => !key,
  async page({ db, scope, period, after, limit }) {
    if (after !== null && !isId(after)) return { rows: [], next: null };
    const rows = await query<{ id: string; name: string; email: string; earned: string; spent: string }>(
      db,
      sql`select u.id, u.name, u.email, x.earned, x.spent from (
          select e.user_id, coalesce(sum(e.amount) filter (where e.kind = 'earn'), 0) as earned,
            coalesce(-sum(e.amount) filter (where e.kind = 'redeem'), 0) as spent
          from ledger_entries e where e.kind in ('earn', 'redeem') ${inScope(scope, "e.organisation_id")} ${within(period, "e.created_at")}
            ${after ? sql`and e.user_id > ${after}` : sql``}
          group by e.user_id order by e.user_id limit ${limit}) x
        join users u on u.id = x.user_id order by u.id`,
    );
    return {
      rows: rows.map((r) => ({ person: r.name, email: r.email, earned: num(r.earned), spent: num(r.spent) })),
      next: nextOf(rows, limit, (r) => r.id),
    };
  },
};

const PEOPLE_KEYS = ["signed_up", "invited", "activated"];
const people: RowsFigure = {
  title: "reports.rows.people",
  columns: [
    col("person", "reports.col.person"),
    col("email", "reports.col.email"),
    col("role", "reports.col.role", "key"),
    col("invited", "reports.col.invited"),
    col("activated", "reports.col.activated"),
  ],
  validKey: (key) => PEOPLE_KEYS.includes(key ?? ""),
  async page({ db, scope, period, key, after, limit }) {
    if (after !== null && !isId(after)) return { rows: [], next: null };
    const { start, end } = bounds(period);
    const which =
      key === "invited"
        ? within(period, "u.created_at")
        : key === "activated"
          ? within(period, "u.activated_at")
          : sql`and u.activated_at < ${end.toISOString()} and (u.deactivated_at is null or u.deactivated_at >= ${start.toISOString()})`;
    const rows = await query<{ id: string; name: string; email: string; role: string; created_at: string; activated_at: string | null }>(
      db,
      sql`select u.id, u.name, u.email, u.role, u.created_at, u.activated_at from users u
        where u.role in ${PARTNER_ROLES_SQL} ${which} ${inScope(scope, "u.organisation_id")} ${after ? sql`and u.id > ${after}` : sql``}
        order by u.id limit ${limit}`,
    );
    return {
      rows: rows.map((r) => ({
        person: r.name,
        email: r.email,
        role: `role.${r.role}`,
        invited: iso(r.created_at),
        activated: iso(r.activated_at),
      })),
      next: nextOf(rows, limit, (r) => r.id),
    };
  },
};

const CLAIM_KEYS = ["sent", "decided", "decided_approved"];
function claimFilter(key: string | undefined, period: Period): SQL {
  const status = prefixed(key, "status");
  if (status) return sql`and c.status = ${status} ${within(period, "c.submitted_at")}`;
  if (key === "decided") return sql`and c.status in ('approved', 'rejected') ${within(period, "c.decided_at")}`;
  if (key === "decided_approved") return sql`and c.status = 'approved' ${within(period, "c.decided_at")}`;
  if (key === "approved") return sql`and c.status = 'approved' ${within(period, "c.decided_at")}`;
  return sql`and c.status not in ('draft', 'rejected') ${within(period, "c.submitted_at")}`;
}

const claims: RowsFigure = {
  title: "reports.rows.claims",
  columns: [
    col("number", "reports.col.claim", "number"),
    col("partner", "reports.col.partner"),
    col("person", "reports.col.person"),
    col("status", "reports.col.status", "key"),
    col("invoice", "reports.col.invoice"),
    col("submitted", "reports.col.submitted"),
    col("decided", "reports.col.decided"),
    col("days", "reports.claims.cycle", "days"),
    col("points", "reports.col.points", "points"),
  ],
  validKey: (key) =>
    !key ||
    CLAIM_KEYS.includes(key) ||
    key === "approved" ||
    (CLAIM_STATUSES as readonly string[]).includes(prefixed(key, "status") ?? "-") ||
    isId(prefixed(key, "org") ?? ""),
  async page({ db, scope, period, key, after, limit }) {
    if (after !== null && !BIGINT.test(after)) return { rows: [], next: null };
    const org = prefixed(key, "org");
    const rows = await query<{
      number: number;
      partner: string;
      name: string;
      status: string;
      invoice_number: string;
      submitted_at: string | null;
      decided_at: string | null;
      tenths: string | null;
      points: number;
    }>(
      db,
      sql`select c.number, o.name as partner, u.name, c.status, c.invoice_number, c.submitted_at, c.decided_at,
          round(extract(epoch from (c.decided_at - c.submitted_at)) / 8640) as tenths, c.points
        from claims c join users u on u.id = c.user_id join organisations o on o.id = c.organisation_id
        where c.status <> 'draft' ${org ? sql`and c.organisation_id = ${org} ${claimFilter("approved", period)}` : claimFilter(key, period)}
          ${inScope(scope, "c.organisation_id")} ${after ? sql`and c.number > ${after}` : sql``}
        order by c.number limit ${limit}`,
    );
    return {
      rows: rows.map((r) => ({
        number: num(r.number),
        partner: r.partner,
        person: r.name,
        status: `claims.status.${r.status}`,
        invoice: r.invoice_number,
        submitted: iso(r.submitted_at),
        decided: iso(r.decided_at),
        days: r.tenths === null ? null : num(r.tenths),
        points: num(r.points),
      })),
      next: nextOf(rows, limit, (r) => String(r.number)),
    };
  },
};

const CURSOR_PAIR = /^(\d{1,18}):(\d{1,9})$/;
function lineFilter(key: string | undefined): SQL {
  const sku = prefixed(key, "sku");
  if (sku !== null) return sql`and l.sku = ${sku}`;
  const category = prefixed(key, "category");
  if (category !== null) return sql`and coalesce(pr.category, '') = ${category}`;
  return sql``;
}

const claimLines: RowsFigure = {
  title: "reports.rows.claim_lines",
  columns: [
    col("number", "reports.col.claim", "number"),
    col("submitted", "reports.col.submitted"),
    col("person", "reports.col.person"),
    col("sku", "reports.col.sku"),
    col("product", "reports.col.product"),
    col("category", "reports.col.category"),
    col("units", "reports.sales.units", "number"),
    col("points", "reports.col.points", "points"),
  ],
  validKey: (key) => !key || (prefixed(key, "sku") ?? "").length > 0 || prefixed(key, "category") !== null,
  async page({ db, scope, period, key, after, limit }) {
    const cur = after === null ? null : CURSOR_PAIR.exec(after);
    if (after !== null && !cur) return { rows: [], next: null };
    const rows = await query<{
      number: number;
      position: number;
      submitted_at: string;
      name: string;
      sku: string;
      product: string | null;
      category: string | null;
      quantity: number;
      points: number;
    }>(
      db,
      sql`select c.number, l.position, c.submitted_at, u.name, l.sku, pr.name as product, pr.category, l.quantity, l.points
        from claims c join claim_lines l on l.claim_id = c.id join users u on u.id = c.user_id left join products pr on pr.id = l.product_id
        where c.status not in ('draft', 'rejected') ${inScope(scope, "c.organisation_id")} ${within(period, "c.submitted_at")} ${lineFilter(key)}
          ${cur ? sql`and (c.number, l.position) > (${Number(cur[1])}, ${Number(cur[2])})` : sql``}
        order by c.number, l.position limit ${limit}`,
    );
    return {
      rows: rows.map((r) => ({
        number: num(r.number),
        submitted: iso(r.submitted_at),
        person: r.name,
        sku: r.sku,
        product: r.product ?? r.sku,
        category: r.category ?? "",
        units: num(r.quantity),
        points: num(r.points),
      })),
      next: nextOf(rows, limit, (r) => `${r.number}:${r.position}`),
    };
  },
};

const CERT_KEYS = ["valid", "expiring"];
const certificates: RowsFigure = {
  title: "reports.rows.certificates",
  columns: [
    col("person", "reports.col.person"),
    col("course", "reports.col.course"),
    col("number", "reports.col.certificate"),
    col("issued", "reports.col.issued"),
    col("expires", "reports.col.expires"),
  ],
  validKey: (key) => CERT_KEYS.includes(key ?? "") || isId(prefixed(key, "course") ?? ""),
  async page({ db, scope, period, key, after, limit, now }) {
    if (after !== null && !isId(after)) return { rows: [], next: null };
    const at = validityInstant(period, now);
    const course = prefixed(key, "course");
    const rows = await query<{ id: string; name: string; title: string; number: string; issued_at: string; expires_at: string }>(
      db,
      sql`select c.id, u.name, co.title, c.number, c.issued_at, c.expires_at
        from certificates c join users u on u.id = c.user_id join courses co on co.id = c.course_id
        where c.issued_at <= ${at.toISOString()} and c.expires_at > ${at.toISOString()}
          ${key === "expiring" ? sql`and c.expires_at <= ${addDays(at, EXPIRING_DAYS).toISOString()}` : sql``}
          ${course ? sql`and c.course_id = ${course}` : sql``}
          ${inScope(scope, "c.organisation_id")} ${after ? sql`and c.id > ${after}` : sql``}
        order by c.id limit ${limit}`,
    );
    return {
      rows: rows.map((r) => ({ person: r.name, course: r.title, number: r.number, issued: iso(r.issued_at), expires: iso(r.expires_at) })),
      next: nextOf(rows, limit, (r) => r.id),
    };
  },
};

const quizPasses: RowsFigure = {
  title: "reports.rows.quiz_passes",
  columns: [
    col("person", "reports.col.person"),
    col("course", "reports.col.course"),
    col("day", "reports.col.day"),
    col("score", "reports.col.score", "number"),
  ],
  validKey: (key) => key === "passed",
  async page({ db, scope, period, after, limit }) {
    if (after !== null && !isId(after)) return { rows: [], next: null };
    const rows = await query<{ id: string; name: string; title: string; submitted_at: string; score_percent: number | null }>(
      db,
      sql`select q.id, u.name, co.title, q.submitted_at, q.score_percent
        from quiz_attempts q join users u on u.id = q.user_id join courses co on co.id = q.course_id
        where q.passed ${inScope(scope, "q.organisation_id")} ${within(period, "q.submitted_at")} ${after ? sql`and q.id > ${after}` : sql``}
        order by q.id limit ${limit}`,
    );
    return {
      rows: rows.map((r) => ({ person: r.name, course: r.title, day: iso(r.submitted_at), score: num(r.score_percent) })),
      next: nextOf(rows, limit, (r) => r.id),
    };
  },
};

const contestEntries: RowsFigure = {
  title: "reports.rows.contest_entries",
  columns: [
    col("contest", "reports.col.contest"),
    col("person", "reports.col.person"),
    col("day", "reports.col.day"),
    col("source", "reports.col.source"),
    col("value", "reports.col.score", "number"),
  ],
  validKey: (key) => {
    const [a, b, ...rest] = (key ?? "").split(":");
    return rest.length === 0 && isId(a) && isId(b);
  },
  async page({ db, scope, key, after, limit }) {
    if (after !== null && !BIGINT.test(after)) return { rows: [], next: null };
    const [contest, participant] = (key ?? "").split(":");
    const rows = await query<{
      id: string;
      contest: string;
      name: string;
      occurred_at: string;
      source_type: string;
      source_id: string;
      value: number;
    }>(
      db,
      sql`select e.id, k.name as contest, u.name, e.occurred_at, e.source_type, e.source_id, e.value
        from contest_entries e join contests k on k.id = e.contest_id join users u on u.id = e.user_id
        where e.contest_id = ${contest} and e.participant_id = ${participant} ${inScope(scope, "e.organisation_id")}
          ${after ? sql`and e.id > ${after}` : sql``}
        order by e.id limit ${limit}`,
    );
    return {
      rows: rows.map((r) => ({
        contest: r.contest,
        person: r.name,
        day: iso(r.occurred_at),
        source: `${r.source_type} ${r.source_id}`,
        value: num(r.value),
      })),
      next: nextOf(rows, limit, (r) => String(r.id)),
    };
  },
};

/** Figures of the executive dashboard; the channel team's are added in programme-rows.server.ts. */
export const ROW_FIGURES: Record<string, RowsFigure> = {
  ledger,
  active_people: activePeople,
  people,
  claims,
  claim_lines: claimLines,
  certificates,
  quiz_passes: quizPasses,
  contest_entries: contestEntries,
};

export function rowsFigure(name: string): RowsFigure | null {
  return Object.hasOwn(ROW_FIGURES, name) ? ROW_FIGURES[name] : null;
}

export const PAGE_ROWS = 100;
export const EXPORT_PAGE_ROWS = 5000;

/** Every page of a figure's rows, one after another, for the CSV export (constant memory). */
export async function* allRows(
  figure: RowsFigure,
  ctx: Omit<Ctx, "after" | "limit">,
  pageRows = EXPORT_PAGE_ROWS,
): AsyncGenerator<Array<Record<string, Cell>>> {
  let after: string | null = null;
  do {
    const page: RowsPage = await figure.page({ ...ctx, after, limit: pageRows });
    if (page.rows.length) yield page.rows;
    after = page.next;
  } while (after !== null);
}
