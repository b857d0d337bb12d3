import { asc, eq } from "drizzle-orm";
import type { Db, Queryable } from "@db/client";
import { countryPointValues, organisations } from "@db/schema";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import type { CountryValueInput } from "./currency-forms";
import { getSettings } from "./ledger.server";

export type PointValue = { currency: string; minorPerPoint: number; country: string | null };

/**
 * What one point is worth to the people of an organisation (issue 18): its country's currency and
 * value when the programme has a row for that country, otherwise the programme's own. The one
 * place a point's money value shown to a person comes from.
 */
export async function pointValueFor(db: Queryable, organisationId: string | null): Promise<PointValue> {
  if (organisationId) {
    const [row] = await db
      .select({ country: organisations.country, currency: countryPointValues.currency, minor: countryPointValues.pointValueMinor })
      .from(organisations)
      .leftJoin(countryPointValues, eq(countryPointValues.country, organisations.country))
      .where(eq(organisations.id, organisationId))
      .limit(1);
    if (row?.currency != null && row.minor != null) return { currency: row.currency, minorPerPoint: row.minor, country: row.country };
  }
  const settings = await getSettings(db);
  return { currency: settings.currency, minorPerPoint: settings.pointValueMinor, country: null };
}

export async function listCountryValues(db: Queryable) {
  return db.select().from(countryPointValues).orderBy(asc(countryPointValues.country));
}

/** Adds or changes a country's row, audited with before and after; an unchanged save records nothing. */
export async function saveCountryValue(db: Db, actor: Actor, input: CountryValueInput) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(countryPointValues).where(eq(countryPointValues.country, input.country)).for("update");
    if (before && before.currency === input.currency && before.pointValueMinor === input.pointValueMinor) return { changed: false };
    await tx
      .insert(countryPointValues)
      .values({ ...input, updatedAt: new Date() })
      .onConflictDoUpdate({
        target: countryPointValues.country,
        set: { currency: input.currency, pointValueMinor: input.pointValueMinor, updatedAt: new Date() },
      });
    await recordAudit(tx, {
      actor,
      action: "currency.country_saved",
      entityType: "country_point_value",
      entityId: input.country,
      details: {
        before: before ? { currency: before.currency, pointValueMinor: before.pointValueMinor } : null,
        after: { currency: input.currency, pointValueMinor: input.pointValueMinor },
      },
    });
    return { changed: true };
  });
}

/** Removes a country's row (its partners fall back to the programme's value), audited. */
export async function removeCountryValue(db: Db, actor: Actor, country: string) {
  return db.transaction(async (tx) => {
    const [gone] = await tx.delete(countryPointValues).where(eq(countryPointValues.country, country)).returning();
    if (!gone) return { removed: false };
    await recordAudit(tx, {
      actor,
      action: "currency.country_removed",
      entityType: "country_point_value",
      entityId: country,
      details: { before: { currency: gone.currency, pointValueMinor: gone.pointValueMinor } },
    });
    return { removed: true };
  });
}
