import { and, asc, desc, eq, inArray, lte, sql, type SQL } from "drizzle-orm";
import { type Db, type Queryable, rowsOf } from "@db/client";
import { rewardVariants, rewards, shopCategories, shopProfiles, userHobbies, wishlistItems } from "@db/schema";
import type { Actor } from "~/lib/actor";
import { isManufacturer } from "~/lib/actor";
import { UserError, notFoundError } from "~/lib/errors";
import { getBalance } from "../points/ledger.server";
import { isId } from "~/lib/ids";
import { sortBySize } from "./sizes";
import type { CatalogueSort } from "./forms";
import { DEFAULT_LOCALE, type Locale } from "@db/schema/enums";
import { localise, translatedText } from "../content/translations.server";

/** `%`, `_` and `\` typed into a search box mean themselves, not LIKE wildcards. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A reward matches a search when its name or description, in any language, contains the text. */
function rewardMatches(q: string): SQL {
  const p = likePattern(q);
  return sql`(${rewards.name} ilike ${p} or ${rewards.description} ilike ${p}
    or exists (select 1 from content_translations ct where ct.entity_type = 'reward' and ct.entity_id = "rewards"."id" and ct.text ilike ${p}))`;
}

const CATALOGUE_ORDER: Record<CatalogueSort, SQL[]> = {
  points: [sql`${rewards.pointsPrice} asc`, sql`${rewards.name} asc`],
  points_desc: [sql`${rewards.pointsPrice} desc`, sql`${rewards.name} asc`],
  newest: [sql`${rewards.createdAt} desc`, sql`${rewards.name} asc`],
  name: [sql`${rewards.name} asc`],
};

// Correlated subqueries in this area name the outer table literally ("rewards"."id"): drizzle
// leaves columns unqualified in single-table selects, and an unqualified "id" inside a subquery
// silently binds to the subquery's own table.

/**
 * The catalogue rule, in SQL and in one place: a participant sees a reward when it is active,
 * inside its active window, in an active category, and open to their partner's tier and their
 * role (an empty list means open to all). Manufacturer staff see everything, to manage it.
 * Every query that shows or sells a reward to a participant goes through this condition, so a
 * reward outside it reads as "not found" and cannot be put in a cart or bought.
 */
export function rewardVisibleTo(actor: Actor): SQL | undefined {
  if (isManufacturer(actor)) return undefined;
  return sql`(${rewards.active}
    and (${rewards.activeFrom} is null or ${rewards.activeFrom} <= now())
    and (${rewards.activeUntil} is null or ${rewards.activeUntil} > now())
    and (cardinality(${rewards.tiers}) = 0 or ${actor.tier}::text = any(${rewards.tiers}))
    and (cardinality(${rewards.roles}) = 0 or ${actor.role}::text = any(${rewards.roles}))
    and exists (select 1 from shop_categories c where c.id = "rewards"."category_id" and c.active))`;
}

/** The categories, named in `locale` where translated (the default language when not given). */
export async function listRewardCategories(db: Queryable, opts: { includeInactive?: boolean; locale?: Locale } = {}) {
  const rows = await db
    .select()
    .from(shopCategories)
    .where(opts.includeInactive ? undefined : eq(shopCategories.active, true))
    .orderBy(asc(shopCategories.sortOrder), asc(shopCategories.nameEn));
  return localise(db, "shop_category", rows, { nameEn: "name" }, opts.locale ?? DEFAULT_LOCALE);
}

/** The participant's hobbies, and whether they have answered the question at all. */
export async function getHobbies(db: Queryable, actor: Actor) {
  const [profile] = await db.select().from(shopProfiles).where(eq(shopProfiles.userId, actor.id));
  const chosen = await db.select({ categoryId: userHobbies.categoryId }).from(userHobbies).where(eq(userHobbies.userId, actor.id));
  return { answered: !!profile, categoryIds: chosen.map((c) => c.categoryId) };
}

/** Replaces the participant's hobbies (an empty choice is an answer too: "ask me later" from the profile). */
export async function setHobbies(db: Db, actor: Actor, categoryIds: string[]) {
  const unique = [...new Set(categoryIds)];
  if (unique.some((id) => !isId(id))) throw new UserError("errors.choose", "categoryIds");
  await db.transaction(async (tx) => {
    if (unique.length) {
      const known = await tx
        .select({ id: shopCategories.id })
        .from(shopCategories)
        .where(and(inArray(shopCategories.id, unique), eq(shopCategories.active, true)));
      if (known.length !== unique.length) throw new UserError("errors.choose", "categoryIds");
    }
    await tx.delete(userHobbies).where(eq(userHobbies.userId, actor.id));
    if (unique.length) await tx.insert(userHobbies).values(unique.map((categoryId) => ({ userId: actor.id, categoryId })));
    await tx
      .insert(shopProfiles)
      .values({ userId: actor.id })
      .onConflictDoUpdate({ target: shopProfiles.userId, set: { hobbiesChosenAt: new Date() } });
  });
}

