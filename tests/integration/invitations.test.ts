import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { auditLog, userTokens, users } from "../../db/schema";
import { randomUUID } from "node:crypto";
import { DEMO_PASSWORD } from "../../scripts/seed/index";
import { deliverAndTake } from "../support/mail";
import { Visitor } from "../support/portal";
import { usePortal, useSmtp } from "../support/fixtures";

const portal = usePortal();
const smtp = useSmtp();
const db = await getDb();
const chris = portal.person("chris@volta.example");

const PARTNER = {
  name: "Kaunas Heat Pumps",
  kind: "installer",
  region: "Baltics",
  tier: "silver",
  channelManagerId: "",
  "outlet.name": "Kaunas depot",
  "outlet.address": "Jonavos g. 60",
  "outlet.city": "Kaunas",
  "outlet.postalCode": "44192",
  "outlet.country": "Lithuania",
};
const NEW_PASSWORD = "heat pumps all winter";

/**
 * A new partner of the test's own, made through the form as a channel manager makes one: each
 * test brings in its own, so none depends on another having run first. `mail` makes the
 * addresses of its people, e.g. mail("vida") = vida@kaunasheat-3f2a1b.example.
 */
async function newPartner() {
  const tag = randomUUID().slice(0, 6);
  const name = `Kaunas Heat Pumps ${tag}`;
  const res = await chris.post("/organisations/new", { ...PARTNER, name });
  expect(res.status).toBe(302);
  const location = res.headers.get("location")!;
  expect(location).toMatch(/^\/organisations\/[0-9a-f-]{36}\?created=1$/);
  return { name, location, orgPath: location.split("?")[0], mail: (who: string) => `${who}@kaunasheat-${tag}.example` };
}

/** Invites someone to the partner and has them accept through the emailed link. */
async function joined(
  partner: Awaited<ReturnType<typeof newPartner>>,
  by: Visitor,
  who: { name: string; local: string; role: string; password: string },
) {
  const email = partner.mail(who.local);
  expect(await (await by.post(partner.orgPath, { intent: "invite", name: who.name, email, role: who.role })).text()).toContain(
    "Invitation sent.",
  );
  const { mail, path } = await deliverAndTake(smtp, email, "/invite/");
  const visitor = new Visitor(portal.url);
  expect((await visitor.post(path, { name: who.name, password: who.password, confirmPassword: who.password })).status).toBe(302);
  return { email, visitor, mail };
}

async function userByEmail(email: string) {
  const [user] = await db.select().from(users).where(eq(users.email, email));
  return user;
}

/** The audit trail of one person: what was done to them, and by whom (email, or null for themselves). */
async function trailOf(userId: string) {
  const actor = alias(users, "actor");
  return db
    .select({ action: auditLog.action, by: actor.email, reason: auditLog.reason, details: auditLog.details })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .where(and(eq(auditLog.entityType, "user"), eq(auditLog.entityId, userId)))
    .orderBy(auditLog.createdAt);
}

