import { data, redirect } from "react-router";
import { z } from "zod";
import { getDb } from "@db/client";
import { LOCALES } from "@db/schema/enums";
import { setLocale } from "~/domain/people/people.server";
import { localeCookie } from "~/i18n/locale.server";
import { safeRedirect } from "~/lib/access.server";
import { readFormResult } from "~/lib/forms.server";
import type { Route } from "./+types/locale";

const schema = z.object({ locale: z.enum(LOCALES), redirectTo: z.string().optional() });

/** Switches the interface language; remembered on the account when signed in, else in a cookie. */
export async function action({ request, context }: Route.ActionArgs) {
  const read = await readFormResult(request);
  const parsed = schema.safeParse(read.ok ? Object.fromEntries(read.formData) : null);
  if (!parsed.success) return data({ ok: false }, { status: 400 });
  if (context.actor) await setLocale(await getDb(), context.actor, parsed.data.locale);
  throw redirect(safeRedirect(parsed.data.redirectTo, "/"), { headers: { "Set-Cookie": localeCookie(parsed.data.locale) } });
}

export function loader() {
  throw redirect("/");
}
