import { Form, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { PARTNER_ROLES } from "@db/schema/enums";
import { requestSchema } from "~/domain/enrolment/forms";
import { companyToJoin, requestToJoin } from "~/domain/enrolment/requests.server";
import { AuthPage } from "~/components/auth-page";
import { ContactFields } from "~/components/contact-fields";
import { Button, FormErrors, Notice, SelectField, errorsOf, valuesOf } from "~/components/ui";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/react";
import { orNotFound } from "~/lib/access.server";
import { parseForm, readForm, runAction } from "~/lib/forms.server";
import type { Route } from "./+types/join";

/** Step two: the request to join one partner, with name, email or phone, role and outlet. */
export async function loader({ params, context }: Route.LoaderArgs) {
  if (context.actor) throw redirect("/home");
  return { company: orNotFound(await companyToJoin(await getDb(), params.orgId)) };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  if (context.actor) throw redirect("/home");
  const db = await getDb();
  orNotFound(await companyToJoin(db, params.orgId));
  const formData = await readForm(request);
  return runAction(formData, async () => {
    const input = parseForm(requestSchema, formData);
    const { request: made } = await requestToJoin(db, params.orgId, input, { ip: context.ip, locale: resolveLocale(request, null) });
    return { ok: true as const, by: made.email ? ("email" as const) : ("phone" as const) };
  });
}

export default function JoinCompany() {
  const t = useT();
  const { company } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const values = valuesOf(result);
  const busy = useNavigation().state !== "idle";
  if (result?.ok)
    return (
      <AuthPage title={t("enrol.join.sent_title")}>
        <Notice>{t(result.by === "email" ? "enrol.join.sent_email" : "enrol.join.sent_phone", { organisation: company.name })}</Notice>
        <p className="text-center text-sm">
          <Link to="/login" className="text-brand-600 underline">
            {t("enrol.find.have_account")}
          </Link>
        </p>
      </AuthPage>
    );
  return (
    <AuthPage title={t("enrol.join.title", { organisation: company.name })}>
      <p className="mb-4 text-sm text-slate-600">{t("enrol.join.intro", { organisation: company.name })}</p>
      <FormErrors errors={errors} />
      <Form method="post" noValidate>
        <ContactFields values={values} errors={errors} own />
        <SelectField
          label={t("enrol.join.role")}
          name="role"
          defaultValue={values.role ?? "salesperson"}
          errors={errors}
          options={PARTNER_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
        />
        {company.outlets.length ? (
          <SelectField
            label={t("enrol.join.outlet")}
            name="outletId"
            defaultValue={values.outletId ?? ""}
            errors={errors}
            options={[
              { value: "", label: t("enrol.join.outlet_none") },
              ...company.outlets.map((o) => ({ value: o.id, label: `${o.name}, ${o.city}` })),
            ]}
          />
        ) : (
          <input type="hidden" name="outletId" value="" />
        )}
        <Button type="submit" className="w-full" disabled={busy}>
          {t("enrol.join.send")}
        </Button>
      </Form>
      <p className="mt-4 text-center text-sm">
        <Link to="/enrol" className="text-brand-600 underline">
          {t("enrol.join.other_company")}
        </Link>
      </p>
    </AuthPage>
  );
}
