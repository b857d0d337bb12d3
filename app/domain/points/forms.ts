import { z } from "zod";
import { currencyDigits, parseMinorUnits, parseMoney } from "~/lib/money";

/**
 * Form schemas of the points administration pages. Messages are i18n keys, and each number
 * field names its own range, so "this value is not valid" never leaves an admin guessing.
 */

/** A whole number typed by a person: spaces and thin spaces as thousands separators are fine. */
function whole(min: number, max: number, message: string) {
  return z
    .string()
    .transform((v) => v.replace(/[\s\u00a0\u202f_]/g, ""))
    .pipe(
      z
        .string()
        .min(1, { message: "errors.required", abort: true })
        .regex(/^-?\d+$/, message),
    )
    .transform(Number)
    .pipe(z.number().int(message).min(min, message).max(max, message));
}

// Intl knows every ISO 4217 code the formatter can show; anything else would render as "XYZ 1.00".
const CURRENCIES = new Set(Intl.supportedValuesOf("currency"));

// A point is worth at most 1000 of the currency (1000 euros, 1000 yen).
const MAX_POINT_VALUE = 1000;

export const programmeSettingsSchema = z
  .object({
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .refine((c) => CURRENCIES.has(c), "errors.programme.currency"),
    /** Typed in major units of the currency ("0.05"); stored as pointValueMinor. */
    pointValue: z
      .string()
      .trim()
      .min(1, { message: "errors.required", abort: true })
      .refine((v) => parseMinorUnits(v, 4) != null, "errors.programme.point_value"),
    expiryMonths: whole(1, 120, "errors.programme.expiry_months"),
    welcomeBonus: whole(0, 1_000_000, "errors.programme.welcome_bonus"),
    // Empty means "no cap": the programme does not limit what a participant earns in a month.
    monthlyEarnCap: z
      .preprocess(
        (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
        whole(1, 10_000_000, "errors.programme.cap").optional(),
      )
      .transform((v) => v ?? null),
    expiryWarningDays: whole(1, 365, "errors.programme.warning_days"),
    claimWindowDays: whole(1, 3650, "errors.programme.claim_window"),
    // An unticked checkbox is simply absent from the form.
    partnerManagerCheck: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
  })
  // The currency says how many decimals the point value may have (none for yen).
  .transform(({ pointValue, ...rest }, ctx) => {
    const pointValueMinor = parseMoney(pointValue, rest.currency);
    if (pointValueMinor == null || pointValueMinor > MAX_POINT_VALUE * 10 ** currencyDigits(rest.currency)) {
      ctx.addIssue({ code: "custom", path: ["pointValue"], message: "errors.programme.point_value" });
      return z.NEVER;
    }
    return { ...rest, pointValueMinor };
  });
export type ProgrammeSettingsInput = z.infer<typeof programmeSettingsSchema>;

export const ADJUST_DIRECTIONS = ["credit", "debit"] as const;

export const adjustmentSchema = z.object({
  userId: z.uuid("errors.invalid"),
  direction: z.enum(ADJUST_DIRECTIONS, "errors.choose"),
  points: whole(1, 1_000_000, "errors.points_admin.points"),
  reason: z.string().trim().min(1, "errors.points_admin.reason").max(500, "errors.too_long"),
  /** Made when the form is shown: a second submit of the same form (a retry on bad signal) adjusts once. */
  key: z.uuid("errors.invalid"),
});
export type AdjustmentInput = z.infer<typeof adjustmentSchema>;

/**
 * The expiry-per-source form (issue 19): for each source `rule.<source>` is "default", "never" or
 * "months", and `months.<source>` the number of months (1-120) when it is "months".
 */
export function readExpiryForm(formData: FormData, sources: readonly string[]) {
  const choices: Array<{ source: string; rule: "default" | "never" } | { source: string; rule: "months"; months: number }> = [];
  const errors: Record<string, Array<{ key: string }>> = {};
  for (const source of sources) {
    const rule = String(formData.get(`rule.${source}`) ?? "default");
    if (rule === "default" || rule === "never") choices.push({ source, rule });
    else if (rule === "months") {
      const text = String(formData.get(`months.${source}`) ?? "").trim();
      const months = /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
      if (!(months >= 1 && months <= 120)) errors[`months.${source}`] = [{ key: "expiry.errors.months" }];
      else choices.push({ source, rule, months });
    } else errors[`rule.${source}`] = [{ key: "errors.choose" }];
  }
  return { choices, errors };
}
