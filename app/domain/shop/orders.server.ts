import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { requireCourses } from "../gates/requirements.server";
import { isId } from "~/lib/ids";
import { rowsOf, type Db, type Queryable, type Tx } from "@db/client";
import {
  cartItems,
  orderLines,
  orders,
  outlets,
  rewardCodes,
  rewardVariants,
  users,
  wishlistItems,
  type Order,
  type OrderStatus,
  type RewardKind,
} from "@db/schema";
import type { TemplateName } from "@emails/index";
import type { Actor } from "~/lib/actor";
import { isManufacturer } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { config } from "~/lib/config.server";
import { UserError, constraintName, sqlState, notFoundError } from "~/lib/errors";
import { ownerScope, tenantScope } from "~/lib/scope.server";
import { debitPoints, refundDebit } from "../points/ledger.server";
import { notify } from "../notifications/notify.server";
import { cartLines, type CartLine } from "./cart.server";

import { DEFAULT_LOCALE } from "@db/schema/enums";
import { localise, translatedText } from "../content/translations.server";
import { variantLabel } from "./text";

export type Address = { recipientName: string; phone: string; addressLine: string; city: string; postalCode: string; country: string };
export type CheckoutInput = { checkoutKey: string; expectedTotal: number; address?: Address | null };

const orderUrl = (id: string) => `/shop/orders/${id}`;

/** Lines as the order emails list them, each name in the orderer's language where translated. */
async function emailLines(db: Queryable, orderId: string) {
  const lines = rowsOf<{ name: string; label: string; quantity: number }>(
    await db.execute(sql`select coalesce((select ct.text from content_translations ct where ct.entity_type = 'reward'
          and ct.entity_id = l.reward_id and ct.field = 'name' and ct.locale = u.locale), l.reward_name) as name,
        l.variant_label as label, l.quantity
      from order_lines l join orders o on o.id = l.order_id join users u on u.id = o.user_id
      where l.order_id = ${orderId} order by l.reward_name`),
  );
  return lines.map((l) => ({ name: l.name, label: l.label || undefined, quantity: Number(l.quantity) }));
}

/** Tells the buyer about a step of their order: in-app notice plus the step's email. */
async function tellBuyer(
  tx: Tx,
  order: Order,
  step: "placed" | "approved" | "shipped" | "delivered" | "cancelled",
  extra: { reason?: string | null; refunded?: number } = {},
) {
  const [buyer] = await tx.select({ name: users.name }).from(users).where(eq(users.id, order.userId));
  const template = `shop_order_${step}` as Extract<TemplateName, `shop_order_${string}`>;
  await notify(tx, {
    userId: order.userId,
    topic: "orders",
    titleKey: `shop.notice.${step}`,
    vars: { number: `#${order.number}` },
    link: orderUrl(order.id),
    email: {
      template,
      props: {
        name: buyer?.name ?? "",
        number: order.number,
        url: config.publicUrl + orderUrl(order.id),
        lines: await emailLines(tx, order.id),
        totalPoints: order.totalPoints,
        carrier: order.carrier ?? undefined,
        trackingNumber: order.trackingNumber ?? undefined,
        reason: extra.reason ?? null,
        refunded: extra.refunded,
      },
    },
  });
}

/**
 * Checkout: turns the participant's cart into orders (one for things to ship, one for digital
 * codes), reserves stock, claims codes and debits points, all in one transaction. Stock is
 * reserved by a single guarded UPDATE per variant (stock >= qty), so when many people buy the
 * last units at once exactly the available number succeed and everyone else gets a clear
 * "sold out" with nothing taken from them. A retry with the same checkout key returns the
 * orders already placed instead of buying twice.
 */
