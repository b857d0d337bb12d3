import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db, Queryable } from "@db/client";
import { multiplierRates, products, promotionProducts, promotions } from "@db/schema";
import { PARTNER_ROLES, TIERS, type PartnerRole, type Tier } from "@db/schema/enums";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { UserError } from "~/lib/errors";
import type { DatedValue, EarningRule, PointsRules, RulePromotion } from "./calculate-points";
import type { PromotionInput } from "./forms";
import { isoDate } from "./shared";
import { isId } from "~/lib/ids";
import { addDays } from "~/lib/dates";
import { DEFAULT_CURRENCY } from "~/lib/money";

/**
 * The points rules as the pure calculation needs them: dated product rates, the tier and role
 * multipliers, and the promotions that overlap the dates in question. `productIds` limits the
 * products (approval loads only the claim's); without it every active product is loaded (the form).
 */
export async function loadPointsRules(
  db: Queryable,
  opts: { tier: Tier; role: PartnerRole; from: string; to: string; productIds?: string[] },
): Promise<PointsRules> {
  return (await loadPointsRulesWithCatalogue(db, opts)).rules;
}

type CatalogueProduct = {
  id: string;
  sku: string;
  name: string;
  category: string;
  requiresSerial: boolean;
  pointsPerUnit: number;
  listPriceMinor?: number | null;
};

type EarningRuleJson = {
  id: string;
  name: string;
  kind: EarningRule["kind"];
  startsOn: string;
  endsOn: string;
  category: string | null;
  productIds: string[] | null;
  basis: "participant" | "partner";
  measure: "units" | "value";
  mode: "marginal" | "whole" | null;
  steps: Array<{ from: number; value: number }>;
  setUnits: number | null;
  bonus: number | null;
  tiers: string[] | null;
  regions: string[] | null;
  partnerIds: string[] | null;
  roles: string[] | null;
};

const list = (v: string[] | null | undefined) => v ?? [];
const audienceOf = (r: { tiers?: string[] | null; regions?: string[] | null; partnerIds?: string[] | null; roles?: string[] | null }) => ({
  tiers: list(r.tiers),
  regions: list(r.regions),
  partnerIds: list(r.partnerIds),
  roles: list(r.roles),
});

/** A stored earning rule as the calculation takes it. */
export function toEarningRule(r: EarningRuleJson): EarningRule {
  const common = {
    id: r.id,
    name: r.name,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    category: r.category,
    productIds: list(r.productIds),
    basis: r.basis,
    measure: r.measure,
    audience: audienceOf(r),
  };
  if (r.kind === "bundle") return { ...common, kind: "bundle", setUnits: r.setUnits ?? 0, bonus: r.bonus ?? 0 };
  if (r.kind === "accelerator") return { ...common, kind: "accelerator", mode: r.mode ?? "marginal", steps: r.steps };
  return { ...common, kind: "value_percent", steps: r.steps };
}

/**
 * loadPointsRules and the products as the claim form lists them (by name), in ONE statement:
 * products with their dated rates, the two multipliers and the overlapping promotions with their
 * products, each gathered as JSON (the form is the salesperson's most used page).
 */
