import { createHash, randomUUID } from "node:crypto";
import { actorByEmail } from "../../app/domain/auth/actor.server";
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { cartItems, orders, rewardCodes, rewardVariants, rewards, shopCategories, shopProfiles, userHobbies, users } from "../../db/schema";
import { creditPoints } from "../../app/domain/points/ledger.server";
import { approveOrder, cancelOrder, placeOrder, shipOrder, suggestedAddress } from "../../app/domain/shop/orders.server";
import { DEMO_REWARDS, rewardPhoto } from "./shop-catalogue";
import { saveTranslations } from "../../app/domain/content/translations.server";
import type { Locale } from "../../db/schema/enums";
import { addDays } from "../../app/lib/dates";

/** A demo code that looks like a real voucher code and is the same on every run. */
function demoCode(key: string, i: number): string {
  const h = createHash("sha256").update(`${key}:${i}`).digest("hex").toUpperCase();
  return `${key.slice(0, 4).toUpperCase()}-${h.slice(0, 4)}-${h.slice(4, 8)}`;
}

/** The demo catalogue: every reward with its options, stock and (for digital ones) a pool of codes. Idempotent. */
export async function seedShopCatalogue(db: Db) {
  const categories = await db.select({ id: shopCategories.id, slug: shopCategories.slug }).from(shopCategories);
  const bySlug = new Map(categories.map((c) => [c.slug, c.id]));
  const existing = new Set((await db.select({ key: rewards.seedKey }).from(rewards).where(isNotNull(rewards.seedKey))).map((r) => r.key));
  for (const r of DEMO_REWARDS) {
    if (existing.has(r.key)) {
      // A demo database seeded before the product photos still points at the retired drawing.
      const drawing = `/images/shop/rewards/${r.key}.svg`;
      await db
        .update(rewards)
        .set({ images: [rewardPhoto(r.key)] })
        .where(and(eq(rewards.seedKey, r.key), sql`${rewards.images} = ${JSON.stringify([drawing])}::jsonb`));
      continue;
    }
    const categoryId = bySlug.get(r.category);
    if (!categoryId) throw new Error(`demo reward ${r.key}: no category ${r.category}`);
    const kind = r.kind ?? "physical";
    await db.transaction(async (tx) => {
      const opens = r.opensInDays !== undefined ? addDays(Date.now(), r.opensInDays) : null;
      const [reward] = await tx
        .insert(rewards)
        .values({
          seedKey: r.key,
          categoryId,
          name: r.name,
          description: r.description,
          images: [rewardPhoto(r.key)],
          pointsPrice: r.points,
          kind,
          tiers: r.tiers ?? [],
          roles: r.roles ?? [],
          activeFrom: opens,
          activeUntil: opens && r.lastsDays ? addDays(opens, r.lastsDays) : null,
        })
        .onConflictDoNothing()
        .returning({ id: rewards.id });
      if (!reward) return;
      // Other languages through the one content mechanism, as the team's language tabs save them.
      await saveTranslations(tx, "reward", reward.id, "ru", { name: r.nameRu, description: r.descriptionRu }, null);
      for (const [locale, text] of Object.entries(r.translations ?? {}))
        await saveTranslations(tx, "reward", reward.id, locale as Locale, { name: text.name, description: text.description }, null);
      const options = (r.sizes ?? [""]).flatMap((size) => (r.colours ?? [""]).map((colour) => ({ size, colour })));
      const sku = (o: { size: string; colour: string }) =>
        ["VT", r.key.toUpperCase(), o.size.split(" ")[0], o.colour.slice(0, 3).toUpperCase()].filter(Boolean).join("-");
      const variants = await tx
        .insert(rewardVariants)
        .values(options.map((o) => ({ rewardId: reward.id, ...o, sku: sku(o), stock: r.stock })))
        .returning({ id: rewardVariants.id });
      if (kind === "digital") {
        for (const v of variants)
          await tx.insert(rewardCodes).values(Array.from({ length: r.stock }, (_, i) => ({ variantId: v.id, code: demoCode(r.key, i) })));
      }
    });
  }
}

/** Hobbies of most demo participants (a few are left to answer on their first visit). */
const DEMO_HOBBIES: Record<string, string[]> = {
  "ona@baltictools.example": ["travel", "gardening", "cooking"],
  "lukas@baltictools.example": ["fishing", "cars"],
  "tomas@baltictools.example": ["home-diy", "fishing", "gaming"],
  "ruta@baltictools.example": ["cars", "travel"],
  "darius@baltictools.example": ["photography", "gardening"],
  "emma@northfield.example": ["travel", "photography"],
  "harry@northfield.example": ["sports", "cars", "home-diy"],
  "jack@northfield.example": ["gaming", "sports"],
  "olivia@northfield.example": ["gardening", "cooking", "kids"],
  "grace@proinstall.example": ["photography", "travel", "kids"],
  "ben@proinstall.example": ["fishing", "home-diy"],
  "priya@proinstall.example": ["cooking", "travel"],
  "irina@uralinstrument.example": ["gardening", "travel", "cooking"],
  "dmitry@uralinstrument.example": ["fishing", "cars", "gaming"],
  "alexey@uralinstrument.example": ["fishing", "home-diy"],
  "rasa@homefix.example": ["kids", "cooking"],
  "paulius@homefix.example": ["sports", "gaming"],
};

