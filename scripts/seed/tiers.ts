import type { Db } from "../../db/client";
import { tierSettings, tierThresholds } from "../../db/schema";

/**
 * Demo tier rules (issue 14): approved sales over the trailing 12 months, reviewed monthly, 60
 * days of grace before a downgrade; Gold and Platinum also ask for certified people. Amounts in
 * euro cents. Idempotent: rules the channel team changed stay as they are.
 */
export async function seedTiers(db: Db) {
  await db.insert(tierSettings).values({ id: 1, basis: "sales", cadence: "monthly", graceDays: 60 }).onConflictDoNothing();
  await db
    .insert(tierThresholds)
    .values([
      { tier: "silver", minVolume: 1_000_000, minCertified: 0 },
      { tier: "gold", minVolume: 5_000_000, minCertified: 1 },
      { tier: "platinum", minVolume: 15_000_000, minCertified: 2 },
    ])
    .onConflictDoNothing();
}
