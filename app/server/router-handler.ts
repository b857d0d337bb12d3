import { createReadableStreamFromReadable } from "@react-router/node";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { type AppLoadContext, type ServerBuild, createRequestHandler as createRouterRequestHandler } from "react-router";
import { errorReference, logFailure } from "./errors";

/**
 * React Router behind express: what @react-router/express 7.18 does (an express request becomes a
 * Fetch Request, the router answers, the Response goes out), with its own body writer.
 *
 * Why not the package's: its writer (`writeReadableStreamToWritable` in @react-router/node 7.18.5)
 * races every `read()` and every wait for `drain` against one promise that settles only if the
 * socket fails. Each `Promise.race` leaves a reaction on that promise, and the reaction keeps the
 * race's result, so every chunk written stays in memory until the response ends
 * (remix-run/react-router#15247, node#17469; fixed in 8.x only). A CSV export of a million ledger
 * rows kept all of its 73 MB of chunks that way (issue 15; heap snapshot in docs/performance.md),
 * and each drain wait left a listener on the compressor (MaxListenersExceededWarning).
 */
export function createRouterHandler({
  build,
  getLoadContext,
  mode,
}: {
  build: ServerBuild;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => Promise<unknown> | unknown;
  mode: string;
}) {
  const handleRequest = createRouterRequestHandler(build, mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const request = fetchRequest(req, res);
      const context = (await getLoadContext(req, res)) as AppLoadContext;
      await sendResponse(res, await handleRequest(request, context));
    } catch (error) {
      if (!res.headersSent) return next(error);
      // Too late for an error page: the body failed half-way (writeBody has cut the connection).
      logFailure(errorReference(), req.method, req.path, error);
    }
  };
}

/** The express request as a Fetch Request (as @react-router/express builds it), aborted when the client goes away. */
function fetchRequest(req: ExpressRequest, res: ExpressResponse): Request {
  const [, forwardedPort] = req.app?.enabled("trust proxy") ? (req.get("X-Forwarded-Host")?.split(":") ?? []) : [];
  const [, hostPort] = req.get("host")?.split(":") ?? [];
  const port = [forwardedPort, hostPort].map((p) => Number.parseInt(p ?? "", 10)).find((p) => Number.isSafeInteger(p));
  const hostname = req.hostname.split(/[\\/?#@]/)[0] || "localhost";
  const url = new URL(`${req.protocol}://${hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  let controller: AbortController | null = new AbortController();
  const signal = controller.signal;
  res.on("finish", () => {
    controller = null;
  });
  res.on("close", () => controller?.abort());
  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers)) {
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else if (values) headers.set(key, values);
  }
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = createReadableStreamFromReadable(req);
    init.duplex = "half";
  }
  return new Request(url.href, init);
}

async function sendResponse(res: ExpressResponse, response: Response) {
  if (res.destroyed || res.writableEnded) {
    await response.body?.cancel();
    return;
  }
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (response.body) await writeBody(response.body, res);
  else res.end();
}

/**
 * Writes a body at the pace the client takes it: the next chunk is read only after the last one
 * was accepted (`write` returned true, or `drain` came), so at most one chunk waits in the server
 * (the compressor and the socket each buffer their own ~16 KB). A client that goes away cancels
 * the body, which stops its producer (a CSV export stops reading the database). No promise lives
 * longer than one chunk, so nothing written is kept.
 */
export async function writeBody(body: ReadableStream<Uint8Array>, res: ExpressResponse): Promise<void> {
  const reader = body.getReader();
  let wake: (() => void) | null = null;
  const resume = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  let closed = false;
  const onClose = () => {
    closed = true;
    resume();
    reader.cancel().catch(() => {});
  };
  // One listener each for the whole body (compression moves `drain` listeners to its compressor,
  // which would otherwise collect one per wait).
  res.on("drain", resume);
  res.once("close", onClose);
  const flushable = res as ExpressResponse & { flush?: () => void };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (closed || res.destroyed) {
        if (!closed) reader.cancel().catch(() => {});
        return;
      }
      if (done) break;
      const accepted = res.write(value);
      // Compression holds output back until flushed: a streamed body must reach the client piece by piece.
      flushable.flush?.();
      if (!accepted && !closed) await new Promise<void>((r) => (wake = r));
    }
  } catch (error) {
    // The body failed half-way (a database error in the middle of an export): the client must not
    // take a cut-off file for a whole one, so the connection is cut instead of ended.
    reader.cancel(error).catch(() => {});
    if (!res.destroyed) {
      res.once("error", () => {});
      res.destroy(error as Error);
    }
    throw error;
  } finally {
    res.off("close", onClose);
    reader.releaseLock();
  }
  res.end();
}
