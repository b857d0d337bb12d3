import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import routes from "../../app/routes";
import { navFor } from "../../app/lib/navigation";
import { getDb } from "../../db/client";
import { auditLog, organisations, users } from "../../db/schema";
import { MANUFACTURER_ROLES, ROLES, type Role } from "../../db/schema/enums";
import { DEMO_PASSWORD } from "../../scripts/seed/index";
import { PARTNERS } from "../../scripts/seed/foundation";
import {
  EVERYONE,
  SEEDED_USER_OF,
  mismatch,
  routePatterns,
  type AccessFixtures,
  type AccessRule,
  type Outcome,
  type Who,
} from "../support/access";
import { Visitor } from "../support/portal";
import { usePortal } from "../support/fixtures";

// Every feature's rows: tests/access/<area>.ts, each exporting an array of rules.
const ruleFiles = import.meta.glob<{ default: AccessRule[] }>("../access/*.ts", { eager: true });
const rules = Object.values(ruleFiles).flatMap((m) => m.default);

const USER_OF = SEEDED_USER_OF;

const portal = usePortal({ people: USER_OF });
const db = await getDb();
let fx: AccessFixtures;
const visitors = {} as Record<Who, Visitor>;

async function orgId(name: string) {
  const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, name));
  if (!org) throw new Error(`no organisation ${name}`);
  return org.id;
}
async function userId(email: string) {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!user) throw new Error(`no user ${email}`);
  return user.id;
}

beforeAll(async () => {
  fx = { db, userOf: USER_OF, partnerOrgId: await orgId("Baltic Tools Distribution"), orgId, userId };
  Object.assign(visitors, portal.as, { anonymous: new Visitor(portal.url) });
});

