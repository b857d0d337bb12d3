import { Form, redirect, useActionData, useLoaderData } from "react-router";
import { getDb } from "@db/client";
import { CONTEST_METRICS, CONTEST_PRIVACY, CONTEST_RANKINGS, CONTEST_SCOPES } from "@db/schema/contests";
import { PARTNER_ROLES, TIERS } from "@db/schema/enums";
import { createContest } from "~/domain/contests/contests.server";
import { contestSchema } from "~/domain/contests/forms";
import { listOrganisations } from "~/domain/organisations/organisations.server";
import { Button, Card, FormErrors, PageHeader, SelectField, TextAreaField, TextField, errorsOf, valuesOf } from "~/components/ui";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { formObject, parseForm, readForm, runAction } from "~/lib/forms.server";
import type { Route } from "./+types/new";

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "contest.manage");
  const partners = await listOrganisations(await getDb(), actor);
  return { partners: partners.map((p) => ({ id: p.id, name: p.name })), regions: [...new Set(partners.map((p) => p.region))].sort() };
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireActor(context, request, "contest.manage");
  const formData = await readForm(request);
  return runAction(formData, async () => {
    const contest = await createContest(await getDb(), actor, parseForm(contestSchema, formData, formObject(formData)));
    throw redirect(`/contests/${contest.id}`);
  });
}

function Checks({
  name,
  label,
  options,
  checked,
  error,
}: {
  name: string;
  label: string;
  options: Array<{ value: string; label: string }>;
  checked: string[];
  error?: string;
}) {
  return (
    <fieldset className="mb-4">
      <legend className="mb-1 text-sm font-medium text-slate-700">{label}</legend>
      <div className="flex flex-wrap gap-3">
        {options.map((o) => (
          <label key={o.value} className="flex min-h-11 items-center gap-2 text-sm">
            <input type="checkbox" name={name} value={o.value} defaultChecked={checked.includes(o.value)} className="h-5 w-5" />
            {o.label}
          </label>
        ))}
      </div>
      {error ? (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

export default function NewContest() {
  const { partners, regions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const v = valuesOf(result);
  const t = useT();
  const err = (k: string) => (errors[k]?.length ? errors[k].map((e) => t(e.key)).join(" ") : undefined);
  return (
    <>
      <PageHeader title={t("contest.new")} />
      <Card>
        <FormErrors errors={errors} />
        <Form method="post" noValidate className="grid gap-x-4 md:grid-cols-2">
          <TextField className="md:col-span-2" label={t("contest.field.name")} name="name" defaultValue={v.name} errors={errors} />
          <TextAreaField
            className="md:col-span-2"
            label={t("contest.field.rules")}
            name="rules"
            rows={4}
            defaultValue={v.rules}
            errors={errors}
          />
          <TextField label={t("contest.field.starts")} name="startsAt" type="date" defaultValue={v.startsAt} errors={errors} />
          <TextField label={t("contest.field.ends")} name="endsAt" type="date" defaultValue={v.endsAt} errors={errors} />
          <TextField
            label={t("contest.field.grace")}
            name="graceDays"
            type="number"
            inputMode="numeric"
            defaultValue={v.graceDays ?? "7"}
            errors={errors}
          />
          <SelectField
            label={t("contest.field.metric")}
            name="metric"
            defaultValue={v.metric}
            errors={errors}
            options={CONTEST_METRICS.map((m) => ({ value: m, label: t(`contest.metric.${m}`) }))}
          />
          <TextField
            className="md:col-span-2"
            label={t("contest.field.products")}
            name="productSkus"
            defaultValue={v.productSkus}
            errors={errors}
          />
          <SelectField
            label={t("contest.field.scope")}
            name="scope"
            defaultValue={v.scope}
            errors={errors}
            options={CONTEST_SCOPES.map((s) => ({ value: s, label: t(`contest.scope.${s}`) }))}
          />
          <TextField
            label={t("contest.field.regions")}
            name="regions"
            defaultValue={v.regions}
            placeholder={regions.join(", ")}
            errors={errors}
          />
          <Checks
            name="tiers"
            label={t("contest.field.tiers")}
            options={TIERS.map((x) => ({ value: x, label: t(`tier.${x}`) }))}
            checked={[]}
            error={err("tiers")}
          />
          <Checks
            name="partnerIds"
            label={t("contest.field.partners")}
            options={partners.map((p) => ({ value: p.id, label: p.name }))}
            checked={[]}
            error={err("partnerIds")}
          />
          <Checks
            name="roles"
            label={t("contest.field.roles")}
            options={PARTNER_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            checked={["salesperson"]}
            error={err("roles")}
          />
          <SelectField
            label={t("contest.field.ranking")}
            name="ranking"
            defaultValue={v.ranking}
            errors={errors}
            options={CONTEST_RANKINGS.map((r) => ({ value: r, label: t(`contest.ranking.${r}`) }))}
          />
          <TextField
            label={t("contest.field.min_score")}
            name="minScore"
            type="number"
            inputMode="numeric"
            defaultValue={v.minScore ?? "0"}
            errors={errors}
          />
          <SelectField
            label={t("contest.field.privacy")}
            name="privacy"
            defaultValue={v.privacy ?? "initials_partner"}
            errors={errors}
            options={CONTEST_PRIVACY.map((p) => ({ value: p, label: t(`contest.privacy.${p}`) }))}
          />
          <TextAreaField
            className="md:col-span-2"
            label={t("contest.field.prizes")}
            name="prizes"
            rows={3}
            defaultValue={v.prizes ?? "1-1: 5000\n2-3: 2000"}
            errors={errors}
          />
          <div className="md:col-span-2">
            <Button type="submit">{t("contest.create")}</Button>
          </div>
        </Form>
      </Card>
    </>
  );
}
