import { parse } from "csv-parse/sync";
import { and, asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, rowsOf } from "../../db/client";
import { auditLog, contestScores, knownDevices, organisations, sessions, users } from "../../db/schema";
import { DEMO_PASSWORD } from "../../scripts/seed/index";
import { textOf } from "../support/claims";
import { Visitor } from "../support/portal";
import { usePortal } from "../support/fixtures";

const portal = usePortal({ activity: true });
const db = await getDb();
const admin = portal.person("admin@volta.example");
let majaId: string;
let nordicId: string;

beforeAll(async () => {
  [{ id: majaId }] = await db.select({ id: users.id }).from(users).where(eq(users.email, "maja@nordictool.example"));
  [{ id: nordicId }] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, "Nordic Tool Centre"));
});

const { signedIn } = portal;

/** The partner's points per employee, as the channel team downloads them: total balance and earned. */
async function teamTotals() {
  const res = await admin.get(`/organisations/${nordicId}/points.csv`);
  expect(res.status).toBe(200);
  const rows = parse(await res.text(), { bom: true }) as string[][];
  const body = rows.slice(1);
  return { people: body.length, balance: body.reduce((s, r) => s + Number(r[4]), 0), earned: body.reduce((s, r) => s + Number(r[5]), 0) };
}

const majasScores = () =>
  db
    .select({ contestId: contestScores.contestId, score: contestScores.score, reachedAt: contestScores.reachedAt })
    .from(contestScores)
    .where(eq(contestScores.participantId, majaId))
    .orderBy(asc(contestScores.contestId));

const ledgerOf = async (userId: string) =>
  rowsOf<{ n: number; sum: number }>(
    await db.execute(sql`select count(*)::int as n, coalesce(sum(amount), 0)::int as sum from ledger_entries where user_id = ${userId}`),
  )[0];

describe("downloading one's own data", () => {
  it("gives the person their profile, claims with lines and points, nothing of a colleague, and audits it", async () => {
    const maja = await signedIn("maja@nordictool.example");
    const me = await (await maja.get("/me")).text();
    expect(me).toContain('href="/me/data.json"');
    expect(me).toContain("Download my data");

    const res = await maja.get("/me/data.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="my-data-\d{4}-\d{2}-\d{2}\.json"$/);
    const text = await res.text();
    const data = JSON.parse(text);
    expect(data.profile).toMatchObject({ id: majaId, name: "Maja Berg", email: "maja@nordictool.example" });
    expect(data.organisation).toMatchObject({ id: nordicId, name: "Nordic Tool Centre", role: "salesperson" });
    const invoices = data.claims.map((c: { invoiceNumber: string }) => c.invoiceNumber);
    expect(invoices).toEqual(expect.arrayContaining(["NTC-2026-0412", "NTC-2026-0533", "NTC-2026-0614", "NTC-2026-0677"]));
    const first = data.claims.find((c: { invoiceNumber: string }) => c.invoiceNumber === "NTC-2026-0412");
    expect(first.lines.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity])).toEqual([
      ["VT-HD36", 2],
      ["VT-B18-50", 4],
    ]);
    expect(first.evidence.length).toBeGreaterThan(0);
    const { n, sum } = await ledgerOf(majaId);
    expect(data.points.history).toHaveLength(n);
    expect(data.points.balance).toBe(sum);
    expect(data.points.history.some((e: { source: string }) => e.source === "claim")).toBe(true);
    expect(data.notificationPreferences).toBeTypeOf("object");
    expect(data.training).toHaveProperty("certificates");
    expect(data).toHaveProperty("orders");
    // Nothing of a colleague at the same partner, nor anyone's secrets.
    for (const other of [
      "NTC/18831",
      "NTC-2026-0561",
      "Lars Nyberg",
      "lars@nordictool.example",
      "nils@nordictool.example",
      "passwordHash",
      "password_hash",
    ]) {
      expect(text, other).not.toContain(other);
    }

    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.data_exported"), eq(auditLog.entityId, majaId)));
    expect(audit.actorId).toBe(majaId);
    expect((await new Visitor(portal.url).get("/me/data.json")).status).toBe(302);
  });
});

