import { z } from "zod";
import { PARTNER_ROLES } from "@db/schema/enums";
import { isTimeZone } from "./calendar";

const text = (max: number) => z.string().trim().min(1, "errors.required").max(max, "errors.too_long");
const int = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(1, "errors.required")
    .regex(/^\d+$/, "errors.training.whole_number")
    .transform(Number)
    .pipe(z.number().int().min(min, "errors.training.range").max(max, "errors.training.range"));
const optionalInt = (min: number, max: number) =>
  z
    .string()
    .trim()
    .transform((v) => (v === "" ? undefined : v))
    .pipe(int(min, max).optional())
    .transform((v) => v ?? null);
/** Checkbox groups arrive as nothing, one string or several. */
const roles = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.enum(PARTNER_ROLES, "errors.choose")));
const httpsUrl = z
  .string()
  .trim()
  .max(500, "errors.too_long")
  .refine((v) => /^https:\/\/[^\s]+\.[^\s]+$/i.test(v), "errors.training.https_url");
const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === "" ? null : v))
  .pipe(httpsUrl.nullable());

export const courseSchema = z.object({
  title: text(160),
  description: z.string().trim().max(2000, "errors.too_long").default(""),
  targetRoles: roles,
  points: int(0, 100_000),
  passMark: int(1, 100),
  attemptsLimit: int(1, 20),
  cooldownHours: int(0, 24 * 60),
  certificateMonths: int(1, 120),
  // A checkbox: "on" when ticked, absent when not (so an untick is a real false).
  showWrongAnswers: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
});
/** Code that makes courses (seed, imports) may leave `showWrongAnswers` out: the column defaults to showing them. */
export type CourseInput = Omit<z.infer<typeof courseSchema>, "showWrongAnswers"> & { showWrongAnswers?: boolean };

export const lessonSchema = z.object({
  title: text(160),
  body: z.string().max(20_000, "errors.too_long").default(""),
  videoUrl: optionalUrl,
});
export type LessonInput = z.infer<typeof lessonSchema>;

/**
 * A question as the trainer types it: one option per line, the right ones starting with "*".
 * The domain turns the lines into options with ids and checks the rules (see quiz.ts).
 */
export const questionSchema = z.object({
  prompt: text(500),
  kind: z.enum(["single", "multiple"], "errors.choose"),
  options: z.string().trim().min(1, "errors.required").max(4000, "errors.too_long"),
});
export type QuestionInput = z.infer<typeof questionSchema>;

export const webinarSchema = z.object({
  title: text(160),
  description: z.string().trim().max(2000, "errors.too_long").default(""),
  speaker: text(120),
  startsLocal: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "errors.training.datetime"),
  timeZone: z.string().trim().refine(isTimeZone, "errors.training.time_zone"),
  durationMinutes: int(5, 600),
  joinUrl: httpsUrl,
  capacity: optionalInt(1, 100_000),
  targetRoles: roles,
  regions: z
    .string()
    .max(500, "errors.too_long")
    .default("")
    .transform((v) => [
      ...new Set(
        v
          .split(",")
          .map((r) => r.trim())
          .filter(Boolean),
      ),
    ]),
  points: int(0, 100_000),
});
export type WebinarInput = z.infer<typeof webinarSchema>;

export const recordingSchema = z.object({ recordingUrl: optionalUrl });
export const codeSchema = z.object({ code: z.string().trim().min(1, "errors.required").max(20, "errors.too_long") });
export const importSchema = z.object({ minMinutes: int(0, 600) });
