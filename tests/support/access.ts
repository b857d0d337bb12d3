import type { RouteConfigEntry } from "@react-router/dev/routes";
import { ROLES, type Role } from "../../db/schema/enums";
import type { Db } from "../../db/client";

/**
 * The access matrix: for every route in app/routes.ts, what each role (and an anonymous visitor)
 * gets. tests/integration/access-matrix.test.ts enumerates the route config and fails when a
 * route has no row here, so a new page cannot ship without saying who may open it.
 *
 * A feature adds its rows in its own file, tests/access/<area>.ts, exporting `default` an array
 * of AccessRule (see tests/access/foundation.ts); the matrix test picks every such file up.
 */

export type Who = Role | "anonymous";

/** One seeded person per role: manufacturer staff, and every partner role from Baltic Tools. */
export const SEEDED_USER_OF: Record<Role, string> = {
  admin: "admin@volta.example",
  channel_manager: "chris@volta.example",
  finance: "finance@volta.example",
  trainer: "trainer@volta.example",
  auditor: "auditor@volta.example",
  executive: "ona@baltictools.example",
  manager: "lukas@baltictools.example",
  salesperson: "marta@baltictools.example",
  technician: "tomas@baltictools.example",
  purchasing_manager: "ruta@baltictools.example",
  accountant: "darius@baltictools.example",
};
export const EVERYONE: readonly Who[] = [...ROLES, "anonymous"];

/** What a visitor gets. */
export type Outcome =
  | "ok" // 200, the page itself
  | "forbidden" // 403, "Not available to you"
  | "not_found" // 404
  | "login" // redirect to /login?redirectTo=<this path>
  | "invalid" // 400 (an action reached validation: the role is allowed to try)
  | { redirect: string | RegExp }
  | { status: number };

/** What a rule may use to build a concrete URL for a pattern such as /organisations/:orgId. */
export type AccessFixtures = {
  db: Db;
  /** The seeded demo user who plays each role (all partner roles from one organisation). */
  userOf: Record<Role, string>;
  /** Id of the partner organisation the partner roles belong to. */
  partnerOrgId: string;
  /** Id of an organisation by its exact name. */
  orgId: (name: string) => Promise<string>;
  /** Id of a user by email. */
  userId: (email: string) => Promise<string>;
};

export type AccessRule = {
  /** The full path pattern as app/routes.ts produces it, e.g. "/organisations/:orgId". */
  pattern: string;
  /** The URL to request; defaults to `pattern` (only when it has no parameters). */
  path?: (fx: AccessFixtures) => string | Promise<string>;
  /** GET: the outcome per role. Build it with allowOnly / publicPage / everyoneSignedIn. */
  get: Record<Who, Outcome>;
  /**
   * Optional POST of `form` (default: an empty form): who reaches the action's validation
   * ("invalid" / "ok" / a redirect) and who is refused before anything happens.
   */
  post?: {
    form?: Record<string, string> | ((fx: AccessFixtures) => Record<string, string> | Promise<Record<string, string>>);
    expect: Record<Who, Outcome>;
  };
  /** Words that only the allowed page shows, checked on every "ok" response. */
  shows?: string;
};

/** Roles in `allowed` get `ok`; every other signed-in role 403; anonymous goes to sign in. */
export function allowOnly(allowed: readonly Role[], ok: Outcome = "ok", denied: Outcome = "forbidden"): Record<Who, Outcome> {
  return Object.fromEntries(EVERYONE.map((w) => [w, w === "anonymous" ? "login" : allowed.includes(w) ? ok : denied])) as Record<
    Who,
    Outcome
  >;
}

/** Every signed-in role gets `ok`; anonymous goes to sign in. */
export function everyoneSignedIn(ok: Outcome = "ok"): Record<Who, Outcome> {
  return allowOnly(ROLES, ok);
}

/** The same outcome for everybody, signed in or not. */
export function publicPage(outcome: Outcome = "ok"): Record<Who, Outcome> {
  return Object.fromEntries(EVERYONE.map((w) => [w, outcome])) as Record<Who, Outcome>;
}

/** Override some cells of a row: `with_(allowOnly([...]), { anonymous: "ok" })`. */
export function override(row: Record<Who, Outcome>, cells: Partial<Record<Who, Outcome>>): Record<Who, Outcome> {
  return { ...row, ...cells };
}

/** The same outcome for each of `roles`: cells for override(), e.g. every partner role but the owner gets not_found. */
export function cellsFor(roles: readonly Who[], outcome: Outcome): Partial<Record<Who, Outcome>> {
  return Object.fromEntries(roles.map((r) => [r, outcome]));
}

/** Every URL pattern in a route config, layouts folded into their children. */
export function routePatterns(entries: RouteConfigEntry[], parent = ""): string[] {
  const out: string[] = [];
  for (const e of entries) {
    const here = e.path ? joinPath(parent, e.path) : parent || "/";
    if (e.index || e.path) out.push(here);
    if (e.children?.length) out.push(...routePatterns(e.children, e.path ? here : parent));
  }
  return [...new Set(out)];
}

function joinPath(parent: string, child: string): string {
  if (child.startsWith("/")) return child;
  return `${parent.replace(/\/$/, "")}/${child}`;
}

/** Checks one response against an outcome; returns a description of the mismatch or null. */
export async function mismatch(res: Response, outcome: Outcome, requested: string, shows?: string): Promise<string | null> {
  const location = res.headers.get("location");
  const got = `${res.status}${location ? ` -> ${location}` : ""}`;
  if (outcome === "ok") {
    if (res.status !== 200) return `expected 200, got ${got}`;
    if (shows) {
      const body = await res.text();
      if (!body.includes(shows)) return `200 but the page does not show "${shows}"`;
    }
    return null;
  }
  if (outcome === "forbidden") {
    if (res.status !== 403) return `expected 403, got ${got}`;
    const body = await res.text();
    if (res.headers.get("content-type")?.includes("text/html") && !body.includes("Not available to you"))
      return "403 without the forbidden page";
    return null;
  }
  if (outcome === "not_found") return res.status === 404 ? null : `expected 404, got ${got}`;
  if (outcome === "invalid") return res.status === 400 ? null : `expected 400, got ${got}`;
  if (outcome === "login") {
    if (res.status !== 302 || !location) return `expected a redirect to sign in, got ${got}`;
    const to = new URL(location, "http://x");
    if (to.pathname !== "/login") return `expected a redirect to /login, got ${got}`;
    if (to.searchParams.get("redirectTo") !== requested) return `expected redirectTo=${requested}, got ${got}`;
    return null;
  }
  if ("redirect" in outcome) {
    if (res.status !== 302 || !location) return `expected a redirect, got ${got}`;
    const ok = typeof outcome.redirect === "string" ? location === outcome.redirect : outcome.redirect.test(location);
    return ok ? null : `expected a redirect to ${outcome.redirect}, got ${got}`;
  }
  return res.status === outcome.status ? null : `expected ${outcome.status}, got ${got}`;
}
