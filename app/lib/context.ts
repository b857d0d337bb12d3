import type { Actor } from "./actor";

/** What the HTTP server hands every loader and action (see app/server/http.ts). */
export type RequestContext = {
  actor: Actor | null;
  sessionId: string | null;
  ip: string;
  /** CSP nonce for the inline scripts React Router renders. */
  nonce: string;
};

declare module "react-router" {
  interface AppLoadContext extends RequestContext {}
}
