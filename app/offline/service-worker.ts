import { useEffect } from "react";
import { catalog, fullLanguageUrl } from "~/i18n/catalog";

// Whether this document came through the service worker. Read once, when the bundle loads: the
// worker may take charge later (clients.claim), but this page was loaded without it.
const controlledAtLoad = typeof navigator !== "undefined" && !!navigator.serviceWorker?.controller;
let firstPageReported = false;

/**
 * Installs the service worker (public/sw.js) from the client bundle, which the page loads with
 * its CSP nonce, and tells it about every page shown: the language (for the offline page), and
 * whether anyone is signed in (a signed-out page makes it forget every saved page).
 */
export function useServiceWorker(root: { signedIn: boolean; locale: string } | undefined) {
  // No root data (the root loader itself failed) says nothing about the session: change nothing.
  const signedIn = root?.signedIn;
  const locale = root?.locale;
  useEffect(() => {
    // The dev server rebuilds files under the same names; a worker there would serve stale code.
    if (signedIn === undefined || import.meta.env.DEV || !("serviceWorker" in navigator)) return;
    const build = (window as { __reactRouterManifest?: { version?: string } }).__reactRouterManifest?.version ?? "dev";
    const script = `/sw.js?build=${encodeURIComponent(build)}&locales=${Object.keys(catalog).join(",")}`;
    navigator.serviceWorker.register(script, { scope: "/", updateViaCache: "none" }).catch((error: unknown) => {
      // Without it the portal still works online; nothing for the person to do.
      console.warn("Offline support is not available:", error);
    });
    let cancelled = false;
    void navigator.serviceWorker.ready.then((registration) => {
      if (cancelled) return;
      const first = !controlledAtLoad && !firstPageReported;
      firstPageReported = true;
      registration.active?.postMessage({
        type: "page",
        locale,
        signedIn,
        // The first page and its files came before the worker: it fetches them once to keep.
        url: first && signedIn ? location.href : undefined,
        // The page's language whole, too: a page opened offline has its words (catalog.browser.ts
        // fetches a page's worth at a time online).
        assets: [...(first ? loadedAssets() : []), ...languageFile(locale)],
      });
    });
    return () => {
      cancelled = true;
    };
  }, [signedIn, locale]);
}

function languageFile(locale: string | undefined): string[] {
  const url = locale && locale in catalog ? fullLanguageUrl(locale as keyof typeof catalog) : null;
  return url ? [new URL(url, location.href).href] : [];
}

function loadedAssets(): string[] {
  const urls = new Set<string>();
  for (const el of document.querySelectorAll<HTMLLinkElement>('link[href^="/assets/"]')) urls.add(el.href);
  for (const el of document.querySelectorAll<HTMLScriptElement>('script[src^="/assets/"]')) urls.add(el.src);
  for (const entry of performance.getEntriesByType("resource")) {
    if (new URL(entry.name).pathname.startsWith("/assets/")) urls.add(entry.name);
  }
  return [...urls];
}
