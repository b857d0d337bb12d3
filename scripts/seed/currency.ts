import { eq, isNull, and } from "drizzle-orm";
import type { Db } from "../../db/client";
import { countryPointValues, organisations } from "../../db/schema";

/** Each demo partner's country (ISO 3166-1 alpha-2), by name; partners already given one keep it. */
const COUNTRIES: Record<string, string> = {
  "Baltic Tools Distribution": "LT",
  "Northfield Building Supplies": "GB",
  "ProInstall Climate Services": "GB",
  "Ural Instrument": "RU",
  "HomeFix Retail": "LT",
  "Nordic Tool Centre": "SE",
  "Alpine Werkzeug": "AT",
  "Kauno įrankiai": "LT",
  "Mumbai Power Tools": "IN",
  "Manila Hardware Supply": "PH",
};

/**
 * Partners' countries always (they change nothing until a country has its own value); for the demo,
 * India and the Philippines see points in rupees and pesos (issue 18). Idempotent.
 */
export async function seedCurrency(db: Db, opts: { activity: boolean }) {
  for (const [name, country] of Object.entries(COUNTRIES)) {
    await db
      .update(organisations)
      .set({ country })
      .where(and(eq(organisations.name, name), isNull(organisations.country)));
  }
  if (!opts.activity) return;
  await db
    .insert(countryPointValues)
    .values([
      { country: "IN", currency: "INR", pointValueMinor: 100 },
      { country: "PH", currency: "PHP", pointValueMinor: 60 },
    ])
    .onConflictDoNothing();
}