export async function loadPointsRulesWithCatalogue(
  db: Queryable,
  opts: { tier: Tier; role: PartnerRole; from: string; to: string; productIds?: string[] },
): Promise<{ rules: PointsRules; catalogue: CatalogueProduct[] }> {
  const which = opts.productIds
    ? opts.productIds.length
      ? inArray(products.id, opts.productIds)
      : eq(products.id, "00000000-0000-0000-0000-000000000000")
    : eq(products.active, true);
  const [row] = await db
    .select({
      products: sql<Array<CatalogueProduct & { rates: DatedValue[] }> | string>`coalesce(json_agg(json_build_object(
        'id', ${products.id}, 'sku', ${products.sku}, 'name', ${products.name}, 'category', ${products.category},
        'requiresSerial', ${products.requiresSerial}, 'pointsPerUnit', ${products.pointsPerUnit}, 'listPriceMinor', ${products.listPriceMinor},
        'rates', (select coalesce(json_agg(json_build_object('from', r.valid_from, 'value', r.points_per_unit) order by r.valid_from), '[]'::json)
                  from product_rates r where r.product_id = "products"."id")
      ) order by ${products.name}), '[]'::json)`,
      multipliers: sql<Array<{ dimension: string; key: string; from: string; value: number }> | string>`(
        select coalesce(json_agg(json_build_object('dimension', m.dimension, 'key', m.key, 'from', m.valid_from, 'value', m.percent) order by m.valid_from), '[]'::json)
        from multiplier_rates m where m.key in (${opts.tier}, ${opts.role}))`,
      promotions: sql<Array<RulePromotion & { scope: string }> | string>`(
        select coalesce(json_agg(json_build_object(
          'id', p.id, 'name', p.name, 'startsOn', p.starts_on, 'endsOn', p.ends_on, 'percent', p.percent,
          'scope', p.scope, 'category', p.category,
          'tiers', p.tiers, 'regions', p.regions, 'partnerIds', p.partner_ids, 'roles', p.roles,
          'productIds', (select coalesce(json_agg(pp.product_id), '[]'::json) from promotion_products pp where pp.promotion_id = p.id)
        ) order by p.starts_on, p.id), '[]'::json)
        from promotions p where p.active and p.starts_on <= ${opts.to} and p.ends_on >= ${opts.from})`,
      earningRules: sql<EarningRuleJson[] | string>`(
        select coalesce(json_agg(json_build_object(
          'id', r.id, 'name', r.name, 'kind', r.kind, 'startsOn', r.starts_on, 'endsOn', r.ends_on, 'category', r.category,
          'productIds', r.product_ids, 'basis', r.basis, 'measure', r.measure, 'mode', r.mode, 'steps', r.steps,
          'setUnits', r.set_units, 'bonus', r.bonus, 'tiers', r.tiers, 'regions', r.regions, 'partnerIds', r.partner_ids, 'roles', r.roles
        ) order by r.starts_on, r.id), '[]'::json)
        from earning_rules r where r.active and r.starts_on <= ${opts.to} and r.ends_on >= ${opts.from})`,
      settings: sql<{ pointValueMinor: number; currency: string; firstClaimBonus: number } | string | null>`(
        select json_build_object('pointValueMinor', s.point_value_minor, 'currency', s.currency, 'firstClaimBonus', s.first_claim_bonus)
        from programme_settings s where s.id = 1)`,
    })
    .from(products)
    .where(which);
  const json = <T>(v: T | string): T => (typeof v === "string" ? (JSON.parse(v) as T) : v);
  const productRows = json(row.products);
  const multipliers = json(row.multipliers);
  const dated = (dimension: "tier" | "role", key: string) =>
    multipliers.filter((m) => m.dimension === dimension && m.key === key).map((m) => ({ from: m.from, value: m.value }));
  const settings = row.settings ? json(row.settings) : null;
  const rulePromotions: RulePromotion[] = json(row.promotions).map((p) => ({
    id: p.id,
    name: p.name,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    percent: p.percent,
    category: p.scope === "category" ? p.category : null,
    productIds: p.productIds,
    audience: audienceOf(p as unknown as Parameters<typeof audienceOf>[0]),
  }));
  return {
    rules: {
      products: Object.fromEntries(
        productRows.map((p) => [
          p.id,
          { id: p.id, sku: p.sku, name: p.name, category: p.category, rates: p.rates, listPriceMinor: p.listPriceMinor ?? null },
        ]),
      ),
      tierPercents: dated("tier", opts.tier),
      rolePercents: dated("role", opts.role),
      promotions: rulePromotions,
      earningRules: json(row.earningRules).map(toEarningRule),
      pointValueMinor: settings?.pointValueMinor ?? 1,
      currency: settings?.currency ?? DEFAULT_CURRENCY,
      firstClaimBonus: settings?.firstClaimBonus ?? 0,
    },
    catalogue: productRows.map(({ rates: _rates, listPriceMinor: _price, ...p }) => p),
  };
}

/** Every tier and partner role with the multiplier in force today and when it took effect. */
export async function listMultipliers(db: Queryable) {
  const rows = await db.select().from(multiplierRates).orderBy(desc(multiplierRates.validFrom));
  const today = isoDate(new Date());
  const current = (dimension: "tier" | "role", key: string) => {
    const row = rows.find((r) => r.dimension === dimension && r.key === key && r.validFrom <= today);
    // "Since the beginning" is not worth saying; a date is shown once a value was changed.
    return { dimension, key, percent: row?.percent ?? 100, since: row && row.validFrom > "2000-01-01" ? row.validFrom : null };
  };
  return { tiers: TIERS.map((t) => current("tier", t)), roles: PARTNER_ROLES.map((r) => current("role", r)) };
}

