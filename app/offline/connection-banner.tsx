import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useLocation, useMatches, useRevalidator } from "react-router";
import { createFormatter } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { whenPortalAnswers } from "./reachability";

/**
 * A page with its own clientAction decides what sending offline means (the claim form keeps a
 * copy on the phone and says so on the form): a form aimed at that very page is let through.
 */
function handlesOfflineItself(event: SubmitEvent): boolean {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return false;
  const target = new URL(event.submitter?.getAttribute("formaction") || form.action || window.location.href, window.location.href);
  if (target.pathname !== window.location.pathname) return false;
  type Manifest = { routes: Record<string, { path?: string; hasClientAction?: boolean }> };
  const manifest = (window as { __reactRouterManifest?: Manifest }).__reactRouterManifest;
  const leaf = leafRouteId.current;
  return !!(leaf && manifest?.routes[leaf]?.hasClientAction);
}
// The page's deepest route, kept current by the banner (the submit handler runs outside React).
const leafRouteId: { current: string | null } = { current: null };

function subscribe(onChange: () => void) {
  window.addEventListener("online", onChange);
  window.addEventListener("offline", onChange);
  return () => {
    window.removeEventListener("online", onChange);
    window.removeEventListener("offline", onChange);
  };
}

/**
 * Says when the phone is offline, or when the page on screen is a saved copy (the service worker
 * marks a saved document with a meta tag and tells about saved data by message), and keeps forms
 * from being sent into the void: offline, a submit is held and what was typed stays on screen.
 * Back online, the page is refreshed in place, unless something was typed into it.
 */
export function ConnectionBanner() {
  const t = useT();
  const locale = useLocale();
  const revalidator = useRevalidator();
  const { key: pageKey } = useLocation();
  const matches = useMatches();
  const leaf = matches[matches.length - 1]?.id ?? null;
  useEffect(() => {
    leafRouteId.current = leaf;
  }, [leaf]);
  // The server renders "online"; the real state arrives right after hydration.
  const online = useSyncExternalStore(
    subscribe,
    () => navigator.onLine,
    () => true,
  );
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [held, setHeld] = useState(false);
  const [reconnected, setReconnected] = useState(false);
  const edited = useRef(false);

  useEffect(() => {
    const meta = document.querySelector<HTMLMetaElement>('meta[name="portal-saved-copy"]');
    if (meta) {
      setSavedAt(Number(meta.content) || 0);
      // Read once: later pages of this visit come live or say so themselves.
      meta.remove();
    }
    const onMessage = (event: MessageEvent) => {
      if (event.data?.type === "saved-copy") setSavedAt(Number(event.data.savedAt) || 0);
      else if (event.data?.type === "live") {
        setSavedAt(null);
        setReconnected(false);
      }
    };
    // Capture phase on window runs before the router's own submit handler.
    const onSubmit = (event: SubmitEvent) => {
      if (navigator.onLine || handlesOfflineItself(event)) return;
      event.preventDefault();
      event.stopPropagation();
      setHeld(true);
    };
    const onEdit = () => {
      edited.current = true;
    };
    navigator.serviceWorker?.addEventListener("message", onMessage);
    window.addEventListener("submit", onSubmit, true);
    window.addEventListener("input", onEdit, true);
    window.addEventListener("change", onEdit, true);
    return () => {
      navigator.serviceWorker?.removeEventListener("message", onMessage);
      window.removeEventListener("submit", onSubmit, true);
      window.removeEventListener("input", onEdit, true);
      window.removeEventListener("change", onEdit, true);
    };
  }, []);

  // A new page has untouched forms.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the effect runs because the page changed, it reads nothing of it
  useEffect(() => {
    edited.current = false;
  }, [pageKey]);

  // Back online: what is on screen may be a saved copy, or older than it looks (a step back in
  // history can come from the browser's cache), so the live page is fetched in place, once the
  // portal really answers. Not over a form she filled in: what she typed matters more.
  const wasOnline = useRef(true);
  const refresh = useRef(revalidator.revalidate);
  refresh.current = revalidator.revalidate;
  useEffect(() => {
    const cameBack = online && !wasOnline.current;
    wasOnline.current = online;
    if (!cameBack) return;
    setHeld(false);
    setReconnected(true);
    if (edited.current) return;
    return whenPortalAnswers(() => void refresh.current());
  }, [online]);

  const show = !online || savedAt !== null;
  const lead = !online ? t("offline.banner.offline") : reconnected ? t("offline.banner.back_online") : t("offline.banner.no_answer");
  return (
    <div role="status" aria-live="polite" aria-label={t("offline.banner.label")} className="sticky top-0 z-20">
      {show ? (
        <div className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950 md:px-8">
          <p>
            <strong className="font-semibold">{lead}</strong>{" "}
            {savedAt
              ? // The phone's own time zone: this is "when did I last see it", not a programme date.
                t("offline.banner.saved_copy", {
                  time: createFormatter(locale, Intl.DateTimeFormat().resolvedOptions().timeZone).dateTime(new Date(savedAt)),
                })
              : t("offline.banner.pages_work")}
          </p>
          {held && !online ? <p className="mt-1 font-medium">{t("offline.banner.held")}</p> : null}
          {online ? (
            <button type="button" onClick={() => window.location.reload()} className="mt-1 min-h-11 font-medium text-brand-700 underline">
              {t("offline.banner.retry")}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
