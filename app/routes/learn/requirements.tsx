import { Form, useActionData, useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { requirementSchema } from "~/domain/gates/forms";
import { addRequirement, listRequirements, removeRequirement, requirementChoices } from "~/domain/gates/requirements.server";
import { Button, Card, FormErrors, Notice, PageHeader, SelectField, Table, errorsOf, valuesOf } from "~/components/ui";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import type { Route } from "./+types/requirements";

export async function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "training.requirements");
  const db = await getDb();
  const [requirements, choices] = await Promise.all([listRequirements(db), requirementChoices(db)]);
  return { requirements, choices };
}

export async function action({ request, context }: Route.ActionArgs) {
  const db = await getDb();
  return dispatchIntent(request, context, "training.requirements", {
    add: {
      run: async (actor, formData) => {
        // One form, three lists: the subject comes from the list of the kind chosen.
        const kind = String(formData.get("subjectType") ?? "");
        const subjectId = String(formData.get(`subject_${kind}`) ?? formData.get("subjectId") ?? "");
        await addRequirement(db, actor, parseForm(requirementSchema, formData, { ...Object.fromEntries(formData), subjectId }));
        return { ok: true as const, done: "added" as const };
      },
    },
    remove: {
      run: async (actor, formData) => {
        await removeRequirement(db, actor, parseForm(requirementSchema, formData));
        return { ok: true as const, done: "removed" as const };
      },
    },
  });
}

/** Courses a person must complete before a contest counts them, a reward can be redeemed, or a tier is reached. */
export default function TrainingRequirements() {
  const { requirements, choices } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const v = valuesOf(result);
  const t = useT();
  const subjectName = (r: (typeof requirements)[number]) =>
    r.subjectType === "tier" ? t(`gates.tier.${r.subjectId}`) : (r.subjectName ?? r.subjectId);
  return (
    <>
      <PageHeader title={t("gates.requirements.title")} subtitle={t("gates.requirements.subtitle")} />
      {result && "done" in result ? <Notice>{t(`gates.requirements.${result.done}`)}</Notice> : null}
      <FormErrors errors={errors} />
      <Card className="mb-4">
        <h2 className="mb-3 text-lg font-semibold">{t("gates.requirements.add")}</h2>
        <Form method="post" noValidate className="grid gap-x-4 md:grid-cols-2">
          <input type="hidden" name="intent" value="add" />
          <SelectField
            label={t("gates.requirements.kind")}
            name="subjectType"
            defaultValue={v.subjectType ?? "reward"}
            errors={errors}
            options={[
              { value: "reward", label: t("gates.subject.reward") },
              { value: "contest", label: t("gates.subject.contest") },
              { value: "tier", label: t("gates.subject.tier") },
            ]}
          />
          <SelectField
            label={t("gates.requirements.course")}
            name="courseId"
            defaultValue={v.courseId ?? ""}
            errors={errors}
            options={[{ value: "", label: "—" }, ...choices.courses.map((c) => ({ value: c.id, label: c.title }))]}
          />
          <SelectField
            label={t("gates.requirements.reward")}
            name="subject_reward"
            hint={t("gates.requirements.pick_hint")}
            defaultValue=""
            options={[{ value: "", label: "—" }, ...choices.rewards.map((r) => ({ value: r.id, label: r.name }))]}
          />
          <SelectField
            label={t("gates.requirements.contest")}
            name="subject_contest"
            defaultValue=""
            options={[{ value: "", label: "—" }, ...choices.contests.map((c) => ({ value: c.id, label: c.name }))]}
          />
          <SelectField
            label={t("gates.requirements.tier")}
            name="subject_tier"
            defaultValue=""
            errors={errors.subjectId ? { subjectId: errors.subjectId } : undefined}
            options={[{ value: "", label: "—" }, ...choices.tiers.map((tier) => ({ value: tier, label: t(`gates.tier.${tier}`) }))]}
          />
          <div className="md:col-span-2">
            <Button type="submit">{t("gates.requirements.save")}</Button>
          </div>
        </Form>
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("gates.requirements.list")}</h2>
        {requirements.length ? (
          <Table head={[t("gates.requirements.kind"), t("gates.requirements.subject"), t("gates.requirements.course"), ""]}>
            {requirements.map((r) => (
              <tr key={`${r.subjectType}:${r.subjectId}:${r.courseId}`} data-testid="requirement-row">
                <td className="px-3 py-2">{t(`gates.subject.${r.subjectType}`)}</td>
                <td className="px-3 py-2 font-medium">{subjectName(r)}</td>
                <td className="px-3 py-2">
                  <Link to={`/learn/courses/${r.courseId}`} className="text-brand-700 underline">
                    {r.courseTitle}
                  </Link>
                </td>
                <td className="px-3 py-2 text-right">
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="subjectType" value={r.subjectType} />
                    <input type="hidden" name="subjectId" value={r.subjectId} />
                    <input type="hidden" name="courseId" value={r.courseId} />
                    <Button type="submit" variant="secondary" className="min-h-11 px-3">
                      {t("gates.requirements.remove")}
                    </Button>
                  </Form>
                </td>
              </tr>
            ))}
          </Table>
        ) : (
          <p className="text-sm text-slate-600">{t("gates.requirements.none")}</p>
        )}
      </Card>
    </>
  );
}
