import { phoneField } from "~/domain/sms/forms";
import { z } from "zod";
import { PARTNER_KINDS, ROLES, TIERS } from "@db/schema/enums";

const text = (max: number) => z.string().trim().min(1, "errors.required").max(max, "errors.too_long");
const optionalUuid = z
  .string()
  .trim()
  .transform((v) => (v === "" ? null : v))
  .pipe(z.uuid("errors.invalid").nullable());

export const outletSchema = z.object({
  name: text(120),
  address: text(200),
  city: text(80),
  postalCode: z.string().trim().max(20, "errors.too_long").default(""),
  country: text(80),
});

export const organisationFields = {
  name: text(160),
  kind: z.enum(PARTNER_KINDS, "errors.choose"),
  region: text(80),
  tier: z.enum(TIERS, "errors.choose"),
  channelManagerId: optionalUuid,
};

export const inviteSchema = z
  .object({
    // Either or both (issue 20): a person reached by phone only is invited by text message.
    email: z.union([z.literal(""), z.string().trim().max(254, "errors.too_long").pipe(z.email("errors.email"))]).optional(),
    phone: phoneField.optional(),
    name: text(120),
    role: z.enum(ROLES, "errors.choose"),
  })
  .refine((v) => Boolean(v.email) || Boolean(v.phone), { message: "sms.errors.contact_required", path: ["email"] });