describe("a channel manager brings in a new partner", () => {
  it("creates the partner organisation with its first outlet", async () => {
    const { name, location } = await newPartner();
    const page = await (await chris.get(location)).text();
    expect(page).toContain("Partner created. Invite its first executive below.");
    expect(page).toContain("Kaunas depot");
    expect(await (await chris.get("/organisations")).text()).toContain(name);
  });

  it("invites its executive, who joins through the emailed link, once", async () => {
    const { name, orgPath, mail: address } = await newPartner();
    const vidaEmail = address("vida");
    const invited = await chris.post(orgPath, {
      intent: "invite",
      name: "Vida Kairytė",
      email: vidaEmail.replace("vida@kaunasheat", "Vida@KaunasHeat"),
      role: "executive",
    });
    expect(invited.status).toBe(200);
    const page = await invited.text();
    expect(page).toContain("Invitation sent.");
    expect(page).toContain(vidaEmail);
    expect((await userByEmail(vidaEmail)).status).toBe("invited");

    const { mail, path } = await deliverAndTake(smtp, vidaEmail, "/invite/");
    expect(mail.subject).toBe(`You are invited to the ${name} partner programme`);
    expect(mail.text).toContain("Chris Channel invited you");
    expect(mail.text).toContain("expires in 7 days");

    const vida = new Visitor(portal.url);
    const form = await vida.get(path);
    expect(await form.text()).toContain(`You were invited as ${vidaEmail}`);
    const joined = await vida.post(path, { name: "Vida Kairytė", password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(joined.status).toBe(302);
    expect(joined.headers.get("location")).toBe("/home?welcome=1");
    const home = await (await vida.get("/home?welcome=1")).text();
    expect(home).toContain("Welcome! Your account is ready.");
    expect(home).toContain("Hello, Vida");
    expect(home).toContain(name);

    // The same link again: refused, both the page and the form.
    const stranger = new Visitor(portal.url);
    expect(await (await stranger.get(path)).text()).toContain("This invitation has expired or was already used.");
    const replay = await stranger.post(path, { name: "Someone Else", password: "another password", confirmPassword: "another password" });
    expect(replay.status).toBe(400);
    expect(stranger.cookies.has("portal_session")).toBe(false);
    expect((await userByEmail(vidaEmail)).name).toBe("Vida Kairytė");

    await new Visitor(portal.url).signIn(vidaEmail, NEW_PASSWORD);
  });

  it("refuses an expired invitation link, and a resent one works", async () => {
    const { orgPath, mail: address } = await newPartner();
    const larryEmail = address("larry");
    await chris.post(orgPath, { intent: "invite", name: "Late Larry", email: larryEmail, role: "manager" });
    const { path } = await deliverAndTake(smtp, larryEmail, "/invite/");
    const larry = await userByEmail(larryEmail);
    const [token] = await db.select().from(userTokens).where(eq(userTokens.userId, larry.id));
    const days = (token.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    // A week passes.
    await db
      .update(userTokens)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(userTokens.userId, larry.id));

    const visitor = new Visitor(portal.url);
    expect(await (await visitor.get(path)).text()).toContain("This invitation has expired or was already used.");
    const late = await visitor.post(path, { name: "Late Larry", password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(late.status).toBe(400);
    expect(await late.text()).toContain("This invitation has expired or was already used.");
    expect((await userByEmail(larryEmail)).status).toBe("invited");

    const resent = await chris.post(orgPath, { intent: "resend", userId: larry.id });
    expect(await resent.text()).toContain("A new invitation was sent.");
    const fresh = await deliverAndTake(smtp, larryEmail, "/invite/");
    expect(fresh.path).not.toBe(path);
    // Resending again retires the link sent before it.
    await chris.post(orgPath, { intent: "resend", userId: larry.id });
    const newest = await deliverAndTake(smtp, larryEmail, "/invite/");
    expect(await (await visitor.get(fresh.path)).text()).toContain("This invitation has expired or was already used.");
    const ok = await visitor.post(newest.path, { name: "Larry Laurinaitis", password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(ok.status).toBe(302);
  });

  it("lets the partner's executive invite a salesperson, change their role and deactivate them, keeping their history", async () => {
    const partner = await newPartner();
    const { orgPath } = partner;
    const { email: vidaEmail, visitor: vida } = await joined(partner, chris, {
      name: "Vida Kairytė",
      local: "vida",
      role: "executive",
      password: NEW_PASSWORD,
    });
    const team = await vida.get("/team");
    expect(team.headers.get("location")).toBe(orgPath);

    const {
      email: rokasEmail,
      visitor: rokas,
      mail,
    } = await joined(partner, vida, { name: "Rokas Petrauskas", local: "rokas", role: "salesperson", password: "rokas sells pumps" });
    expect(mail.text).toContain("Vida Kairytė invited you");
    expect(await (await rokas.get("/home")).text()).toContain("Salesperson");
    const rokasId = (await userByEmail(rokasEmail)).id;

    const changed = await vida.post(orgPath, { intent: "change_role", userId: rokasId, role: "technician" });
    expect(await changed.text()).toContain("Role changed.");
    expect(await (await rokas.get("/home")).text()).toContain("Technician");

    const deactivated = await vida.post(orgPath, { intent: "deactivate", userId: rokasId, reason: "Left the company" });
    expect(deactivated.status).toBe(200);
    const page = await deactivated.text();
    expect(page).toContain("Person deactivated. They can no longer sign in; their history is kept.");
    expect(page).toContain("Rokas Petrauskas");
    expect(page).toContain("Deactivated");

    // Their open session ends at once, and they cannot sign in again.
    const after = await rokas.get("/home");
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/login/);
    const again = await new Visitor(portal.url).post("/login", { email: rokasEmail, password: "rokas sells pumps" });
    expect(again.status).toBe(403);
    expect(await again.text()).toContain("This account has been deactivated.");

    // The person stays, with everything that happened to them and who did it.
    const row = await userByEmail(rokasEmail);
    expect(row.status).toBe("deactivated");
    expect(row.deactivatedAt).toBeInstanceOf(Date);
    expect(await trailOf(rokasId)).toEqual([
      { action: "user.invited", by: vidaEmail, reason: null, details: { email: rokasEmail, role: "salesperson" } },
      { action: "user.invitation_accepted", by: rokasEmail, reason: null, details: {} },
      { action: "user.role_changed", by: vidaEmail, reason: null, details: { from: "salesperson", to: "technician" } },
      { action: "user.deactivated", by: vidaEmail, reason: "Left the company", details: {} },
    ]);
    const vidaId = (await userByEmail(vidaEmail)).id;
    expect((await trailOf(vidaId)).map((e) => [e.action, e.by])).toEqual([
      ["user.invited", "chris@volta.example"],
      ["user.invitation_accepted", vidaEmail],
    ]);
    const [created] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .innerJoin(users, eq(users.id, auditLog.actorId))
      .where(
        and(
          eq(auditLog.action, "organisation.created"),
          eq(auditLog.entityId, orgPath.split("/").pop()!),
          eq(users.email, "chris@volta.example"),
        ),
      );
    expect(created.n).toBe(1);

    // The programme admin reads the same story in the audit log.
    const admin = new Visitor(portal.url);
    await admin.signIn("admin@volta.example", DEMO_PASSWORD);
    const log = await (await admin.get("/admin/audit")).text();
    for (const s of ["user.deactivated", "Left the company", "Vida Kairytė", "organisation.created", "Chris Channel"])
      expect(log).toContain(s);
  });
});