describe("the access matrix", () => {
  it("has a row for every route in app/routes.ts, and none for routes that are gone", () => {
    const patterns = routePatterns(routes);
    const covered = rules.map((r) => r.pattern);
    expect(
      patterns.filter((p) => !covered.includes(p)),
      "routes without a row in tests/access/*.ts",
    ).toEqual([]);
    expect(
      covered.filter((p) => !patterns.includes(p)),
      "rows for routes that do not exist",
    ).toEqual([]);
    expect(
      covered.filter((p, i) => covered.indexOf(p) !== i),
      "routes with two rows",
    ).toEqual([]);
  });

  it("only links each role to pages the matrix lets it open", () => {
    const wrong: string[] = [];
    for (const role of ROLES) {
      const manufacturer = (MANUFACTURER_ROLES as readonly Role[]).includes(role);
      for (const item of navFor(role, manufacturer)) {
        const rule = rules.find((r) => r.pattern === item.to);
        const outcome = rule?.get[role];
        if (!rule) wrong.push(`${role}: ${item.to} has no row`);
        else if (outcome !== "ok" && !(typeof outcome === "object" && "redirect" in outcome))
          wrong.push(`${role}: ${item.to} is ${JSON.stringify(outcome)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("answers a malformed id in any URL with a 4xx or a redirect, never a server error", async () => {
    const wrong: string[] = [];
    for (const rule of rules.filter((r) => r.pattern.includes(":") && r.path)) {
      // One parameter at a time is spoiled; the others stay real, so each check gets that far.
      const real = (await rule.path!(fx)).split("/");
      const segments = rule.pattern.split("/");
      expect(real.length, rule.pattern).toBe(segments.length);
      for (const [i, segment] of segments.entries()) {
        if (!segment.startsWith(":")) continue;
        for (const bad of ["not-an-id", "00000000-0000-0000-0000-000000000000", "%00", "1%27%20or%201%3D1"]) {
          const path = real.map((s, j) => (j === i ? bad : s)).join("/");
          // Every role at once (each its own session): the server's waits overlap, so the check
          // stays well inside its time as routes are added.
          await Promise.all(
            EVERYONE.map(async (who) => {
              const res = await visitors[who].get(path);
              await res.body?.cancel();
              if (res.status >= 500) wrong.push(`${who}: GET ${path} gave ${res.status}`);
            }),
          );
        }
      }
    }
    expect(wrong).toEqual([]);
    // Hundreds of requests, one after another, and more with every feature's routes.
  }, 400_000);

  for (const rule of rules) {
    it(`GET ${rule.pattern}`, async () => {
      const path = rule.path ? await rule.path(fx) : rule.pattern;
      expect(path, "a pattern with parameters needs path()").not.toMatch(/:\w/);
      const wrong: string[] = [];
      for (const who of EVERYONE) {
        const res = await visitors[who].get(path);
        const problem = await mismatch(res, rule.get[who], path, rule.shows);
        if (problem) wrong.push(`${who}: ${problem}`);
        // The client-side data request (what the router fetches on navigation) is refused alike.
        const refused = rule.get[who];
        if (refused === "forbidden" || refused === "login") {
          const data = await visitors[who].get(path === "/" ? "/_root.data" : `${path}.data`);
          const body = await data.text();
          if (refused === "forbidden" && data.status !== 403) wrong.push(`${who}: ${path}.data gave ${data.status}, not 403`);
          if (
            refused === "login" &&
            !(data.status === 202 && body.includes("SingleFetchRedirect") && body.includes("/login?redirectTo="))
          ) {
            wrong.push(`${who}: ${path}.data gave ${data.status}, not a redirect to sign in`);
          }
        }
      }
      expect(wrong).toEqual([]);
      // Every role of the matrix asks in turn (13 people since issue 19): on a loaded 2-core machine a row takes over 30 s.
    }, 90_000);

    if (rule.post) {
      const post = rule.post;
      it(`POST ${rule.pattern}`, async () => {
        const path = rule.path ? await rule.path(fx) : rule.pattern;
        const form = typeof post.form === "function" ? await post.form(fx) : (post.form ?? {});
        const before = await auditCount();
        const wrong: string[] = [];
        for (const who of EVERYONE) {
          const res = await visitors[who].post(path, form);
          const problem = await mismatch(res, post.expect[who] as Outcome, path);
          if (problem) wrong.push(`${who}: ${problem}`);
        }
        expect(wrong).toEqual([]);
        expect(await auditCount(), "a refused or invalid POST changed something").toBe(before);
      }, 90_000);
    }
  }
});

async function auditCount() {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
  return row.n;
}

describe("tenant isolation", () => {
  const northfield = PARTNERS.find((p) => p.name === "Northfield Building Supplies")!;
  const theirPeople = northfield.people.flatMap((p) => [p.name, `${p.local}@${northfield.domain}`]);
  const theirOutlets = northfield.outlets.flatMap((o) => [o.name, o.address]);

  function leaks(body: string) {
    return [...theirPeople, ...theirOutlets, northfield.name].filter((s) => body.includes(s));
  }

  it("shows a partner's executive and manager another partner's page as not found, without its people", async () => {
    const other = await orgId(northfield.name);
    for (const who of ["executive", "manager"] as const) {
      const res = await visitors[who].get(`/organisations/${other}`);
      expect(res.status, who).toBe(404);
      const body = await res.text();
      expect(body).toContain("Page not found");
      expect(leaks(body), who).toEqual([]);
    }
  });

  it("does not show a partner the manufacturer's staff either", async () => {
    const maker = await orgId("Volta Tools");
    const res = await visitors.executive.get(`/organisations/${maker}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("admin@volta.example");
  });

  it("sends an executive's 'my team' to their own organisation", async () => {
    const res = await visitors.executive.get("/team");
    expect(res.headers.get("location")).toBe(`/organisations/${fx.partnerOrgId}`);
  });

  it("refuses an executive's invite, deactivate and role changes aimed at another partner, and changes nothing", async () => {
    const other = await orgId(northfield.name);
    const sam = await userId("sam@northfield.example");
    const ona = visitors.executive;
    const before = await snapshot();

    const attempts: Array<[string, Record<string, string>]> = [
      [`/organisations/${other}`, { intent: "invite", name: "Mallory Spy", email: "mallory@spy.example", role: "executive" }],
      [`/organisations/${fx.partnerOrgId}`, { intent: "deactivate", userId: sam, reason: "taking over" }],
      [`/organisations/${other}`, { intent: "deactivate", userId: sam }],
      [`/organisations/${fx.partnerOrgId}`, { intent: "change_role", userId: sam, role: "technician" }],
      [`/organisations/${other}`, { intent: "change_role", userId: sam, role: "executive" }],
      [`/organisations/${fx.partnerOrgId}`, { intent: "resend", userId: sam }],
      [`/organisations/${fx.partnerOrgId}`, { intent: "reactivate", userId: sam }],
    ];
    for (const [path, form] of attempts) {
      const res = await ona.post(path, form);
      expect(res.status, `${form.intent} on ${path}`).toBe(404);
      const body = await res.text();
      expect(leaks(body), `${form.intent} on ${path}`).toEqual([]);
    }
    // Partner details are the manufacturer's to change.
    for (const intent of ["update", "add_outlet"]) {
      const res = await ona.post(`/organisations/${other}`, {
        intent,
        name: "Taken over",
        address: "x",
        city: "x",
        country: "x",
        kind: "dealer",
        region: "x",
        tier: "gold",
        channelManagerId: "",
      });
      expect(res.status, intent).toBe(403);
    }
    // A manager of the same partner may not manage people at all.
    const lukasTries = await visitors.manager.post(`/organisations/${fx.partnerOrgId}`, {
      intent: "deactivate",
      userId: await userId(USER_OF.salesperson),
    });
    expect(lukasTries.status).toBe(403);

    expect(await snapshot()).toEqual(before);
    const samStill = new Visitor(portal.url);
    await samStill.signIn("sam@northfield.example", DEMO_PASSWORD);
    expect(await (await samStill.get("/home")).text()).toContain("Salesperson");
  });

  async function snapshot() {
    const people = await db
      .select({ email: users.email, role: users.role, status: users.status, org: users.organisationId })
      .from(users)
      .orderBy(users.email);
    const orgs = await db.select({ name: organisations.name, tier: organisations.tier }).from(organisations).orderBy(organisations.name);
    return { people, orgs, audit: await auditCount() };
  }
});
