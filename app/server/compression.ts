import { readdirSync } from "node:fs";
import compression from "compression";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { DYNAMIC_BROTLI_PARAMS } from "./brotli";

/**
 * Content-encodings the client accepts, by RFC 9110 rules that matter here: a listed coding with
 * q=0 is refused, `*` stands for the unlisted ones.
 */
export function acceptedEncodings(header: string | undefined): Set<"br" | "gzip"> {
  const out = new Set<"br" | "gzip">();
  if (!header) return out;
  const q = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const weight = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    q.set(name.trim(), weight ? Number(weight.slice(2)) || 0 : 1);
  }
  for (const coding of ["br", "gzip"] as const) {
    const weight = q.get(coding) ?? q.get("*") ?? 0;
    if (weight > 0) out.add(coding);
  }
  return out;
}

/**
 * Hashed build assets were compressed once at build time (brotli 11 and gzip 9, see
 * vite.config.ts): a phone on one bar of signal gets the smallest file and the server spends no
 * CPU per request. The request is pointed at `<file>.br` or `<file>.gz`, with the original's type,
 * `Content-Encoding` and `Vary: Accept-Encoding`; the static server after this sends the bytes.
 */
export function precompressedAssets(dir: string) {
  const available = new Map<string, Set<string>>();
  let files: string[] = [];
  try {
    files = readdirSync(dir);
  } catch {
    // No build yet: nothing precompressed, everything is served as is.
  }
  for (const name of files) {
    const m = /^(.*)\.(br|gz)$/.exec(name);
    if (!m) continue;
    const set = available.get(m[1]) ?? new Set<string>();
    set.add(m[2]);
    available.set(m[1], set);
  }
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const name = req.path.replace(/^\//, "");
    const have = available.get(name);
    if (!have) return next();
    res.vary("Accept-Encoding");
    const accepted = acceptedEncodings(req.headers["accept-encoding"]);
    const coding = have.has("br") && accepted.has("br") ? "br" : have.has("gz") && accepted.has("gzip") ? "gz" : null;
    if (!coding) return next();
    res.type(name.slice(name.lastIndexOf(".") + 1));
    res.setHeader("Content-Encoding", coding === "br" ? "br" : "gzip");
    const query = req.url.indexOf("?");
    req.url = `/${name}.${coding}${query >= 0 ? req.url.slice(query) : ""}`;
    next();
  };
}

/**
 * Pages (HTML), React Router's data (`.data`), JSON and the unhashed public files are compressed
 * as they stream: brotli for clients that take it, gzip otherwise. Anything that already has a
 * Content-Encoding (the precompressed assets above) and bodies under 1 KB pass through.
 * Brotli settings: DYNAMIC_BROTLI_PARAMS (./brotli.ts).
 */
export function dynamicCompression() {
  return compression({
    threshold: 1024,
    brotli: { params: DYNAMIC_BROTLI_PARAMS },
  });
}
