import { data } from "react-router";
import type { z } from "zod";
import { UserError } from "./errors";
import type { FieldErrors, FormFailure } from "./form-types";

const SECRET = /password/i;

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

export function failure(errors: FieldErrors, formData?: FormData, status = 400, headers?: Record<string, string>) {
  return data<FormFailure>({ ok: false, errors, values: echo(formData) }, { status, headers });
}

/**
 * Runs an action body. Invalid input and broken business rules come back as 4xx data with
 * messages for the form, never as a 500; what the user typed is echoed back (never passwords).
 */
export async function runAction<T>(formData: FormData, body: () => Promise<T>) {
  try {
    return await body();
  } catch (error) {
    if (error instanceof FormInvalid) return failure(error.errors, formData);
    if (error instanceof UserError) return failure({ [error.field ?? "_form"]: [{ key: error.key, vars: error.vars }] }, formData, error.status, error.headers);
    throw error;
  }
}
