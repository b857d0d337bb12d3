import { randomBytes } from "node:crypto";
import { type Dirent, readdirSync } from "node:fs";
import { MAX_PO_BYTES } from "~/domain/content/forms";
import type { IncomingMessage } from "node:http";
import path from "node:path";
import { Transform } from "node:stream";
import express, { type NextFunction, type Request as ExpressRequest, type Response as ExpressResponse } from "express";
import type { ServerBuild } from "react-router";
import { getDb, statementCounter } from "@db/client";
import { MAX_EVIDENCE_BYTES } from "~/domain/claims/shared";
import { validateSessionToken } from "~/domain/auth/sessions.server";
import { MAX_IMPORT_BYTES } from "~/domain/shop/fulfilment.server";
import { MAX_IMAGE_BYTES as MAX_REWARD_IMAGE_BYTES } from "~/domain/shop/manage.server";
import { MAX_IMAGE_BYTES as MAX_LESSON_IMAGE_BYTES } from "~/domain/training/course-authoring.server";
import { COSTSHARE_CLAIM_BYTES } from "~/domain/costshare/shared";
import { MAX_PHOTO_BYTES, MAX_REPORT_BYTES } from "~/domain/mystery/photos.server";
import { SELLOUT_MAX_BYTES } from "~/domain/sellout/rows";
import { resolveLocale } from "~/i18n/locale.server";
import { sendChosenMessages } from "~/i18n/sent-messages.server";
import { createTranslator } from "~/i18n/translate";
import type { RequestContext } from "~/lib/context";
import { SESSION_COOKIE, clearSessionCookie, readCookie, sessionCookie } from "~/lib/session-cookie.server";
import { dynamicCompression, precompressedAssets } from "./compression";
import { createRouterHandler } from "./router-handler";
import { BodyTooLarge, RETRY_AFTER_SECONDS, errorReference, failureOf, isDatabaseUnavailable, logFailure } from "./errors";

/**
 * Cross-site request forgery guard for every mutation: a browser always sends Origin (or at
 * least Sec-Fetch-Site) on a cross-site POST, so a mismatch is refused before any action runs.
 * SameSite=Lax on the session cookie is the second line.
 */
export function isCrossSiteMutation(
  method: string,
  headers: { origin?: string; host?: string; secFetchSite?: string },
  forwardedHost?: string,
): boolean {
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return false;
  if (headers.origin) {
    if (headers.origin === "null") return true;
    let originHost: string;
    try {
      originHost = new URL(headers.origin).host;
    } catch {
      return true;
    }
    return originHost !== (forwardedHost ?? headers.host);
  }
  return headers.secFetchSite === "cross-site";
}

function securityHeaders(req: ExpressRequest, res: ExpressResponse, nonce: string) {
  res.setHeader(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      // 'wasm-unsafe-eval' lets the serial scanner compile its own WebAssembly barcode reader (served
      // from 'self'); it allows no string eval.
      `script-src 'self' 'nonce-${nonce}' 'wasm-unsafe-eval'`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      "connect-src 'self'",
      // Lesson videos are embedded from these two players only (see app/domain/training/markdown.ts videoEmbed).
      "frame-src 'self' https://www.youtube-nocookie.com https://player.vimeo.com",
      "frame-ancestors 'self'",
      "form-action 'self'",
      "base-uri 'none'",
      "object-src 'none'",
    ].join("; "),
  );
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "SAMEORIGIN");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(self), geolocation=(), microphone=()");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  // Only over HTTPS (directly, or as a trusted proxy reports it): a browser ignores it on plain
  // HTTP, and sending it from a local http:// address would only confuse.
  if (req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000");
}

// ---------------------------------------------------------------------------------------------
// Request limits. Every body is capped before React Router reads it: by Content-Length up front,
// and by counting the bytes of a chunked body as they arrive. Nothing is buffered here; the
// route's own parser holds at most the limit.

const KB = 1024;
/**
 * An ordinary form (urlencoded, or multipart on a route without uploads). The largest real one
 * is a lesson: 20,000 characters of Markdown, up to 6 bytes each once encoded (Cyrillic), ~120 KB.
 */
export const FORM_BODY_LIMIT = 256 * KB;
/** Anything else: no route takes JSON or other bodies, so only a few bytes are ever legitimate. */
export const OTHER_BODY_LIMIT = 16 * KB;
/**
 * An upload may be up to twice the file its route accepts: room for the multipart framing and
 * the other fields, and for the route to explain "larger than 8 MB" next to the field for a file
 * that is merely too big. Beyond that it could never be accepted and is not read.
 */
