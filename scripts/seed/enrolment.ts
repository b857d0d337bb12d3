import { ne } from "drizzle-orm";
import type { Db } from "../../db/client";
import { enrolmentSettings, organisations, programmeTerms } from "../../db/schema";
import { acceptForDemo, currentTerms } from "../../app/domain/enrolment/participation.server";

export const DEMO_REFERRAL_BONUS = 150;

const TERMS = `1. The partner's people earn points for approved sales claims, training and programme activities, as the programme's rules say on the day of the sale.
2. Points have no cash value, belong to the person who earned them and are spent in the reward shop.
3. The partner confirms that rewards to its people are allowed by its own policies and local law, and opts in only the roles that may receive them.
4. Claims must be true: the channel team may ask for proof, reject or reverse a claim, and take back the points it gave.
5. The manufacturer may change these terms; the partner's executive is asked to accept each new version.`;

/**
 * The first version of the participation terms, and every partner that exists when it is made
 * (the demo's; on a database from before issue 19, every partner, which keeps them earning)
 * accepts it with every role. Runs once, right after the foundation: demo partners added by later
 * seeds accept as they are made (acceptForDemo); partners created in the portal accept the terms
 * themselves. Referrals earn the demo bonus.
 */
export async function seedEnrolment(db: Db) {
  if (await currentTerms(db)) return;
  await db.insert(programmeTerms).values({ version: 1, title: "Volta Partner Programme: participation terms", body: TERMS });
  const partners = await db.select({ id: organisations.id }).from(organisations).where(ne(organisations.kind, "manufacturer"));
  for (const p of partners) await acceptForDemo(db, p.id);
  await db
    .insert(enrolmentSettings)
    .values({ id: 1, referralBonus: DEMO_REFERRAL_BONUS })
    .onConflictDoUpdate({ target: enrolmentSettings.id, set: { referralBonus: DEMO_REFERRAL_BONUS } });
}
