import { Form, useActionData, useLoaderData, useNavigation } from "react-router";
import { getDb } from "@db/client";
import { publishTermsSchema, referralBonusSchema } from "~/domain/enrolment/forms";
import { currentTerms, publishTerms, referralBonus, setReferralBonus } from "~/domain/enrolment/participation.server";
import { Button, Card, FormErrors, PageHeader, TextAreaField, TextField, errorsOf, valuesOf } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import type { Route } from "./+types/admin";

/** The programme's admins: the participation terms (each save a new version) and the referral bonus. */
export async function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "enrolment.manage");
  const db = await getDb();
  const [terms, bonus] = await Promise.all([currentTerms(db), referralBonus(db)]);
  return { terms, bonus };
}

export async function action({ request, context }: Route.ActionArgs) {
  return dispatchIntent(request, context, "enrolment.manage", {
    publish: {
      run: async (actor, formData) => {
        const input = parseForm(publishTermsSchema, formData);
        const row = await publishTerms(await getDb(), actor, input);
        return { ok: true as const, flash: { key: "enrol.admin.published", vars: { version: row.version } } };
      },
    },
    bonus: {
      run: async (actor, formData) => {
        const { points } = parseForm(referralBonusSchema, formData);
        await setReferralBonus(await getDb(), actor, points);
        return { ok: true as const, flash: { key: "enrol.admin.bonus_saved" } };
      },
    },
  });
}

export default function EnrolmentAdmin() {
  const t = useT();
  const f = useFormat();
  const { terms, bonus } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const values = valuesOf(result);
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <PageHeader title={t("enrol.admin.title")} subtitle={t("enrol.admin.subtitle")} />
      <FormErrors errors={errors} />
      <Card className="mb-6">
        <h2 className="mb-3 text-lg font-semibold">{t("enrol.admin.bonus_title")}</h2>
        <Form method="post" noValidate>
          <TextField
            label={t("enrol.admin.bonus")}
            name="points"
            inputMode="numeric"
            defaultValue={values.points ?? String(bonus)}
            errors={errors}
            hint={t("enrol.admin.bonus_hint")}
          />
          <Button type="submit" name="intent" value="bonus" disabled={busy}>
            {t("enrol.admin.save_bonus")}
          </Button>
        </Form>
      </Card>
      <Card>
        <h2 className="mb-1 text-lg font-semibold">{t("enrol.admin.terms_title")}</h2>
        <p className="mb-3 text-sm text-slate-600">
          {terms ? t("enrol.admin.terms_current", { version: terms.version, date: f.dateTime(terms.createdAt) }) : t("enrol.terms.none")}
        </p>
        <Form key={terms?.version ?? 0} method="post" noValidate>
          <TextField
            label={t("enrol.admin.terms_name")}
            name="title"
            maxLength={160}
            defaultValue={values.title ?? terms?.title ?? ""}
            errors={errors}
          />
          <TextAreaField
            label={t("enrol.admin.terms_body")}
            name="body"
            rows={12}
            maxLength={20000}
            defaultValue={values.body ?? terms?.body ?? ""}
            errors={errors}
            hint={t("enrol.admin.terms_hint")}
          />
          <Button type="submit" name="intent" value="publish" disabled={busy}>
            {t("enrol.admin.publish")}
          </Button>
        </Form>
      </Card>
    </>
  );
}
