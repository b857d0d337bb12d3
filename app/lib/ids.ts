import { z } from "zod";

/**
 * The one shape of a row id. Every id is a UUID (gen_random_uuid()); checking the full shape
 * before a query matters, because a loose check such as 36 hex-or-dash characters lets
 * "------------------------------------" through to PostgreSQL, which then fails with a 500.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isId(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** A form or query field holding one id; the message is an i18n key like every form message. */
export const idField = z.string().trim().regex(UUID, "errors.invalid");
