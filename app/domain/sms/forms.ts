import { z } from "zod";
import { PHONE_MAX, toE164 } from "./phone";

/** An optional phone field: empty is null, anything else must be a valid number and becomes E.164. */
export const phoneField = z
  .string()
  .max(PHONE_MAX, "sms.errors.phone")
  .transform((text, ctx) => {
    if (!text.trim()) return null;
    const e164 = toE164(text);
    if (!e164) ctx.addIssue({ code: "custom", message: "sms.errors.phone" });
    return e164;
  });

export const requestCodeSchema = z.object({
  intent: z.literal("send"),
  phone: z
    .string()
    .max(PHONE_MAX, "sms.errors.phone")
    .transform((text, ctx) => {
      const e164 = toE164(text);
      if (!e164) ctx.addIssue({ code: "custom", message: "sms.errors.phone" });
      return e164 ?? "";
    }),
});

export const verifyCodeSchema = z.object({
  intent: z.literal("verify"),
  phone: requestCodeSchema.shape.phone,
  code: z
    .string()
    .trim()
    .transform((v) => v.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "sms.errors.code")),
  redirectTo: z.string().max(2000).optional(),
});
