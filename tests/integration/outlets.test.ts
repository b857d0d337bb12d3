import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { addOutlet } from "../../app/domain/organisations/organisations.server";
import { assignOutlet } from "../../app/domain/people/outlets.server";
import { creditPoints } from "../../app/domain/points/ledger.server";
import { UserError, sqlState } from "../../app/lib/errors";
import { getDb } from "../../db/client";
import { auditLog, claims, ledgerEntries, organisations, outlets, users } from "../../db/schema";
import { claimForm, daysAgo, submitNew, textOf } from "../support/claims";
import { usePortal } from "../support/fixtures";
import { freshPerson } from "../support/people";
import { actorFor } from "../support/portal";

/**
 * Outlets on people and claims (issue 19): an executive or manager sets where a person works, the
 * database keeps it within the person's own partner, a claim records the outlet of the sale, and
 * the executive's report counts points and sales per outlet (page and CSV).
 */
const db = await getDb();
const portal = usePortal({
  people: {
    ona: "ona@baltictools.example", // executive, Baltic Tools
    lukas: "lukas@baltictools.example", // manager, Baltic Tools
    marta: "marta@baltictools.example", // salesperson, Baltic Tools
    emma: "emma@northfield.example", // executive, Northfield
  },
});
const { as } = portal;

async function orgId(name: string) {
  const [o] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, name));
  return o.id;
}
async function outletId(name: string) {
  const [o] = await db.select({ id: outlets.id }).from(outlets).where(eq(outlets.name, name));
  return o.id;
}
async function outletOf(userId: string) {
  const [u] = await db.select({ outletId: users.outletId }).from(users).where(eq(users.id, userId));
  return u.outletId;
}
/** A new outlet of its own for one test, so its report row holds only what the test put there. */
async function newOutlet(org: string, tag: string) {
  const admin = await actorFor("admin@volta.example");
  return addOutlet(db, admin, await orgId(org), {
    name: `${tag} ${randomUUID().slice(0, 6)}`,
    address: "Test g. 1",
    city: "Vilnius",
    postalCode: "01100",
    country: "Lithuania",
  });
}

describe("a person's outlet on the team page", () => {
  it("is set by the executive, shown selected, and recorded in the audit log", async () => {
    const baltic = await orgId("Baltic Tools Distribution");
    const person = await freshPerson({ org: "Baltic Tools Distribution", tag: "outlet-exec" });
    const riga = await outletId("Riga trade counter");

    const before = textOf(await (await as.ona.get(`/organisations/${baltic}`)).text());
    expect(before).toContain("Outlet");
    const res = await as.ona.post(`/organisations/${baltic}`, { intent: "set_outlet", userId: person.id, outletId: riga });
    expect(res.status).toBe(200);
    expect(textOf(await res.text())).toContain("Outlet saved.");
    expect(await outletOf(person.id)).toBe(riga);

    const html = await (await as.ona.get(`/organisations/${baltic}`)).text();
    const select = html.match(new RegExp(`<select[^>]*id="outlet-${person.id}"[\\s\\S]*?</select>`))?.[0] ?? "";
    expect(select).toMatch(new RegExp(`<option value="${riga}" selected=""`));

    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.outlet_changed"), eq(auditLog.entityId, person.id)));
    expect(audit.details).toEqual({ from: null, to: riga });

    // Clearing it: "No outlet".
    await as.ona.post(`/organisations/${baltic}`, { intent: "set_outlet", userId: person.id, outletId: "" });
    expect(await outletOf(person.id)).toBeNull();
  });

  it("is set by a manager too, but not by a salesperson", async () => {
    const baltic = await orgId("Baltic Tools Distribution");
    const person = await freshPerson({ org: "Baltic Tools Distribution", tag: "outlet-mgr" });
    const vilnius = await outletId("Vilnius warehouse");
    expect((await as.lukas.post(`/organisations/${baltic}`, { intent: "set_outlet", userId: person.id, outletId: vilnius })).status).toBe(
      200,
    );
    expect(await outletOf(person.id)).toBe(vilnius);
    expect((await as.marta.post(`/organisations/${baltic}`, { intent: "set_outlet", userId: person.id, outletId: "" })).status).toBe(403);
    expect(await outletOf(person.id)).toBe(vilnius);
  });

  it("refuses another partner's outlet with a message, and another partner's person as not found", async () => {
    const baltic = await orgId("Baltic Tools Distribution");
    const person = await freshPerson({ org: "Baltic Tools Distribution", tag: "outlet-foreign" });
    const leeds = await outletId("Leeds branch");
    const res = await as.ona.post(`/organisations/${baltic}`, { intent: "set_outlet", userId: person.id, outletId: leeds });
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain("Choose one of your partner's outlets.");
    expect(await outletOf(person.id)).toBeNull();

    // Not an id at all: the same message, never a 500.
    const junk = await as.ona.post(`/organisations/${baltic}`, {
      intent: "set_outlet",
      userId: person.id,
      outletId: "x'; drop table users",
    });
    expect(junk.status).toBe(400);

    // Emma (Northfield) cannot reach Baltic's person, even through her own organisation's page.
    const northfield = await orgId("Northfield Building Supplies");
    const foreign = await as.emma.post(`/organisations/${northfield}`, { intent: "set_outlet", userId: person.id, outletId: leeds });
    expect(foreign.status).toBe(404);
    expect(await outletOf(person.id)).toBeNull();
  });

  it("is kept within the person's own partner by the database itself", async () => {
    const person = await freshPerson({ org: "Baltic Tools Distribution", tag: "outlet-db" });
    const leeds = await outletId("Leeds branch");
    const error = await db
      .update(users)
      .set({ outletId: leeds })
      .where(eq(users.id, person.id))
      .then(() => null)
      .catch((e: unknown) => e);
    expect(sqlState(error)).toBe("23503");
    // The function the enrolment flow calls says the same in words.
    await expect(db.transaction((tx) => assignOutlet(tx, person.id, leeds))).rejects.toBeInstanceOf(UserError);
    const riga = await outletId("Riga trade counter");
    await expect(db.transaction((tx) => assignOutlet(tx, person.id, riga))).resolves.toEqual({ previous: null });
    expect(await outletOf(person.id)).toBe(riga);
  });
});

