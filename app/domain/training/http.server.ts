import { data } from "react-router";
import { forbidden, notFound } from "~/lib/access.server";
import { UserError } from "~/lib/errors";
import type { FieldErrors } from "~/lib/form-types";
import { FormInvalid } from "~/lib/forms.server";

/**
 * Loaders of the training pages: a domain "not found" / "not allowed" becomes the 404 / 403
 * page (another partner's certificate reads exactly like a missing one).
 */
export async function load<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof UserError && error.status === 404) throw notFound();
    if (error instanceof UserError && error.status === 403) throw forbidden();
    throw error;
  }
}

/**
 * runAction for the trainer's forms, which have checkbox groups: on refusal the whole group is
 * echoed back (`lists`), so a form with a mistake comes back with every box still ticked.
 */
export async function runTrainingAction<T>(formData: FormData, body: () => Promise<T>) {
  try {
    return await body();
  } catch (error) {
    let errors: FieldErrors;
    let status = 400;
    if (error instanceof FormInvalid) errors = error.errors;
    else if (error instanceof UserError) {
      errors = { [error.field ?? "_form"]: [{ key: error.key, vars: error.vars }] };
      status = error.status;
    } else throw error;
    const values: Record<string, string> = {};
    for (const [k, v] of formData) if (typeof v === "string") values[k] = v;
    return data({ ok: false as const, errors, values, lists: { targetRoles: formData.getAll("targetRoles").map(String) } }, { status });
  }
}
