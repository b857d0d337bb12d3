import { eq } from "drizzle-orm";
import type { Db, Queryable } from "@db/client";
import { programmeSettings, rewards } from "@db/schema";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { notFoundError, UserError } from "~/lib/errors";
import { isId } from "~/lib/ids";
import { currencyDigits, parseMoney } from "~/lib/money";
import { getSettings } from "../points/ledger.server";
import { type Fairness, fairness } from "./fairness";

/** What the fairness check needs from the programme: the point value and the margin. */
export type FairSettings = { pointValueMinor: number; currency: string; fairMarginPercent: number };

export async function fairSettings(db: Queryable): Promise<FairSettings> {
  const s = await getSettings(db);
  return { pointValueMinor: s.pointValueMinor, currency: s.currency, fairMarginPercent: s.fairMarginPercent };
}

export function fairnessOf(
  settings: FairSettings,
  reward: { pointsPrice: number; retailPriceMinor?: number | null; retailCurrency?: string | null },
): Fairness {
  return fairness({
    pointsPrice: reward.pointsPrice,
    pointValueMinor: settings.pointValueMinor,
    currency: settings.currency,
    retailPriceMinor: reward.retailPriceMinor ?? null,
    retailCurrency: reward.retailCurrency ?? null,
    marginPercent: settings.fairMarginPercent,
  });
}

/**
 * Sets (or, with an empty text, clears) a reward's stated retail price, typed in major units of
 * the programme's currency. Audited with before and after.
 */
export async function setRetailPrice(db: Db, actor: Actor, rewardId: string, text: string) {
  if (!isId(rewardId)) throw notFoundError();
  const { currency } = await fairSettings(db);
  const trimmed = text.trim();
  const minor = trimmed === "" ? null : (parseMoney(trimmed, currency) ?? null);
  // At most a million of the currency (a reward, not a car), and it fits an integer column.
  if (trimmed.length > 20 || (trimmed !== "" && (minor == null || minor <= 0 || minor > 1_000_000 * 10 ** currencyDigits(currency))))
    throw new UserError("fair.errors.retail_price", "retailPrice");
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ retailPriceMinor: rewards.retailPriceMinor, retailCurrency: rewards.retailCurrency })
      .from(rewards)
      .where(eq(rewards.id, rewardId))
      .for("update");
    if (!before) throw notFoundError();
    const after = { retailPriceMinor: minor, retailCurrency: minor == null ? null : currency };
    if (before.retailPriceMinor === after.retailPriceMinor && before.retailCurrency === after.retailCurrency) return after;
    await tx
      .update(rewards)
      .set({ ...after, updatedAt: new Date() })
      .where(eq(rewards.id, rewardId));
    await recordAudit(tx, {
      actor,
      action: "shop.reward_retail_price_set",
      entityType: "reward",
      entityId: rewardId,
      details: { before, after },
    });
    return after;
  });
}

/** Sets the programme-wide margin (0-1000 %) above retail price that is still called fair. */
export async function setFairMargin(db: Db, actor: Actor, percent: number) {
  if (!Number.isInteger(percent) || percent < 0 || percent > 1000) throw new UserError("fair.errors.margin", "margin");
  return db.transaction(async (tx) => {
    await getSettings(tx);
    const [current] = await tx
      .select({ fairMarginPercent: programmeSettings.fairMarginPercent })
      .from(programmeSettings)
      .where(eq(programmeSettings.id, 1))
      .for("update");
    if (current.fairMarginPercent === percent) return;
    await tx.update(programmeSettings).set({ fairMarginPercent: percent, updatedAt: new Date() }).where(eq(programmeSettings.id, 1));
    await recordAudit(tx, {
      actor,
      action: "programme.settings_updated",
      entityType: "programme_settings",
      entityId: "1",
      details: { before: { fairMarginPercent: current.fairMarginPercent }, after: { fairMarginPercent: percent } },
    });
  });
}
