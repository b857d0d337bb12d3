import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { getDb, rowsOf } from "../../db/client";
import { cartItems, organisations, rewardVariants, rewards, users } from "../../db/schema";
import type { Actor } from "../../app/lib/actor";
import { creditPoints, getBalance } from "../../app/domain/points/ledger.server";
import { addCodes, createReward } from "../../app/domain/shop/manage.server";
import type { RewardInput } from "../../app/domain/shop/forms";
import { placeOrder, type Address } from "../../app/domain/shop/orders.server";
import { saveTranslations } from "../../app/domain/content/translations.server";
import { actorFor } from "./portal";

export const ADDRESS: Address = {
  recipientName: "Sam Patel",
  phone: "+44 113 496 0000",
  addressLine: "12 Kirkstall Road",
  city: "Leeds",
  postalCode: "LS3 1HR",
  country: "United Kingdom",
};

export async function givePoints(actor: Actor, amount: number, sourceId = randomUUID()) {
  const db = await getDb();
  await db.transaction((tx) =>
    creditPoints(tx, {
      userId: actor.id,
      organisationId: actor.organisationId,
      kind: "earn",
      sourceType: "test",
      sourceId,
      amount,
      descriptionKey: "ledger.desc.test",
    }),
  );
}

export async function balanceOf(actor: Actor) {
  return getBalance(await getDb(), actor.id);
}

/** The sum of the ledger, which must always equal the balance kept on the account. */
export async function ledgerSum(actor: Actor) {
  const db = await getDb();
  const [row] = rowsOf<{ s: number }>(
    await db.execute(sql`select coalesce(sum(amount), 0)::int as s from ledger_entries where user_id = ${actor.id}`),
  );
  return row.s;
}

/** A reward made the way an admin makes one, with its first variant's id. */
export async function makeReward(
  input: Partial<RewardInput> & {
    name: string;
    /** Its Russian name, saved as a content translation as the language tabs do. */
    nameRu?: string;
    pointsPrice: number;
    kind?: "physical" | "digital";
    stock?: number;
    category?: string;
    codes?: string[];
  },
) {
  const db = await getDb();
  const admin = await actorFor("admin@volta.example");
  const [category] = rowsOf<{ id: string }>(
    await db.execute(sql`select id from shop_categories where slug = ${input.category ?? "fishing"}`),
  );
  const reward = await createReward(db, admin, {
    categoryId: category.id,
    name: input.name,
    description: input.description ?? "",
    pointsPrice: input.pointsPrice,
    tiers: input.tiers ?? [],
    roles: input.roles ?? [],
    activeFrom: input.activeFrom ?? null,
    activeUntil: input.activeUntil ?? null,
    active: input.active ?? true,
    kind: input.kind ?? "physical",
    stock: input.stock ?? 10,
  });
  if (input.nameRu) await saveTranslations(db, "reward", reward.id, "ru", { name: input.nameRu }, admin.id);
  const [variant] = await db.select().from(rewardVariants).where(eq(rewardVariants.rewardId, reward.id));
  if (input.codes) await addCodes(db, admin, variant.id, input.codes);
  return { reward, variantId: variant.id };
}

export async function stockOf(variantId: string) {
  const db = await getDb();
  const [v] = await db.select({ stock: rewardVariants.stock }).from(rewardVariants).where(eq(rewardVariants.id, variantId));
  return v.stock;
}

/** Puts one thing in the participant's cart directly (the cart itself is tested through the portal). */
export async function putInCart(actor: Actor, variantId: string, quantity = 1) {
  const db = await getDb();
  await db
    .insert(cartItems)
    .values({ userId: actor.id, variantId, quantity })
    .onConflictDoUpdate({ target: [cartItems.userId, cartItems.variantId], set: { quantity } });
}

export async function buy(actor: Actor, variantId: string, price: number, quantity = 1) {
  await putInCart(actor, variantId, quantity);
  return placeOrder(await getDb(), actor, { checkoutKey: randomUUID(), expectedTotal: price * quantity, address: ADDRESS });
}

/** Extra salespeople in one partner organisation, for crowd tests. */
export async function makeParticipants(n: number, orgName = "Northfield Building Supplies"): Promise<Actor[]> {
  const db = await getDb();
  const [org] = await db.select().from(organisations).where(eq(organisations.name, orgName));
  const tag = randomUUID().slice(0, 6);
  const rows = await db
    .insert(users)
    .values(
      Array.from({ length: n }, (_, i) => ({
        organisationId: org.id,
        email: `buyer${i}-${tag}@northfield.example`,
        name: `Buyer ${i}`,
        role: "salesperson" as const,
        status: "active" as const,
      })),
    )
    .returning();
  return Promise.all(rows.map((u) => actorFor(u.email ?? "")));
}

export async function rewardBySeedKey(key: string) {
  const db = await getDb();
  const [row] = await db
    .select({ reward: rewards, variantId: rewardVariants.id })
    .from(rewards)
    .innerJoin(rewardVariants, eq(rewardVariants.rewardId, rewards.id))
    .where(and(eq(rewards.seedKey, key)))
    .limit(1);
  return row;
}
