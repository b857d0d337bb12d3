import { Form, redirect, useActionData, useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { z } from "zod";
import { getDb } from "@db/client";
import { erasePerson, personToErase } from "~/domain/privacy/erase.server";
import { Badge, Button, Card, FormErrors, PageHeader, TextAreaField, TextField, errorsOf, valuesOf } from "~/components/ui";
import { useT } from "~/i18n/react";
import { orNotFound, requireActor } from "~/lib/access.server";
import { parseForm, readForm, runAction } from "~/lib/forms.server";
import type { Route } from "./+types/erase";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "people.erase");
  const person = orNotFound(await personToErase(await getDb(), actor, params.userId));
  return { person, self: person.id === actor.id };
}

const eraseSchema = z.object({
  reason: z.string().trim().min(1, "errors.required").max(500, "errors.too_long"),
  confirm: z
    .string()
    .trim()
    .refine((v) => v === "ERASE", "privacy.errors.confirm"),
});

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireActor(context, request, "people.erase");
  const formData = await readForm(request);
  return runAction(formData, async () => {
    const input = parseForm(eraseSchema, formData);
    const erased = await erasePerson(await getDb(), actor, params.userId, input.reason);
    return redirect(`/organisations/${erased.organisationId}?erased=1`);
  });
}

/** The confirmation step before an erasure: who, what goes, what stays, and why (required). */
export default function ErasePerson() {
  const { person, self } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const v = valuesOf(result);
  const t = useT();
  return (
    <>
      <PageHeader
        title={t("privacy.erase.title", { name: person.name })}
        subtitle={`${person.email} · ${t(`role.${person.role}`)} · ${person.organisationName}`}
      />
      <Card className="max-w-xl">
        {person.erasedAt ? (
          <p className="mb-4">
            <Badge tone="slate">{t("privacy.erase.already")}</Badge>
          </p>
        ) : (
          <>
            <p className="mb-2">{t("privacy.erase.intro")}</p>
            <p className="mb-4 text-sm text-slate-600">{t("privacy.erase.kept")}</p>
            <FormErrors errors={errors._form ? { _form: errors._form } : {}} />
            {self ? null : (
              <Form method="post" noValidate>
                <TextAreaField
                  id="erase-reason"
                  label={t("privacy.erase.reason")}
                  name="reason"
                  rows={3}
                  maxLength={500}
                  defaultValue={v.reason ?? ""}
                  errors={errors}
                />
                <TextField
                  id="erase-confirm"
                  label={t("privacy.erase.confirm")}
                  name="confirm"
                  autoComplete="off"
                  autoCapitalize="characters"
                  defaultValue=""
                  errors={errors}
                />
                <Button type="submit" variant="danger" className="w-full sm:w-auto">
                  {t("privacy.erase.submit")}
                </Button>
              </Form>
            )}
          </>
        )}
        <p className="mt-4">
          <Link to={`/organisations/${person.organisationId}`} className="text-brand-600 underline">
            {t("privacy.erase.cancel")}
          </Link>
        </p>
      </Card>
    </>
  );
}