const UPLOAD_FACTOR = 2;

/**
 * The routes that take a file, with the largest file each accepts (the route checks the file
 * itself and answers next to the field; this only stops what could never be accepted).
 */
const UPLOAD_ROUTES: ReadonlyArray<readonly [RegExp, number]> = [
  [/^\/claims\/new$/, MAX_EVIDENCE_BYTES],
  [/^\/claims\/[^/]+\/edit$/, MAX_EVIDENCE_BYTES],
  [/^\/claims\/products$/, MAX_IMPORT_BYTES], // product CSV import
  [/^\/shop\/manage\/rewards\/[^/]+$/, MAX_REWARD_IMAGE_BYTES],
  [/^\/shop\/fulfilment$/, MAX_IMPORT_BYTES], // tracking numbers CSV
  [/^\/learn\/manage\/courses\/[^/]+$/, MAX_LESSON_IMAGE_BYTES],
  [/^\/learn\/manage\/webinars\/[^/]+$/, MAX_IMPORT_BYTES], // attendance CSV
  [/^\/cost-share\/requests\/new$/, MAX_EVIDENCE_BYTES], // a draft layout
  [/^\/cost-share\/requests\/[^/]+$/, MAX_EVIDENCE_BYTES], // a changed layout on resubmission
  [/^\/cost-share\/requests\/[^/]+\/claim$/, COSTSHARE_CLAIM_BYTES], // final material and proof files
  [/^\/cost-share\/allocations$/, MAX_IMPORT_BYTES], // allocations CSV
  [/^\/mystery\/visits\/[^/]+$/, MAX_REPORT_BYTES], // a shopper's report: its photos and receipt together
  [/^\/mystery\/reports\/[^/]+$/, MAX_PHOTO_BYTES], // a partner's dispute evidence
  [/^\/sellout$/, SELLOUT_MAX_BYTES], // sell-out CSV
  [/^\/admin\/translations$/, MAX_PO_BYTES], // a translator's PO file
];

/** The page a request is for: React Router's client asks for `/claims/new.data` when it submits `/claims/new`. */
function pagePath(path: string): string {
  const p = path.replace(/\.data$/, "").replace(/\/+$/, "");
  return p === "/_root" ? "/" : p || "/";
}

export function bodyLimit(path: string, contentType: string | undefined): number {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (type === "multipart/form-data") {
    const page = pagePath(path);
    const upload = UPLOAD_ROUTES.find(([pattern]) => pattern.test(page));
    return upload ? upload[1] * UPLOAD_FACTOR : FORM_BODY_LIMIT;
  }
  if (type === "application/x-www-form-urlencoded") return FORM_BODY_LIMIT;
  return OTHER_BODY_LIMIT;
}

function sizeForPeople(bytes: number): string {
  return bytes >= 1024 * KB ? `${Math.floor(bytes / (1024 * KB))} MB` : `${Math.floor(bytes / KB)} KB`;
}

/**
 * Ends the connection once the answer is out without cutting it off: the client is usually still
 * sending the body it was refused, and closing a socket with unread data makes the kernel send a
 * reset that can destroy the 413 before the client reads it. So: stop sending (FIN), discard what
 * still arrives for a moment, then close for good.
 */
