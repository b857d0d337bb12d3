import { useContext, useState } from "react";
import { UNSAFE_DataRouterStateContext, useFetchers } from "react-router";
import { Link } from "~/components/link";
import { useT } from "~/i18n/react";
import { type Flash, parseFlash } from "~/lib/flash";

/**
 * The newest flash an action produced on this page: carried by the action's result (`{ flash }`)
 * of any route or fetcher, else the one the shell loader took from the redirect cookie.
 * Action results sit in the router's state, which the server render has too, so the message
 * shows without JavaScript as well.
 */
function useCurrentFlash(fromRedirect: Flash | null): Flash | null {
  const state = useContext(UNSAFE_DataRouterStateContext);
  const fetchers = useFetchers();
  for (const f of fetchers) {
    const flash = parseFlash((f.data as { flash?: unknown } | undefined)?.flash);
    if (flash && f.state === "idle") return flash;
  }
  for (const value of Object.values(state?.actionData ?? {})) {
    const flash = parseFlash((value as { flash?: unknown } | null)?.flash);
    if (flash) return flash;
  }
  return fromRedirect;
}

/**
 * The one place that says what just happened: a bar just above the phone's bottom bar (bottom
 * right on a desktop), in a live region so screen readers hear it, with a close button.
 */
export function MessageBar({ fromRedirect }: { fromRedirect: Flash | null }) {
  const t = useT();
  const flash = useCurrentFlash(fromRedirect);
  const [closed, setClosed] = useState<Flash | null>(null);
  const shown = flash && flash !== closed ? flash : null;
  const error = shown?.tone === "error";
  return (
    <div className="message-bar pointer-events-none fixed inset-x-0 z-30 flex justify-center px-3 md:right-4 md:left-auto md:w-96 md:px-0">
      <div role="status" aria-live="polite" aria-atomic="true" className="w-full max-w-lg">
        {shown ? (
          <div
            data-testid="message-bar"
            className={`pointer-events-auto flex items-center gap-2 rounded-xl py-1 pr-1 pl-4 text-sm shadow-lg ${error ? "bg-red-700 text-white" : "bg-slate-900 text-white"}`}
          >
            <p className="flex-1 py-2">
              {t(shown.key, shown.vars)}
              {shown.link ? (
                <>
                  {" "}
                  <Link to={shown.link.to} className="inline-flex min-h-11 items-center font-semibold underline">
                    {t(shown.link.key)}
                  </Link>
                </>
              ) : null}
            </p>
            <button
              type="button"
              onClick={() => setClosed(shown)}
              className="inline-flex h-11 w-11 shrink-0 items-center justify-center rounded-lg text-lg hover:bg-white/10"
              aria-label={t("ui.message.close")}
            >
              <span aria-hidden="true">×</span>
            </button>
          </div>
        ) : null}
      </div>
    </div>
  );
}
