/** Thrown by domain functions for a rule a user broke; routes show `key` (an i18n key) to them. */
export class UserError extends Error {
  constructor(
    public readonly key: string,
    public readonly field?: string,
    public readonly vars?: Record<string, string | number>,
    public readonly status = 400,
    /** Response headers that go with the refusal (Retry-After on a 429). */
    public readonly headers?: Record<string, string>,
  ) {
    super(key);
  }
}

/** The one "no such thing (or not yours to see)" refusal: a 404 that says no more. */
export function notFoundError(): UserError {
  return new UserError("common.not_found", undefined, undefined, 404);
}

/** PostgreSQL SQLSTATE of a failed query, looked up through drizzle's wrapping. */
export function sqlState(error: unknown): string | undefined {
  let e: unknown = error;
  for (let i = 0; i < 4 && e; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export function constraintName(error: unknown): string | undefined {
  let e: unknown = error;
  for (let i = 0; i < 4 && e; i++) {
    const name = (e as { constraint_name?: unknown; constraint?: unknown }).constraint_name ?? (e as { constraint?: unknown }).constraint;
    if (typeof name === "string") return name;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
