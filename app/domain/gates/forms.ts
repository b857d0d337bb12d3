import { z } from "zod";
import { TIERS } from "@db/schema/enums";
import { GATED_SUBJECTS } from "@db/schema/gates";
import { idField } from "~/lib/ids";

// Messages are i18n keys (app/i18n/messages/gates.ts); parseForm turns them into field errors.

/** A points budget typed by a person ("10 000" allowed); empty removes the budget. */
export const budgetSchema = z.object({
  promotionId: idField,
  budget: z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? null : Number(v.trim().replace(/[\s,\u00a0]/g, ""))) : (v ?? null)),
    z
      .number({ error: "gates.errors.budget_number" })
      .int("gates.errors.budget_number")
      .min(1, "gates.errors.budget_range")
      .max(1_000_000_000, "gates.errors.budget_range")
      .nullable(),
  ),
});

/** A course required for a contest, a reward or a tier. */
export const requirementSchema = z
  .object({
    subjectType: z.enum(GATED_SUBJECTS, "errors.choose"),
    subjectId: z.string("errors.required").trim().min(1, "errors.required").max(64, "errors.too_long"),
    courseId: idField,
  })
  .superRefine((v, ctx) => {
    const ok = v.subjectType === "tier" ? (TIERS as readonly string[]).includes(v.subjectId) : idField.safeParse(v.subjectId).success;
    if (!ok) ctx.addIssue({ code: "custom", path: ["subjectId"], message: "errors.invalid" });
  });
export type RequirementInput = z.infer<typeof requirementSchema>;

/** A distributor and one dealer it reports sell-out data for. */
export const reporterSchema = z.object({ distributorId: idField, dealerId: idField });
