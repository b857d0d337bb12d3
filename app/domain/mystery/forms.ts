import { z } from "zod";
import { isIsoDay } from "~/lib/dates";
import { idField } from "~/lib/ids";

/** Form schemas of the mystery-shopping area; messages are i18n keys. */

const text = (max: number, min = 1) =>
  z
    .string("errors.required")
    .trim()
    .min(min, min > 1 ? "mystery.errors.too_short" : "errors.required")
    .max(max, "errors.too_long");
const optionalText = (max: number) =>
  z.preprocess((v) => (v === undefined || v === null ? "" : v), z.string().trim().max(max, "errors.too_long"));
const day = z.string("errors.required").trim().min(1, "errors.required").refine(isIsoDay, "mystery.errors.date");
const whole = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? Number(v.trim()) : v === "" ? undefined : v),
    z.number("errors.required").int("mystery.errors.whole_number").min(min, "mystery.errors.range").max(max, "mystery.errors.range"),
  );
const checkbox = z.preprocess((v) => v === "on" || v === "1" || v === "true", z.boolean());

export const scenarioSchema = z.object({
  title: text(120),
  legend: text(2000),
  instructions: optionalText(4000),
  questionnaire: z.string("errors.required").max(40_000, "errors.too_long"),
});

export const waveSchema = z
  .object({
    name: text(80),
    startsOn: day,
    endsOn: day,
    blackout: optionalText(2000),
  })
  .superRefine((v, ctx) => {
    if (isIsoDay(v.startsOn) && isIsoDay(v.endsOn) && v.endsOn < v.startsOn)
      ctx.addIssue({ code: "custom", path: ["endsOn"], message: "mystery.errors.ends_before_starts" });
  });

/** Blackout dates typed as a list of ISO days, separated by commas, spaces or lines. */
export function parseBlackout(raw: string): { ok: true; days: string[] } | { ok: false; bad: string } {
  const days = raw
    .split(/[\s,;]+/)
    .map((d) => d.trim())
    .filter(Boolean);
  if (days.length > 60) return { ok: false, bad: days[60] };
  for (const d of days) if (!isIsoDay(d)) return { ok: false, bad: String(d).slice(0, 20) };
  return { ok: true, days: [...new Set(days)].sort() };
}

export const planVisitSchema = z
  .object({
    outletId: idField,
    scenarioId: idField,
    auditorId: idField,
    dueFrom: day,
    dueTo: day,
  })
  .superRefine((v, ctx) => {
    if (isIsoDay(v.dueFrom) && isIsoDay(v.dueTo) && v.dueTo < v.dueFrom)
      ctx.addIssue({ code: "custom", path: ["dueTo"], message: "mystery.errors.ends_before_starts" });
  });

/** Time in and out on the visit's day, typed as HH:MM on the phone. */
const clock = z
  .string("errors.required")
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "mystery.errors.time");

export const reportMetaSchema = z.object({
  visitDay: day,
  timeIn: clock,
  timeOut: clock,
  sellerUserId: z.preprocess((v) => (v === "" || v === undefined ? null : v), idField.nullable()),
  sellerDescription: optionalText(500),
});

export const settingsSchema = z.object({
  awardPoints: whole(0, 100_000),
  disputeWindowDays: whole(0, 90),
  rotationDays: whole(0, 365),
  reportDueHours: whole(1, 240),
  reviewRequired: checkbox,
});

export const disputeSchema = z.object({
  questionId: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.string().max(40, "errors.too_long").nullable()),
  reason: text(2000, 10),
  evidence: optionalText(4000),
});

export const decisionSchema = z.object({ note: text(1000, 3) });

export const overturnSchema = z
  .object({
    note: text(1000, 3),
    outcome: z.enum(["rescored", "voided"], "mystery.errors.choose_outcome"),
    score: z.preprocess(
      (v) => (v === "" || v === undefined ? null : v),
      z.coerce.number("mystery.errors.range").min(0, "mystery.errors.range").max(100, "mystery.errors.range").nullable(),
    ),
    keepAward: checkbox,
  })
  .superRefine((v, ctx) => {
    if (v.outcome === "rescored" && v.score === null) ctx.addIssue({ code: "custom", path: ["score"], message: "errors.required" });
  });

export const reviewSchema = z.object({ note: optionalText(1000) });
