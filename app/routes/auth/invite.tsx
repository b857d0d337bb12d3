import { Form, redirect, useActionData, useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { z } from "zod";
import { getDb } from "@db/client";
import { peekUserToken } from "~/domain/auth/user-tokens.server";
import { acceptInvitation } from "~/domain/people/people.server";
import { AuthPage, NewPasswordFields } from "~/components/auth-page";
import { Button, FormErrors, TextField, errorsOf, valuesOf } from "~/components/ui";
import { useT } from "~/i18n/react";
import { parseForm, readForm, runAction } from "~/lib/forms.server";
import { mismatch, newPasswordFields, passwordsMatch } from "~/lib/password-rules";
import { isSecureRequest, sessionCookie } from "~/lib/session-cookie.server";
import type { Route } from "./+types/invite";

const schema = z
  .object({ name: z.string().trim().min(1, "errors.required").max(120, "errors.too_long"), ...newPasswordFields })
  .refine(passwordsMatch, mismatch);

export async function loader({ params }: Route.LoaderArgs) {
  const user = await peekUserToken(await getDb(), params.token, "invite");
  return user && user.status === "invited"
    ? { valid: true as const, name: user.name, email: user.email ?? user.phone ?? "" }
    : { valid: false as const };
}

export async function action({ request, params }: Route.ActionArgs) {
  const formData = await readForm(request);
  return runAction(formData, async () => {
    const input = parseForm(schema, formData);
    const session = await acceptInvitation(await getDb(), params.token, input);
    throw redirect("/home?welcome=1", {
      headers: { "Set-Cookie": sessionCookie(session.token, session.expiresAt, isSecureRequest(request)) },
    });
  });
}

export default function AcceptInvitation() {
  const t = useT();
  const invite = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  if (!invite.valid) {
    return (
      <AuthPage title={t("auth.invite.title")}>
        <p className="mb-4 text-slate-700">{t("auth.invite.invalid")}</p>
        <Link to="/login" className="text-brand-600 underline">
          {t("auth.back_to_sign_in")}
        </Link>
      </AuthPage>
    );
  }
  return (
    <AuthPage title={t("auth.invite.title")}>
      <p className="mb-4 text-sm text-slate-600">{t("auth.invite.intro", { email: invite.email })}</p>
      <FormErrors errors={errors} />
      <Form method="post" noValidate>
        <TextField
          label={t("people.name")}
          name="name"
          autoComplete="name"
          defaultValue={valuesOf(result).name ?? invite.name}
          errors={errors}
          required
        />
        <NewPasswordFields errors={errors} required />
        <Button type="submit" className="w-full">
          {t("auth.invite.accept")}
        </Button>
      </Form>
    </AuthPage>
  );
}