export async function placeOrder(db: Db, actor: Actor, input: CheckoutInput): Promise<Order[]> {
  if (isManufacturer(actor)) throw new UserError("common.forbidden", undefined, undefined, 403);
  if (!isId(input.checkoutKey)) throw new UserError("errors.invalid");
  const previous = await ordersForCheckout(db, actor, input.checkoutKey);
  if (previous.length) return previous;
  try {
    return await db.transaction(async (tx) => {
      const lines = await cartLines(tx, actor, { lock: true });
      if (!lines.length) {
        // The same checkout may have just finished in a parallel request (it held the cart lock
        // we waited for): then this is a retry, and its orders are the answer.
        const done = await ordersForCheckout(tx, actor, input.checkoutKey);
        if (done.length) return done;
        throw new UserError("shop.cart_empty", undefined, undefined, 409);
      }
      const gone = lines.find((l) => !l.available);
      if (gone) throw new UserError("shop.unavailable", undefined, { name: gone.name }, 409);
      // Training gates, again at checkout: a requirement added after the item went into the cart still holds.
      await requireCourses(
        tx,
        actor.id,
        "reward",
        lines.map((l) => l.rewardId),
      );
      const total = lines.reduce((s, l) => s + l.lineTotal, 0);
      if (total !== input.expectedTotal) throw new UserError("shop.prices_changed", undefined, { total, count: total }, 409);
      const physical = lines.filter((l) => l.kind === "physical");
      if (physical.length && !input.address) throw new UserError("shop.address_needed", "recipientName");

      // Reserve stock first, variants in a fixed order so two checkouts never deadlock.
      for (const line of [...lines].sort((a, b) => a.variantId.localeCompare(b.variantId))) {
        const reserved = await tx
          .update(rewardVariants)
          .set({ stock: sql`${rewardVariants.stock} - ${line.quantity}` })
          .where(and(eq(rewardVariants.id, line.variantId), sql`${rewardVariants.stock} >= ${line.quantity}`))
          .returning({ stock: rewardVariants.stock });
        if (!reserved.length) {
          throw line.stock > 0 && line.stock < line.quantity
            ? new UserError("shop.not_enough_stock", undefined, { name: line.name, count: line.stock }, 409)
            : new UserError("shop.sold_out", undefined, { name: line.name }, 409);
        }
      }

      const placed: Order[] = [];
      for (const [kind, group] of [
        ["physical", physical],
        ["digital", lines.filter((l) => l.kind === "digital")],
      ] as Array<[RewardKind, CartLine[]]>) {
        if (group.length) placed.push(await createOrder(tx, actor, kind, group, input));
      }
      await tx.delete(cartItems).where(
        and(
          eq(cartItems.userId, actor.id),
          inArray(
            cartItems.variantId,
            lines.map((l) => l.variantId),
          ),
        ),
      );
      // What was bought is no longer wished for: it leaves the wish list with the same checkout.
      await tx
        .delete(wishlistItems)
        .where(and(eq(wishlistItems.userId, actor.id), inArray(wishlistItems.rewardId, [...new Set(lines.map((l) => l.rewardId))])));
      return placed;
    });
  } catch (error) {
    // The same checkout submitted twice at once: the second waits on the unique key, then
    // shows what the first one placed.
    if (sqlState(error) === "23505" && constraintName(error) === "orders_checkout_unique") {
      const done = await ordersForCheckout(db, actor, input.checkoutKey);
      if (done.length) return done;
    }
    if (sqlState(error) === "23514" && constraintName(error) === "reward_variants_stock_not_negative")
      throw new UserError("shop.sold_out_now", undefined, undefined, 409);
    throw error;
  }
}

async function ordersForCheckout(db: Queryable, actor: Actor, checkoutKey: string) {
  if (!isId(checkoutKey)) return [];
  return db
    .select()
    .from(orders)
    .where(and(eq(orders.userId, actor.id), eq(orders.checkoutKey, checkoutKey)))
    .orderBy(asc(orders.kind));
}

