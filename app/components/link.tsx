import type { ComponentProps } from "react";
import { Link as RouterLink } from "react-router";

type LinkProps = ComponentProps<typeof RouterLink>;

/** Props that change nothing in a link's markup but its attributes, as React Router writes them. */
const MARKUP_PROPS = new Set(["to", "className", "children", "title", "id", "tabIndex", "role", "lang", "hrefLang", "style"]);

/**
 * An address React Router would write exactly as given: a path from the site's root (not
 * "//host"), no "." or ".." segments, no doubled or back slashes, and no empty "?" or "#" (which
 * it drops). With the portal's basename "/", `useHref` then returns the address unchanged.
 */
function writtenAsGiven(to: string): boolean {
  if (!to.startsWith("/") || to.includes("\\") || to.endsWith("?") || to.endsWith("#") || to.includes("?#")) return false;
  const path = to.split(/[?#]/, 1)[0];
  return !path.includes("//") && !/\/\.\.?(\/|$)/.test(path);
}

const onServer = typeof document === "undefined";

/**
 * The portal's one link to its own pages: React Router's `<Link>` in the browser (navigation
 * without a page load, route discovery), and on the server, for the plain case, the very anchor
 * `<Link>` writes there (`href` as given, `data-discover`) without running it. Rendering a
 * `<Link>` on the server costs ~20 µs against ~1.5 µs for an anchor (issue 17: its hooks resolve
 * the path against the route matches each time); a page writes 15-60 of them, the shell's
 * navigation alone 15. The markup is the same, so the browser hydrates `<Link>` onto it
 * (tests/unit/link.test.ts compares the two). Anything else (a relative path, prefetching,
 * replace, state, a ref) goes to `<Link>` on the server too.
 */
export function Link(props: LinkProps) {
  const { to, ...rest } = props;
  if (onServer && typeof to === "string" && writtenAsGiven(to) && Object.keys(props).every(plainProp)) {
    return <a {...(rest as ComponentProps<"a">)} href={to} data-discover="true" />;
  }
  return <RouterLink {...props} />;
}

function plainProp(key: string): boolean {
  return MARKUP_PROPS.has(key) || ((key.startsWith("aria-") || key.startsWith("data-")) && key !== "data-discover");
}