export async function seedShopHobbies(db: Db) {
  const people = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, Object.keys(DEMO_HOBBIES)));
  const categories = new Map(
    (await db.select({ id: shopCategories.id, slug: shopCategories.slug }).from(shopCategories)).map((c) => [c.slug, c.id]),
  );
  for (const p of people) {
    const inserted = await db
      .insert(shopProfiles)
      .values({ userId: p.id })
      .onConflictDoNothing()
      .returning({ userId: shopProfiles.userId });
    if (!inserted.length) continue;
    await db.insert(userHobbies).values(DEMO_HOBBIES[p.email ?? ""].map((slug) => ({ userId: p.id, categoryId: categories.get(slug)! })));
  }
}

/** Points to spend, so every participant can try the shop; some can afford a lot, some are saving up. */
const DEMO_POINTS: Record<string, number> = {
  "ona@baltictools.example": 18000,
  "lukas@baltictools.example": 7400,
  "marta@baltictools.example": 6200,
  "tomas@baltictools.example": 3100,
  "ruta@baltictools.example": 2400,
  "darius@baltictools.example": 1500,
  "emma@northfield.example": 12500,
  "harry@northfield.example": 8800,
  "sam@northfield.example": 5400,
  "jack@northfield.example": 2600,
  "olivia@northfield.example": 4300,
  "grace@proinstall.example": 9100,
  "ben@proinstall.example": 3700,
  "priya@proinstall.example": 6000,
  "irina@uralinstrument.example": 11000,
  "dmitry@uralinstrument.example": 6800,
  "alexey@uralinstrument.example": 2900,
  "rasa@homefix.example": 4100,
  "paulius@homefix.example": 1500,
};

/** One order per demo story, moved along as far as the story goes. */
const DEMO_ORDERS: Array<{
  email: string;
  rewards: Array<{ key: string; option?: { size?: string; colour?: string } }>;
  to: "placed" | "approved" | "shipped" | "cancelled" | "delivered";
}> = [
  { email: "ona@baltictools.example", rewards: [{ key: "raised-bed" }, { key: "herb-seeds" }], to: "shipped" },
  { email: "emma@northfield.example", rewards: [{ key: "tripod" }], to: "placed" },
  { email: "harry@northfield.example", rewards: [{ key: "football" }, { key: "car-care" }], to: "approved" },
  { email: "lukas@baltictools.example", rewards: [{ key: "fishing-jacket", option: { size: "L" } }], to: "placed" },
  { email: "grace@proinstall.example", rewards: [{ key: "instant-camera", option: { colour: "Mint" } }], to: "cancelled" },
  { email: "dmitry@uralinstrument.example", rewards: [{ key: "game-card" }], to: "delivered" },
  { email: "irina@uralinstrument.example", rewards: [{ key: "casserole", option: { colour: "Red" } }], to: "approved" },
];

/**
 * Demo life in the shop: balances to spend and orders in every state, so the fulfilment queue
 * and the participants' order pages have something to show. Only for the demo server: tests
 * seed without it, so no test's balance depends on these numbers. Runs once.
 */
export async function seedShopActivity(db: Db) {
  const [already] = await db.select({ n: sql<number>`count(*)::int` }).from(orders);
  if (already.n > 0) return;
  const people = await db
    .select({ id: users.id, email: users.email, organisationId: users.organisationId })
    .from(users)
    .where(inArray(users.email, Object.keys(DEMO_POINTS)));
  for (const p of people) {
    await db.transaction((tx) =>
      creditPoints(tx, {
        userId: p.id,
        organisationId: p.organisationId,
        kind: "earn",
        sourceType: "demo",
        sourceId: "shop-demo",
        amount: DEMO_POINTS[p.email ?? ""],
        descriptionKey: "shop.ledger.demo_points",
      }),
    );
  }
  const admin = await actorByEmail(db, "admin@volta.example");
  for (const story of DEMO_ORDERS) {
    const buyer = await actorByEmail(db, story.email);
    let total = 0;
    for (const item of story.rewards) {
      const [v] = await db
        .select({ id: rewardVariants.id, price: rewards.pointsPrice })
        .from(rewardVariants)
        .innerJoin(rewards, eq(rewards.id, rewardVariants.rewardId))
        .where(
          and(
            eq(rewards.seedKey, item.key),
            item.option?.size ? eq(rewardVariants.size, item.option.size) : undefined,
            item.option?.colour ? eq(rewardVariants.colour, item.option.colour) : undefined,
          ),
        )
        .limit(1);
      await db.insert(cartItems).values({ userId: buyer.id, variantId: v.id, quantity: 1 }).onConflictDoNothing();
      total += v.price;
    }
    const [order] = await placeOrder(db, buyer, {
      checkoutKey: randomUUID(),
      expectedTotal: total,
      address: await suggestedAddress(db, buyer),
    });
    if (story.to === "cancelled") await cancelOrder(db, admin, order.id, "The supplier discontinued this colour; please choose another.");
    if (story.to === "approved" || story.to === "shipped") await approveOrder(db, admin, order.id);
    if (story.to === "shipped") await shipOrder(db, admin, order.id, { carrier: "DPD", trackingNumber: `0550${order.number}7731` });
  }
}

export async function seedShop(db: Db, opts: { activity?: boolean } = {}) {
  await seedShopCatalogue(db);
  await seedShopHobbies(db);
  if (opts.activity) await seedShopActivity(db);
}
