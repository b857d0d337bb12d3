import { Form, useActionData, useLoaderData, useNavigation } from "react-router";
import { getDb } from "@db/client";
import { referralSchema } from "~/domain/enrolment/forms";
import { referralBonus } from "~/domain/enrolment/participation.server";
import { listReferrals, referColleague } from "~/domain/enrolment/referrals.server";
import { formatPhone } from "~/domain/sms/phone";
import { ContactFields } from "~/components/contact-fields";
import { Badge, Button, Card, FormErrors, PageHeader, errorsOf, valuesOf } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { parseForm, readForm, runAction } from "~/lib/forms.server";
import type { Route } from "./+types/referrals";

/** A participant invites a colleague at another partner (or a new dealer) and follows each invitation. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "referrals.send");
  const db = await getDb();
  const [referrals, bonus] = await Promise.all([listReferrals(db, actor), referralBonus(db)]);
  // Numbers are formatted here: the phone library (~24 KB) stays on the server (issue 17).
  return { referrals: referrals.map((r) => ({ ...r, phone: r.phone ? formatPhone(r.phone) : null })), bonus };
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireActor(context, request, "referrals.send");
  const formData = await readForm(request);
  return runAction(formData, async () => {
    const input = parseForm(referralSchema, formData);
    const made = await referColleague(await getDb(), actor, input);
    return { ok: true as const, flash: { key: "enrol.referrals.sent", vars: { name: made.name } } };
  });
}

const TONES = { invited: "slate", joined: "blue", earned: "green", reversed: "amber" } as const;

export default function Referrals() {
  const t = useT();
  const f = useFormat();
  const { referrals, bonus } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const values = result?.ok ? {} : valuesOf(result);
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <PageHeader
        title={t("enrol.referrals.title")}
        subtitle={bonus > 0 ? t("enrol.referrals.bonus", { count: bonus }) : t("enrol.referrals.no_bonus")}
      />
      <FormErrors errors={errors} />
      <Card className="mb-6">
        <h2 className="mb-3 text-lg font-semibold">{t("enrol.referrals.invite")}</h2>
        {/* A new key after a send empties the form for the next colleague. */}
        <Form key={result?.ok ? referrals[0]?.id : "form"} method="post" noValidate>
          <ContactFields values={values} errors={errors} />
          <Button type="submit" className="w-full md:w-auto" disabled={busy}>
            {t("enrol.referrals.send")}
          </Button>
        </Form>
      </Card>
      <h2 className="mb-2 text-lg font-semibold">{t("enrol.referrals.mine")}</h2>
      {referrals.length === 0 ? <p className="text-sm text-slate-600">{t("enrol.referrals.none")}</p> : null}
      <ul className="space-y-2">
        {referrals.map((r) => (
          <li key={r.id} className="rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{r.name}</span>
              <Badge tone={TONES[r.state]}>{t(`enrol.referral_state.${r.state}`)}</Badge>
              {r.earned > 0 ? (
                <span className="font-medium text-emerald-700">{t("enrol.referrals.earned", { count: r.earned })}</span>
              ) : null}
            </div>
            <p className="text-xs break-all text-slate-600">
              {[r.email, r.phone].filter(Boolean).join(" · ")} · {f.dateTime(r.createdAt)}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