const LINGER_MS = 500;
function closeAfterAnswer(req: IncomingMessage) {
  const socket = req.socket as IncomingMessage["socket"] & { destroySoon?: () => void };
  socket.destroySoon = () => {
    socket.end();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
  req.unpipe();
  req.resume();
}

function refuseBody(req: ExpressRequest, res: ExpressResponse, limit: number) {
  if (res.headersSent) return;
  res.setHeader("Connection", "close");
  closeAfterAnswer(req);
  sendProblem(req, res, 413, "http.too_large", { size: sizeForPeople(limit) });
}

/** Up front: a declared length over the limit is refused before one byte of the body is read. */
function limitDeclaredBodies(req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
  const length = req.headers["content-length"];
  const chunked = req.headers["transfer-encoding"] !== undefined;
  if (!chunked && (!length || length === "0")) return next();
  const limit = bodyLimit(req.path, req.headers["content-type"]);
  // Node has already refused a malformed Content-Length, and one with Transfer-Encoding too.
  if (length && Number(length) > limit) return refuseBody(req, res, limit);
  res.locals.bodyLimit = limit;
  next();
}

// What @react-router/node's stream pump uses of the request as a stream; the rest (headers, ip,
// url) is the real request.
const STREAM_MEMBERS = new Set<PropertyKey>([
  "on",
  "once",
  "off",
  "addListener",
  "removeListener",
  "removeAllListeners",
  "prependListener",
  "pause",
  "resume",
  "isPaused",
  "read",
  "pipe",
  "unpipe",
  "destroy",
  "destroyed",
  "readable",
  "readableEnded",
  "readableHighWaterMark",
  Symbol.asyncIterator,
]);

/**
 * While streaming: React Router reads the body through a counter, which fails the body and
 * answers 413 the moment the count passes the limit. The route's parser then fails too (its
 * answer is dropped: the 413 is already out) and the rest of the body is never read.
 */
function countedBody(req: ExpressRequest, res: ExpressResponse, limit: number): ExpressRequest {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen <= limit) return done(null, chunk);
      done(new BodyTooLarge(limit));
      refuseBody(req, res, limit);
    },
  });
  // A client that goes away mid-body must fail the body, not end it: a cut-off form would parse.
  req.once("error", (error) => counter.destroy(error));
  req.once("aborted", () => counter.destroy(new Error("request aborted")));
  req.pipe(counter);
  // Answered without reading the whole body (an anonymous upload sent to sign in): drop the rest
  // for a moment, then the connection, rather than leave it stalled on a half-read body.
  res.once("finish", () => {
    if (req.complete) return;
    req.unpipe(counter);
    req.resume();
    setTimeout(() => {
      if (!req.complete) req.socket.destroy();
    }, LINGER_MS).unref();
  });
  return new Proxy(req, {
    get(target, key) {
      if (!STREAM_MEMBERS.has(key)) return Reflect.get(target, key);
      const value = Reflect.get(counter, key, counter);
      return typeof value === "function" ? value.bind(counter) : value;
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Error pages: the one answer for everything that fails outside React Router (React Router's own
// errors are mapped the same way in app/entry.server.tsx). The detail goes to the log under a
// reference; the page shows the reference and a plain sentence, never a stack or SQL.

type ProblemKey = "http.too_large" | "http.bad_request" | "http.unavailable" | "http.unexpected";

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A browser navigating gets a page; fetch, React Router's data requests and scripts get JSON. */
function wantsHtml(req: ExpressRequest): boolean {
  return !req.path.endsWith(".data") && /text\/html/i.test(req.headers.accept ?? "");
}

function sendProblem(
  req: ExpressRequest,
  res: ExpressResponse,
  status: number,
  key: ProblemKey,
  vars: Record<string, string> = {},
  reference?: string,
) {
  if (res.headersSent) {
    req.socket.destroy();
    return;
  }
  const headers = new Headers();
  if (req.headers.cookie) headers.set("Cookie", req.headers.cookie);
  if (req.headers["accept-language"]) headers.set("Accept-Language", req.headers["accept-language"]);
  const locale = resolveLocale({ headers } as Request, null);
  const t = createTranslator(locale);
  const title = t(`${key}.title`);
  const body = t(`${key}.body`, vars);
  const ref = reference ? t("http.reference", { ref: reference }) : "";
  res.status(status);
  res.setHeader("Cache-Control", "no-store");
  if (reference) res.setHeader("X-Error-Reference", reference);
  if (status === 503) res.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
  if (!wantsHtml(req)) {
    res.json({ error: body, ...(reference ? { reference } : {}) });
    return;
  }
  res
    .type("html")
    .send(
      `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${escapeHtml(title)}</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#0f172a">` +
        `<h1 style="font-size:1.5rem">${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p>` +
        (ref ? `<p style="color:#475569">${escapeHtml(ref)}</p>` : "") +
        `<p><a href="/home">${escapeHtml(t("http.back_home"))}</a></p></body></html>`,
    );
}

/** The one error handler: express calls it for anything thrown outside React Router's own error path. */
function handleServerError(error: unknown, req: ExpressRequest, res: ExpressResponse, _next: NextFunction) {
  const status = (error as { status?: unknown; statusCode?: unknown })?.status ?? (error as { statusCode?: unknown })?.statusCode;
  // A malformed request (express's own 4xx, e.g. an undecodable parameter): the client's fault, no log.
  if (typeof status === "number" && status >= 400 && status < 500)
    return sendProblem(req, res, status, status === 413 ? "http.too_large" : "http.bad_request", { size: "" });
  const reference = errorReference();
  logFailure(reference, req.method, req.path, error);
  if (isDatabaseUnavailable(error)) return sendProblem(req, res, 503, "http.unavailable", {}, reference);
  sendProblem(req, res, 500, "http.unexpected", {}, reference);
}

// ---------------------------------------------------------------------------------------------

/**
 * `TRUST_PROXY`: how many proxies stand in front of the portal (`1` for one nginx or load
 * balancer), or a comma-separated list of their addresses or subnets. The client address is
 * then the right-most X-Forwarded-For entry not added by a trusted proxy; the left-most entry is
 * whatever the client wrote. Unset, empty or `0`: forwarded headers are ignored. `true` (the
 * old boolean option) means one proxy.
 */
export function trustProxySetting(value: string | number | boolean | undefined): number | string[] | false {
  if (value === undefined || value === false || value === "" || value === 0 || value === "0") return false;
  if (value === true) return 1;
  if (typeof value === "number" || /^\d+$/.test(value.trim())) {
    const hops = Number(value);
    if (!Number.isSafeInteger(hops) || hops < 0) throw new Error(`TRUST_PROXY: ${value} is not a number of proxies`);
    return hops === 0 ? false : hops;
  }
  const list = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return list.length ? list : false;
}

async function loadContext(req: ExpressRequest, res: ExpressResponse): Promise<RequestContext> {
  const nonce = res.locals.nonce as string;
  const secure = req.secure;
  const token = readCookie(req.headers.cookie ?? null, SESSION_COOKIE);
  const ip = req.ip ?? req.socket.remoteAddress ?? "unknown";
  const context: RequestContext = { actor: null, sessionId: null, ip, nonce, document: !req.path.endsWith(".data") };
  // Kept for the status mapping in createHttpApp (React Router's errors are noted on it).
  res.locals.context = context;
  if (!token) return context;
  // On a GET the shell's counts come with the session (one statement for the request floor). After
  // an action they may have changed, and a client navigation that does not ask for the shell's
  // data does not need them: the shell loader reads them itself then.
  const routes = req.method === "GET" && req.path.endsWith(".data") ? new URL(req.url, "http://x").searchParams.get("_routes") : null;
  const withCounts = (req.method === "GET" || req.method === "HEAD") && (routes === null || routes.split(",").includes("routes/shell"));
  const session = await validateSessionToken(await getDb(), token, { withCounts });
  if (!session) {
    res.append("Set-Cookie", clearSessionCookie(secure));
    return context;
  }
  if (session.refreshed) res.append("Set-Cookie", sessionCookie(token, session.expiresAt, secure));
  return Object.assign(context, { actor: session.actor, sessionId: session.sessionId, counts: session.counts, timeZone: session.timeZone });
}

/**
 * React Router's answer after an error it handled itself: its 500 becomes 503 + Retry-After when
 * the error was the database being out of reach, and carries the reference from the log.
 */
function mapRouterFailures(res: ExpressResponse) {
  const setStatus = res.status.bind(res);
  res.status = ((code: number) => {
    const failure = failureOf(res.locals.context);
    if (!failure || code < 500) return setStatus(code);
    res.setHeader("X-Error-Reference", failure.reference);
    if (!failure.unavailable) return setStatus(code);
    res.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
    return setStatus(503);
  }) as typeof res.status;
}

/** Addresses of the build's public files outside assets/ and images/ (served by their own middleware). */
function listPublicFiles(dir: string): Set<string> {
  const out = new Set<string>();
  // Folder by folder, never into assets/ and images/: they hold ~2,800 of the build's files, and
  // walking them was part of every cold start.
  const walk = (rel: string) => {
    let entries: Dirent[] = [];
    try {
      entries = readdirSync(path.join(dir, rel), { withFileTypes: true });
    } catch {
      return; // No build yet.
    }
    for (const e of entries) {
      const name = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory() && name !== "assets" && name !== "images") walk(name);
      else if (e.isFile()) out.add(`/${name}`);
    }
  };
  walk("");
  return out;
}

/** The portal's HTTP server: limits, security headers, static files, CSRF guard, React Router, one error handler. */
export function createHttpApp(build: ServerBuild, opts: { clientDir: string; trustProxy?: boolean | number | string }) {
  const app = express();
  const trust = trustProxySetting(opts.trustProxy);
  app.disable("x-powered-by");
  // PORTAL_COUNT_STATEMENTS=1 (bench, tests): each answer says how many SQL statements it took.
  const counter = statementCounter();
  if (counter)
    app.use((_req, res, next) => {
      const tally = { count: 0 };
      const writeHead = res.writeHead;
      res.writeHead = function (this: ExpressResponse, ...args: Parameters<typeof writeHead>) {
        if (!this.headersSent) this.setHeader("X-Statement-Count", String(tally.count));
        return writeHead.apply(this, args);
      } as typeof writeHead;
      counter.run(tally, next);
    });
  // Compiled once here, so a bad address list stops the server at start, not on the first request.
  app.set("trust proxy", trust);
  // Headers first, so static files (scripts, styles) are served with nosniff and the rest too.
  app.use((req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.nonce = nonce;
    securityHeaders(req, res, nonce);
    next();
  });
  // A NUL can never be part of a real address or search, and PostgreSQL refuses it in text.
  app.use((req, res, next) => {
    if (/%00|\0/.test(req.originalUrl)) return sendProblem(req, res, 400, "http.bad_request");
    next();
  });
  app.use(limitDeclaredBodies);
  // The service worker is checked for a new version on every visit, never taken from a cache.
  app.use((req, res, next) => {
    if (req.path === "/sw.js") res.setHeader("Cache-Control", "no-cache");
    next();
  });
  app.use(dynamicCompression());
  // Hashed assets never change under their name: a year, immutable, and the precompressed copy.
  const assets = path.posix.join("/", build.publicPath ?? "/", "assets");
  app.use(assets, precompressedAssets(path.join(opts.clientDir, "assets")));
  app.use(assets, express.static(path.join(opts.clientDir, "assets"), { immutable: true, maxAge: "1y", index: false }));
  // The shop's pictures from the build (public/images) change only with a release; a week, then
  // revalidated by ETag.
  app.use("/images", express.static(path.join(opts.clientDir, "images"), { maxAge: "7d", index: false }));
  // The other public files (service worker, icons, offline script) are few and fixed at build:
  // only their own addresses reach the file server, so a page request costs no file-system lookup
  // (issue 17: a stat() per page was 7% of /login under load).
  const publicFiles = listPublicFiles(opts.clientDir);
  const publicStatic = express.static(opts.clientDir, { maxAge: "1h", index: false });
  app.use((req, res, next) => (publicFiles.has(req.path) ? publicStatic(req, res, next) : next()));
  app.use((req, res, next) => {
    const forwardedHost = trust ? (req.headers["x-forwarded-host"] as string | undefined) : undefined;
    if (
      isCrossSiteMutation(
        req.method,
        { origin: req.headers.origin, host: req.headers.host, secFetchSite: req.headers["sec-fetch-site"] as string | undefined },
        forwardedHost,
      )
    ) {
      res.status(403).type("text/plain").send("Cross-site request refused.");
      return;
    }
    // Pages are per person: no shared cache may keep them, and the browser asks again before
    // reusing one (a shared phone after sign-out). Not no-store: the service worker keeps the
    // pages this person opened for when the signal drops, and forgets them at sign-out.
    // A route that names its own caching (the manifest) replaces this default instead of
    // adding a second header: React Router appends its response headers.
    res.setHeader("Cache-Control", "private, no-cache");
    const append = res.append.bind(res);
    res.append = (field: string, value?: string | string[]) =>
      field.toLowerCase() === "cache-control" ? res.set(field, value) : append(field, value);
    next();
  });
  const reactRouter = createRouterHandler({
    // Each page's data carries the messages of the keys the server chose (app/i18n/sent-messages.ts).
    build: sendChosenMessages(build),
    getLoadContext: loadContext as never,
    // Errors reach the page sanitized (no message, no stack) unless someone runs a development server on purpose.
    mode: process.env.NODE_ENV === "development" ? "development" : "production",
  });
  app.use((req, res, next) => {
    const limit = res.locals.bodyLimit as number | undefined;
    const bounded = limit !== undefined && req.method !== "GET" && req.method !== "HEAD";
    mapRouterFailures(res);
    return reactRouter(bounded ? countedBody(req, res, limit) : req, res, next);
  });
  app.use(handleServerError);
  return app;
}
