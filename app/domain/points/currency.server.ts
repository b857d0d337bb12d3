import { type Placeholder, type SQL, asc, eq, sql } from "drizzle-orm";
import type { Db, Queryable } from "@db/client";
import { countryPointValues, organisations, programmeSettings } from "@db/schema";
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
  const [row] = await db
    .select({ v: pointValueJson(organisationId) })
    .from(programmeSettings)
    .where(eq(programmeSettings.id, 1));
  const value = typeof row?.v === "string" ? (JSON.parse(row.v) as PointValue) : row?.v;
  if (value) return value;
  // No settings row yet (a new database): getSettings makes it.
  const settings = await getSettings(db);
  return { currency: settings.currency, minorPerPoint: settings.pointValueMinor, country: null };
}

/**
 * pointValueFor as a column of another statement (the points page is held to 5 statements,
 * docs/performance.md): a JSON PointValue, or null before the programme's settings row exists.
 */
export function pointValueJson(organisationId: string | null | Placeholder): SQL<PointValue | string | null> {
  return sql<PointValue | string | null>`(select json_build_object(
      'currency', coalesce(cpv.currency, ps.currency),
      'minorPerPoint', coalesce(cpv.point_value_minor, ps.point_value_minor),
      'country', case when cpv.currency is not null then org.country end)
    from ${programmeSettings} ps
    left join ${organisations} org on org.id = ${organisationId}
    left join ${countryPointValues} cpv on cpv.country = org.country
    where ps.id = 1)`;
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
