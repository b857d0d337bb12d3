/**
 * A short message about what an action just did, shown in the shell's message bar near the thumb
 * (app/components/message-bar.tsx). An action either returns `{ flash }` with its result or, when
 * it redirects, carries it in a cookie (app/lib/flash.server.ts) that the shell reads once.
 * The text is an i18n key, so a tampered cookie can only pick among the portal's own sentences.
 */
export type Flash = {
  key: string;
  vars?: Record<string, string | number>;
  tone?: "ok" | "error";
  /** A link shown with the message, e.g. "Go to cart". */
  link?: { to: string; key: string };
};

const KEY = /^[a-z0-9_.]{1,100}$/;
const PATH = /^\/[A-Za-z0-9/_?=&.-]{0,200}$/;

/** Checks a flash read from outside (a cookie): known shape, bounded, links inside the portal only. */
export function parseFlash(value: unknown): Flash | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  if (typeof v.key !== "string" || !KEY.test(v.key)) return null;
  const flash: Flash = { key: v.key };
  if (v.tone === "ok" || v.tone === "error") flash.tone = v.tone;
  if (v.vars && typeof v.vars === "object") {
    const vars: Record<string, string | number> = {};
    for (const [k, x] of Object.entries(v.vars as Record<string, unknown>).slice(0, 10)) {
      if (!/^[a-zA-Z]{1,30}$/.test(k)) continue;
      if (typeof x === "number" && Number.isFinite(x)) vars[k] = x;
      else if (typeof x === "string") vars[k] = x.slice(0, 200);
    }
    flash.vars = vars;
  }
  const link = v.link as Record<string, unknown> | undefined;
  if (
    link &&
    typeof link.to === "string" &&
    PATH.test(link.to) &&
    !link.to.startsWith("//") &&
    typeof link.key === "string" &&
    KEY.test(link.key)
  )
    flash.link = { to: link.to, key: link.key };
  return flash;
}
