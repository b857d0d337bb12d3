import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { HydratedRouter } from "react-router/dom";
import { isLocale } from "@db/schema/enums";
import { messagesReady } from "~/i18n/catalog";

// React Router's own entry, after the page's language has arrived: the client build carries no
// messages of its own (catalog.browser.ts), and hydrating without them would not match the page.
const lang = document.documentElement.lang;
const ready = messagesReady(isLocale(lang) ? lang : "en");
void Promise.resolve(ready).then(() =>
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <HydratedRouter />
      </StrictMode>,
    );
  }),
);
