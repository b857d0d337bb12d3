import { Form, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import { Link } from "~/components/link";
import { z } from "zod";
import { getDb } from "@db/client";
import { requestSignInCode, signInWithCode } from "~/domain/auth/sign-in-code.server";
import { CODE } from "~/domain/sms/code-rules";
import { requestCodeSchema, verifyCodeSchema } from "~/domain/sms/forms";
import { PHONE_MAX, formatPhone } from "~/domain/sms/phone";
import { AuthPage } from "~/components/auth-page";
import { Button, FormErrors, Notice, TextField, errorsOf, valuesOf } from "~/components/ui";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/react";
import { safeRedirect } from "~/lib/access.server";
import { parseForm, readForm, runAction } from "~/lib/forms.server";
import { DEVICE_COOKIE, deviceCookie, isSecureRequest, readCookie, sessionCookie } from "~/lib/session-cookie.server";
import type { Route } from "./+types/login-code";

const schema = z.discriminatedUnion("intent", [requestCodeSchema, verifyCodeSchema], "errors.invalid");

export function loader({ request, context }: Route.LoaderArgs) {
  if (context.actor) throw redirect("/home");
  // The invitation text links here with the number filled in.
  const phone = new URL(request.url).searchParams.get("phone")?.slice(0, PHONE_MAX) ?? "";
  return { phone };
}

// A refusal's Retry-After reaches the browser only through this.
export function headers({ actionHeaders }: Route.HeadersArgs) {
  return actionHeaders;
}

export async function action({ request, context }: Route.ActionArgs) {
  const formData = await readForm(request);
  return runAction(formData, async () => {
    const input = parseForm(schema, formData);
    const db = await getDb();
    if (input.intent === "send") {
      await requestSignInCode(db, { phone: input.phone, ip: context.ip, locale: resolveLocale(request, context.actor) });
      // Formatted here: the phone library (~24 KB) stays on the server (issue 17).
      return { ok: true as const, phone: input.phone, shown: formatPhone(input.phone) };
    }
    const next = safeRedirect(input.redirectTo);
    const deviceToken = readCookie(request.headers.get("cookie"), DEVICE_COOKIE);
    const session = await signInWithCode(db, { phone: input.phone, code: input.code, ip: context.ip, deviceToken });
    const secure = isSecureRequest(request);
    const headers = new Headers();
    headers.append("Set-Cookie", sessionCookie(session.token, session.expiresAt, secure));
    if (session.newDevice) headers.append("Set-Cookie", deviceCookie(session.newDevice.token, session.newDevice.expiresAt, secure));
    throw redirect(next, { headers });
  });
}

export default function LoginWithCode() {
  const t = useT();
  const { phone: linked } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const values = valuesOf(result);
  const busy = useNavigation().state !== "idle";
  // The code step: just after a code was asked for, or after a wrong code (the number comes back with the error).
  const sentTo = result?.ok ? result.phone : values.intent === "verify" ? values.phone : null;
  return (
    <AuthPage title={t("sms.code.title")}>
      <FormErrors errors={errors} />
      {sentTo ? (
        <>
          {result?.ok ? <Notice>{t("sms.code.sent", { phone: result.shown, count: CODE.minutes })}</Notice> : null}
          <Form method="post" noValidate className="mt-4">
            <input type="hidden" name="intent" value="verify" />
            <input type="hidden" name="phone" value={sentTo} />
            <TextField
              label={t("sms.code.code")}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]*"
              maxLength={8}
              errors={errors}
              required
            />
            <Button type="submit" className="w-full" disabled={busy}>
              {t("sms.code.verify")}
            </Button>
          </Form>
          <Form method="post" noValidate className="mt-3">
            <input type="hidden" name="intent" value="send" />
            <input type="hidden" name="phone" value={sentTo} />
            <Button type="submit" className="w-full" variant="secondary" disabled={busy}>
              {t("sms.code.again")}
            </Button>
          </Form>
          <p className="mt-4 text-center text-sm">
            <Link to="/login/code" reloadDocument className="text-brand-600 underline">
              {t("sms.code.other_number")}
            </Link>
          </p>
        </>
      ) : (
        <Form method="post" noValidate>
          <p className="mb-4 text-sm text-slate-600">{t("sms.code.intro")}</p>
          <input type="hidden" name="intent" value="send" />
          <TextField
            label={t("sms.code.phone")}
            name="phone"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            hint={t("sms.code.phone_hint")}
            defaultValue={values.phone ?? linked}
            errors={errors}
            required
          />
          <Button type="submit" className="w-full" disabled={busy}>
            {t("sms.code.send")}
          </Button>
        </Form>
      )}
      <p className="mt-4 text-center text-sm">
        <Link to="/login" className="text-brand-600 underline">
          {t("sms.code.with_email")}
        </Link>
      </p>
    </AuthPage>
  );
}