describe("the outlet of a sale on a claim", () => {
  it("defaults to the claimant's outlet, can be another of the partner's, and refuses another partner's", async () => {
    const person = await freshPerson({ org: "Baltic Tools Distribution", tag: "outlet-claim" });
    const riga = await outletId("Riga trade counter");
    const vilnius = await outletId("Vilnius warehouse");
    await db.transaction((tx) => assignOutlet(tx, person.id, riga));
    const v = await portal.signedIn(person.email);

    // The form offers the partner's outlets with the person's own chosen.
    const form = await (await v.get("/claims/new")).text();
    expect(form).toContain('name="outletId"');
    expect(form).toContain("Riga trade counter, Riga");
    expect(form).not.toContain("Leeds branch");

    const own = await submitNew(
      v,
      claimForm({ invoice: `OUT-${randomUUID().slice(0, 6)}`, date: daysAgo(2), lines: [{ sku: "VT-BIT32", qty: 1 }] }),
    );
    const [a] = await db.select({ outletId: claims.outletId }).from(claims).where(eq(claims.id, own));
    expect(a.outletId).toBe(riga);
    expect(textOf(await (await v.get(`/claims/${own}`)).text())).toContain("Outlet of the sale: Riga trade counter");

    const chosen = claimForm({ invoice: `OUT-${randomUUID().slice(0, 6)}`, date: daysAgo(2), lines: [{ sku: "VT-BIT32", qty: 1 }] });
    chosen.set("outletId", vilnius);
    const other = await submitNew(v, chosen);
    const [b] = await db.select({ outletId: claims.outletId }).from(claims).where(eq(claims.id, other));
    expect(b.outletId).toBe(vilnius);

    const foreign = claimForm({ invoice: `OUT-${randomUUID().slice(0, 6)}`, date: daysAgo(2), lines: [{ sku: "VT-BIT32", qty: 1 }] });
    foreign.set("outletId", await outletId("Leeds branch"));
    const refused = await v.post("/claims/new", foreign);
    expect(refused.status).toBe(400);
    const text = textOf(await refused.text());
    expect(text).toContain("Choose one of your partner's outlets.");
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(claims).where(eq(claims.userId, person.id));
    expect(n).toBe(2);
  });
});

describe("points and sales per outlet in the executive's report", () => {
  it("counts the outlet's people's points and its claims' units, on the page and in the CSV", async () => {
    const outlet = await newOutlet("Baltic Tools Distribution", "Report outlet");
    const person = await freshPerson({ org: "Baltic Tools Distribution", tag: "outlet-report" });
    await db.transaction((tx) => assignOutlet(tx, person.id, outlet.id));
    await db.transaction((tx) =>
      creditPoints(tx, {
        userId: person.id,
        organisationId: person.organisationId,
        kind: "earn",
        sourceType: "test",
        sourceId: `outlet-report-${person.id}`,
        amount: 70,
        descriptionKey: "ledger.desc.test",
      }),
    );
    const v = await portal.signedIn(person.email);
    await submitNew(v, claimForm({ invoice: `REP-${randomUUID().slice(0, 6)}`, date: daysAgo(0), lines: [{ sku: "VT-BIT32", qty: 3 }] }));

    const page = textOf(await (await as.ona.get("/reports")).text());
    expect(page).toContain("Per outlet");
    expect(page).toContain(`${outlet.name}, Vilnius`);

    const res = await as.ona.get("/reports/csv/points.per_outlet");
    expect(res.status).toBe(200);
    const lines = (await res.text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("Outlet,Points earned,Units,Claims");
    // 70 credited here, plus the welcome bonus of the person's first sign-in.
    const [{ earned }] = await db
      .select({ earned: sql<number>`sum(amount)::int` })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.userId, person.id), eq(ledgerEntries.kind, "earn")));
    expect(earned).toBeGreaterThanOrEqual(70);
    expect(lines, lines.join("\n")).toContain(`"${outlet.name}, Vilnius",${earned},3,1`);

    // Another partner's executive does not see this outlet at all.
    const emmas = await (await as.emma.get("/reports/csv/points.per_outlet")).text();
    expect(emmas).not.toContain(outlet.name);
  });
});
