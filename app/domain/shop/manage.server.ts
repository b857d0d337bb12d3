import { and, asc, desc, eq, sql } from "drizzle-orm";
import { isId } from "~/lib/ids";
import type { Db, Queryable } from "@db/client";
import { auditLog, rewardCodes, rewardImages, rewardVariants, rewards, shopCategories, users, type Reward } from "@db/schema";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { UserError, constraintName, sqlState, notFoundError } from "~/lib/errors";
import { rewardListColumns } from "./rewards.server";
import { DEFAULT_LOCALE } from "@db/schema/enums";
import type { CategoryInput, RewardInput, VariantInput } from "./forms";

export async function listRewardsForAdmin(db: Queryable) {
  return db
    .select({
      // The team manages the default-language text; translations are on each reward's page.
      ...rewardListColumns(DEFAULT_LOCALE),
      active: rewards.active,
      activeFrom: rewards.activeFrom,
      activeUntil: rewards.activeUntil,
      tiers: rewards.tiers,
      roles: rewards.roles,
      categoryEn: shopCategories.nameEn,
      retailPriceMinor: rewards.retailPriceMinor,
      retailCurrency: rewards.retailCurrency,
      variants: sql<number>`(select count(*) from reward_variants v where v.reward_id = "rewards"."id")::int`,
    })
    .from(rewards)
    .innerJoin(shopCategories, eq(shopCategories.id, rewards.categoryId))
    .orderBy(asc(shopCategories.sortOrder), asc(rewards.name));
}

async function existingReward(db: Queryable, rewardId: string) {
  const found = await getRewardForAdmin(db, rewardId);
  if (!found) throw notFoundError();
  return found;
}

/** A reward with everything its editor shows, or null. */
export async function getRewardForAdmin(db: Queryable, rewardId: string) {
  if (!isId(rewardId)) return null;
  const [reward] = await db.select().from(rewards).where(eq(rewards.id, rewardId));
  if (!reward) return null;
  const variants = await db
    .select({
      variant: rewardVariants,
      freeCodes: sql<number>`(select count(*) from reward_codes c where c.variant_id = "reward_variants"."id" and c.order_line_id is null)::int`,
      usedCodes: sql<number>`(select count(*) from reward_codes c where c.variant_id = "reward_variants"."id" and c.order_line_id is not null)::int`,
    })
    .from(rewardVariants)
    .where(eq(rewardVariants.rewardId, rewardId))
    .orderBy(asc(rewardVariants.createdAt), asc(rewardVariants.size), asc(rewardVariants.colour));
  return { reward, variants };
}

async function requireCategory(db: Queryable, categoryId: string) {
  const [category] = isId(categoryId)
    ? await db.select({ id: shopCategories.id, image: shopCategories.image }).from(shopCategories).where(eq(shopCategories.id, categoryId))
    : [];
  if (!category) throw new UserError("errors.choose", "categoryId");
  return category;
}

function rewardValues(input: RewardInput) {
  return {
    categoryId: input.categoryId,
    name: input.name,
    description: input.description,
    pointsPrice: input.pointsPrice,
    tiers: input.tiers,
    roles: input.roles,
    activeFrom: input.activeFrom,
    activeUntil: input.activeUntil,
    active: input.active,
  };
}

/** A new reward with its first variant (sizes and colours can be added after). */
export async function createReward(db: Db, actor: Actor, input: RewardInput & { kind: "physical" | "digital"; stock: number }) {
  const category = await requireCategory(db, input.categoryId);
  // Until a photo is uploaded, the category's picture stands in.
  const image = category.image;
  return db.transaction(async (tx) => {
    const [reward] = await tx
      .insert(rewards)
      .values({ ...rewardValues(input), kind: input.kind, images: image ? [image] : [] })
      .returning();
    // Digital stock is the number of codes in the pool, so it starts at zero until codes arrive.
    const stock = input.kind === "digital" ? 0 : input.stock;
    await tx.insert(rewardVariants).values({ rewardId: reward.id, stock });
    await recordAudit(tx, {
      actor,
      action: "shop.reward_created",
      entityType: "reward",
      entityId: reward.id,
      details: { name: reward.name, pointsPrice: reward.pointsPrice, kind: reward.kind, stock },
    });
    return reward;
  });
}

