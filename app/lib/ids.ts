import { z } from "zod";
import { notFoundError } from "./errors";

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

/**
 * For domain writes that take an id from an address: something that is not an id names nothing,
 * so it is the same 404 as a row that is not there (loaders use requireId in access.server.ts).
 */
export function existingId(id: string | undefined): string {
  if (!isId(id)) throw notFoundError();
  return id;
}
