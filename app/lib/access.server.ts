import { data, redirect, type AppLoadContext } from "react-router";
import type { Actor } from "./actor";
import { isId } from "./ids";
import { can, type Action } from "./permissions";

/**
 * The single gate for every loader and action: a signed-in, active user whose role grants
 * `action`. Anonymous users are sent to sign in; others get 403. Which rows they then reach is
 * decided by the tenant scope inside the domain queries.
 */
export function requireActor(context: AppLoadContext, request: Request, action: Action): Actor {
  const actor = context.actor;
  if (!actor) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  }
  if (!can(actor.role, action)) throw forbidden();
  return actor;
}

export function forbidden() {
  return data({ message: "forbidden" }, { status: 403 });
}

export function notFound() {
  return data({ message: "not_found" }, { status: 404 });
}

/**
 * The one way a loader says "not found": domain functions return null for a row that does not
 * exist or is not the actor's to see (the two look the same), and the loader passes it through here.
 */
export function orNotFound<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw notFound();
  return value;
}

/** A route parameter that must be a row id: anything else (36 dashes too) is the 404 page, never a query. */
export function requireId(value: string | undefined): string {
  if (!isId(value)) throw notFound();
  return value;
}

/** Only lets a redirect go to a path on this site. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/home"): string {
  if (typeof to !== "string" || to.length > 2000) return fallback;
  // Browsers drop tabs and newlines inside a URL and read a backslash as a slash, so `/\t/evil`
  // and `/\\evil` would leave the portal; control characters would also break the Location header.
  if (!to.startsWith("/") || /[\p{Cc}\s\\]/u.test(to)) return fallback;
  // Resolved against a placeholder origin: anything a browser reads as another host, however
  // spelled (`//host`), comes out with a different origin; `/..//host` keeps the origin but its
  // path would start with `//`, which a browser reads as a host again.
  const base = "http://portal.invalid";
  let url: URL;
  try {
    url = new URL(to, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base || url.pathname.startsWith("//")) return fallback;
  return url.pathname + url.search + url.hash;
}
