import { z } from "zod";
import { PARTNER_ROLES, TIERS } from "@db/schema/enums";
import { EMAIL_MODES, type EmailMode } from "@db/schema/communication";
import { isIsoDay } from "~/lib/dates";
import { EMAIL_TOPICS, type EmailTopic } from "../notifications/topics";

/** Form schemas of surveys and reward suggestions; messages are i18n keys. */

const text = (max: number) => z.string("errors.required").trim().min(1, "errors.required").max(max, "errors.too_long");
const optionalText = (max: number) =>
  z.preprocess((v) => (v === undefined || v === null ? "" : v), z.string().trim().max(max, "errors.too_long"));
const day = z.string("errors.required").trim().min(1, "errors.required").refine(isIsoDay, "surveys.errors.date");
const many = <T extends z.ZodType>(item: T, max: number) =>
  z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(max, "errors.too_long"));

/** A survey: the builder's text, who is asked (roles and tiers; none ticked = every participant), when, and the points. */
export const surveySchema = z
  .object({
    title: text(120),
    intro: optionalText(2000),
    questionnaire: z.string("errors.required").max(40_000, "errors.too_long"),
    opensOn: day,
    closesOn: day,
    points: z.preprocess(
      (v) => (typeof v === "string" && v.trim() !== "" ? Number(v.trim()) : v === "" || v === undefined ? 0 : v),
      z.number("errors.invalid").int("surveys.errors.points").min(0, "surveys.errors.points").max(100_000, "surveys.errors.points"),
    ),
    roles: many(z.enum(PARTNER_ROLES, "errors.choose"), PARTNER_ROLES.length),
    tiers: many(z.enum(TIERS, "errors.choose"), TIERS.length),
  })
  .superRefine((v, ctx) => {
    if (isIsoDay(v.opensOn) && isIsoDay(v.closesOn) && v.closesOn < v.opensOn)
      ctx.addIssue({ code: "custom", path: ["closesOn"], message: "surveys.errors.closes_before_opens" });
  });

/** A web address a person typed: http(s) only, so the manager's list never links a script. */
const webLink = z
  .string()
  .trim()
  .max(500, "errors.too_long")
  .refine((v) => v === "" || /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(v), "surveys.errors.link");

export const suggestionSchema = z.object({
  name: text(120),
  link: z.preprocess((v) => (v === undefined || v === null ? "" : v), webLink),
  reason: text(1000),
});