async function createOrder(tx: Tx, actor: Actor, kind: RewardKind, group: CartLine[], input: CheckoutInput): Promise<Order> {
  const total = group.reduce((s, l) => s + l.lineTotal, 0);
  const now = new Date();
  const address = kind === "physical" ? input.address! : null;
  const [order] = await tx
    .insert(orders)
    .values({
      userId: actor.id,
      organisationId: actor.organisationId,
      kind,
      // A code is delivered the moment it is claimed; there is nothing to approve or ship.
      status: kind === "digital" ? "delivered" : "placed",
      approvedAt: kind === "digital" ? now : null,
      deliveredAt: kind === "digital" ? now : null,
      totalPoints: total,
      checkoutKey: input.checkoutKey,
      recipientName: address?.recipientName ?? null,
      phone: address?.phone || null,
      addressLine: address?.addressLine ?? null,
      city: address?.city ?? null,
      postalCode: address?.postalCode || null,
      country: address?.country ?? null,
    })
    .returning();
  const codes: Array<{ name: string; code: string }> = [];
  for (const line of group) {
    const [row] = await tx
      .insert(orderLines)
      .values({
        orderId: order.id,
        rewardId: line.rewardId,
        variantId: line.variantId,
        rewardName: line.name,
        variantLabel: variantLabel(line),
        sku: line.sku,
        quantity: line.quantity,
        unitPoints: line.pointsPrice,
      })
      .returning({ id: orderLines.id });
    if (kind === "digital") {
      // Codes other checkouts are claiming right now are skipped, not waited for; stock was
      // reserved above, so the free codes always cover this line.
      const claimed = rowsOf<{ code: string }>(
        await tx.execute(sql`
          update reward_codes set order_line_id = ${row.id}, claimed_at = now()
          where id in (
            select id from reward_codes where variant_id = ${line.variantId} and order_line_id is null
            order by id limit ${line.quantity} for update skip locked)
          returning code`),
      );
      if (claimed.length < line.quantity) throw new UserError("shop.sold_out", undefined, { name: line.name }, 409);
      for (const c of claimed) codes.push({ name: line.title, code: c.code });
    }
  }
  const debit = await debitPoints(tx, {
    userId: actor.id,
    organisationId: actor.organisationId,
    kind: "redeem",
    sourceType: "order",
    sourceId: order.id,
    amount: total,
    descriptionKey: "shop.ledger.order",
    descriptionVars: { number: `#${order.number}` },
    calculation: group.map((l) => ({
      key: "shop.ledger.line",
      vars: { quantity: l.quantity, name: l.name, points: l.pointsPrice, count: l.pointsPrice },
    })),
    createdBy: actor.id,
  });
  const [paid] = await tx.update(orders).set({ debitEntryId: debit.entryId }).where(eq(orders.id, order.id)).returning();
  await recordAudit(tx, {
    actor,
    action: "shop.order_placed",
    entityType: "order",
    entityId: order.id,
    organisationId: actor.organisationId,
    details: { number: order.number, kind, points: total, lines: group.map((l) => ({ variantId: l.variantId, quantity: l.quantity })) },
  });
  if (kind === "digital") {
    const [buyer] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.id));
    await notify(tx, {
      userId: actor.id,
      topic: "orders",
      titleKey: "shop.notice.code",
      vars: { number: `#${order.number}` },
      link: orderUrl(order.id),
      email: {
        template: "shop_digital_code",
        props: { name: buyer?.name ?? actor.name, number: order.number, url: config.publicUrl + orderUrl(order.id), codes },
      },
    });
  } else {
    await tellBuyer(tx, paid, "placed");
  }
  return paid;
}

export async function listMyOrders(db: Queryable, actor: Actor) {
  return db
    .select({
      id: orders.id,
      number: orders.number,
      kind: orders.kind,
      status: orders.status,
      totalPoints: orders.totalPoints,
      placedAt: orders.placedAt,
      items: sql<number>`(select coalesce(sum(l.quantity), 0) from order_lines l where l.order_id = "orders"."id")::int`,
      firstItem: sql<string>`(select ${translatedText("reward", sql`l.reward_id`, "name", actor.locale ?? DEFAULT_LOCALE, sql`l.reward_name`)}
        from order_lines l where l.order_id = "orders"."id" order by l.reward_name limit 1)`,
    })
    .from(orders)
    .where(and(eq(orders.userId, actor.id), tenantScope(actor, orders.organisationId)))
    .orderBy(desc(orders.placedAt), desc(orders.number))
    .limit(100);
}

/**
 * One order, if the actor may see it: a participant their own, manufacturer staff any.
 * Another person's order reads as "not found". Codes are never part of this: see revealCodes.
 */
export async function getOrder(db: Queryable, actor: Actor, orderId: string) {
  if (!isId(orderId)) return null;
  const [row] = await db
    .select({ order: orders, buyerName: users.name, buyerEmail: users.email })
    .from(orders)
    .innerJoin(users, eq(users.id, orders.userId))
    .where(and(eq(orders.id, orderId), ownerScope(actor, "orders", { organisation: orders.organisationId, owner: orders.userId })));
  if (!row) return null;
  const recorded = await db.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(asc(orderLines.rewardName));
  // The reader's language for the reward's name where translated; the name recorded at ordering otherwise.
  const lines = await localise(db, "reward", recorded, ["rewardName"], actor.locale ?? DEFAULT_LOCALE, (l) => l.rewardId);
  const [codes] = rowsOf<{ n: number }>(
    await db.execute(
      sql`select count(*)::int as n from reward_codes c join order_lines l on l.id = c.order_line_id where l.order_id = ${orderId}`,
    ),
  );
  return { ...row, lines, codeCount: Number(codes?.n ?? 0) };
}

