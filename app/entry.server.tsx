import { Transform } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "react-router";
import { createReadableStreamFromReadable } from "@react-router/node";
import { ServerRouter, isRouteErrorResponse } from "react-router";
import { renderToPipeableStream } from "react-dom/server";
import { errorReference, isBodyTooLarge, isDatabaseUnavailable, logFailure, noteFailure } from "~/server/errors";

export const streamTimeout = 5_000;

/**
 * React writes a rendered page in 4 KB pieces, and each piece would go on as a write of its own:
 * a compression flush (React Router flushes the compressor after every chunk) and a socket write
 * each, which for a 300 KB report page cost the server more than compressing it whole. The whole
 * page is ready when piping starts (onAllReady), so pieces are joined into 64 KB writes.
 */
const COALESCE_BYTES = 64 * 1024;

function coalesced(onEnd: () => void): Transform {
  let parts: Buffer[] = [];
  let size = 0;
  const take = () => {
    const joined = Buffer.concat(parts, size);
    parts = [];
    size = 0;
    return joined;
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      parts.push(chunk);
      size += chunk.length;
      callback(null, size >= COALESCE_BYTES ? take() : undefined);
    },
    flush(callback) {
      onEnd();
      callback(null, size ? take() : undefined);
    },
  });
}

// Everything waits for all data (onAllReady): pages are small, and a phone on a bad line is
// better served by one complete document than by a stream that stalls half-way.
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
    const { pipe, abort } = renderToPipeableStream(<ServerRouter context={routerContext} url={request.url} nonce={loadContext.nonce} />, {
      nonce: loadContext.nonce,
      onAllReady() {
        const body = coalesced(() => clearTimeout(timeout));
        headers.set("Content-Type", "text/html; charset=utf-8");
        pipe(body);
        resolve(new Response(createReadableStreamFromReadable(body), { headers, status }));
      },
      onShellError: reject,
      onError(error) {
        status = 500;
        logFailure(errorReference(), request.method, new URL(request.url).pathname, error);
      },
    });
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