export async function updateReward(db: Db, actor: Actor, rewardId: string, input: RewardInput) {
  const { reward: before } = await existingReward(db, rewardId);
  await requireCategory(db, input.categoryId);
  const values = rewardValues(input);
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, v] of Object.entries(values)) {
    const old = before[k as keyof Reward];
    if (JSON.stringify(old) !== JSON.stringify(v)) changed[k] = { from: old, to: v };
  }
  if (!Object.keys(changed).length) return before;
  return db.transaction(async (tx) => {
    const [reward] = await tx
      .update(rewards)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(rewards.id, rewardId))
      .returning();
    await recordAudit(tx, { actor, action: "shop.reward_updated", entityType: "reward", entityId: rewardId, details: { changed } });
    return reward;
  });
}

export async function addVariant(db: Db, actor: Actor, rewardId: string, input: VariantInput) {
  const { reward } = await existingReward(db, rewardId);
  if (!input.size && !input.colour) throw new UserError("shop.variant_needs_option", "size");
  try {
    return await db.transaction(async (tx) => {
      const [variant] = await tx
        .insert(rewardVariants)
        .values({ rewardId, size: input.size, colour: input.colour, sku: input.sku, stock: reward.kind === "digital" ? 0 : input.stock })
        .returning();
      await recordAudit(tx, {
        actor,
        action: "shop.variant_added",
        entityType: "reward",
        entityId: rewardId,
        details: { variantId: variant.id, size: input.size, colour: input.colour, stock: variant.stock },
      });
      return variant;
    });
  } catch (error) {
    if (sqlState(error) === "23505" && constraintName(error) === "reward_variants_option_unique")
      throw new UserError("shop.variant_exists", "size");
    throw error;
  }
}

async function reachVariant(db: Queryable, variantId: string) {
  if (!isId(variantId)) throw notFoundError();
  const [row] = await db
    .select({ variant: rewardVariants, kind: rewards.kind })
    .from(rewardVariants)
    .innerJoin(rewards, eq(rewards.id, rewardVariants.rewardId))
    .where(eq(rewardVariants.id, variantId));
  if (!row) throw notFoundError();
  return row;
}

/**
 * Receives or writes off stock by a difference, never by overwriting the number: orders may be
 * reserving units at the same moment, and an absolute "set to 12" would silently undo them.
 */
export async function adjustStock(db: Db, actor: Actor, variantId: string, delta: number, reason: string | null) {
  const { variant, kind } = await reachVariant(db, variantId);
  if (kind === "digital") throw new UserError("shop.digital_stock_is_codes", "delta");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(rewardVariants)
      .set({ stock: sql`${rewardVariants.stock} + ${delta}` })
      .where(and(eq(rewardVariants.id, variantId), sql`${rewardVariants.stock} + ${delta} >= 0`))
      .returning({ stock: rewardVariants.stock });
    if (!row) throw new UserError("shop.stock_below_zero", "delta", undefined, 409);
    await recordAudit(tx, {
      actor,
      action: "shop.stock_adjusted",
      entityType: "reward",
      entityId: variant.rewardId,
      reason,
      details: { variantId, delta, stockAfter: row.stock },
    });
    return row.stock;
  });
}

export async function setVariantActive(db: Db, actor: Actor, variantId: string, active: boolean) {
  const { variant } = await reachVariant(db, variantId);
  if (variant.active === active) return;
  await db.transaction(async (tx) => {
    await tx.update(rewardVariants).set({ active }).where(eq(rewardVariants.id, variantId));
    await recordAudit(tx, {
      actor,
      action: active ? "shop.variant_enabled" : "shop.variant_disabled",
      entityType: "reward",
      entityId: variant.rewardId,
      details: { variantId },
    });
  });
}

/**
 * Adds codes to a digital variant's pool. Duplicates (in the paste or already in the pool) are
 * skipped; stock rises by exactly the number of new codes. The audit row counts codes and never
 * contains them.
 */
export async function addCodes(db: Db, actor: Actor, variantId: string, codes: string[]) {
  const { variant, kind } = await reachVariant(db, variantId);
  if (kind !== "digital") throw new UserError("shop.codes_only_digital", "codes");
  const given = codes.map((c) => c.trim()).filter(Boolean);
  const unique = [...new Set(given)];
  if (!unique.length) throw new UserError("errors.required", "codes");
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(rewardCodes)
      .values(unique.map((code) => ({ variantId, code })))
      .onConflictDoNothing()
      .returning({ id: rewardCodes.id });
    if (inserted.length) {
      await tx
        .update(rewardVariants)
        .set({ stock: sql`${rewardVariants.stock} + ${inserted.length}` })
        .where(eq(rewardVariants.id, variantId));
    }
    await recordAudit(tx, {
      actor,
      action: "shop.codes_added",
      entityType: "reward",
      entityId: variant.rewardId,
      details: { variantId, added: inserted.length, skipped: unique.length - inserted.length },
    });
    return { added: inserted.length, skipped: given.length - inserted.length };
  });
}

