import { eq } from "drizzle-orm";
import type { Db } from "@db/client";
import { programmeSettings } from "@db/schema";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import type { ProgrammeSettingsInput } from "./forms";
import { getSettings } from "./ledger.server";

export const SETTING_FIELDS = [
  "currency",
  "pointValueMinor",
  "expiryMonths",
  "welcomeBonus",
  "monthlyEarnCap",
  "expiryWarningDays",
  "claimWindowDays",
  "partnerManagerCheck",
] as const satisfies ReadonlyArray<keyof ProgrammeSettingsInput>;

type SettingValue = string | number | boolean | null;

/**
 * Saves the programme settings and writes what changed (before and after) to the audit log in
 * the same transaction. The row is locked first, so two admins saving at once are recorded one
 * after the other with the right "before". Saving without a change records nothing.
 */
export async function updateProgrammeSettings(db: Db, actor: Actor, input: ProgrammeSettingsInput) {
  return db.transaction(async (tx) => {
    await getSettings(tx);
    const [current] = await tx.select().from(programmeSettings).where(eq(programmeSettings.id, 1)).for("update");
    const before: Record<string, SettingValue> = {};
    const after: Record<string, SettingValue> = {};
    for (const field of SETTING_FIELDS) {
      if (current[field] !== input[field]) {
        before[field] = current[field];
        after[field] = input[field];
      }
    }
    const changed = Object.keys(after);
    if (!changed.length) return { changed };
    await tx
      .update(programmeSettings)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(programmeSettings.id, 1));
    await recordAudit(tx, {
      actor,
      action: "programme.settings_updated",
      entityType: "programme_settings",
      entityId: "1",
      details: { before, after },
    });
    return { changed };
  });
}