describe("erasing a person on request", () => {
  it("is refused to a partner executive and to other manufacturer roles", async () => {
    for (const who of ["sofia@nordictool.example", "dana@volta.example", "finance@volta.example"]) {
      const v = await signedIn(who);
      expect((await v.get(`/people/${majaId}/erase`)).status, who).toBe(403);
      expect((await v.post(`/people/${majaId}/erase`, { reason: "asked", confirm: "ERASE" })).status, who).toBe(403);
    }
    const [maja] = await db.select().from(users).where(eq(users.id, majaId));
    expect(maja).toMatchObject({ name: "Maja Berg", erasedAt: null });
  });

  it("asks for a reason and a typed confirmation, and waits while a parcel is on its way", async () => {
    const page = await (await admin.get(`/people/${majaId}/erase`)).text();
    expect(page).toContain("Maja Berg");
    expect(page).toContain("Type ERASE to confirm");
    const noReason = await admin.post(`/people/${majaId}/erase`, { reason: " ", confirm: "ERASE" });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("Please fill this in.");
    const noConfirm = await admin.post(`/people/${majaId}/erase`, { reason: "Asked by email", confirm: "erase" });
    expect(noConfirm.status).toBe(400);
    expect(await noConfirm.text()).toContain("Type ERASE in capitals to confirm.");
    expect((await admin.post("/people/not-an-id/erase", { reason: "x", confirm: "ERASE" })).status).toBe(404);

    // Emma's tripod has not shipped yet: her address is still needed.
    const [{ id: emmaId }] = await db.select({ id: users.id }).from(users).where(eq(users.email, "emma@northfield.example"));
    const parcel = await admin.post(`/people/${emmaId}/erase`, { reason: "Asked by email", confirm: "ERASE" });
    expect(parcel.status).toBe(409);
    expect(await parcel.text()).toContain("Deliver or cancel it first");
  });

  it("anonymises them, keeps points, team totals and contest scores, signs them out for good and audits who and why", async () => {
    const maja = await signedIn("maja@nordictool.example");
    expect((await maja.get("/home")).status).toBe(200);
    expect((await db.select().from(knownDevices).where(eq(knownDevices.userId, majaId))).length).toBeGreaterThan(0);
    const totals = await teamTotals();
    const scores = await majasScores();
    expect(scores.length).toBeGreaterThan(0);
    const ledger = await ledgerOf(majaId);
    expect(ledger.sum).toBeGreaterThan(0);
    const boards = async () => Promise.all(scores.map(async (s) => textOf(await (await admin.get(`/contests/${s.contestId}`)).text())));
    const boardsBefore = await boards();
    expect(boardsBefore.join()).toMatch(/Maja Berg|M\. B\. \(Nordic/);

    const res = await admin.post(`/people/${majaId}/erase`, { reason: "Asked to be forgotten, ticket 4711", confirm: "ERASE" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/organisations/${nordicId}?erased=1`);
    const orgPage = await (await admin.get(`/organisations/${nordicId}?erased=1`)).text();
    expect(orgPage).toContain("The person was erased.");
    expect(orgPage).toContain("[erased]");
    expect(orgPage).not.toContain("Maja Berg");
    expect(orgPage).not.toContain("maja@nordictool.example");

    // The numbers do not move.
    expect(await teamTotals()).toEqual(totals);
    expect(await majasScores()).toEqual(scores);
    expect(await ledgerOf(majaId)).toEqual(ledger);
    // Each board reads as before, place for place and point for point; only her name is gone.
    const boardsAfter = await boards();
    expect(boardsAfter.join()).not.toContain("Maja Berg");
    expect(boardsAfter).toEqual(boardsBefore.map((b) => b.replaceAll("Maja Berg", "[erased]").replaceAll("M. B. (Nordic", "[. (Nordic")));

    const [row] = await db.select().from(users).where(eq(users.id, majaId));
    expect(row).toMatchObject({ name: "[erased]", passwordHash: null, status: "deactivated" });
    expect(row.email).not.toContain("maja");
    expect(row.erasedAt).toBeInstanceOf(Date);
    expect(await db.select().from(sessions).where(eq(sessions.userId, majaId))).toEqual([]);
    expect(await db.select().from(knownDevices).where(eq(knownDevices.userId, majaId))).toEqual([]);

    // Signed out everywhere, and the old password opens nothing.
    expect((await maja.get("/home")).status).toBe(302);
    const again = await new Visitor(portal.url).post("/login", { email: "maja@nordictool.example", password: DEMO_PASSWORD });
    expect(again.status).not.toBe(302);

    // The audit log says who erased whom and why, and no longer holds her address.
    const audit = await (await admin.get("/admin/audit")).text();
    expect(audit).toContain("user.erased");
    expect(audit).toContain("Asked to be forgotten, ticket 4711");
    const [{ id: adminId }] = await db.select({ id: users.id }).from(users).where(eq(users.email, "admin@volta.example"));
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.erased"), eq(auditLog.entityId, majaId)));
    expect(entry).toMatchObject({ actorId: adminId, reason: "Asked to be forgotten, ticket 4711", organisationId: nordicId });
    const trail = JSON.stringify(await db.select().from(auditLog).where(eq(auditLog.entityId, majaId)));
    expect(trail).not.toContain("maja@nordictool.example");

    // Once is enough; and she is no one who can be switched back on.
    expect((await admin.post(`/people/${majaId}/erase`, { reason: "again", confirm: "ERASE" })).status).toBe(409);
    const back = await admin.post(`/organisations/${nordicId}`, { intent: "reactivate", userId: majaId });
    expect(back.status).toBe(409);

    // Her address can join again, as a new person.
    const invited = await admin.post(`/organisations/${nordicId}`, {
      intent: "invite",
      name: "Maja Berg",
      email: "maja@nordictool.example",
      role: "salesperson",
    });
    expect(invited.status).toBe(200);
    const [fresh] = await db.select().from(users).where(eq(users.email, "maja@nordictool.example"));
    expect(fresh.id).not.toBe(majaId);
    expect(fresh.status).toBe("invited");
  });
});