/** Sets a tier or role multiplier from today on; claims with older invoices keep the old value. */
export async function setMultiplier(db: Db, actor: Actor, input: { dimension: "tier" | "role"; key: string; percent: number }) {
  const allowed: readonly string[] = input.dimension === "tier" ? TIERS : PARTNER_ROLES;
  if (!allowed.includes(input.key)) throw new UserError("errors.choose", "key");
  const today = isoDate(new Date());
  await db.transaction(async (tx) => {
    await tx
      .insert(multiplierRates)
      .values({ dimension: input.dimension, key: input.key, validFrom: today, percent: input.percent, createdBy: actor.id })
      .onConflictDoUpdate({
        target: [multiplierRates.dimension, multiplierRates.key, multiplierRates.validFrom],
        set: { percent: input.percent, createdBy: actor.id },
      });
    await recordAudit(tx, {
      actor,
      action: "points_rule.multiplier_set",
      entityType: "multiplier",
      entityId: `${input.dimension}:${input.key}`,
      details: { percent: input.percent, validFrom: today },
    });
  });
}

export async function listPromotions(db: Queryable) {
  const rows = await db.select().from(promotions).orderBy(desc(promotions.startsOn), asc(promotions.name));
  const links = rows.length
    ? await db
        .select({ promotionId: promotionProducts.promotionId, sku: products.sku, name: products.name })
        .from(promotionProducts)
        .innerJoin(products, eq(products.id, promotionProducts.productId))
        .where(
          inArray(
            promotionProducts.promotionId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return rows.map((r) => ({ ...r, products: links.filter((l) => l.promotionId === r.id).map(({ sku, name }) => ({ sku, name })) }));
}

type Targeting = "tiers" | "roles" | "regions";
export async function createPromotion(
  db: Db,
  actor: Actor,
  input: Omit<PromotionInput, Targeting> & Partial<Pick<PromotionInput, Targeting>>,
) {
  return db.transaction(async (tx) => {
    if (input.scope === "products") {
      const found = await tx.select({ id: products.id }).from(products).where(inArray(products.id, input.productIds));
      if (found.length !== new Set(input.productIds).size) throw new UserError("errors.claims.choose_products", "productIds");
    }
    const [promo] = await tx
      .insert(promotions)
      .values({
        name: input.name,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        scope: input.scope,
        category: input.scope === "category" ? input.category! : null,
        percent: input.percent,
        tiers: input.tiers ?? [],
        regions: input.regions ?? [],
        roles: input.roles ?? [],
        createdBy: actor.id,
      })
      .returning();
    if (input.scope === "products")
      await tx.insert(promotionProducts).values([...new Set(input.productIds)].map((productId) => ({ promotionId: promo.id, productId })));
    await recordAudit(tx, {
      actor,
      action: "points_rule.promotion_created",
      entityType: "promotion",
      entityId: promo.id,
      details: { ...input },
    });
    return promo;
  });
}

/**
 * Ends a promotion: one that has not started is cancelled; a running one stops after yesterday,
 * so sales already made under it keep it (their invoices fall inside the shortened window).
 */
export async function endPromotion(db: Db, actor: Actor, id: string) {
  if (!isId(id)) throw new UserError("common.not_found", undefined, undefined, 404);
  return db.transaction(async (tx) => {
    const [promo] = await tx.select().from(promotions).where(eq(promotions.id, id)).for("update");
    if (!promo) throw new UserError("common.not_found", undefined, undefined, 404);
    const today = isoDate(new Date());
    const yesterday = isoDate(addDays(Date.now(), -1));
    const cancel = promo.startsOn >= today;
    if (!promo.active || promo.endsOn < today) throw new UserError("errors.claims.promotion_over", undefined, undefined, 409);
    await tx
      .update(promotions)
      .set(cancel ? { active: false } : { endsOn: yesterday })
      .where(eq(promotions.id, id));
    await recordAudit(tx, {
      actor,
      action: cancel ? "points_rule.promotion_cancelled" : "points_rule.promotion_ended",
      entityType: "promotion",
      entityId: id,
      details: { name: promo.name, endsOn: cancel ? promo.endsOn : yesterday },
    });
  });
}
