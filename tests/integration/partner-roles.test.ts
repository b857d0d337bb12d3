import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { approveClaim } from "../../app/domain/claims/review.server";
import { isoDate } from "../../app/domain/claims/shared";
import { getBalance } from "../../app/domain/points/ledger.server";
import { getDb } from "../../db/client";
import { claims, enrolmentRequests, organisations, outlets, programmeSettings, users } from "../../db/schema";
import { claimForm, submitNew, textOf } from "../support/claims";
import { usePortal } from "../support/fixtures";
import { freshPerson } from "../support/people";
import { Visitor, actorFor } from "../support/portal";

/**
 * Purchasing managers and accountants (issue 19) on a real PostgreSQL 15, through HTTP: the
 * executive's terms choose them like any role, an opted-out accountant cannot claim, a purchasing
 * manager's purchase claim earns by their role's rate and their own stock-up rule (explained on
 * the claim page), and a person can ask to join as a purchasing manager.
 */
const db = await getDb();
const portal = usePortal({ people: { ona: "ona@baltictools.example", chris: "chris@volta.example" } });
const { as } = portal;
const unique = (tag: string) => `${tag}-${randomUUID().slice(0, 8)}`;

describe("terms and earning for the influencer roles", () => {
  it("the executive opts accountants out (their claim is refused) and purchasing managers in (their claim earns their own rules)", async () => {
    const name = `Roles Test ${randomUUID().slice(0, 6)}`;
    await db.insert(organisations).values({ name, kind: "dealer", region: "Baltics", tier: "silver" });
    const exec = await freshPerson({ org: name, role: "executive", tag: "roles-exec" });
    const buyer = await freshPerson({ org: name, role: "purchasing_manager", tag: "roles-buyer" });
    const accountant = await freshPerson({ org: name, role: "accountant", tag: "roles-acc" });
    const execV = await portal.signedIn(exec.email);
    const buyerV = await portal.signedIn(buyer.email);
    const accountantV = await portal.signedIn(accountant.email);
    const today = isoDate(new Date());
    const form = (qty: number) => claimForm({ invoice: unique("PUR"), date: today, lines: [{ sku: "VT-BIT32", qty }] });

    // The terms page offers both new roles beside the others.
    const terms = textOf(await (await execV.get("/team/terms")).text());
    for (const role of ["Salesperson", "Purchasing manager", "Accountant"]) expect(terms).toContain(role);
    expect((await execV.post("/team/terms", { version: "1", roles: ["salesperson", "purchasing_manager"], agree: "on" })).status).toBe(200);
    expect(textOf(await (await execV.get("/team/terms")).text())).toContain("Salesperson, Purchasing manager");

    // An accountant whose role the executive left out is refused with the reason, and nothing is stored.
    const refused = await accountantV.post("/claims/new", form(3));
    expect(refused.status).toBe(409);
    expect(textOf(await refused.text())).toContain("has not opted your role into the programme");
    expect(await db.select().from(claims).where(eq(claims.userId, accountant.id))).toHaveLength(0);

    // The purchasing manager is told what to claim: their company's purchases.
    expect(textOf(await (await buyerV.get("/claims/new")).text())).toContain(
      "Your role is Purchasing manager: you claim your company's purchases.",
    );
    const before = await getBalance(db, buyer.id);
    const claimId = await submitNew(buyerV, form(20));
    // 20 x 8 points x 1.1 (silver) x 0.5 (purchasing manager) = 88; 20 units complete set 1 of the stock-up bundle: +400.
    const page = textOf(await (await buyerV.get(`/claims/${claimId}`)).text());
    expect(page).toContain("Purchasing manager role: × 0.5");
    expect(page).toContain("Volta 32-piece bit set (VT-BIT32): 20 × 8 × 1.1 × 0.5 = 88");
    expect(page).toContain("Bonus “Stock-up bonus for purchasing managers”: set 1 of 20 units completed, +400 points (credited once)");
    expect(page).not.toContain("Accountants: 1% of the invoice value");
    await approveClaim(db, await actorFor("chris@volta.example"), claimId);
    expect((await getBalance(db, buyer.id)) - before).toBe(88 + 400);

    // Opted in later, the accountant claims and earns 1% of the invoice value on top, at their role's rate.
    expect(
      (await execV.post("/team/terms", { version: "1", roles: ["salesperson", "purchasing_manager", "accountant"], agree: "on" })).status,
    ).toBe(200);
    const accountantClaim = await submitNew(accountantV, form(3));
    const [settings] = await db.select().from(programmeSettings);
    const accountantPage = textOf(await (await accountantV.get(`/claims/${accountantClaim}`)).text());
    expect(accountantPage).toContain("Accountant role: × 0.2");
    expect(accountantPage).toContain("Accountants: 1% of the invoice value");
    // 3 x 8 = 24 unit points; 3 x 19.90 EUR = 5,970 cents, 1% = 59.7 cents in points at the point value; x 1.1 x 0.2.
    const expected = Math.round((24 + 59.7 / settings.pointValueMinor) * 1.1 * 0.2);
    const [stored] = await db.select().from(claims).where(eq(claims.id, accountantClaim));
    expect(stored.points).toBe(expected);
    expect(accountantPage).toContain(`Total: ${expected} points`);
  });
});

describe("joining as an influencer", () => {
  it("a person asks to join as a purchasing manager; the executive sees the role and approves", async () => {
    const [baltic] = await db.select().from(organisations).where(eq(organisations.name, "Baltic Tools Distribution"));
    const [outlet] = await db.select().from(outlets).where(eq(outlets.organisationId, baltic.id));
    const visitor = new Visitor(portal.url);
    const joinPage = await (await visitor.get(`/enrol/${baltic.id}`)).text();
    expect(joinPage).toContain('value="purchasing_manager"');
    expect(joinPage).toContain('value="accountant"');
    const email = `${unique("buyer")}@example.com`;
    const sent = await visitor.post(`/enrol/${baltic.id}`, {
      name: "Giedrė Purchasing",
      email,
      phone: "",
      role: "purchasing_manager",
      outletId: outlet.id,
    });
    expect(sent.status).toBe(200);
    expect(textOf(await sent.text())).toContain("Your request to join Baltic Tools Distribution was sent");
    const [request] = await db.select().from(enrolmentRequests).where(eq(enrolmentRequests.email, email));
    expect(request).toMatchObject({ status: "pending", role: "purchasing_manager" });
    const waiting = textOf(await (await as.ona.get("/team/requests")).text());
    expect(waiting).toContain("Giedrė Purchasing");
    expect(waiting).toContain("Purchasing manager");
    expect((await as.ona.post("/team/requests", { intent: "approve", requestId: request.id })).status).toBe(200);
    const [person] = await db.select().from(users).where(eq(users.email, email));
    expect(person).toMatchObject({ role: "purchasing_manager", organisationId: baltic.id, status: "invited" });
    // A role that is not a partner role is still refused, keeping what was typed.
    const junk = await new Visitor(portal.url).post(`/enrol/${baltic.id}`, {
      name: "Junk Role",
      email: `${unique("junk")}@example.com`,
      role: "auditor",
    });
    expect(junk.status).toBe(400);
    expect(await junk.text()).toContain("Junk Role");
  });
});