const IMAGE_TYPES: Array<{ type: string; magic: number[] }> = [
  { type: "image/png", magic: [0x89, 0x50, 0x4e, 0x47] },
  { type: "image/jpeg", magic: [0xff, 0xd8, 0xff] },
  { type: "image/webp", magic: [0x52, 0x49, 0x46, 0x46] },
];
export const MAX_IMAGE_BYTES = 1_000_000;

/**
 * Stores an uploaded picture. The type is read from the file's first bytes, not its name or the
 * browser's claim; SVG is refused because it can carry scripts.
 */
export async function addRewardImage(db: Db, actor: Actor, rewardId: string, file: File) {
  const { reward } = await existingReward(db, rewardId);
  if (file.size === 0) throw new UserError("errors.required", "image");
  if (file.size > MAX_IMAGE_BYTES) throw new UserError("shop.image_too_big", "image", { size: "1 MB" });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = IMAGE_TYPES.find((t) => t.magic.every((b, i) => bytes[i] === b));
  if (!type || (type.type === "image/webp" && String.fromCharCode(...bytes.slice(8, 12)) !== "WEBP"))
    throw new UserError("shop.image_type", "image");
  return db.transaction(async (tx) => {
    const [image] = await tx
      .insert(rewardImages)
      .values({ rewardId, contentType: type.type, data: Buffer.from(bytes) })
      .returning({ id: rewardImages.id });
    const url = `/shop/images/${image.id}`;
    await tx
      .update(rewards)
      .set({ images: [...reward.images, url], updatedAt: new Date() })
      .where(eq(rewards.id, rewardId));
    await recordAudit(tx, {
      actor,
      action: "shop.image_added",
      entityType: "reward",
      entityId: rewardId,
      details: { url, bytes: bytes.length },
    });
    return url;
  });
}

export async function removeRewardImage(db: Db, actor: Actor, rewardId: string, url: string) {
  const { reward } = await existingReward(db, rewardId);
  if (!reward.images.includes(url)) throw notFoundError();
  await db.transaction(async (tx) => {
    await tx
      .update(rewards)
      .set({ images: reward.images.filter((i) => i !== url), updatedAt: new Date() })
      .where(eq(rewards.id, rewardId));
    await recordAudit(tx, { actor, action: "shop.image_removed", entityType: "reward", entityId: rewardId, details: { url } });
  });
}

export async function getImage(db: Queryable, imageId: string) {
  if (!isId(imageId)) return null;
  const [row] = await db
    .select({ contentType: rewardImages.contentType, data: rewardImages.data })
    .from(rewardImages)
    .where(eq(rewardImages.id, imageId));
  return row ?? null;
}

export async function createCategory(db: Db, actor: Actor, input: CategoryInput) {
  try {
    return await db.transaction(async (tx) => {
      const [max] = await tx.select({ n: sql<number>`coalesce(max(${shopCategories.sortOrder}), 0)::int` }).from(shopCategories);
      const [category] = await tx
        .insert(shopCategories)
        .values({ slug: input.slug, nameEn: input.nameEn, sortOrder: max.n + 10, image: null })
        .returning();
      await recordAudit(tx, {
        actor,
        action: "shop.category_created",
        entityType: "shop_category",
        entityId: category.id,
        details: { slug: input.slug, nameEn: input.nameEn },
      });
      return category;
    });
  } catch (error) {
    if (sqlState(error) === "23505" && constraintName(error) === "shop_categories_slug_unique")
      throw new UserError("shop.slug_taken", "slug");
    throw error;
  }
}

export async function setCategoryActive(db: Db, actor: Actor, categoryId: string, active: boolean) {
  if (!isId(categoryId)) throw notFoundError();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(shopCategories)
      .set({ active })
      .where(eq(shopCategories.id, categoryId))
      .returning({ id: shopCategories.id });
    if (!row) throw notFoundError();
    await recordAudit(tx, {
      actor,
      action: active ? "shop.category_enabled" : "shop.category_disabled",
      entityType: "shop_category",
      entityId: categoryId,
    });
  });
}

/** Recent stock and catalogue changes of one reward, from the audit log. */
export async function rewardHistory(db: Queryable, rewardId: string) {
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      reason: auditLog.reason,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
      actorName: users.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.entityType, "reward"), eq(auditLog.entityId, rewardId)))
    .orderBy(desc(auditLog.createdAt))
    .limit(20);
}
