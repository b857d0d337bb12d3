import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { acceptForDemo } from "../../app/domain/enrolment/participation.server";
import { pointValueFor } from "../../app/domain/points/currency.server";
import { creditPoints, getBalance, getSettings } from "../../app/domain/points/ledger.server";
import { createFormatter } from "../../app/i18n/format";
import { getDb } from "../../db/client";
import { auditLog, countryPointValues, organisations } from "../../db/schema";
import { usePortal } from "../support/fixtures";
import { freshPerson } from "../support/people";

/**
 * Currency and point value per country (issue 18): an admin lists a country's currency and point
 * value on /admin/programme (audited); a partner in that country sees its points' worth in that
 * money on /points; everyone else keeps the programme's. Each test makes its own partners; only
 * the worth line on /points of other LT partners changes (no other test reads it).
 */
const db = await getDb();
const portal = usePortal({ people: { admin: "admin@volta.example", finance: "finance@volta.example" } });
const { as } = portal;

function text(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/<!-- -->/g, "")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}
function worthOf(html: string): string | null {
  const m = html.match(/data-testid="balance-worth"[^>]*>([\s\S]*?)<\/p>/);
  return m ? text(m[1]).trim() : null;
}

/** A partner of this test's own in `country`, with one salesperson holding `points`. */
async function partnerIn(country: string | null, points = 0) {
  const [org] = await db
    .insert(organisations)
    .values({ name: `Currency test ${country ?? "none"} ${randomUUID().slice(0, 8)}`, kind: "dealer", country })
    .returning();
  await acceptForDemo(db, org.id);
  const person = await freshPerson({ org: org.name, tag: "currency" });
  if (points)
    await db.transaction((tx) =>
      creditPoints(tx, {
        userId: person.id,
        organisationId: org.id,
        kind: "earn",
        sourceType: "claim",
        sourceId: `currency-${person.id}`,
        amount: points,
        descriptionKey: "ledger.desc.test",
      }),
    );
  return { org, person, visitor: await portal.signedIn(person.email) };
}

describe("point value per country", () => {
  it("falls back to the programme's currency and value without a country, or without a row for it", async () => {
    const programme = await getSettings(db);
    const fallback = { currency: programme.currency, minorPerPoint: programme.pointValueMinor, country: null };
    const none = await partnerIn(null);
    expect(await pointValueFor(db, none.org.id)).toEqual(fallback);
    // Nauru has no row (and no test gives it one).
    const unlisted = await partnerIn("NR");
    expect(await pointValueFor(db, unlisted.org.id)).toEqual(fallback);
    expect(await pointValueFor(db, null)).toEqual(fallback);
    expect(await pointValueFor(db, randomUUID())).toEqual(fallback);
  });

  it("shows an Indian partner's person rupees and a Lithuanian partner's person euros, set on the programme page", async () => {
    const india = await partnerIn("IN", 250);
    const lithuania = await partnerIn("LT", 250);

    const saved = await as.admin.post("/admin/programme", {
      intent: "country.save",
      country: "in",
      countryCurrency: "inr",
      countryPointValue: "1.50",
    });
    expect(saved.status).toBe(200);
    const page = text(await saved.text());
    expect(page).toContain("Country value saved.");
    expect(page).toContain("India (IN) · INR, 1 point = ₹1.50");
    expect(
      (
        await as.admin.post("/admin/programme", {
          intent: "country.save",
          country: "LT",
          countryCurrency: "EUR",
          countryPointValue: "0.02",
        })
      ).status,
    ).toBe(200);

    expect(await pointValueFor(db, india.org.id)).toEqual({ currency: "INR", minorPerPoint: 150, country: "IN" });
    const indianPage = await (await india.visitor.get("/points")).text();
    // 250 points credited plus the welcome bonus of the first sign-in: the balance times ₹1.50.
    const money = createFormatter("en").money;
    expect(worthOf(indianPage)).toBe(`Worth ${money((await getBalance(db, india.person.id)) * 150, "INR")} · 1 point = ₹1.50`);
    expect(worthOf(indianPage)).toMatch(/^Worth ₹[\d,]+\.\d\d · /);
    const lithuanianPage = await (await lithuania.visitor.get("/points")).text();
    expect(worthOf(lithuanianPage)).toBe(`Worth ${money((await getBalance(db, lithuania.person.id)) * 2, "EUR")} · 1 point = €0.02`);

    // Both saves are in the audit log with what changed.
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "currency.country_saved"), eq(auditLog.entityId, "IN")))
      .orderBy(desc(auditLog.createdAt))
      .limit(1);
    expect(audit.details).toMatchObject({ after: { currency: "INR", pointValueMinor: 150 } });

    // Removing India: its partner is back on the programme's value, and that is audited too.
    const removed = await as.admin.post("/admin/programme", { intent: "country.remove", country: "IN" });
    expect(removed.status).toBe(200);
    expect(text(await removed.text())).toContain("Country removed");
    expect((await pointValueFor(db, india.org.id)).country).toBeNull();
    expect(worthOf(await (await india.visitor.get("/points")).text())).not.toContain("₹");
    const [gone] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "currency.country_removed"), eq(auditLog.entityId, "IN")))
      .limit(1);
    expect(gone.details).toMatchObject({ before: { currency: "INR", pointValueMinor: 150 } });
  });

  it("refuses unknown codes with clear messages that keep what was typed, and lets only an admin change rows", async () => {
    const res = await as.admin.post("/admin/programme", {
      intent: "country.save",
      country: "QQ",
      countryCurrency: "XYZ",
      countryPointValue: "12abc",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    const page = text(html);
    expect(page).toContain("Enter a two-letter country code, e.g. LT.");
    expect(page).toContain("Enter a three-letter currency code, e.g. EUR.");
    expect(page).toContain("Enter an amount from 0 to 1000");
    expect(html).toMatch(/name="countryCurrency"[^>]*value="XYZ"|value="XYZ"[^>]*name="countryCurrency"/);
    expect(await db.select().from(countryPointValues).where(eq(countryPointValues.country, "QQ"))).toHaveLength(0);

    // Very long input is refused, not a 500.
    const long = await as.admin.post("/admin/programme", {
      intent: "country.save",
      country: "N".repeat(5000),
      countryCurrency: "E".repeat(5000),
      countryPointValue: "9".repeat(5000),
    });
    expect(long.status).toBe(400);

    // Finance sees the programme page but may not change a country's value.
    const finance = await as.finance.post("/admin/programme", {
      intent: "country.save",
      country: "NZ",
      countryCurrency: "NZD",
      countryPointValue: "1",
    });
    expect(finance.status).toBe(403);
    expect(await db.select().from(countryPointValues).where(eq(countryPointValues.country, "NZ"))).toHaveLength(0);
    expect(text(await (await as.finance.get("/admin/programme")).text())).toContain("Currency and point value per country");
  });
});