/**
 * Shows the digital codes of the participant's own order exactly once: the first call marks
 * them revealed and returns them, later calls return masked codes (the email keeps them).
 * It is a POST, never a page load, so link prefetching cannot use up the one showing.
 */
export async function revealCodes(db: Db, actor: Actor, orderId: string) {
  if (!isId(orderId)) throw notFoundError();
  return db.transaction(async (tx) => {
    const [order] = await tx
      .update(orders)
      .set({ codesRevealedAt: new Date() })
      .where(and(eq(orders.id, orderId), eq(orders.userId, actor.id), eq(orders.kind, "digital"), sql`${orders.codesRevealedAt} is null`))
      .returning({ id: orders.id });
    const [exists] = order
      ? [order]
      : await tx
          .select({ id: orders.id })
          .from(orders)
          .where(and(eq(orders.id, orderId), eq(orders.userId, actor.id)));
    if (!exists) throw notFoundError();
    const rows = await tx
      .select({
        name: translatedText("reward", sql`${orderLines.rewardId}`, "name", actor.locale ?? DEFAULT_LOCALE, orderLines.rewardName),
        code: rewardCodes.code,
      })
      .from(rewardCodes)
      .innerJoin(orderLines, eq(orderLines.id, rewardCodes.orderLineId))
      .where(eq(orderLines.orderId, orderId))
      .orderBy(asc(rewardCodes.id));
    return { first: !!order, codes: rows.map((r) => ({ ...r, code: order ? r.code : maskCode(r.code) })) };
  });
}

/** Enough of the end to tell two codes apart, never enough of a short code to use it. */
export function maskCode(code: string): string {
  const visible = code.length > 8 ? 4 : Math.floor(code.length / 3);
  return `${"•".repeat(Math.max(4, code.length - visible))}${visible ? code.slice(-visible) : ""}`;
}

/** Moves an order one step if it is still where the caller saw it; returns the updated row. */
async function step(tx: Tx, orderId: string, from: OrderStatus[], set: Partial<typeof orders.$inferInsert>, extra?: ReturnType<typeof eq>) {
  const [row] = await tx
    .update(orders)
    .set(set)
    .where(and(eq(orders.id, orderId), eq(orders.kind, "physical"), inArray(orders.status, from), extra))
    .returning();
  return row;
}

async function explainRefusal(db: Queryable, actor: Actor, orderId: string): Promise<never> {
  if (!(await getOrder(db, actor, orderId))) throw notFoundError();
  throw new UserError("shop.wrong_status", undefined, undefined, 409);
}

export async function approveOrder(db: Db, actor: Actor, orderId: string) {
  if (!isId(orderId)) throw notFoundError();
  const done = await db.transaction(async (tx) => {
    const order = await step(tx, orderId, ["placed"], { status: "approved", approvedAt: new Date() });
    if (!order) return null;
    await recordAudit(tx, {
      actor,
      action: "shop.order_approved",
      entityType: "order",
      entityId: order.id,
      organisationId: order.organisationId,
      details: { number: order.number },
    });
    await tellBuyer(tx, order, "approved");
    return order;
  });
  return done ?? explainRefusal(db, actor, orderId);
}

export type ShipInput = { carrier: string; trackingNumber: string };

/** approved -> shipped with carrier and tracking number; `source` says whether by hand or CSV. */
export async function shipOrder(db: Db, actor: Actor, orderId: string, input: ShipInput, source: "form" | "csv" = "form") {
  if (!isId(orderId)) throw notFoundError();
  const done = await db.transaction(async (tx) => {
    const order = await step(tx, orderId, ["approved"], {
      status: "shipped",
      shippedAt: new Date(),
      carrier: input.carrier,
      trackingNumber: input.trackingNumber,
    });
    if (!order) return null;
    await recordAudit(tx, {
      actor,
      action: "shop.order_shipped",
      entityType: "order",
      entityId: order.id,
      organisationId: order.organisationId,
      details: { number: order.number, carrier: input.carrier, trackingNumber: input.trackingNumber, source },
    });
    await tellBuyer(tx, order, "shipped");
    return order;
  });
  return done ?? explainRefusal(db, actor, orderId);
}