export type CatalogueItem = {
  id: string;
  name: string;
  image: string | null;
  pointsPrice: number;
  kind: "physical" | "digital";
  categoryId: string;
  stock: number;
  wished: boolean;
};

/**
 * What every list of rewards shows (shop front, wish list, admin list), with the stock left in
 * active variants; the name in the reader's language (content_translations), else the default.
 */
export const rewardListColumns = (locale: Locale) => ({
  id: rewards.id,
  name: translatedText("reward", sql`"rewards"."id"`, "name", locale, rewards.name),
  images: rewards.images,
  pointsPrice: rewards.pointsPrice,
  kind: rewards.kind,
  stock: sql<number>`coalesce((select sum(v.stock) from reward_variants v where v.reward_id = "rewards"."id" and v.active), 0)::int`,
});

/**
 * The shop front's per-person part in ONE statement: the active categories (in shop order) each
 * marked as a hobby or not, whether the person has answered the hobbies question, their balance
 * and how many items are in their cart. The person's figures are uncorrelated subqueries, so
 * PostgreSQL runs them once, not per category; the left join keeps them when there is no category.
 */
async function shopperFront(db: Queryable, actor: Actor, locale: Locale) {
  const rows = rowsOf<{
    id: string | null;
    slug: string;
    name_en: string;
    image: string | null;
    hobby: boolean;
    answered: boolean;
    balance: number | string;
    cart: number | string;
  }>(
    await db.execute(sql`
      select c.id, c.slug, ${translatedText("shop_category", sql`c.id`, "name", locale, sql`c.name_en`)} as name_en, c.image,
        exists (select 1 from user_hobbies h where h.user_id = ${actor.id} and h.category_id = c.id) as hobby,
        me.answered, me.balance, me.cart
      from (select
          exists (select 1 from shop_profiles p where p.user_id = ${actor.id}) as answered,
          coalesce((select a.balance from point_accounts a where a.user_id = ${actor.id}), 0) as balance,
          coalesce((select sum(i.quantity) from cart_items i where i.user_id = ${actor.id}), 0) as cart) me
      left join shop_categories c on c.active
      order by c.sort_order asc, c.name_en asc`),
  );
  const categories = rows
    .filter((r) => r.id !== null)
    .map((r) => ({ id: r.id as string, slug: r.slug, nameEn: r.name_en, image: r.image }));
  return {
    categories,
    hobbies: { answered: rows[0].answered, categoryIds: rows.filter((r) => r.id !== null && r.hobby).map((r) => r.id as string) },
    balance: Number(rows[0].balance),
    cartCount: Number(rows[0].cart),
  };
}

/**
 * The shop front for one participant: categories with their hobbies first, every reward they
 * may see with its stock, and their balance for "points to go".
 */
export async function getCatalogue(
  db: Queryable,
  actor: Actor,
  opts: { categorySlug?: string; q?: string; sort?: CatalogueSort; perCategory?: number } = {},
  locale: Locale = actor.locale ?? DEFAULT_LOCALE,
) {
  const { categories, hobbies, balance, cartCount } = await shopperFront(db, actor, locale);
  const hobbySet = new Set(hobbies.categoryIds);
  const ordered = [...categories.filter((c) => hobbySet.has(c.id)), ...categories.filter((c) => !hobbySet.has(c.id))];
  const filter = opts.categorySlug ? categories.find((c) => c.slug === opts.categorySlug) : undefined;
  const order = CATALOGUE_ORDER[opts.sort ?? "points"];
  const where = and(
    rewardVisibleTo(actor),
    filter ? eq(rewards.categoryId, filter.id) : undefined,
    opts.q ? rewardMatches(opts.q) : undefined,
  );
  const columns = {
    ...rewardListColumns(locale),
    categoryId: rewards.categoryId,
    wished: sql<boolean>`exists (select 1 from wishlist_items w where w.reward_id = "rewards"."id" and w.user_id = ${actor.id})`,
  };
  // The shop front (`perCategory`): only the first few of each category leave the database, with
  // each category's size for its "See all" (issue 17: reading, translating and mapping all 200
  // rewards to show 20 was most of the front's cost). The ranking reads only the visibility rule;
  // stock, names and the wish list are looked up for the rows shown.
  let more: Record<string, number> = {};
  let rows: Array<Omit<CatalogueItem, "image"> & { images: string[] }>;
  if (opts.perCategory) {
    const ranked = db
      .select({
        id: rewards.id,
        rank: sql<number>`row_number() over (partition by ${rewards.categoryId} order by ${sql.join(order, sql`, `)})`.as("rank"),
        inCategory: sql<number>`count(*) over (partition by ${rewards.categoryId})`.as("in_category"),
      })
      .from(rewards)
      .where(where)
      .as("ranked");
    const found = await db
      .select({ ...columns, inCategory: ranked.inCategory })
      .from(rewards)
      .innerJoin(ranked, eq(ranked.id, rewards.id))
      .where(lte(ranked.rank, opts.perCategory))
      .orderBy(...order);
    more = Object.fromEntries(
      found.filter((r) => Number(r.inCategory) > (opts.perCategory ?? 0)).map((r) => [r.categoryId, Number(r.inCategory)]),
    );
    rows = found.map(({ inCategory: _, ...r }) => r);
  } else {
    rows = await db
      .select(columns)
      .from(rewards)
      .where(where)
      .orderBy(...order);
  }
  const items: CatalogueItem[] = rows.map(({ images, ...r }) => ({ ...r, image: images[0] ?? null }));
  return {
    balance,
    cartCount,
    answered: hobbies.answered,
    hobbyIds: hobbies.categoryIds,
    categories: ordered.map((c) => ({
      id: c.id,
      slug: c.slug,
      nameEn: c.nameEn,
      image: c.image,
      hobby: hobbySet.has(c.id),
    })),
    selected: filter?.slug ?? null,
    items,
    /** With `perCategory`: the size of each category that has more than is shown. */
    more,
  };
}

