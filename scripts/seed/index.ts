import { asc, eq, ne } from "drizzle-orm";
import type { Db } from "../../db/client";
import { organisations, users } from "../../db/schema";
import { countApprovedClaims } from "../../app/domain/claims/review.server";
import { seedClaims } from "./claims";
import { seedContests } from "./contests";
import { seedCostshare } from "./costshare";
import { DEMO_PASSWORD, seedFoundation } from "./foundation";
import { seedLedger } from "./ledger";
import { seedMystery } from "./mystery";
import { seedShop } from "./shop";
import { seedTraining } from "./training";
import { seedTiers } from "./tiers";
import { seedContentTranslations, seedMarkets } from "./languages";
import { seedEvents } from "./events";
import { seedProgrammeTranslations } from "./content-languages";
import { seedEnrolment } from "./enrolment";
import { seedCurrency } from "./currency";

export { DEMO_PASSWORD };

/**
 * Builds the demo programme on an empty database; running it again changes nothing.
 * `activity` adds demo balances and orders for people trying the portal; tests leave it off so
 * their numbers do not depend on demo data.
 */
export async function seedDemo(db: Db, opts: { activity?: boolean } = {}): Promise<{ created: boolean }> {
  const logins = await seedFoundation(db);
  // The first participation terms, accepted for every demo partner so their people can claim (issue 19).
  await seedEnrolment(db);
  await seedLedger(db, { activity: opts.activity });
  await seedClaims(db, { activity: opts.activity });
  await seedShop(db, { activity: opts.activity });
  await seedTraining(db, { activity: opts.activity });
  await seedEvents(db);
  await seedCostshare(db, { activity: opts.activity });
  await seedMystery(db);
  await seedTiers(db);
  // Every market's language: translated categories and rewards always; the markets' partners for the demo.
  await seedContentTranslations(db);
  await seedProgrammeTranslations(db, { activity: opts.activity });
  if (opts.activity) await seedMarkets(db);
  await seedCurrency(db, { activity: !!opts.activity });
  // Demo contests are scored from the demo's approved claims, as approval would have.
  if (opts.activity) await seedContests(db, (_contestId, at) => countApprovedClaims(db, at));
  return { created: logins.length > 0 };
}

/** One login per role and organisation, for the start-up banner and the README. */
export async function demoLogins(db: Db) {
  const rows = await db
    .select({ email: users.email, role: users.role, organisation: organisations.name, kind: organisations.kind })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(ne(users.status, "deactivated"))
    .orderBy(asc(organisations.createdAt), asc(users.createdAt));
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = `${r.kind === "manufacturer" ? "m" : r.organisation}:${r.role}`;
    if (seen.has(key) || !r.email?.endsWith(".example")) return false;
    seen.add(key);
    return true;
  });
}
