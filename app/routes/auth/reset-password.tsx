import { Form, redirect, useActionData, useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { z } from "zod";
import { getDb } from "@db/client";
import { resetPassword } from "~/domain/auth/passwords.server";
import { peekUserToken } from "~/domain/auth/user-tokens.server";
import { AuthPage, NewPasswordFields } from "~/components/auth-page";
import { Button, FormErrors, errorsOf } from "~/components/ui";
import { useT } from "~/i18n/react";
import { parseForm, readForm, runAction } from "~/lib/forms.server";
import { mismatch, newPasswordFields, passwordsMatch } from "~/lib/password-rules";
import { isSecureRequest, sessionCookie } from "~/lib/session-cookie.server";
import type { Route } from "./+types/reset-password";

const schema = z.object(newPasswordFields).refine(passwordsMatch, mismatch);

export async function loader({ params }: Route.LoaderArgs) {
  const user = await peekUserToken(await getDb(), params.token, "password_reset");
  return { valid: !!user };
}

export async function action({ request, params }: Route.ActionArgs) {
  const formData = await readForm(request);
  return runAction(formData, async () => {
    const { password } = parseForm(schema, formData);
    const session = await resetPassword(await getDb(), params.token, password);
    throw redirect("/home", { headers: { "Set-Cookie": sessionCookie(session.token, session.expiresAt, isSecureRequest(request)) } });
  });
}

export default function ResetPassword() {
  const t = useT();
  const { valid } = useLoaderData<typeof loader>();
  const errors = errorsOf(useActionData<typeof action>());
  return (
    <AuthPage title={t("auth.reset.choose")}>
      {valid ? (
        <Form method="post" noValidate>
          <FormErrors errors={errors} />
          <NewPasswordFields errors={errors} required />
          <Button type="submit" className="w-full">
            {t("auth.reset.save")}
          </Button>
        </Form>
      ) : (
        <>
          <p className="mb-4 text-slate-700">{t("auth.link_invalid")}</p>
          <Link to="/forgot-password" className="text-brand-600 underline">
            {t("auth.reset.again")}
          </Link>
        </>
      )}
    </AuthPage>
  );
}
