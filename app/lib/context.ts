import type { ShellCounts } from "~/domain/auth/request-floor.server";
import type { Actor } from "./actor";

/** What the HTTP server hands every loader and action (see app/server/http.ts). */
export type RequestContext = {
  actor: Actor | null;
  sessionId: string | null;
  ip: string;
  /** CSP nonce for the inline scripts React Router renders. */
  nonce: string;
  /**
   * The shell's badge counts, read with the session in one statement on GET requests; null after
   * an action (which may have changed them) or when signed out: the shell then reads them itself.
   */
  counts?: ShellCounts | null;
  /** The signed-in person's time zone, read with the session (null when signed out). */
  timeZone?: string | null;
};

declare module "react-router" {
  interface AppLoadContext extends RequestContext {}
}
