import { createContext, useContext } from "react";

/**
 * Markup drawn on the server that a document request writes into the page once, and not again
 * into the loader data the browser hydrates from (issue 15: the report charts' SVG was two thirds
 * of a dashboard's hydration data, encoded, escaped and compressed on every request). A loader
 * holds it back on the request's context (`holdBack`); entry.server.tsx hands the map to the
 * render. In the browser there is no map: the element keeps what the server wrote (React neither
 * compares nor replaces dangerouslySetInnerHTML when hydrating, and leaves it alone while the
 * value stays the same), and a client navigation's data carries the markup inline.
 */
export const ServerMarkup = createContext<Map<string, string> | undefined>(undefined);

/** The markup to write: the loader data's own, or the one held back for this document. */
export function useServerMarkup(key: string, inline: string | null): string {
  const held = useContext(ServerMarkup);
  return inline ?? held?.get(key) ?? "";
}

/**
 * In a loader: for a document request, keep `markup` on the request's context and return null (the
 * page renders it from there); for a client navigation's data request, return it to send inline.
 */
export function holdBack(context: { document?: boolean; markup?: Map<string, string> }, key: string, markup: string | null): string | null {
  if (markup === null || !context.document) return markup;
  context.markup ??= new Map();
  context.markup.set(key, markup);
  return null;
}
