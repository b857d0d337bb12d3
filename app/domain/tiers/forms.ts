import { z } from "zod";
import { TIERS } from "@db/schema/enums";
import { TIER_BASES, TIER_CADENCES } from "@db/schema/tiers";
import { idField } from "~/lib/ids";
import { parseMinorUnits, currencyDigits } from "~/lib/money";

/** Forms of the tier pages; messages are i18n keys. */

/** Ten billion in major units: more than any partner sells, well inside 2^53 in minor units. */
const MAX_VOLUME = 1_000_000_000_000;

const RULE_TIERS = ["silver", "gold", "platinum"] as const;

const count = z
  .string()
  .trim()
  .regex(/^\d{1,4}$/, "tiers.errors.certified")
  .transform(Number)
  .refine((n) => n <= 1000, "tiers.errors.certified");

/**
 * The programme's tier rules. Thresholds are typed in the basis's unit: money (the programme's
 * currency, major units as people write them) for sales, whole points for points.
 */
export function settingsSchema(currency: string) {
  const volume = z.string().max(40, "tiers.errors.volume");
  return z
    .object({
      basis: z.enum(TIER_BASES, "errors.choose"),
      cadence: z.enum(TIER_CADENCES, "errors.choose"),
      graceDays: z
        .string()
        .trim()
        .regex(/^\d{1,3}$/, "tiers.errors.grace")
        .transform(Number)
        .refine((n) => n <= 365, "tiers.errors.grace"),
      silver_volume: volume,
      gold_volume: volume,
      platinum_volume: volume,
      silver_certified: count,
      gold_certified: count,
      platinum_certified: count,
      /** The certification that counts; empty = any valid certificate. */
      certificationCourseId: z.union([z.literal(""), idField]).optional(),
    })
    .transform((v, ctx) => {
      const digits = v.basis === "sales" ? currencyDigits(currency) : 0;
      const rules = RULE_TIERS.map((tier) => {
        const minor = parseMinorUnits(v[`${tier}_volume`], digits);
        if (minor === undefined || minor === null || minor > MAX_VOLUME) {
          ctx.addIssue({ code: "custom", path: [`${tier}_volume`], message: "tiers.errors.volume" });
          return null;
        }
        return { tier, minVolume: minor, minCertified: v[`${tier}_certified`] };
      });
      if (rules.some((r) => r === null)) return z.NEVER;
      return {
        basis: v.basis,
        cadence: v.cadence,
        graceDays: v.graceDays,
        certificationCourseId: v.certificationCourseId || null,
        rules: rules as NonNullable<(typeof rules)[number]>[],
      };
    });
}

const reason = z.string().trim().min(1, "tiers.errors.reason").max(500, "tiers.errors.reason");

export const pinSchema = z.object({ tier: z.enum(TIERS, "errors.choose"), reason });
export const unpinSchema = z.object({ reason });
