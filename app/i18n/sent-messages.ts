import type { Message } from "./define";

/**
 * Where a page's loader (or action) data carries the messages of the keys the server chose: a
 * ledger entry's description, a navigation label, a page title, an error. The browser's message
 * files hold the keys a route's code names (scripts/vite/portal-messages.ts); keys that come as
 * data could only be fetched after the data arrived, a second request per page. The server adds
 * their messages to the data instead (sent-messages.server.ts), and the browser's catalogue takes
 * them as it renders (catalog.browser.ts), so a page needs no message file but its routes' own.
 */
export const SENT_MESSAGES = "~messages";

/** The messages, in the language of the request. */
export type SentMessages = { l: string; m: Record<string, Message> };

/** The messages a loader's or action's data carries, if any. */
export function sentMessagesOf(data: unknown): SentMessages | undefined {
  if (!data || typeof data !== "object" || Array.isArray(data)) return undefined;
  const sent = (data as Record<string, unknown>)[SENT_MESSAGES] as SentMessages | undefined;
  return sent && typeof sent === "object" && typeof sent.l === "string" && sent.m && typeof sent.m === "object" ? sent : undefined;
}
