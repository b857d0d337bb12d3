import { z } from "zod";
import { MULTIPLIER_DIMENSIONS } from "@db/schema/claims";
import { PARTNER_ROLES, TIERS } from "@db/schema/enums";
import { parseMoney } from "~/lib/money";
import { isRealDate } from "./shared";

/** Form and CSV schemas of the claims area; messages are i18n keys. */

const flag = z.preprocess((v) => {
  if (typeof v === "boolean") return v;
  const s = String(v ?? "")
    .trim()
    .toLowerCase();
  if (["1", "yes", "y", "true", "on", "да"].includes(s)) return true;
  if (["", "0", "no", "n", "false", "off", "нет"].includes(s)) return false;
  return v;
}, z.boolean("errors.claims.yes_no"));

const wholeNumber = (min: number, max: number, keys: { min: string; max: string }) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? Number(v.trim().replace(/\s/g, "")) : v === "" ? undefined : v),
    z.number("errors.required").int("errors.claims.whole_number").min(min, keys.min).max(max, keys.max),
  );

export const productFields = {
  sku: z
    .string("errors.required")
    .trim()
    .min(1, "errors.required")
    .max(40, "errors.too_long")
    .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/, "errors.claims.sku_format")
    .transform((s) => s.toUpperCase()),
  name: z.string("errors.required").trim().min(1, "errors.required").max(120, "errors.too_long"),
  category: z.string("errors.required").trim().min(1, "errors.required").max(40, "errors.too_long"),
  pointsPerUnit: wholeNumber(0, 1_000_000, { min: "errors.claims.points_range", max: "errors.claims.points_range" }),
  requiresSerial: flag,
  active: flag,
  tip: z
    .string()
    .trim()
    .max(200, "errors.too_long")
    .optional()
    .transform((v) => v || null),
};
// The column is a 4-byte integer: 20 million euros, or 2 billion yen, is plenty for a list price.
const MAX_PRICE_MINOR = 2_000_000_000;

/** A price typed in major units of `currency`, as integer minor units; empty is null. */
function moneyField(currency: string, maxMinor: number) {
  return z
    .string()
    .optional()
    .transform((v, ctx) => {
      const minor = parseMoney(v ?? "", currency);
      if (minor === null || (minor ?? 0) > maxMinor) {
        ctx.addIssue({ code: "custom", message: "errors.claims.price" });
        return z.NEVER;
      }
      return minor ?? null;
    });
}

/** The product form and catalogue row, with the list price read in the programme's currency. */
export function productSchemaFor(currency: string) {
  return z.object({ ...productFields, listPrice: moneyField(currency, MAX_PRICE_MINOR) });
}
export type ProductInput = z.infer<ReturnType<typeof productSchemaFor>>;

const isoDay = z.string("errors.required").trim().min(1, "errors.required").refine(isRealDate, "errors.claims.date");

const manyOf = (v: unknown) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]);
/** Who a promotion is for: tiers and roles ticked, regions typed comma-separated; all optional. */
export const audienceFields = {
  tiers: z
    .preprocess(manyOf, z.array(z.enum(TIERS, "errors.choose")).max(10))
    .optional()
    .default([]),
  roles: z
    .preprocess(manyOf, z.array(z.enum(PARTNER_ROLES, "errors.choose")).max(20))
    .optional()
    .default([]),
  regions: z
    .string()
    .max(500, "errors.too_long")
    .optional()
    .transform((v) => [
      ...new Set(
        (v ?? "")
          .split(",")
          .map((r) => r.trim())
          .filter(Boolean),
      ),
    ]),
};

export const promotionSchema = z
  .object({
    name: z.string("errors.required").trim().min(1, "errors.required").max(80, "errors.too_long"),
    startsOn: isoDay,
    endsOn: isoDay,
    scope: z.enum(["category", "products"], "errors.choose"),
    category: z.string().trim().optional(),
    productIds: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().uuid("errors.invalid"))),
    percent: wholeNumber(101, 1000, { min: "errors.claims.promo_percent", max: "errors.claims.promo_percent" }),
    // Targeting (issue 19): empty means everyone.
    ...audienceFields,
  })
  .superRefine((v, ctx) => {
    if (v.endsOn < v.startsOn) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "errors.claims.ends_before_start" });
    if (v.scope === "category" && !v.category) ctx.addIssue({ code: "custom", path: ["category"], message: "errors.choose" });
    if (v.scope === "products" && v.productIds.length === 0)
      ctx.addIssue({ code: "custom", path: ["productIds"], message: "errors.claims.choose_products" });
  });
export type PromotionInput = z.infer<typeof promotionSchema>;

export const multiplierSchema = z.object({
  dimension: z.enum(MULTIPLIER_DIMENSIONS, "errors.choose"),
  key: z.string().min(1, "errors.required"),
  percent: wholeNumber(0, 1000, { min: "errors.claims.multiplier_range", max: "errors.claims.multiplier_range" }),
});

/** A reason or question sent to the claimant: required, and short enough to read on a phone. */
export const noteField = z.string("errors.required").trim().min(3, "errors.claims.note_short").max(1000, "errors.too_long");

/** One line of a claim as the form sends it: `lines.<i>.sku`, `lines.<i>.quantity`, `lines.<i>.serials` (one per unit). */
export type RawClaimLine = { index: number; sku: string; quantity: string; serials: string[] };
/** `evidence`: the files sent with this form (the invoice, serial-label photos), at most MAX_EVIDENCE_FILES. */
/** `outletId`: the outlet of the sale as chosen ("" = the claimant's own outlet, issue 19). */
export type RawClaim = { invoiceNumber: string; invoiceDate: string; outletId?: string; lines: RawClaimLine[]; evidence: File[] };

/**
 * Reads the claim form. Lines keep the index they had on the form, so a message lands next to
 * the field it is about; rows left completely empty are ignored.
 */
export function readClaimForm(formData: FormData): RawClaim {
  const lines = new Map<number, RawClaimLine>();
  for (const [name, value] of formData) {
    const m = name.match(/^lines\.(\d{1,3})\.(sku|quantity|serials)$/);
    if (!m || typeof value !== "string") continue;
    const index = Number(m[1]);
    const line = lines.get(index) ?? { index, sku: "", quantity: "", serials: [] };
    if (m[2] === "serials") line.serials.push(value);
    else line[m[2] as "sku" | "quantity"] = value;
    lines.set(index, line);
  }
  const evidence = formData.getAll("evidence").filter((f): f is File => f instanceof File && f.size > 0);
  return {
    invoiceNumber: String(formData.get("invoiceNumber") ?? ""),
    invoiceDate: String(formData.get("invoiceDate") ?? "").trim(),
    outletId: String(formData.get("outletId") ?? "")
      .trim()
      .slice(0, 40),
    lines: [...lines.values()]
      .filter((l) => l.sku.trim() !== "" || l.quantity.trim() !== "" || l.serials.some((s) => s.trim() !== ""))
      .sort((a, b) => a.index - b.index),
    evidence,
  };
}
