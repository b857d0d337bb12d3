import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db, Queryable } from "@db/client";
import { orderLines, orders, organisations, users, type OrderStatus } from "@db/schema";
import type { Actor } from "~/lib/actor";
import { CSV_MAX_BYTES, type CsvCell, columnIndex, readCsvTable } from "~/lib/csv";
import { isoDay } from "~/lib/dates";
import { UserError } from "~/lib/errors";
import { tenantScope } from "~/lib/scope.server";
import { shipOrder } from "./orders.server";

/** The queue: physical orders by status (placed = to approve, approved = to ship, shipped = on the way). */
export async function fulfilmentQueue(db: Queryable, actor: Actor, status: OrderStatus) {
  const rows = await db
    .select({
      id: orders.id,
      number: orders.number,
      status: orders.status,
      kind: orders.kind,
      totalPoints: orders.totalPoints,
      placedAt: orders.placedAt,
      approvedAt: orders.approvedAt,
      shippedAt: orders.shippedAt,
      city: orders.city,
      country: orders.country,
      carrier: orders.carrier,
      trackingNumber: orders.trackingNumber,
      buyerName: users.name,
      organisationName: organisations.name,
      items: sql<string>`(select string_agg(l.quantity || ' × ' || l.reward_name || case when l.variant_label <> '' then ' (' || l.variant_label || ')' else '' end, ', ' order by l.reward_name) from order_lines l where l.order_id = "orders"."id")`,
    })
    .from(orders)
    .innerJoin(users, eq(users.id, orders.userId))
    .innerJoin(organisations, eq(organisations.id, orders.organisationId))
    .where(and(eq(orders.status, status), eq(orders.kind, "physical"), tenantScope(actor, orders.organisationId)))
    .orderBy(status === "delivered" || status === "cancelled" ? desc(orders.placedAt) : asc(orders.placedAt))
    .limit(500);
  return rows;
}

