import { data } from "react-router";
import type { z } from "zod";
import { UserError } from "./errors";
import type { FieldErrors, FormFailure } from "./form-types";

const SECRET = /password/i;

/**
 * The most fields any form here sends: the claim form, 30 lines of 50 serial numbers plus their
 * other fields, is the largest (about 1,700). Past this a body is refused before anything
 * reads it field by field (and before a query could be built from, say, 70,000 serials).
 */
export const MAX_FORM_FIELDS = 2_000;

export type Unreadable = { ok: false; status: 400 | 413; message: string };

/**
 * The one way an action reads its form (readForm throws; readFormResult returns, for a page that
 * shows its own message). Only urlencoded and multipart bodies are forms; JSON, text, a missing
 * or broken body is a 400 with a clear message, more than `maxFields` fields a 413, instead of
 * the 500 that request.formData() throws. Byte size is capped before this, in app/server/http.ts.
 */
export async function readFormResult(
  request: Request,
  options: { maxFields?: number } = {},
): Promise<{ ok: true; formData: FormData } | Unreadable> {
  const maxFields = options.maxFields ?? MAX_FORM_FIELDS;
  const tooMany: Unreadable = { ok: false, status: 413, message: `The form has more than ${maxFields} fields.` };
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") {
    let text: string;
    try {
      text = await request.text();
    } catch {
      return { ok: false, status: 400, message: "The form could not be read: the body was cut off or is not text." };
    }
    // Count the fields before splitting them, so a body of many tiny fields costs one pass.
    let fields = text.length ? 1 : 0;
    for (let i = text.indexOf("&"); i !== -1 && fields <= maxFields; i = text.indexOf("&", i + 1)) fields++;
    if (fields > maxFields) return tooMany;
    const formData = new FormData();
    for (const [k, v] of new URLSearchParams(text)) formData.append(k, v);
    return { ok: true, formData };
  }
  if (type === "multipart/form-data") {
    let formData: FormData;
    try {
      formData = await request.formData();
    } catch {
      return { ok: false, status: 400, message: "The form could not be read: the multipart body is broken or was cut off." };
    }
    let fields = 0;
    for (const _ of formData.keys()) if (++fields > maxFields) return tooMany;
    return { ok: true, formData };
  }
  return { ok: false, status: 400, message: "This address takes a form (application/x-www-form-urlencoded or multipart/form-data)." };
}

/** readFormResult for actions: a body that is not a readable form is the 400 or 413 page. */
export async function readForm(request: Request, options: { maxFields?: number } = {}): Promise<FormData> {
  const read = await readFormResult(request, options);
  if (!read.ok) throw data({ message: read.message }, { status: read.status });
  return read.formData;
}

function echo(formData: FormData | undefined): Record<string, string> {
  const values: Record<string, string> = {};
  if (formData) for (const [k, v] of formData) if (typeof v === "string" && !SECRET.test(k)) values[k] = v;
  return values;
}

/** Thrown by parseForm; runAction turns it into a 400 with the field errors. */
export class FormInvalid extends Error {
  constructor(public readonly errors: FieldErrors) {
    super("form invalid");
  }
}

export function formObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of new Set(formData.keys())) {
    const all = formData.getAll(k);
    out[k] = all.length > 1 ? all : all[0];
  }
  return out;
}

/**
 * Validates input with a zod schema whose messages are i18n keys ("errors.required").
 * Returns the parsed value or throws FormInvalid with the messages per field.
 */
export function parseForm<S extends z.ZodType>(schema: S, formData: FormData, input?: unknown): z.infer<S> {
  const value = input ?? formObject(formData);
  const errors: FieldErrors = {};
  // PostgreSQL cannot store a NUL character: refuse it here, as bad input, not as a 500 later.
  for (const field of fieldsWithNul(value)) errors[field] = [{ key: "errors.invalid" }];
  if (Object.keys(errors).length) throw new FormInvalid(errors);
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const field = issue.path.length ? issue.path.join(".") : "_form";
    // A field the form did not send at all reads as "required", not as "not valid".
    const missing = issue.code === "invalid_type" && valueAt(value, issue.path) === undefined;
    // Schemas name their messages by i18n key ("errors.required", "contest.errors.period");
    // zod's own English never reaches the page.
    const named = /^([a-z_]+\.)*errors\.[a-z_.]+$/.test(issue.message);
    const key = named ? issue.message : missing ? "errors.required" : "errors.invalid";
    (errors[field] ??= []).push({ key });
  }
  throw new FormInvalid(errors);
}

function valueAt(value: unknown, path: PropertyKey[]): unknown {
  let v = value;
  for (const k of path) v = v && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

function fieldsWithNul(value: unknown, prefix = ""): string[] {
  if (typeof value === "string") return value.includes("\u0000") ? [prefix || "_form"] : [];
  if (Array.isArray(value)) return value.some((v) => typeof v === "string" && v.includes("\u0000")) ? [prefix || "_form"] : [];
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => fieldsWithNul(v, prefix ? `${prefix}.${k}` : k));
  }
  return [];
}

export function failure(
  errors: FieldErrors,
  formData?: FormData,
  status = 400,
  options: RunOptions & { headers?: Record<string, string> } = {},
) {
  const lists = options.lists && formData ? Object.fromEntries(options.lists.map((k) => [k, formData.getAll(k).map(String)])) : undefined;
  return data<FormFailure>(
    { ok: false, errors, values: echo(formData), ...(lists ? { lists } : {}) },
    { status, headers: options.headers },
  );
}

/** `lists`: checkbox groups echoed back whole on a refusal, so every ticked box stays ticked. */
export type RunOptions = { lists?: readonly string[] };

/**
 * Runs an action body. Invalid input and broken business rules come back as 4xx data with
 * messages for the form, never as a 500; what the user typed is echoed back (never passwords).
 */
export async function runAction<T>(formData: FormData, body: () => Promise<T>, options: RunOptions = {}) {
  try {
    return await body();
  } catch (error) {
    if (error instanceof FormInvalid) return failure(error.errors, formData, 400, options);
    if (error instanceof UserError)
      return failure({ [error.field ?? "_form"]: [{ key: error.key, vars: error.vars }] }, formData, error.status, {
        ...options,
        headers: error.headers,
      });
    throw error;
  }
}
