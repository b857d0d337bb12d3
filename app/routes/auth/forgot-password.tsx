import { Form, useActionData } from "react-router";
import { Link } from "~/components/link";
import { z } from "zod";
import { getDb } from "@db/client";
import { requestPasswordReset } from "~/domain/auth/passwords.server";
import { AuthPage } from "~/components/auth-page";
import { Button, errorsOf, FormErrors, Notice, TextField, valuesOf } from "~/components/ui";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/react";
import { parseForm, readForm, runAction } from "~/lib/forms.server";
import type { Route } from "./+types/forgot-password";

const schema = z.object({ email: z.string().trim().min(1, "errors.required").pipe(z.email("errors.email")) });

export async function action({ request, context }: Route.ActionArgs) {
  const formData = await readForm(request);
  return runAction(formData, async () => {
    const { email } = parseForm(schema, formData);
    await requestPasswordReset(await getDb(), email, resolveLocale(request, context.actor), context.ip);
    return { ok: true as const };
  });
}

export default function ForgotPassword() {
  const t = useT();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  return (
    <AuthPage title={t("auth.reset.title")}>
      {result?.ok ? (
        <Notice>{t("auth.reset.sent")}</Notice>
      ) : (
        <Form method="post" noValidate>
          <FormErrors errors={errors} />
          <p className="mb-4 text-sm text-slate-600">{t("auth.reset.intro")}</p>
          <TextField
            label={t("auth.email")}
            name="email"
            type="email"
            inputMode="email"
            autoComplete="username"
            defaultValue={valuesOf(result).email}
            errors={errors}
            required
          />
          <Button type="submit" className="w-full">
            {t("auth.reset.send")}
          </Button>
        </Form>
      )}
      <p className="mt-4 text-center text-sm">
        <Link to="/login" className="text-brand-600 underline">
          {t("auth.back_to_sign_in")}
        </Link>
      </p>
    </AuthPage>
  );
}
