import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { hashToken } from "../../app/lib/tokens.server";
import { getDb, rowsOf } from "../../db/client";
import { auditLog, sessions, users } from "../../db/schema";
import { DEMO_PASSWORD } from "../../scripts/seed/index";
import { Visitor } from "../support/portal";
import { usePortal } from "../support/fixtures";

const portal = usePortal();
const db = await getDb();
const DAY = 86_400_000;

const { signedIn } = portal;

/** A second browser that carries the same cookie value (a copied or stolen token). */
function holding(token: string) {
  const v = new Visitor(portal.url);
  v.cookies.set("portal_session", token);
  return v;
}

async function isSignedIn(v: Visitor) {
  const res = await v.get("/home");
  if (res.status === 200) return true;
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toBe("/login?redirectTo=%2Fhome");
  return false;
}

function cookieExpiry(res: Response): Date | null {
  const c = res.headers.getSetCookie().find((h) => h.startsWith("portal_session="));
  const m = c?.match(/Expires=([^;]+)/);
  return m ? new Date(m[1]) : null;
}

describe("sessions", () => {
  it("signing out ends this session on the server, not only in the browser", async () => {
    const v = await signedIn("harry@northfield.example");
    const token = v.cookies.get("portal_session")!;
    const out = await v.post("/logout", {});
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe("/login");
    expect(out.headers.getSetCookie().join()).toMatch(/portal_session=;.*Max-Age=0/);
    expect(v.cookies.has("portal_session")).toBe(false);
    expect(await isSignedIn(holding(token))).toBe(false);
  });

  it("'sign out everywhere' ends every session of the account and no one else's", async () => {
    const phone = await signedIn("jack@northfield.example");
    const laptop = await signedIn("jack@northfield.example");
    const colleague = await signedIn("olivia@northfield.example");
    expect(await isSignedIn(laptop)).toBe(true);
    await phone.post("/logout", { intent: "everywhere" });
    expect(await isSignedIn(phone)).toBe(false);
    expect(await isSignedIn(laptop)).toBe(false);
    expect(await isSignedIn(colleague)).toBe(true);
  });

  it("changing the password keeps this device signed in and signs out the others", async () => {
    const here = await signedIn("emma@northfield.example");
    const there = await signedIn("emma@northfield.example");
    const res = await here.post("/me", {
      intent: "password",
      currentPassword: DEMO_PASSWORD,
      password: "a much better passphrase",
      confirmPassword: "a much better passphrase",
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Password changed. Your other devices were signed out.");
    expect(await isSignedIn(here)).toBe(true);
    expect(await isSignedIn(there)).toBe(false);
    const old = await new Visitor(portal.url).post("/login", { email: "emma@northfield.example", password: DEMO_PASSWORD });
    expect(old.status).toBe(400);
    await signedIn("emma@northfield.example", "a much better passphrase");
    const [emma] = await db.select().from(users).where(eq(users.email, "emma@northfield.example"));
    const entries = await db.select().from(auditLog).where(eq(auditLog.entityId, emma.id));
    expect(entries.map((e) => [e.action, e.actorId])).toContainEqual(["user.password_changed", emma.id]);
  });

  it("a wrong current password changes nothing", async () => {
    const v = await signedIn("grace@proinstall.example");
    const other = await signedIn("grace@proinstall.example");
    const res = await v.post("/me", {
      intent: "password",
      currentPassword: "not my password",
      password: "something entirely new",
      confirmPassword: "something entirely new",
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Your current password is not right.");
    expect(await isSignedIn(other)).toBe(true);
    await signedIn("grace@proinstall.example");
  });

  it("stores only a hash of the session token: the cookie value appears nowhere in the database", async () => {
    const v = await signedIn("ben@proinstall.example");
    const token = v.cookies.get("portal_session")!;
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    const tables = rowsOf<{ table_name: string }>(
      await db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`),
    ).map((r) => r.table_name);
    expect(tables).toContain("sessions");
    for (const table of tables) {
      const [hit] = rowsOf<{ n: number }>(
        await db.execute(sql`select count(*)::int as n from ${sql.identifier(table)} t where t::text like ${`%${token}%`}`),
      );
      expect(hit.n, `the token is stored in ${table}`).toBe(0);
    }
    const [row] = await db
      .select()
      .from(sessions)
      .where(eq(sessions.id, hashToken(token)));
    expect(row).toBeDefined();
  });

  it("gives the cookie the protections a session needs", async () => {
    const v = new Visitor(portal.url);
    const res = await v.signIn("priya@proinstall.example", DEMO_PASSWORD);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("portal_session="))!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    const days = (cookieExpiry(res)!.getTime() - Date.now()) / DAY;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
  });

  it("slides the expiry forward when a session is used in the second half of its life", async () => {
    const v = await signedIn("paulius@homefix.example");
    const id = hashToken(v.cookies.get("portal_session")!);

    // Used 10 days after sign-in: still in the first half, nothing changes.
    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() + 20 * DAY) })
      .where(eq(sessions.id, id));
    const early = await v.get("/home");
    expect(early.status).toBe(200);
    expect(cookieExpiry(early)).toBeNull();

    // Used 20 days after sign-in: extended to a full 30 days again, in the database and the cookie.
    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() + 10 * DAY) })
      .where(eq(sessions.id, id));
    const late = await v.get("/home");
    expect(late.status).toBe(200);
    expect((cookieExpiry(late)!.getTime() - Date.now()) / DAY).toBeGreaterThan(29.9);
    const [row] = await db.select().from(sessions).where(eq(sessions.id, id));
    expect((row.expiresAt.getTime() - Date.now()) / DAY).toBeGreaterThan(29.9);

    // Not used for 30 days: gone.
    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, id));
    const expired = await v.get("/home");
    expect(expired.status).toBe(302);
    expect(expired.headers.get("location")).toBe("/login?redirectTo=%2Fhome");
    expect(expired.headers.getSetCookie().join()).toMatch(/portal_session=;.*Max-Age=0/);
    expect(await db.select().from(sessions).where(eq(sessions.id, id))).toEqual([]);
  });
});
