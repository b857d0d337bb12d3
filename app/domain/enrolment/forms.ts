import { z } from "zod";
import { PARTNER_ROLES } from "@db/schema/enums";
import { phoneField } from "~/domain/sms/forms";
import { idField } from "~/lib/ids";
import { normaliseJoinCode } from "./rules";

const text = (max: number) => z.string().trim().min(1, "errors.required").max(max, "errors.too_long");
const emailField = z.union([z.literal(""), z.string().trim().max(254, "errors.too_long").pipe(z.email("errors.email"))]).optional();
const contact = { email: emailField, phone: phoneField.optional() };
const needsContact = { message: "sms.errors.contact_required", path: ["email"] };

/** The join code as typed: spaces, dashes and case do not matter. */
export const joinCodeSchema = z.object({
  intent: z.literal("code"),
  code: z
    .string()
    .max(40, "enrol.errors.code")
    .transform((v, ctx) => {
      const code = normaliseJoinCode(v);
      if (!code) ctx.addIssue({ code: "custom", message: "enrol.errors.code" });
      return code ?? "";
    }),
});

/** A request to join one partner, from a person without an account. */
export const requestSchema = z
  .object({
    name: text(120),
    ...contact,
    role: z.enum(PARTNER_ROLES, "errors.choose"),
    outletId: z
      .string()
      .trim()
      .default("")
      .transform((v) => (v === "" ? null : v))
      .pipe(idField.nullable()),
  })
  .refine((v) => Boolean(v.email) || Boolean(v.phone), needsContact);

export const decideSchema = z.object({
  requestId: idField,
  note: z.string().trim().max(500, "errors.too_long").default(""),
});

export const termsSchema = z.object({
  version: z.coerce.number("errors.invalid").int("errors.invalid").min(1, "errors.invalid").max(1_000_000, "errors.invalid"),
  roles: z.array(z.enum(PARTNER_ROLES, "errors.choose")).max(PARTNER_ROLES.length).min(1, "enrol.errors.roles_required"),
  agree: z.literal("on", "enrol.errors.agree"),
});

export const referralSchema = z
  .object({
    name: text(120),
    ...contact,
  })
  .refine((v) => Boolean(v.email) || Boolean(v.phone), needsContact);

export const publishTermsSchema = z.object({ title: text(160), body: text(20_000) });
export const referralBonusSchema = z.object({
  points: z.coerce.number("errors.invalid").int("errors.invalid").min(0, "errors.invalid").max(1_000_000, "errors.invalid"),
});
