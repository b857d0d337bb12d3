import { z } from "zod";
import { COSTSHARE_ACTIVITY_TYPES, COSTSHARE_PAYMENT_METHODS } from "@db/schema/costshare";
import { TIERS } from "@db/schema/enums";
import { addDays, isIsoDay, isoDay } from "~/lib/dates";
import { idField } from "~/lib/ids";
import { parseMoney } from "~/lib/money";

/** Form schemas of the cost-share area; messages are i18n keys. */

/** A billion in a two-decimal currency: more than any marketing activity, well inside 2^53. */
export const MAX_MINOR = 100_000_000_000;

function money(currency: string, opts: { optional?: boolean; allowZero?: boolean } = {}) {
  return z
    .string()
    .optional()
    .transform((v, ctx) => {
      const minor = parseMoney(v ?? "", currency);
      if (minor === undefined) {
        if (opts.optional) return undefined;
        ctx.addIssue({ code: "custom", message: "errors.required" });
        return z.NEVER;
      }
      if (minor === null || minor > MAX_MINOR || (!opts.allowZero && minor === 0)) {
        ctx.addIssue({ code: "custom", message: "errors.costshare.amount" });
        return z.NEVER;
      }
      return minor;
    });
}

/** An amount typed in major units of `currency`, as integer minor units (required). */
export function moneyField(currency: string, opts: { allowZero?: boolean } = {}) {
  return money(currency, opts).transform((v) => v as number);
}

/** An amount that may be left empty (undefined). */
export function optionalMoneyField(currency: string) {
  return money(currency, { optional: true });
}

const day = z
  .string("errors.required")
  .trim()
  .min(1, "errors.required")
  .refine((v) => isIsoDay(v), "errors.costshare.date");

const text = (max: number, required = true) =>
  required
    ? z.string("errors.required").trim().min(1, "errors.required").max(max, "errors.too_long")
    : z.string().trim().max(max, "errors.too_long").optional().default("");

const optionalCount = z.preprocess(
  (v) => (typeof v === "string" && v.trim() !== "" ? Number(v.trim().replace(/\s/g, "")) : undefined),
  z
    .number()
    .int("errors.costshare.whole_number")
    .min(0, "errors.costshare.whole_number")
    .max(1_000_000_000, "errors.costshare.whole_number")
    .optional(),
);

/** Brand names, one per line or comma-separated; at most 20, each at most 60 characters. */
export const brandsField = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const names = [
      ...new Set(
        (v ?? "")
          .split(/[\n,;]/)
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ];
    if (names.length > 20 || names.some((n) => n.length > 60)) {
      ctx.addIssue({ code: "custom", message: "errors.costshare.brands" });
      return z.NEVER;
    }
    return names;
  });

export function requestSchema(currency: string) {
  return z
    .object({
      activityType: z.enum(COSTSHARE_ACTIVITY_TYPES, "errors.required"),
      title: text(120),
      description: text(4000),
      startsOn: day,
      endsOn: day,
      plannedCost: moneyField(currency),
      otherBrands: brandsField,
      equalSplit: z.preprocess((v) => v === "1" || v === "on", z.boolean()),
      expectedOutcome: text(1000, false),
      expectedLeads: optionalCount,
      expectedReach: optionalCount,
    })
    .superRefine((v, ctx) => {
      if (v.startsOn && v.endsOn && v.endsOn < v.startsOn)
        ctx.addIssue({ code: "custom", path: ["endsOn"], message: "errors.costshare.ends_before" });
      if (v.equalSplit && v.activityType !== "trade_show")
        ctx.addIssue({ code: "custom", path: ["equalSplit"], message: "errors.costshare.equal_split_trade_show" });
    });
}
export type RequestInput = z.infer<ReturnType<typeof requestSchema>>;

export function approveSchema(currency: string) {
  return z.object({
    amount: optionalMoneyField(currency),
    note: text(2000, false),
  });
}

export const noteRequired = z.object({ note: text(2000) });
export const noteOptional = z.object({ note: text(2000, false) });
export const commentSchema = z.object({ body: text(2000) });

export function claimSchema(currency: string) {
  return z.object({
    actualCost: moneyField(currency),
    brandsShown: brandsField,
    note: text(2000, false),
  });
}
export type ClaimInput = z.infer<ReturnType<typeof claimSchema>>;

export const fileReviewSchema = z.object({
  fileId: idField,
  verdict: z.enum(["accepted", "rejected"], "errors.required"),
  note: text(500, false),
});

// Claim ids and their amounts (claimIds + amount_<id>) are read by the route, per claim.
export function paymentSchema(_currency: string) {
  return z.object({
    // A day ahead of UTC at most (finance east of UTC); a later day is a typo that would reach accounting.
    paidOn: day.refine((v) => v <= isoDay(addDays(new Date(), 1)), "errors.costshare.paid_future"),
    method: z.enum(COSTSHARE_PAYMENT_METHODS, "errors.required"),
    reference: text(80),
  });
}

export function allocationSchema(currency: string) {
  return z.object({
    periodId: idField,
    organisationId: idField,
    amount: moneyField(currency),
    direction: z.enum(["add", "remove"]).default("add"),
    note: text(500, false),
    key: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{8,64}$/, "errors.invalid"),
  });
}

export const periodSchema = z.object({ name: text(60), startsOn: day, endsOn: day }).superRefine((v, ctx) => {
  if (v.startsOn && v.endsOn && v.endsOn < v.startsOn)
    ctx.addIssue({ code: "custom", path: ["endsOn"], message: "errors.costshare.ends_before" });
});

const bp = z.preprocess(
  (v) => (typeof v === "string" && v.trim() !== "" ? Number(v.trim().replace(",", ".")) : v === "" ? undefined : v),
  z.number("errors.required").min(0, "errors.costshare.percent").max(100, "errors.costshare.percent"),
);

export const accrualSchema = z.object({
  periodId: idField,
  sourcePeriodId: idField,
  rate_registered: bp,
  rate_silver: bp,
  rate_gold: bp,
  rate_platinum: bp,
});
export const ACCRUAL_TIERS = TIERS;

export const settingsSchema = (currency: string) =>
  z.object({
    ruleKind: z.enum(["table", "formula"]),
    baseShare: bp,
    share0: bp,
    share1: bp,
    share2: bp,
    share3: bp,
    leadBusinessDays: z.coerce.number("errors.required").int().min(0, "errors.invalid").max(120, "errors.invalid"),
    claimWindowDays: z.coerce.number("errors.required").int().min(1, "errors.invalid").max(730, "errors.invalid"),
    expiryDays: z.coerce.number("errors.required").int().min(0, "errors.invalid").max(730, "errors.invalid"),
    secondApprovalAbove: moneyField(currency, { allowZero: true }),
  });

/** A percentage typed by a person (12.5) as basis points (1250), exactly. */
export function toBp(percentValue: number): number {
  return Math.round(percentValue * 100);
}
