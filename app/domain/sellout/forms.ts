import { z } from "zod";
import { idField } from "~/lib/ids";

/** Forms of the sell-out page; messages are i18n keys. */

export const uploadSchema = z.object({
  /** The upload this file replaces, if any. */
  replaces: z.union([z.literal(""), idField]).optional(),
});

export const withdrawSchema = z.object({
  uploadId: idField,
  reason: z.string().trim().min(1, "sellout.errors.reason").max(500, "sellout.errors.reason"),
});

export const settingsSchema = z.object({
  autoApprove: z.enum(["on", "off"]),
});
