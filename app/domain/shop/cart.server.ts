import { and, asc, eq, sql } from "drizzle-orm";
import { requireCourses } from "../gates/requirements.server";
import { isId } from "~/lib/ids";
import type { Queryable } from "@db/client";
import { cartItems, rewardVariants, rewards } from "@db/schema";
import type { Actor } from "~/lib/actor";
import { UserError, notFoundError } from "~/lib/errors";
import { getBalance } from "../points/ledger.server";
import { rewardVisibleTo } from "./rewards.server";

import { MAX_QUANTITY } from "./text";
import { DEFAULT_LOCALE } from "@db/schema/enums";
import { translatedText } from "../content/translations.server";

export { MAX_QUANTITY };

/** The cart's lines with what they cost now and whether they can still be bought. */
export async function cartLines(db: Queryable, actor: Actor, opts: { lock?: boolean } = {}) {
  const visible = rewardVisibleTo(actor);
  const query = db
    .select({
      variantId: cartItems.variantId,
      quantity: cartItems.quantity,
      rewardId: rewards.id,
      // The default-language name is what an order records; `title` is what the reader sees.
      name: rewards.name,
      title: translatedText("reward", sql`"rewards"."id"`, "name", actor.locale ?? DEFAULT_LOCALE, rewards.name),
      images: rewards.images,
      kind: rewards.kind,
      pointsPrice: rewards.pointsPrice,
      size: rewardVariants.size,
      colour: rewardVariants.colour,
      sku: rewardVariants.sku,
      stock: rewardVariants.stock,
      available: sql<boolean>`(${rewardVariants.active} and ${visible ?? sql`true`})`,
    })
    .from(cartItems)
    .innerJoin(rewardVariants, eq(rewardVariants.id, cartItems.variantId))
    .innerJoin(rewards, eq(rewards.id, rewardVariants.rewardId))
    .where(eq(cartItems.userId, actor.id))
    .orderBy(asc(cartItems.variantId));
  // Checkout locks the participant's cart rows: a second checkout from another tab waits, then
  // finds the cart empty instead of buying everything twice.
  const rows = opts.lock ? await query.for("update", { of: cartItems }) : await query;
  return rows.map(({ images, ...r }) => ({ ...r, image: images[0] ?? null, lineTotal: r.pointsPrice * r.quantity }));
}

export type CartLine = Awaited<ReturnType<typeof cartLines>>[number];

export async function getCart(db: Queryable, actor: Actor) {
  const [lines, balance] = await Promise.all([cartLines(db, actor), getBalance(db, actor.id)]);
  const total = lines.reduce((s, l) => s + l.lineTotal, 0);
  return {
    lines,
    total,
    balance,
    hasPhysical: lines.some((l) => l.kind === "physical"),
    count: lines.reduce((s, l) => s + l.quantity, 0),
  };
}

export async function cartCount(db: Queryable, actor: Actor): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${cartItems.quantity}), 0)::int` })
    .from(cartItems)
    .where(eq(cartItems.userId, actor.id));
  return row?.n ?? 0;
}

/** A variant the participant may buy (its reward visible to them, the variant on sale). */
async function reachVariant(db: Queryable, actor: Actor, variantId: string) {
  if (!isId(variantId)) throw new UserError("shop.choose_option", "variantId");
  const [row] = await db
    .select({ variant: rewardVariants, reward: rewards })
    .from(rewardVariants)
    .innerJoin(rewards, eq(rewards.id, rewardVariants.rewardId))
    .where(and(eq(rewardVariants.id, variantId), eq(rewardVariants.active, true), rewardVisibleTo(actor)));
  if (!row) throw notFoundError();
  return row;
}

/** Adds units to the cart (capped at ten of one thing); sold-out items cannot be added. */
export async function addToCart(db: Queryable, actor: Actor, input: { variantId: string; quantity: number }) {
  const { variant } = await reachVariant(db, actor, input.variantId);
  // Training gates: a reward that requires a course is refused until the person completed it.
  await requireCourses(db, actor.id, "reward", [variant.rewardId]);
  if (variant.stock <= 0) throw new UserError("shop.sold_out_now", undefined, undefined, 409);
  const [existing] = await db
    .select({ quantity: cartItems.quantity })
    .from(cartItems)
    .where(and(eq(cartItems.userId, actor.id), eq(cartItems.variantId, variant.id)));
  const quantity = (existing?.quantity ?? 0) + input.quantity;
  if (quantity > MAX_QUANTITY) throw new UserError("shop.max_quantity", "quantity", { count: MAX_QUANTITY });
  if (quantity > variant.stock) throw new UserError("shop.only_left", "quantity", { count: variant.stock }, 409);
  await db
    .insert(cartItems)
    .values({ userId: actor.id, variantId: variant.id, quantity })
    .onConflictDoUpdate({ target: [cartItems.userId, cartItems.variantId], set: { quantity, updatedAt: new Date() } });
}

export async function setCartQuantity(db: Queryable, actor: Actor, input: { variantId: string; quantity: number }) {
  if (!isId(input.variantId)) throw notFoundError();
  if (input.quantity === 0) return removeFromCart(db, actor, input.variantId);
  const updated = await db
    .update(cartItems)
    .set({ quantity: input.quantity, updatedAt: new Date() })
    .where(and(eq(cartItems.userId, actor.id), eq(cartItems.variantId, input.variantId)))
    .returning({ variantId: cartItems.variantId });
  if (!updated.length) throw notFoundError();
}

export async function removeFromCart(db: Queryable, actor: Actor, variantId: string) {
  if (!isId(variantId)) throw notFoundError();
  await db.delete(cartItems).where(and(eq(cartItems.userId, actor.id), eq(cartItems.variantId, variantId)));
}
