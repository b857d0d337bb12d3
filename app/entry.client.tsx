import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { HydratedRouter } from "react-router/dom";
import { catalog, messagesReady } from "~/i18n/catalog";

// React Router's own entry, after the page's messages have arrived: the client build carries no
// messages of its own (catalog.browser.ts), and hydrating without them would not match the page.
// The routes on the page are the ones whose modules React Router's inline script loaded.
// The language is checked against the catalogue's, not isLocale: @db/schema/enums shares a chunk
// with drizzle's column classes, 2.4 KB every page would load for one list of five names.
const lang = document.documentElement.lang;
const routes = Object.keys((window as { __reactRouterRouteModules?: object }).__reactRouterRouteModules ?? {});
const ready = messagesReady(lang in catalog ? (lang as keyof typeof catalog) : "en", ["root", ...routes]);
// Hydrated even when they did not come: rendering asks for them again (useT).
void Promise.resolve(ready)
  .catch(() => undefined)
  .then(() =>
    startTransition(() => {
      hydrateRoot(
        document,
        <StrictMode>
          <HydratedRouter />
        </StrictMode>,
      );
    }),
  );
