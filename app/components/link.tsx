import type { ComponentProps } from "react";
import { Link as RouterLink } from "react-router";

type LinkProps = ComponentProps<typeof RouterLink>;

/** Props that change nothing in a link's markup but its attributes, as React Router writes them. */
const MARKUP_PROPS = /* @__PURE__ */ new Set([
  "to",
  "className",
  "children",
  "title",
  "id",
  "tabIndex",
  "role",
  "lang",
  "hrefLang",
  "style",
]);

/**
 * What React Router would NOT write as given (with the portal's basename "/"): a back slash, a
 * doubled slash, a "." or ".." segment, an empty "?" or "#" (dropped). Checked over the whole
 * address, query included, which only sends more addresses to `<Link>`; one test, no allocation
 * (a page has up to ~90 links).
 */
const REWRITTEN = /\\|\/\/|\/\.\.?(?:[/?#]|$)|[?#]$|\?#/;

/**
 * The portal's one link to its own pages: React Router's `<Link>` in the browser (navigation
 * without a page load, route discovery), and on the server, for the plain case, the very anchor
 * `<Link>` writes there (`href` as given, `data-discover`) without running it. Rendering a
 * `<Link>` on the server costs ~20 µs against ~1.5 µs for an anchor (issue 17: its hooks resolve
 * the path against the route matches each time); a page writes 3-90 of them, the shell's
 * navigation alone 15. The markup is the same, so the browser hydrates `<Link>` onto it
 * (tests/unit/link.test.tsx compares the two). Anything else (a relative path, prefetching,
 * replace, state, a ref) goes to `<Link>` on the server too.
 */
function ServerLink(props: LinkProps) {
  const { to, ...rest } = props;
  if (typeof to === "string" && to.charCodeAt(0) === 47 && !REWRITTEN.test(to) && onlyMarkup(props)) {
    return <a {...(rest as ComponentProps<"a">)} href={to} data-discover="true" />;
  }
  return <RouterLink {...props} />;
}

function onlyMarkup(props: LinkProps): boolean {
  for (const key in props) {
    if (MARKUP_PROPS.has(key)) continue;
    if ((key.startsWith("aria-") || key.startsWith("data-")) && key !== "data-discover") continue;
    return false;
  }
  return true;
}

// In the browser's bundle this module is replaced by a re-export of React Router's `Link`
// (`browserLink` in vite.config.ts); the flag keeps it right wherever that does not apply.
export const Link = (import.meta.env.SSR ? ServerLink : RouterLink) as typeof RouterLink;
