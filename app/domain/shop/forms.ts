import { z } from "zod";
import { PARTNER_ROLES, TIERS } from "@db/schema/enums";
import { endOfDayExclusive, isIsoDay, startOfDay } from "~/lib/dates";
import { CATALOGUE_SORTS } from "./catalogue-options";

// Messages are i18n keys (see app/i18n/messages/shop.ts); parseForm turns them into field errors.

const text = (max: number) => z.string("errors.required").trim().min(1, "errors.required").max(max, "errors.too_long");
const optionalText = (max: number) => z.string().trim().max(max, "errors.too_long").default("");

/** A whole number typed by a person: spaces and thousands separators allowed, "" means missing. */
export const wholeNumber = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim().replace(/[\s,\u00a0]/g, ""))) : v),
    z
      .number({ error: (issue) => (issue.input === undefined ? "errors.required" : "errors.shop_number") })
      .int("errors.shop_number")
      .min(min, "errors.shop_too_small")
      .max(max, "errors.shop_too_big"),
  );

/** Checkboxes and multi-selects arrive as nothing, one string or several. */
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(item));

const uuid = z.string("errors.invalid").trim().pipe(z.uuid("errors.invalid"));

export const hobbiesSchema = z.object({ categoryIds: list(z.string()) });

export const addToCartSchema = z.object({
  variantId: z.string("errors.shop_choose_option").trim().min(1, "errors.shop_choose_option"),
  quantity: wholeNumber(1, 10),
});
export const cartQuantitySchema = z.object({ variantId: uuid, quantity: wholeNumber(0, 10) });
export const variantRefSchema = z.object({ variantId: uuid });
export const rewardRefSchema = z.object({ rewardId: uuid });

export const addressFields = {
  recipientName: text(120),
  phone: z
    .string()
    .trim()
    .max(40, "errors.too_long")
    .regex(/^$|^\+?[0-9 ()-]{6,}$/, "errors.shop_phone")
    .default(""),
  addressLine: text(200),
  city: text(80),
  postalCode: optionalText(20),
  country: text(80),
};

const checkoutBase = { checkoutKey: uuid, expectedTotal: wholeNumber(0, 100_000_000) };
/** Physical items need somewhere to go; a cart of codes needs no address. */
export const checkoutSchema = z.object({ ...checkoutBase, ...addressFields });
export const checkoutDigitalSchema = z.object(checkoutBase);

/** A date field (YYYY-MM-DD); empty means "no limit". */
const day = z
  .string()
  .trim()
  .refine((v) => v === "" || isIsoDay(v), "errors.shop_date")
  .transform((v) => v || null)
  .default(null);

export const rewardFields = z
  .object({
    categoryId: z.string("errors.choose").trim().min(1, "errors.choose"),
    name: text(120),
    description: optionalText(2000),
    pointsPrice: wholeNumber(1, 10_000_000),
    tiers: list(z.enum(TIERS, "errors.choose")),
    roles: list(z.enum(PARTNER_ROLES, "errors.choose")),
    activeFrom: day.transform((v) => (v ? startOfDay(v) : null)),
    /** The last day it is on offer, inclusive; stored as the instant the offer stops. */
    activeUntil: day.transform((v) => (v ? endOfDayExclusive(v) : null)),
    active: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  })
  .refine((r) => !r.activeFrom || !r.activeUntil || r.activeFrom < r.activeUntil, { message: "errors.shop_window", path: ["activeUntil"] });

export type RewardInput = z.infer<typeof rewardFields>;

export const createRewardSchema = rewardFields.and(
  z.object({ kind: z.enum(["physical", "digital"], "errors.choose"), stock: wholeNumber(0, 1_000_000) }),
);

export const variantSchema = z.object({
  size: optionalText(40),
  colour: optionalText(40),
  sku: optionalText(60),
  stock: wholeNumber(0, 1_000_000),
});
export type VariantInput = z.infer<typeof variantSchema>;

export const stockSchema = z.object({
  variantId: uuid,
  delta: wholeNumber(-1_000_000, 1_000_000).refine((n) => n !== 0, "errors.shop_not_zero"),
  reason: optionalText(200),
});

export const codesSchema = z.object({
  variantId: uuid,
  codes: z
    .string("errors.required")
    .transform((v) =>
      v
        .split(/\r?\n/)
        .map((c) => c.trim())
        .filter(Boolean),
    )
    .refine((c) => c.length > 0, "errors.required")
    .refine((c) => c.length <= 5000, "errors.shop_too_many_codes")
    .refine((c) => c.every((code) => code.length <= 200), "errors.too_long"),
});

export const shipSchema = z.object({ carrier: text(60), trackingNumber: text(80).regex(/^[\w .\-/]+$/, "errors.shop_tracking") });

export const cancelSchema = z.object({ reason: optionalText(500) });

export const categorySchema = z.object({
  slug: z
    .string("errors.required")
    .trim()
    .toLowerCase()
    .min(1, "errors.required")
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "errors.shop_slug"),
  nameEn: text(60),
});
export type CategoryInput = z.infer<typeof categorySchema>;

export { CATALOGUE_SEARCH_MAX, CATALOGUE_SORTS, type CatalogueSort } from "./catalogue-options";
export const catalogueSortSchema = z.enum(CATALOGUE_SORTS).catch("points");
