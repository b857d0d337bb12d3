import { randomBytes } from "node:crypto";

/**
 * What the server tells itself about a failure; the person only ever sees a plain message and
 * the reference (app/server/http.ts answers outside React Router, app/entry.server.tsx inside).
 */

/** Short enough to read out over the phone, random enough not to collide in a day's log. */
export function errorReference(): string {
  return randomBytes(5).toString("hex").toUpperCase();
}

/** Seconds a client is asked to wait after a database outage before trying again. */
export const RETRY_AFTER_SECONDS = 10;

// Node socket errors, postgres.js connection states, and PostgreSQL's "connection exception"
// class (08), shutdown (57P01-57P03) and "too many connections" (53300): the database is not
// there, so no query could have run and trying again later is the right answer.
const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);

function codeOf(error: object): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

/** True when the error (or what it wraps: drizzle puts the driver's error in `cause`) says the database cannot be reached. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const code = codeOf(error);
  if (code && (UNREACHABLE.has(code) || code.startsWith("08"))) return true;
  if (error instanceof AggregateError && error.errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  return isDatabaseUnavailable((error as { cause?: unknown }).cause, depth + 1);
}

/** The request body was larger than its route allows; the server has already answered 413. */
export class BodyTooLarge extends Error {
  readonly code = "BODY_TOO_LARGE";
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
    this.name = "BodyTooLarge";
  }
}

export function isBodyTooLarge(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  if (codeOf(error) === "BODY_TOO_LARGE") return true;
  return isBodyTooLarge((error as { cause?: unknown }).cause, depth + 1);
}

/**
 * A path for the log without the secrets some paths carry (invitation and password-reset
 * tokens, unsubscribe ids): long segments are cut to their first characters.
 */
export function pathForLog(path: string): string {
  return path.slice(0, 300).replace(/[^/]{20,}/g, (s) => `${s.slice(0, 6)}…`);
}

/** One log line per failure, the reference first so support can find it. */
export function logFailure(reference: string, method: string, path: string, error: unknown): void {
  if (isDatabaseUnavailable(error)) {
    // An outage is an operational state, not a bug: one line, no stack.
    const cause = error instanceof Error ? `${codeOf(error) ?? ""} ${error.message}`.trim() : String(error);
    console.warn(`[${reference}] ${method} ${pathForLog(path)}: database unavailable (${cause.slice(0, 200)})`);
    return;
  }
  console.error(`[${reference}] ${method} ${pathForLog(path)} failed:`, error);
}

/**
 * What React Router's error path (app/entry.server.tsx handleError) learned about a request,
 * kept on the request's load context for app/server/http.ts to turn into the status and headers.
 * A global symbol: the server and the built app each load their own copy of this module.
 */
const FAILURE = Symbol.for("portal.request-failure");
export type Failure = { reference: string; unavailable: boolean };

export function noteFailure(context: object, failure: Failure): void {
  const previous = failureOf(context);
  (context as { [FAILURE]?: Failure })[FAILURE] = {
    reference: previous?.reference ?? failure.reference,
    unavailable: failure.unavailable || previous?.unavailable === true,
  };
}

export function failureOf(context: unknown): Failure | undefined {
  return context && typeof context === "object" ? (context as { [FAILURE]?: Failure })[FAILURE] : undefined;
}
