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
  /** A whole page is asked for (not React Router's `.data` request of a client navigation). */
  document?: boolean;
  /**
   * Markup a document's page renders but need not send again as loader data (charts drawn on the
   * server, which nothing in the browser changes): see app/components/server-markup.tsx.
   */
  markup?: Map<string, string>;
};

declare module "react-router" {
  interface AppLoadContext extends RequestContext {}
}
