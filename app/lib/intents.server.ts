import { data, redirect, type AppLoadContext } from "react-router";
import type { Actor } from "./actor";
import { requireActor } from "./access.server";
import { type failure, readForm, type RunOptions, runAction } from "./forms.server";
import type { Action } from "./permissions";

/** One button of a form: what it does, and (when it needs more than the page's action) the permission it needs. */
export type Intent<R> = { can?: Action; run: (actor: Actor, formData: FormData) => Promise<R> | R };

type IntentResult<M extends Record<string, Intent<unknown>>> = Awaited<ReturnType<M[keyof M]["run"]>>;

/**
 * The one dispatcher for forms with several buttons (`name="intent"`). Anonymous visitors go to
 * sign in and roles without `base` get 403 before the body is read; then the form is read
 * (readForm, unless the page read it already), the intent is looked up as an own key of the map, never through the prototype, so
 * a missing, unknown, `__proto__` or `toString` intent is a 400 that changes nothing (no button
 * is the default: an empty form must never cancel an order or check out a cart); then the
 * intent's own permission is checked, and its handler runs inside runAction.
 */
export async function dispatchIntent<M extends Record<string, Intent<unknown>>>(
  request: Request,
  context: AppLoadContext,
  base: Action,
  intents: M,
  options: RunOptions & { formData?: FormData } = {},
): Promise<IntentResult<M> | ReturnType<typeof failure>> {
  requireActor(context, request, base);
  const formData = options.formData ?? (await readForm(request));
  const name = formData.get("intent");
  const intent = typeof name === "string" && Object.hasOwn(intents, name) ? intents[name] : undefined;
  if (!intent) {
    const known = Object.keys(intents).join(", ");
    throw data({ message: `Unknown or missing intent: this form takes intent = ${known}.` }, { status: 400 });
  }
  const actor = requireActor(context, request, intent.can ?? base);
  const run = intent.run;
  return (await runAction(formData, async () => run(actor, formData), options)) as IntentResult<M> | ReturnType<typeof failure>;
}

/**
 * The action of a "new …" page with one button: the permission, the form, then the new thing's
 * page (`create` returns its address), or the form again with its errors.
 */
export async function createAndOpen(request: Request, context: AppLoadContext, permission: Action, create: (actor: Actor, formData: FormData) => Promise<string>, options: RunOptions = {}) {
  const actor = requireActor(context, request, permission);
  const formData = await readForm(request);
  return runAction(
    formData,
    async () => {
      throw redirect(await create(actor, formData));
    },
    options,
  );
}
