import { Form, useActionData, useLoaderData, useNavigation } from "react-router";
import { getDb } from "@db/client";
import { PARTNER_ROLES } from "@db/schema/enums";
import { termsSchema } from "~/domain/enrolment/forms";
import { acceptTerms, termsPage } from "~/domain/enrolment/participation.server";
import { Badge, Button, Card, FormErrors, Notice, PageHeader, errorsOf } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { formObject, parseForm, readForm, runAction } from "~/lib/forms.server";
import type { Route } from "./+types/terms";

/** The executive accepts the programme's participation terms for the organisation and opts roles in. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "terms.accept");
  const { terms, participation, acceptedByName } = await termsPage(await getDb(), actor);
  return {
    terms,
    accepted: participation.acceptedAt
      ? { version: participation.termsVersion!, at: participation.acceptedAt, by: acceptedByName, roles: participation.roles }
      : null,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireActor(context, request, "terms.accept");
  const formData = await readForm(request);
  return runAction(
    formData,
    async () => {
      const input = parseForm(termsSchema, formData, { ...formObject(formData), roles: formData.getAll("roles") });
      await acceptTerms(await getDb(), actor, input);
      return { ok: true as const, flash: { key: "enrol.terms.saved" } };
    },
    { lists: ["roles"] },
  );
}

export default function ParticipationTerms() {
  const t = useT();
  const f = useFormat();
  const { terms, accepted } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const echoed = (result as { lists?: { roles?: string[] } } | undefined)?.lists?.roles;
  const chosen: readonly string[] = echoed ?? accepted?.roles ?? PARTNER_ROLES;
  const busy = useNavigation().state !== "idle";
  const current = !!terms && accepted?.version === terms.version;
  return (
    <>
      <PageHeader title={t("enrol.terms.title")} subtitle={t("enrol.terms.subtitle")} />
      {accepted ? (
        <Notice>
          {t("enrol.terms.accepted", { version: accepted.version, date: f.dateTime(accepted.at), name: accepted.by ?? "—" })}{" "}
          {t("enrol.terms.roles_now", { roles: accepted.roles.map((r) => t(`role.${r}`)).join(", ") || "—" })}
        </Notice>
      ) : (
        <p role="status" className="mb-4 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          {t("enrol.terms.not_accepted")}
        </p>
      )}
      <FormErrors errors={errors} />
      {terms ? (
        <Card>
          <h2 className="mb-1 text-lg font-semibold">
            {terms.title} <Badge tone={current ? "green" : "amber"}>{t("enrol.terms.version", { version: terms.version })}</Badge>
          </h2>
          <div className="mb-4 max-h-80 overflow-y-auto rounded border border-slate-200 p-3 text-sm whitespace-pre-line text-slate-800">
            {terms.body}
          </div>
          <Form method="post" noValidate>
            <input type="hidden" name="version" value={terms.version} />
            <fieldset className="mb-4" aria-describedby="roles-hint">
              <legend className="mb-1 text-sm font-medium text-slate-700">{t("enrol.terms.roles")}</legend>
              <p id="roles-hint" className="mb-1 text-xs text-slate-500">
                {t("enrol.terms.roles_hint")}
              </p>
              <div className="flex flex-wrap gap-x-4">
                {PARTNER_ROLES.map((r) => (
                  <label key={r} className="flex min-h-11 items-center gap-2 text-sm">
                    <input type="checkbox" name="roles" value={r} defaultChecked={chosen.includes(r)} className="h-5 w-5" />
                    {t(`role.${r}`)}
                  </label>
                ))}
              </div>
              {errors.roles ? (
                <p id="f-roles" role="alert" className="mt-1 text-sm text-red-700">
                  {errors.roles.map((m) => t(m.key, m.vars)).join(" ")}
                </p>
              ) : null}
            </fieldset>
            <label className="mb-4 flex min-h-11 items-center gap-2 text-sm">
              <input id="f-agree" type="checkbox" name="agree" className="h-5 w-5" defaultChecked={current} />
              {t("enrol.terms.agree")}
            </label>
            {errors.agree ? (
              <p role="alert" className="-mt-3 mb-4 text-sm text-red-700">
                {errors.agree.map((m) => t(m.key, m.vars)).join(" ")}
              </p>
            ) : null}
            <Button type="submit" className="w-full md:w-auto" disabled={busy}>
              {t(current ? "enrol.terms.save_roles" : "enrol.terms.accept")}
            </Button>
          </Form>
        </Card>
      ) : (
        <p className="text-sm text-slate-600">{t("enrol.terms.none")}</p>
      )}
    </>
  );
}
