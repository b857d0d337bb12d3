import { Form, redirect, useActionData, useNavigation, useSearchParams } from "react-router";
import { Link } from "~/components/link";
import { z } from "zod";
import { getDb } from "@db/client";
import { signIn } from "~/domain/auth/sign-in.server";
import { AuthPage } from "~/components/auth-page";
import { Button, FormErrors, TextField, errorsOf, valuesOf } from "~/components/ui";
import { useT } from "~/i18n/react";
import { safeRedirect } from "~/lib/access.server";
import { parseForm, readForm, runAction } from "~/lib/forms.server";
import { DEVICE_COOKIE, deviceCookie, isSecureRequest, readCookie, sessionCookie } from "~/lib/session-cookie.server";
import type { Route } from "./+types/login";

const schema = z.object({
  email: z.string().trim().min(1, "errors.required").pipe(z.email("errors.email")),
  password: z.string().min(1, "errors.required"),
  redirectTo: z.string().optional(),
});

export function loader({ context }: Route.LoaderArgs) {
  if (context.actor) throw redirect("/home");
  return null;
}

// A refusal's Retry-After reaches the browser only through this (React Router passes on cookies alone).
export function headers({ actionHeaders }: Route.HeadersArgs) {
  return actionHeaders;
}

export async function action({ request, context }: Route.ActionArgs) {
  const formData = await readForm(request);
  return runAction(formData, async () => {
    const input = parseForm(schema, formData);
    // Where to go next is settled before the session row is written.
    const next = safeRedirect(input.redirectTo);
    const deviceToken = readCookie(request.headers.get("cookie"), DEVICE_COOKIE);
    const session = await signIn(await getDb(), { ...input, ip: context.ip, deviceToken });
    const secure = isSecureRequest(request);
    const headers = new Headers();
    headers.append("Set-Cookie", sessionCookie(session.token, session.expiresAt, secure));
    if (session.newDevice) headers.append("Set-Cookie", deviceCookie(session.newDevice.token, session.newDevice.expiresAt, secure));
    throw redirect(next, { headers });
  });
}

export default function Login() {
  const t = useT();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const values = valuesOf(result);
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  return (
    <AuthPage title={t("auth.sign_in")}>
      <FormErrors errors={errors} />
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <TextField
          label={t("auth.email")}
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          defaultValue={values.email}
          errors={errors}
          required
        />
        <TextField label={t("auth.password")} name="password" type="password" autoComplete="current-password" errors={errors} required />
        <Button type="submit" className="w-full" disabled={busy}>
          {t("auth.sign_in")}
        </Button>
      </Form>
      <p className="mt-4 text-center text-sm">
        <Link to="/forgot-password" className="text-brand-600 underline">
          {t("auth.forgot")}
        </Link>
      </p>
      <p className="mt-3 text-center text-sm">
        <Link to="/login/code" className="text-brand-600 underline">
          {t("sms.code.link")}
        </Link>
      </p>
      <p className="mt-3 text-center text-sm">
        <Link to="/enrol" className="text-brand-600 underline">
          {t("enrol.login_link")}
        </Link>
      </p>
    </AuthPage>
  );
}
