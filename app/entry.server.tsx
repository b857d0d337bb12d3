import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "react-router";
import { ServerRouter, isRouteErrorResponse } from "react-router";
import { renderToPipeableStream } from "react-dom/server";
import { ServerMarkup } from "~/components/server-markup";
import { errorReference, isBodyTooLarge, isDatabaseUnavailable, logFailure, noteFailure } from "~/server/errors";

export const streamTimeout = 5_000;

// Everything waits for all data (onAllReady): pages are small, and a phone on a bad line is
// better served by one complete document than by a stream that stalls half-way.
// The document is then sent as ONE buffer (issue 17): React writes it in ~2 KB chunks, and each
// chunk used to travel through a Node stream, a web ReadableStream, express and the compressor
// on its own; for a long page that per-chunk work cost more than rendering it. One buffer is one
// write to each, and a Content-Length when nothing compresses it.
export default function handleRequest(
  request: Request,
  status: number,
  headers: Headers,
  routerContext: EntryContext,
  loadContext: AppLoadContext,
) {
  if (request.method.toUpperCase() === "HEAD") return new Response(null, { status, headers });
  return new Promise<Response>((resolve, reject) => {
    const timeout = setTimeout(() => abort(), streamTimeout + 1000);
    const { pipe, abort } = renderToPipeableStream(
      <ServerMarkup.Provider value={loadContext.markup}>
        <ServerRouter context={routerContext} url={request.url} nonce={loadContext.nonce} />
      </ServerMarkup.Provider>,
      {
        nonce: loadContext.nonce,
        onAllReady() {
          const chunks: Buffer[] = [];
          const body = new Writable({
            write(chunk: Buffer | string, _encoding, callback) {
              chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
              callback();
            },
            final(callback) {
              clearTimeout(timeout);
              headers.set("Content-Type", "text/html; charset=utf-8");
              resolve(new Response(Buffer.concat(chunks), { headers, status }));
              callback();
            },
          });
          body.on("error", reject);
          pipe(body);
        },
        onShellError: reject,
        onError(error) {
          status = 500;
          logFailure(errorReference(), request.method, new URL(request.url).pathname, error);
        },
      },
    );
  });
}

/**
 * Every error a loader, action or render throws: logged once with a reference, which goes on
 * the request's context for app/server/http.ts (the reference header; 503 + Retry-After when the
 * database was out of reach). The page is the root ErrorBoundary, which never shows a message, a
 * stack or SQL (React Router hands pages sanitized errors: see `mode` in app/server/http.ts).
 * Not logged: requests the client gave up on, React Router's own 4xx (no such route), and
 * bodies http.ts has already refused with 413.
 */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted || isBodyTooLarge(error)) return;
  // "No route matches" and other 4xx answers React Router makes itself are not failures.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  const reference = errorReference();
  noteFailure(context as object, { reference, unavailable: isDatabaseUnavailable(error) });
  logFailure(reference, request.method, new URL(request.url).pathname, error);
};
