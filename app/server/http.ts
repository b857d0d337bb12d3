import { randomBytes } from "node:crypto";
import path from "node:path";
import express, { type Request as ExpressRequest, type Response as ExpressResponse } from "express";
import { createRequestHandler } from "@react-router/express";
import type { ServerBuild } from "react-router";
import { getDb } from "@db/client";
import { validateSessionToken } from "~/domain/auth/sessions.server";
import type { RequestContext } from "~/lib/context";
import { SESSION_COOKIE, clearSessionCookie, readCookie, sessionCookie } from "~/lib/session-cookie.server";

/**
 * Cross-site request forgery guard for every mutation: a browser always sends Origin (or at
 * least Sec-Fetch-Site) on a cross-site POST, so a mismatch is refused before any action runs.
 * SameSite=Lax on the session cookie is the second line.
 */
export function isCrossSiteMutation(method: string, headers: { origin?: string; host?: string; secFetchSite?: string }, forwardedHost?: string): boolean {
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

function securityHeaders(res: ExpressResponse, nonce: string) {
  res.setHeader(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
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
}

async function loadContext(req: ExpressRequest, res: ExpressResponse): Promise<RequestContext> {
  const nonce = res.locals.nonce as string;
  const secure = req.secure;
  const token = readCookie(req.headers.cookie ?? null, SESSION_COOKIE);
  const ip = req.ip ?? req.socket.remoteAddress ?? "unknown";
  if (!token) return { actor: null, sessionId: null, ip, nonce };
  const session = await validateSessionToken(await getDb(), token);
  if (!session) {
    res.append("Set-Cookie", clearSessionCookie(secure));
    return { actor: null, sessionId: null, ip, nonce };
  }
  if (session.refreshed) res.append("Set-Cookie", sessionCookie(token, session.expiresAt, secure));
  return { actor: session.actor, sessionId: session.sessionId, ip, nonce };
}

/** The portal's HTTP server: static files, security headers, CSRF guard, then React Router. */
export function createHttpApp(build: ServerBuild, opts: { clientDir: string; trustProxy?: boolean }) {
  const app = express();
  app.disable("x-powered-by");
  if (opts.trustProxy) app.set("trust proxy", true);
  // Headers first, so static files (scripts, styles) are served with nosniff and the rest too.
  app.use((_req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.nonce = nonce;
    securityHeaders(res, nonce);
    next();
  });
  // The service worker is checked for a new version on every visit, never taken from a cache.
  app.use((req, res, next) => {
    if (req.path === "/sw.js") res.setHeader("Cache-Control", "no-cache");
    next();
  });
  app.use(path.posix.join("/", build.publicPath ?? "/", "assets"), express.static(path.join(opts.clientDir, "assets"), { immutable: true, maxAge: "1y", index: false }));
  app.use(express.static(opts.clientDir, { maxAge: "1h", index: false }));
  app.use((req, res, next) => {
    const forwardedHost = opts.trustProxy ? (req.headers["x-forwarded-host"] as string | undefined) : undefined;
    if (isCrossSiteMutation(req.method, { origin: req.headers.origin, host: req.headers.host, secFetchSite: req.headers["sec-fetch-site"] as string | undefined }, forwardedHost)) {
      res.status(403).type("text/plain").send("Cross-site request refused.");
      return;
    }
    // Pages are per person: no shared cache may keep them, and the browser asks again before
    // reusing one (a shared phone after sign-out). Not no-store: the service worker keeps the
    // pages this person opened for when the signal drops, and forgets them at sign-out.
    res.setHeader("Cache-Control", "private, no-cache");
    next();
  });
  app.use(createRequestHandler({ build, getLoadContext: loadContext as never }));
  return app;
}
