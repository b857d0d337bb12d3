import type { ReactNode } from "react";
import { Form, useLocation } from "react-router";
import { LOCALE_NAMES, LOCALES } from "@db/schema/enums";
import { useLocale, useT } from "~/i18n/react";
import type { FieldErrors } from "~/lib/form-types";
import { TextField } from "./ui";

/** The frame of the signed-out pages: brand, a card, and the language switch. */
export function AuthPage({ title, children }: { title: string; children: ReactNode }) {
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center px-4 py-8">
      <p className="mb-6 text-center text-sm font-semibold tracking-wide text-brand-600 uppercase">{t("app.name")}</p>
      <div className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="mb-4 text-xl font-semibold">{title}</h1>
        {children}
      </div>
      <Form method="post" action="/locale" className="mt-6 flex flex-wrap justify-center gap-x-1 text-sm" aria-label={t("me.language")}>
        <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
        {/* Every other language, each named in itself, one tap away before signing in. */}
        {LOCALES.filter((l) => l !== locale).map((l) => (
          <button key={l} type="submit" name="locale" value={l} lang={l} className="min-h-11 px-2 text-slate-600 underline">
            {LOCALE_NAMES[l]}
          </button>
        ))}
      </Form>
    </main>
  );
}

/**
 * Choosing a new password: the one pair of fields (new and again) for accepting an invitation,
 * a reset link and the profile's change form, with the same hint and browser autofill hints.
 */
export function NewPasswordFields({ errors, required = false }: { errors: FieldErrors; required?: boolean }) {
  const t = useT();
  return (
    <>
      <TextField
        label={t("auth.new_password")}
        name="password"
        type="password"
        autoComplete="new-password"
        errors={errors}
        hint={t("auth.password_hint")}
        required={required}
      />
      <TextField
        label={t("auth.confirm_password")}
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        errors={errors}
        required={required}
      />
    </>
  );
}