/** One reward with its variants, if the actor may see it; otherwise null. */
export async function getReward(db: Queryable, actor: Actor, rewardId: string, locale: Locale = actor.locale ?? DEFAULT_LOCALE) {
  if (!isId(rewardId)) return null;
  const [found] = await db
    .select({ reward: rewards, category: shopCategories })
    .from(rewards)
    .innerJoin(shopCategories, eq(shopCategories.id, rewards.categoryId))
    .where(and(eq(rewards.id, rewardId), rewardVisibleTo(actor)));
  if (!found) return null;
  // Name, description and category in the reader's language where translated.
  const [reward] = await localise(db, "reward", [found.reward], ["name", "description"], locale);
  const [category] = await localise(db, "shop_category", [found.category], { nameEn: "name" }, locale);
  const row = { reward, category };
  const variants = await db
    .select()
    .from(rewardVariants)
    .where(and(eq(rewardVariants.rewardId, rewardId), isManufacturer(actor) ? undefined : eq(rewardVariants.active, true)))
    .orderBy(asc(rewardVariants.createdAt), asc(rewardVariants.size), asc(rewardVariants.colour));
  const [wish] = await db
    .select({ rewardId: wishlistItems.rewardId })
    .from(wishlistItems)
    .where(and(eq(wishlistItems.userId, actor.id), eq(wishlistItems.rewardId, rewardId)));
  // Sizes as on a label (S M L XL, 38 39 40), not as text sorts them (L M S XL).
  return { ...row, variants: sortBySize(variants), wished: !!wish, balance: await getBalance(db, actor.id) };
}

export async function addToWishlist(db: Queryable, actor: Actor, rewardId: string) {
  const found = await getReward(db, actor, rewardId);
  if (!found) throw notFoundError();
  // Wishing for something already affordable is not news: mark it as announced, so the
  // "within reach" notice comes only when a later credit brings a reward within reach.
  const affordable = found.balance >= found.reward.pointsPrice;
  await db
    .insert(wishlistItems)
    .values({ userId: actor.id, rewardId, reachedNotifiedAt: affordable ? new Date() : null })
    .onConflictDoNothing();
}

export async function removeFromWishlist(db: Queryable, actor: Actor, rewardId: string) {
  if (!isId(rewardId)) throw notFoundError();
  await db.delete(wishlistItems).where(and(eq(wishlistItems.userId, actor.id), eq(wishlistItems.rewardId, rewardId)));
}

/**
 * The wish list with how far the participant is from each reward. A reward that left the
 * catalogue (window over, tier changed) stays on the list but is shown as unavailable.
 */
export async function getWishlist(db: Queryable, actor: Actor, locale: Locale = actor.locale ?? DEFAULT_LOCALE) {
  const balance = await getBalance(db, actor.id);
  const visible = rewardVisibleTo(actor);
  const rows = await db
    .select({
      ...rewardListColumns(locale),
      available: visible ? sql<boolean>`${visible}` : sql<boolean>`true`,
      variants: sql<number>`(select count(*) from reward_variants v where v.reward_id = "rewards"."id" and v.active)::int`,
      addedAt: wishlistItems.createdAt,
    })
    .from(wishlistItems)
    .innerJoin(rewards, eq(rewards.id, wishlistItems.rewardId))
    .where(eq(wishlistItems.userId, actor.id))
    .orderBy(asc(rewards.pointsPrice));
  return { balance, items: rows.map(({ images, ...r }) => ({ ...r, image: images[0] ?? null })) };
}
