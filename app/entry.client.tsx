import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { HydratedRouter } from "react-router/dom";
import { isLocale } from "@db/schema/enums";
import { messagesReady } from "~/i18n/catalog";

// React Router's own entry, after the page's messages have arrived: the client build carries no
// messages of its own (catalog.browser.ts), and hydrating without them would not match the page.
// The routes on the page are the ones whose modules React Router's inline script loaded.
const lang = document.documentElement.lang;
const routes = Object.keys((window as { __reactRouterRouteModules?: object }).__reactRouterRouteModules ?? {});
const ready = messagesReady(isLocale(lang) ? lang : "en", ["root", ...routes]);
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