/** shipped -> delivered: by fulfilment staff (email to the buyer) or by the buyer confirming receipt. */
export async function markDelivered(db: Db, actor: Actor, orderId: string) {
  if (!isId(orderId)) throw notFoundError();
  const byBuyer = !isManufacturer(actor);
  const done = await db.transaction(async (tx) => {
    const order = await step(
      tx,
      orderId,
      ["shipped"],
      { status: "delivered", deliveredAt: new Date() },
      byBuyer ? eq(orders.userId, actor.id) : undefined,
    );
    if (!order) return null;
    await recordAudit(tx, {
      actor,
      action: "shop.order_delivered",
      entityType: "order",
      entityId: order.id,
      organisationId: order.organisationId,
      details: { number: order.number, confirmedByBuyer: byBuyer },
    });
    if (!byBuyer) await tellBuyer(tx, order, "delivered");
    return order;
  });
  return done ?? explainRefusal(db, actor, orderId);
}

/**
 * Cancels an order before it ships: the status change, the stock coming back, the reversing
 * ledger entry and the audit row happen together or not at all. A participant may cancel their
 * own order while it waits for approval; fulfilment staff until it ships, with a reason.
 */
export async function cancelOrder(db: Db, actor: Actor, orderId: string, reason: string | null) {
  if (!isId(orderId)) throw notFoundError();
  const byStaff = isManufacturer(actor);
  if (byStaff && !reason) throw new UserError("shop.reason_required", "reason");
  const done = await db.transaction(async (tx) => {
    const order = await step(
      tx,
      orderId,
      byStaff ? ["placed", "approved"] : ["placed"],
      { status: "cancelled", cancelledAt: new Date(), cancelledBy: actor.id, cancelReason: reason },
      byStaff ? undefined : eq(orders.userId, actor.id),
    );
    if (!order) return null;
    const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(asc(orderLines.variantId));
    for (const line of lines) {
      await tx
        .update(rewardVariants)
        .set({ stock: sql`${rewardVariants.stock} + ${line.quantity}` })
        .where(eq(rewardVariants.id, line.variantId));
    }
    const refund = await refundDebit(tx, order.debitEntryId!, {
      sourceType: "order",
      sourceId: order.id,
      descriptionKey: "shop.ledger.refund",
      descriptionVars: { number: `#${order.number}` },
      createdBy: actor.id,
    });
    const [cancelled] = await tx.update(orders).set({ refundEntryId: refund.entryId }).where(eq(orders.id, order.id)).returning();
    await recordAudit(tx, {
      actor,
      action: "shop.order_cancelled",
      entityType: "order",
      entityId: order.id,
      organisationId: order.organisationId,
      reason,
      details: {
        number: order.number,
        refunded: refund.credited,
        restocked: lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity })),
      },
    });
    await tellBuyer(tx, cancelled, "cancelled", { reason, refunded: refund.credited });
    return cancelled;
  });
  return done ?? explainRefusal(db, actor, orderId);
}

/**
 * Where the last parcel went, or else the participant's outlet: most people have rewards sent
 * to the shop where they work, and typing an address on a phone is the slowest part of checkout.
 */
export async function suggestedAddress(db: Queryable, actor: Actor): Promise<Address> {
  const [last] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.userId, actor.id), eq(orders.kind, "physical")))
    .orderBy(desc(orders.placedAt))
    .limit(1);
  if (last) {
    return {
      recipientName: last.recipientName ?? actor.name,
      phone: last.phone ?? "",
      addressLine: last.addressLine ?? "",
      city: last.city ?? "",
      postalCode: last.postalCode ?? "",
      country: last.country ?? "",
    };
  }
  const [outlet] = await db
    .select()
    .from(outlets)
    .where(eq(outlets.organisationId, actor.organisationId))
    .orderBy(asc(outlets.createdAt))
    .limit(1);
  return {
    recipientName: actor.name,
    phone: "",
    addressLine: outlet ? `${actor.organisationName}, ${outlet.address}` : "",
    city: outlet?.city ?? "",
    postalCode: outlet?.postalCode ?? "",
    country: outlet?.country ?? "",
  };
}