export async function queueCounts(db: Queryable, actor: Actor) {
  const rows = await db
    .select({ status: orders.status, n: sql<number>`count(*)::int` })
    .from(orders)
    .where(and(eq(orders.kind, "physical"), tenantScope(actor, orders.organisationId)))
    .groupBy(orders.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<OrderStatus, number>>;
}

export const EXPORT_HEADER = [
  "order_number",
  "placed_at",
  "recipient",
  "phone",
  "address",
  "city",
  "postal_code",
  "country",
  "partner",
  "reward",
  "variant",
  "sku",
  "quantity",
  "carrier",
  "tracking_number",
];

/**
 * Approved orders waiting to ship, one row per line, for the warehouse. The last two columns
 * are left empty for the warehouse to fill in; the same file comes back through importTracking.
 */
export async function exportOrdersToShip(db: Queryable, actor: Actor): Promise<CsvCell[][]> {
  const rows = await db
    .select({ order: orders, line: orderLines, partner: organisations.name })
    .from(orders)
    .innerJoin(orderLines, eq(orderLines.orderId, orders.id))
    .innerJoin(organisations, eq(organisations.id, orders.organisationId))
    .where(and(eq(orders.status, "approved"), eq(orders.kind, "physical"), tenantScope(actor, orders.organisationId)))
    .orderBy(asc(orders.number), asc(orderLines.rewardName));
  return [
    EXPORT_HEADER,
    ...rows.map(({ order: o, line: l, partner }) => [
      o.number,
      isoDay(o.placedAt),
      o.recipientName,
      o.phone,
      o.addressLine,
      o.city,
      o.postalCode,
      o.country,
      partner,
      l.rewardName,
      l.variantLabel,
      l.sku,
      l.quantity,
      "",
      "",
    ]),
  ];
}

export type ImportRow = {
  line: number;
  number: string;
  outcome: "shipped" | "unchanged" | "error";
  /** i18n key explaining an error or what happened. */
  key: string;
  vars?: Record<string, string | number>;
};

/** Uploads are bounded like every CSV (app/lib/csv.ts). */
export const MAX_IMPORT_BYTES = CSV_MAX_BYTES;

/**
 * Reads the warehouse's CSV (order_number, carrier, tracking_number; other columns ignored)
 * and ships each approved order in its own transaction, so one bad row does not hold back
 * the rest. Running the same file twice ships nothing twice and emails nobody twice.
 */
export async function importTracking(db: Db, actor: Actor, csvText: string): Promise<ImportRow[]> {
  const { columns, rows } = readCsvTable(csvText, { messages: { tooBig: "shop.import.too_big" } });
  if (!columns.length) throw new UserError("shop.import.empty", "file");
  const iNumber = columnIndex(columns, "order_number", "order", "number");
  const iCarrier = columnIndex(columns, "carrier");
  const iTracking = columnIndex(columns, "tracking_number", "tracking");
  if (iNumber < 0 || iCarrier < 0 || iTracking < 0) throw new UserError("shop.import.header", "file");

  // The export has one row per order line: fold them into one instruction per order.
  const wanted = new Map<string, { line: number; carrier: string; tracking: string; conflict: boolean }>();
  const results: ImportRow[] = [];
  const refuse = (line: number, number: string, key: string) => results.push({ line, number, outcome: "error", key });
  for (const { line, fields: r } of rows) {
    const number = (r[iNumber] ?? "").trim().replace(/^#/, "");
    const carrier = (r[iCarrier] ?? "").trim();
    const tracking = (r[iTracking] ?? "").trim();
    if (!carrier && !tracking) continue; // not shipped yet: the warehouse left it blank
    if (!/^\d{1,12}$/.test(number)) refuse(line, number, "shop.import.bad_number");
    else if (!carrier || !tracking) refuse(line, number, "shop.import.missing");
    else if (carrier.length > 60 || tracking.length > 80 || !/^[\w .\-/]+$/.test(tracking))
      refuse(line, number, "shop.import.bad_tracking");
    else {
      const seen = wanted.get(number);
      if (!seen) wanted.set(number, { line, carrier, tracking, conflict: false });
      else if (seen.carrier !== carrier || seen.tracking !== tracking) seen.conflict = true;
    }
  }

  const numbers = [...wanted.keys()].map(Number);
  const found = numbers.length
    ? await db
        .select({
          id: orders.id,
          number: orders.number,
          status: orders.status,
          kind: orders.kind,
          carrier: orders.carrier,
          trackingNumber: orders.trackingNumber,
        })
        .from(orders)
        .where(and(inArray(orders.number, numbers), tenantScope(actor, orders.organisationId)))
    : [];
  const byNumber = new Map(found.map((o) => [String(o.number), o]));
  for (const [number, want] of wanted) {
    const order = byNumber.get(number);
    const base = { line: want.line, number };
    if (want.conflict) results.push({ ...base, outcome: "error", key: "shop.import.conflict" });
    else if (order?.kind !== "physical") results.push({ ...base, outcome: "error", key: "shop.import.unknown" });
    else if ((order.status === "shipped" || order.status === "delivered") && order.trackingNumber === want.tracking)
      results.push({ ...base, outcome: "unchanged", key: "shop.import.already" });
    else if (order.status !== "approved")
      results.push({ ...base, outcome: "error", key: "shop.import.status", vars: { status: order.status } });
    else {
      try {
        await shipOrder(db, actor, order.id, { carrier: want.carrier, trackingNumber: want.tracking }, "csv");
        results.push({ ...base, outcome: "shipped", key: "shop.import.shipped", vars: { tracking: want.tracking } });
      } catch (error) {
        // Someone shipped or cancelled it between the read and now.
        if (error instanceof UserError) results.push({ ...base, outcome: "error", key: error.key });
        else throw error;
      }
    }
  }
  return results.sort((a, b) => a.line - b.line);
}
