import { catalog } from "~/i18n/catalog";
import { resolveLocale } from "~/i18n/locale.server";
import { createTranslator } from "~/i18n/translate";
import type { Locale } from "@db/schema/enums";
import type { Route } from "./+types/manifest";

/**
 * The web app manifest that lets a phone install the portal on its home screen. Served by the
 * app rather than from public/ so the installed name comes from the message catalogue: root.tsx
 * links it with the page's language (a browser fetches manifests without cookies).
 */
export function loader({ request, context }: Route.LoaderArgs) {
  const asked = new URL(request.url).searchParams.get("locale");
  const locale: Locale = asked && asked in catalog ? (asked as Locale) : resolveLocale(request, context.actor);
  const t = createTranslator(locale);
  const manifest = {
    id: "/",
    name: t("app.name"),
    short_name: t("offline.manifest.short_name"),
    description: t("offline.manifest.description"),
    lang: locale,
    dir: "ltr",
    start_url: "/home",
    scope: "/",
    display: "standalone",
    theme_color: "#1d4ed8",
    background_color: "#f8fafc",
    icons: [
      { src: "/icons/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
  return new Response(JSON.stringify(manifest), {
    headers: { "Content-Type": "application/manifest+json; charset=utf-8", "Cache-Control": "public, max-age=86400" },
  });
}
