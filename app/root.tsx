import { Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useRouteError, useRouteLoaderData } from "react-router";
import type { Route } from "./+types/root";
import { getDb } from "@db/client";
import { timeZoneOf } from "~/domain/communication/settings.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/react";
import { useServiceWorker } from "~/offline/service-worker";
import { pageMeta } from "~/lib/page-meta";
import "./app.css";

export async function loader({ request, context }: Route.LoaderArgs) {
  // Dates and times show in the person's own time zone (their setting, else their organisation's region).
  // Read with the session in the request floor; looked up only where a context was built without it.
  const timeZone = context.actor ? (context.timeZone ?? (await timeZoneOf(await getDb(), context.actor.id))) : "UTC";
  return { locale: resolveLocale(request, context.actor), nonce: context.nonce, signedIn: !!context.actor, timeZone };
}

// Installable on a phone's home screen: icons from public/icons (scripts/offline-icons.ts makes the PNGs).
export const links: Route.LinksFunction = () => [
  { rel: "icon", href: "/icons/icon.svg", type: "image/svg+xml" },
  { rel: "apple-touch-icon", href: "/icons/apple-touch-icon.png" },
];

// Every page's <title> and description (app/lib/page-meta.ts); a route whose loader names its page re-exports it.
export const meta = pageMeta;

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData("root") as { locale: string; nonce: string; signedIn: boolean } | undefined;
  useServiceWorker(data);
  return (
    <html lang={data?.locale ?? "en"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#1d4ed8" />
        {/* The manifest names the installed app in the page's language; browsers fetch it without cookies. */}
        <link rel="manifest" href={`/manifest.webmanifest?locale=${data?.locale ?? "en"}`} />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={data?.nonce} />
        <Scripts nonce={data?.nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

/** The one error boundary: a clear page for 403/404 and a calm one for anything unexpected. */
export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  let title = t("error.unexpected.title");
  let body = t("error.unexpected.body");
  if (isRouteErrorResponse(error)) {
    if (error.status === 403) {
      title = t("error.forbidden.title");
      body = t("error.forbidden.body");
    } else if (error.status === 404) {
      title = t("error.not_found.title");
      body = t("error.not_found.body");
    } else if (error.status === 400) {
      title = t("error.bad_request.title");
      body = t("error.bad_request.body");
    } else if (error.status === 413) {
      title = t("error.too_large.title");
      body = t("error.too_large.body");
    }
  }
  return (
    <main className="mx-auto max-w-lg p-6">
      <h1 className="mb-2 text-2xl font-semibold">{title}</h1>
      <p className="mb-6 text-slate-700">{body}</p>
      <a href="/home" className="text-brand-600 underline">
        {t("error.back_home")}
      </a>
    </main>
  );
}
