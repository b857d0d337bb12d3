import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { expiryFor, listEarningExpiry, saveEarningExpiry } from "../../app/domain/points/earning-expiry.server";
import { creditPoints, expireDuePoints, getBalance } from "../../app/domain/points/ledger.server";
import { getDb } from "../../db/client";
import { auditLog, ledgerEntries } from "../../db/schema";
import { seedDemo } from "../../scripts/seed/index";
import { freshPerson } from "../support/people";
import { actorFor } from "../support/portal";

/**
 * Expiry per earning source (issue 19), on PostgreSQL: the ledger gives each lot the expiry of its
 * source (earning_expiry), "never" means no expiry at all, and the expiry job then takes the
 * sale's points after 12 months while the training's stay.
 */
const db = await getDb();
const MONTH_MS = 30 * 86_400_000;

beforeAll(async () => {
  await seedDemo(db);
});

async function credit(userId: string, organisationId: string, sourceType: string, sourceId: string, amount: number) {
  return db.transaction((tx) =>
    creditPoints(tx, { userId, organisationId, kind: "earn", sourceType, sourceId, amount, descriptionKey: "ledger.desc.test" }),
  );
}
async function lotOf(entryId: number | null) {
  const [row] = await db.select().from(ledgerEntries).where(eq(ledgerEntries.id, entryId!));
  return row;
}
function monthsFromNow(date: Date | null) {
  if (!date) return null;
  const now = new Date();
  return (date.getUTCFullYear() - now.getUTCFullYear()) * 12 + (date.getUTCMonth() - now.getUTCMonth());
}

describe("expiry per earning source", () => {
  it("gives a training credit no expiry and a sale credit 12 months, and the job expires only the sale", async () => {
    const admin = await actorFor("admin@volta.example");
    const saved = await saveEarningExpiry(db, admin, [
      { source: "course", rule: "never" },
      { source: "claim", rule: "months", months: 12 },
    ]);
    expect(saved.changed.sort()).toEqual(["claim", "course"]);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "programme.expiry_changed")));
    expect(audit.details).toEqual({ course: { from: "default", to: "never" }, claim: { from: "default", to: "12" } });

    const p = await freshPerson({ tag: "expiry-source" });
    const training = await lotOf((await credit(p.id, p.organisationId, "course", `course-${p.id}`, 40)).entryId);
    const sale = await lotOf((await credit(p.id, p.organisationId, "claim", `claim-${p.id}`, 100)).entryId);
    expect(training.expiresAt).toBeNull();
    expect(monthsFromNow(sale.expiresAt)).toBe(12);

    // 11 months on nothing is due; 13 months on the sale's 100 points expire, the training's 40 stay.
    await expireDuePoints(db, new Date(Date.now() + 11 * MONTH_MS));
    expect(await getBalance(db, p.id)).toBe(140);
    await expireDuePoints(db, new Date(Date.now() + 13 * MONTH_MS));
    expect(await getBalance(db, p.id)).toBe(40);
    // Decades later, the training credit is still there.
    await expireDuePoints(db, new Date(Date.now() + 600 * MONTH_MS));
    expect(await getBalance(db, p.id)).toBe(40);
  });

  it("falls back to the row for every source, then to the programme's months; saving the same again changes nothing", async () => {
    const admin = await actorFor("admin@volta.example");
    // No row for webinars: the programme's 24 months (the seed's setting).
    expect(monthsFromNow(await expiryFor(db, "webinar", 24))).toBe(24);
    await saveEarningExpiry(db, admin, [{ source: "*", rule: "months", months: 6 }]);
    expect(monthsFromNow(await expiryFor(db, "webinar", 24))).toBe(6);
    // "Never expires" for everything: the switch for the whole programme.
    await saveEarningExpiry(db, admin, [{ source: "*", rule: "never" }]);
    expect(await expiryFor(db, "webinar", 24)).toBeNull();
    // A source's own row still wins over "*".
    expect(monthsFromNow(await expiryFor(db, "claim", 24))).toBe(12);
    expect((await saveEarningExpiry(db, admin, [{ source: "*", rule: "never" }])).changed).toEqual([]);
    const choices = await listEarningExpiry(db);
    expect(choices.find((c) => c.source === "*")).toEqual({ source: "*", rule: "never" });
    expect(choices.find((c) => c.source === "welcome")).toEqual({ source: "welcome", rule: "default" });
    await saveEarningExpiry(db, admin, [{ source: "*", rule: "default" }]);
    expect(monthsFromNow(await expiryFor(db, "webinar", 24))).toBe(24);
  });
});
