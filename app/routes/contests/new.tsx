import { Form, redirect, useActionData, useLoaderData } from "react-router";
import { z } from "zod";
import { getDb } from "@db/client";
import { CONTEST_METRICS, CONTEST_PRIVACY, CONTEST_RANKINGS, CONTEST_SCOPES } from "@db/schema/contests";
import { PARTNER_ROLES, TIERS } from "@db/schema/enums";
import { createContest } from "~/domain/contests/contests.server";
import { listOrganisations } from "~/domain/organisations/organisations.server";
import { Button, Card, FormErrors, PageHeader, SelectField, TextAreaField, TextField, errorsOf, valuesOf } from "~/components/ui";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { formObject, parseForm, readForm, runAction } from "~/lib/forms.server";
import type { Route } from "./+types/new";
import { isIsoDay, lastInstantOfDay, startOfDay } from "~/lib/dates";

const list = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(item));
const day = z.string().refine(isIsoDay, "errors.date");
const PRIZE_LINE = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*:\s*(.+?)\s*$/;

const schema = z.object({
  name: z.string().trim().min(1, "errors.required").max(160, "errors.too_long"),
  rules: z.string().trim().min(1, "errors.required").max(5000, "errors.too_long"),
  startsAt: day,
  endsAt: day,
  graceDays: z.coerce.number("errors.number").int("errors.number").min(0, "errors.number").max(90, "errors.number"),
  scope: z.enum(CONTEST_SCOPES, "errors.choose"),
  tiers: list(z.enum(TIERS)),
  regions: z.string().default("").transform((v) => v.split(",").map((r) => r.trim()).filter(Boolean)),
  partnerIds: list(z.uuid()),
  roles: list(z.enum(PARTNER_ROLES)).refine((r) => r.length > 0, "errors.choose_some"),
  metric: z.enum(CONTEST_METRICS, "errors.choose"),
  productSkus: z.string().default("").transform((v) => v.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean)),
  ranking: z.enum(CONTEST_RANKINGS, "errors.choose"),
  minScore: z.coerce.number("errors.number").int("errors.number").min(0, "errors.number"),
  privacy: z.enum(CONTEST_PRIVACY, "errors.choose"),
  prizes: z
    .string()
    .default("")
    .transform((text, ctx) => {
      const prizes = [];
      for (const line of text.split("\n").filter((l) => l.trim())) {
        const m = PRIZE_LINE.exec(line);
        if (!m) {
          ctx.addIssue({ code: "custom", message: "contest.errors.prize_line" });
          return z.NEVER;
        }
        const from = Number(m[1]);
        const to = Number(m[2] ?? m[1]);
        const isPoints = /^\d+$/.test(m[3]);
        if (from < 1 || to < from) {
          ctx.addIssue({ code: "custom", message: "contest.errors.prize_line" });
          return z.NEVER;
        }
        prizes.push({ rankFrom: from, rankTo: to, points: isPoints ? Number(m[3]) : 0, description: isPoints ? "" : m[3] });
      }
      return prizes;
    }),
})
  .refine((v) => v.endsAt > v.startsAt, { message: "contest.errors.period", path: ["endsAt"] })
  .refine((v) => v.scope !== "tier" || v.tiers.length > 0, { message: "errors.choose_some", path: ["tiers"] })
  .refine((v) => v.scope !== "region" || v.regions.length > 0, { message: "errors.required", path: ["regions"] })
  .refine((v) => v.scope !== "list" || v.partnerIds.length > 0, { message: "errors.choose_some", path: ["partnerIds"] });

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "contest.manage");
  const partners = await listOrganisations(await getDb(), actor);
  return { partners: partners.map((p) => ({ id: p.id, name: p.name })), regions: [...new Set(partners.map((p) => p.region))].sort() };
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireActor(context, request, "contest.manage");
  const formData = await readForm(request);
  return runAction(formData, async () => {
    const input = parseForm(schema, formData, formObject(formData));
    // The end date is inclusive: a contest "until 31 May" runs to the end of that day.
    const contest = await createContest(await getDb(), actor, { ...input, startsAt: startOfDay(input.startsAt), endsAt: lastInstantOfDay(input.endsAt) });
    throw redirect(`/contests/${contest.id}`);
  });
}

function Checks({ name, label, options, checked, error }: { name: string; label: string; options: Array<{ value: string; label: string }>; checked: string[]; error?: string }) {
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
          <TextAreaField className="md:col-span-2" label={t("contest.field.rules")} name="rules" rows={4} defaultValue={v.rules} errors={errors} />
          <TextField label={t("contest.field.starts")} name="startsAt" type="date" defaultValue={v.startsAt} errors={errors} />
          <TextField label={t("contest.field.ends")} name="endsAt" type="date" defaultValue={v.endsAt} errors={errors} />
          <TextField label={t("contest.field.grace")} name="graceDays" type="number" inputMode="numeric" defaultValue={v.graceDays ?? "7"} errors={errors} />
          <SelectField label={t("contest.field.metric")} name="metric" defaultValue={v.metric} errors={errors} options={CONTEST_METRICS.map((m) => ({ value: m, label: t(`contest.metric.${m}`) }))} />
          <TextField className="md:col-span-2" label={t("contest.field.products")} name="productSkus" defaultValue={v.productSkus} errors={errors} />
          <SelectField label={t("contest.field.scope")} name="scope" defaultValue={v.scope} errors={errors} options={CONTEST_SCOPES.map((s) => ({ value: s, label: t(`contest.scope.${s}`) }))} />
          <TextField label={t("contest.field.regions")} name="regions" defaultValue={v.regions} placeholder={regions.join(", ")} errors={errors} />
          <Checks name="tiers" label={t("contest.field.tiers")} options={TIERS.map((x) => ({ value: x, label: t(`tier.${x}`) }))} checked={[]} error={err("tiers")} />
          <Checks name="partnerIds" label={t("contest.field.partners")} options={partners.map((p) => ({ value: p.id, label: p.name }))} checked={[]} error={err("partnerIds")} />
          <Checks name="roles" label={t("contest.field.roles")} options={PARTNER_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} checked={["salesperson"]} error={err("roles")} />
          <SelectField label={t("contest.field.ranking")} name="ranking" defaultValue={v.ranking} errors={errors} options={CONTEST_RANKINGS.map((r) => ({ value: r, label: t(`contest.ranking.${r}`) }))} />
          <TextField label={t("contest.field.min_score")} name="minScore" type="number" inputMode="numeric" defaultValue={v.minScore ?? "0"} errors={errors} />
          <SelectField label={t("contest.field.privacy")} name="privacy" defaultValue={v.privacy ?? "initials_partner"} errors={errors} options={CONTEST_PRIVACY.map((p) => ({ value: p, label: t(`contest.privacy.${p}`) }))} />
          <TextAreaField className="md:col-span-2" label={t("contest.field.prizes")} name="prizes" rows={3} defaultValue={v.prizes ?? "1-1: 5000\n2-3: 2000"} errors={errors} />
          <div className="md:col-span-2">
            <Button type="submit">{t("contest.create")}</Button>
          </div>
        </Form>
      </Card>
    </>
  );
}
