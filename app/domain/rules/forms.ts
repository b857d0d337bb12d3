import { z } from "zod";
import { audienceFields } from "../claims/forms";
import { isRealDate } from "../claims/shared";

/**
 * The earning-rule form of the points rules page. Steps are typed one per line as "from value"
 * ("101 5" = from the 101st unit, +5%); percents of value are typed as percents ("3" or "2.5")
 * and kept in hundredths. Messages are i18n keys.
 */
const isoDay = z.string("errors.required").trim().min(1, "errors.required").refine(isRealDate, "errors.claims.date");
const whole = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? Number(v.trim().replace(/\s/g, "")) : undefined),
    z.number("errors.required").int("errors.claims.whole_number").min(min, "errors.rules.range").max(max, "errors.rules.range"),
  );

/** "from value" lines into sorted steps; the value is whole, or (percentOfValue) a percent with at most 2 decimals. */
export function parseSteps(text: string, percentOfValue: boolean): Array<{ from: number; value: number }> | null {
  const steps: Array<{ from: number; value: number }> = [];
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (!lines.length || lines.length > 20) return null;
  for (const line of lines) {
    const m = line.match(/^(\d{1,9})\s*[:;\s]\s*(\d{1,4}(?:[.,]\d{1,2})?)\s*%?$/);
    if (!m) return null;
    const from = Number(m[1]);
    const raw = m[2].replace(",", ".");
    if (!percentOfValue && raw.includes(".")) return null;
    const value = percentOfValue ? Math.round(Number(raw) * 100) : Number(raw);
    if (value > (percentOfValue ? 10_000 : 1_000)) return null;
    steps.push({ from, value });
  }
  steps.sort((a, b) => a.from - b.from);
  if (new Set(steps.map((s) => s.from)).size !== steps.length) return null;
  return steps;
}

export const earningRuleSchema = z
  .object({
    name: z.string("errors.required").trim().min(1, "errors.required").max(80, "errors.too_long"),
    kind: z.enum(["value_percent", "accelerator", "bundle"], "errors.choose"),
    startsOn: isoDay,
    endsOn: isoDay,
    category: z
      .string()
      .trim()
      .max(40, "errors.too_long")
      .optional()
      .transform((v) => v || null),
    basis: z.enum(["participant", "partner"], "errors.choose").default("participant"),
    measure: z.enum(["units", "value"], "errors.choose").default("units"),
    mode: z.enum(["marginal", "whole"], "errors.choose").optional(),
    steps: z.string().max(2000, "errors.too_long").optional().default(""),
    setUnits: z.preprocess((v) => (v === "" ? undefined : v), whole(1, 100_000).optional()),
    bonus: z.preprocess((v) => (v === "" ? undefined : v), whole(1, 1_000_000).optional()),
    ...audienceFields,
  })
  .transform((v, ctx) => {
    if (v.endsOn < v.startsOn) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "errors.claims.ends_before_start" });
    let steps: Array<{ from: number; value: number }> = [];
    if (v.kind !== "bundle") {
      const parsed = parseSteps(v.steps, v.kind === "value_percent");
      if (!parsed) ctx.addIssue({ code: "custom", path: ["steps"], message: "errors.rules.steps" });
      else steps = parsed;
    }
    if (v.kind === "accelerator" && !v.mode) ctx.addIssue({ code: "custom", path: ["mode"], message: "errors.choose" });
    if (v.kind === "bundle" && v.setUnits === undefined) ctx.addIssue({ code: "custom", path: ["setUnits"], message: "errors.required" });
    if (v.kind === "bundle" && v.bonus === undefined) ctx.addIssue({ code: "custom", path: ["bonus"], message: "errors.required" });
    return {
      ...v,
      steps,
      mode: v.kind === "accelerator" ? (v.mode ?? "marginal") : null,
      setUnits: v.kind === "bundle" ? (v.setUnits ?? null) : null,
      bonus: v.kind === "bundle" ? (v.bonus ?? null) : null,
    };
  });
export type EarningRuleInput = z.infer<typeof earningRuleSchema>;

export const firstClaimBonusSchema = z.object({ firstClaimBonus: whole(0, 1_000_000) });
