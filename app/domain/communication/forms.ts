import { z } from "zod";
import { DEFAULT_LOCALE, LOCALES, PARTNER_ROLES, TIERS, type Locale } from "@db/schema/enums";
import type { Segment } from "@db/schema/communication";
import { EMAIL_MODES } from "@db/schema/communication";
import { idField } from "~/lib/ids";
import { EMAIL_TOPICS } from "../notifications/topics";

/** Form schemas of the communication area; messages are i18n keys. */

const many = <T extends z.ZodType>(item: T, max: number) =>
  z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(max, "errors.too_long"));

const days = z.preprocess(
  (v) => (typeof v === "string" && v.trim() !== "" ? Number(v.trim()) : v === "" ? undefined : v),
  z.number("errors.invalid").int("errors.invalid").min(1, "communication.errors.days").max(3650, "communication.errors.days").optional(),
);

// The programme's default language is required; every other language is optional (readers of a
// language not written see the default), but a title without a body, or the reverse, is not.
const optionalText = (max: number) => z.string().trim().max(max, "errors.too_long").optional().default("");
const contentFields = Object.fromEntries(
  LOCALES.flatMap(
    (l): Array<[string, z.ZodType<string>]> =>
      l === DEFAULT_LOCALE
        ? [
            [`title_${l}`, z.string("errors.required").trim().min(1, "errors.required").max(150, "errors.too_long")],
            [`body_${l}`, z.string("errors.required").trim().min(1, "errors.required").max(20_000, "errors.too_long")],
          ]
        : [
            [`title_${l}`, optionalText(150)],
            [`body_${l}`, optionalText(20_000)],
          ],
  ),
) as Record<`title_${Locale}` | `body_${Locale}`, z.ZodType<string>>;

const portalPath = z
  .string()
  .trim()
  .max(300, "errors.too_long")
  // Inside the portal only ("/learn/courses/…"); never another site or a protocol-relative URL.
  .refine((v) => v === "" || (/^\/[^/\\]/.test(v) && !/\s/.test(v)), "communication.errors.link")
  .optional();

/** One announcement: a title and Markdown body in every programme language, an optional portal link, a segment. */
export const announcementSchema = z
  .object({
    ...contentFields,
    link: portalPath,
    // A course, contest or reward picked from the list (its portal address); it wins over a typed link.
    attach: portalPath,
    tiers: many(z.enum(TIERS, "errors.choose"), TIERS.length),
    regions: many(z.string().trim().min(1).max(80, "errors.too_long"), 200),
    organisationIds: many(idField, 500),
    roles: many(z.enum(PARTNER_ROLES, "errors.choose"), PARTNER_ROLES.length),
    hobbyIds: many(idField, 100),
    activeWithinDays: days,
    inactiveForDays: days,
  })
  .superRefine((v, ctx) => {
    for (const l of LOCALES) {
      const title = v[`title_${l}`];
      const body = v[`body_${l}`];
      if (title && !body) ctx.addIssue({ code: "custom", path: [`body_${l}`], message: "errors.required" });
      if (body && !title) ctx.addIssue({ code: "custom", path: [`title_${l}`], message: "errors.required" });
    }
  })
  .refine((v) => !v.attach || !v.link || v.attach === v.link, { message: "communication.errors.attach_or_link", path: ["link"] })
  .transform((v) => ({
    contents: LOCALES.filter((l) => v[`title_${l}`]).map((locale) => ({
      locale,
      title: v[`title_${locale}`],
      bodyMarkdown: v[`body_${locale}`],
    })),
    link: v.attach || v.link || null,
    segment: {
      tiers: [...new Set(v.tiers)],
      regions: [...new Set(v.regions)],
      organisationIds: [...new Set(v.organisationIds)],
      roles: [...new Set(v.roles)],
      hobbyIds: [...new Set(v.hobbyIds)],
      activeWithinDays: v.activeWithinDays ?? null,
      inactiveForDays: v.inactiveForDays ?? null,
    } satisfies Segment,
  })) satisfies z.ZodType<AnnouncementInput>;

export type AnnouncementInput = {
  contents: Array<{ locale: Locale; title: string; bodyMarkdown: string }>;
  link: string | null;
  segment: Segment;
};

/** "Send at" from a datetime-local field, read in the author's time zone. */
export const scheduleSchema = z.object({
  sendAt: z
    .string("errors.required")
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "communication.errors.send_at"),
});

/** The profile's email settings: a mode per topic and a time zone (checked against the runtime's list by the domain). */
export const emailSettingsSchema = z.object({
  ...Object.fromEntries(EMAIL_TOPICS.map((t) => [`mode_${t}`, z.enum(EMAIL_MODES, "errors.choose")])),
  // A ticked "Text message" box per topic (issue 20): sent as "on", absent when not ticked.
  ...Object.fromEntries(EMAIL_TOPICS.map((t) => [`sms_${t}`, z.preprocess((v) => v === "on", z.boolean())])),
  timeZone: z.string().trim().max(64, "errors.too_long").optional(),
}) as z.ZodType<Record<string, string | boolean | undefined>>;

/** A tip: its product category and its text in every programme language. */
export const tipSchema = z.object({
  category: z.string("errors.required").trim().min(1, "errors.required").max(40, "errors.too_long"),
  ...Object.fromEntries(
    LOCALES.map((l) => [
      `text_${l}`,
      l === DEFAULT_LOCALE ? z.string("errors.required").trim().min(1, "errors.required").max(300, "errors.too_long") : optionalText(300),
    ]),
  ),
}) as unknown as z.ZodType<{ category: string } & Record<`text_${Locale}`, string>>;
