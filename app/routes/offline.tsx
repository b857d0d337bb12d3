import { renderToStaticMarkup } from "react-dom/server";
import { catalog } from "~/i18n/catalog";
import { resolveLocale } from "~/i18n/locale.server";
import { createTranslator } from "~/i18n/translate";
import type { Locale } from "@db/schema/enums";
import type { Route } from "./+types/offline";

/**
 * The page a phone shows when it has no connection and no saved copy of the page asked for.
 * The service worker (public/sw.js) keeps one copy per language from the day it installs.
 *
 * It is a plain document, not a React Router page: the worker shows it under whatever address
 * was asked for (/contests, say), and a router hydrating there would try to load that page's
 * data and fail again. So: no framework scripts, styles inline (the hashed stylesheet may not be
 * saved), and one small same-origin script (public/offline.js) that lists the saved pages and
 * reloads when the connection is back.
 */
export function loader({ request, context }: Route.LoaderArgs) {
  const asked = new URL(request.url).searchParams.get("locale");
  const locale: Locale = asked && asked in catalog ? (asked as Locale) : resolveLocale(request, context.actor);
  const html = `<!DOCTYPE html>${renderToStaticMarkup(<OfflinePage locale={locale} />)}`;
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      // Revalidated whenever a new service worker saves it, so wording changes reach phones.
      "Cache-Control": "no-cache",
      "Content-Language": locale,
    },
  });
}

function OfflinePage({ locale }: { locale: Locale }) {
  const t = createTranslator(locale);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#1d4ed8" />
        <title>{`${t("offline.page.title")} · ${t("app.name")}`}</title>
        <link rel="icon" href="/icons/icon.svg" type="image/svg+xml" />
        <style>{STYLE}</style>
        <script src="/offline.js" defer />
      </head>
      <body>
        <main>
          <img src="/icons/icon.svg" alt="" width={48} height={48} />
          <h1>{t("offline.page.title")}</h1>
          <p className="lead">{t("offline.page.lead")}</p>
          <h2>{t("offline.page.works_title")}</h2>
          <ul>
            <li>{t("offline.page.works_saved")}</li>
            <li>{t("offline.page.works_forms")}</li>
          </ul>
          <section id="saved" hidden aria-labelledby="saved-title">
            <h2 id="saved-title">{t("offline.page.saved_list")}</h2>
            <ul id="saved-list" className="links" />
          </section>
          <h2>{t("offline.page.needs_title")}</h2>
          <p>{t("offline.page.needs")}</p>
          <p className="actions">
            {/* Reloads this very address (the page that was asked for); public/offline.js wires it. */}
            <button type="button" id="retry" className="button">
              {t("offline.page.retry")}
            </button>
            <a href="/home">{t("offline.page.home")}</a>
          </p>
          <p className="hint">{t("offline.page.auto")}</p>
        </main>
      </body>
    </html>
  );
}

// The portal's look (slate text, brand blue) in a few lines, so the page needs nothing else.
const STYLE = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#f8fafc;color:#0f172a;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:36rem;margin:0 auto;padding:2rem 1rem calc(2rem + env(safe-area-inset-bottom))}
h1{font-size:1.5rem;margin:.75rem 0 .5rem}
h2{font-size:1rem;margin:1.5rem 0 .25rem}
.lead{color:#334155}
ul{margin:.25rem 0;padding-left:1.25rem}
li{margin:.25rem 0}
.links{list-style:none;padding:0}
.links a{display:flex;align-items:center;min-height:2.75rem;padding:0 .75rem;margin:.25rem 0;border:1px solid #e2e8f0;border-radius:.5rem;background:#fff;color:#1d4ed8;text-decoration:none}
.actions{display:flex;flex-wrap:wrap;align-items:center;gap:1rem;margin-top:1.5rem}
.actions a{color:#1d4ed8}
.button{display:inline-flex;align-items:center;min-height:2.75rem;padding:0 1.25rem;border:0;border-radius:.5rem;background:#1d4ed8;color:#fff;font:inherit;font-weight:600;cursor:pointer}
.hint{color:#64748b;font-size:.875rem}
`;
