import type { Db } from "@db/client";
import type { OrgKind } from "@db/schema/enums";
import { creditPoints, getSettings } from "./ledger.server";

/**
 * The welcome bonus, credited on a participant's first sign-in. Only partner people take part
 * in the programme; the unique ledger key makes every later sign-in a no-op.
 */
export async function grantWelcomeBonus(db: Db, user: { id: string; organisationId: string; organisationKind: OrgKind }) {
  if (user.organisationKind === "manufacturer") return;
  const settings = await getSettings(db);
  if (settings.welcomeBonus <= 0) return;
  await db.transaction((tx) =>
    creditPoints(tx, {
      userId: user.id,
      organisationId: user.organisationId,
      kind: "earn",
      sourceType: "welcome",
      sourceId: "welcome",
      amount: settings.welcomeBonus,
      descriptionKey: "ledger.desc.welcome",
    }),
  );
}
